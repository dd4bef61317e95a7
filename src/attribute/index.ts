/**
 * Attribution: competing hypotheses over typed evidence, each item's weight bounded by how cheaply another
 * actor could have planted it; false flags found as cheap evidence that contradicts dearer evidence; the
 * activity-time inference; sensitivity (what the answer is without each item); ICD 203 words. A pure library:
 * the CLI hands it evidence and actor profiles and prints the result.
 */
export { attribute } from './attribute.js';
export type { AttributionInput, AttributionOptions } from './attribute.js';
export * from './evidence.js';
export * from './cost.js';
export * from './result.js';
export { likelihoodWord } from './words.js';
export type { Confidence, Likelihood } from './words.js';
export { score, byActor, itemRatio, UNKNOWN } from './score.js';
export type { Hypothesis, ScoreOptions, Scored } from './score.js';
export { detectFalseFlags } from './false-flags.js';
export type { FalseFlag } from './false-flags.js';
export type { Pivot, Sensitivity } from './sensitivity.js';
export { tlshDistance } from './tlsh.js';
export { cidrContains } from './net.js';
export { canonicalJson } from './ids.js';
export { ActivityData, inferActivity } from './activity/index.js';
export type { ActivityInference, ActivityOptions, ActivityBasis } from './activity/index.js';
export { SPECIFICITY } from './match.js';
