/**
 * One sample and a corpus of them: examine a PE or ELF held in memory into a full report, examine files and folders
 * into the case (one transaction per sample, idempotent by SHA-256, families recomputed), and compare two samples.
 */
export { examineSample, sniffFormat, formatOf } from './examine-sample.js';
export { examine, summarize, type ExamineOptions, type ExamineProgress, type ExamineResult, type SampleOutcome, type SampleSummary } from './corpus.js';
export { compareSamples, VERDICT_THRESHOLDS, type SampleComparison, type Verdict, type Overlap } from './compare.js';
export type * from './types.js';
