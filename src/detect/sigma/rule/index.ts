/** The parsed Sigma rule: YAML with positions → immutable rule, correlation and filter trees; modifiers; the condition grammar. */
export * from './types.js';
export { SigmaString, ANY, ONE, type Part } from './sigma-string.js';
export { applyModifiers, base64offsets, toJsRegExp, KNOWN_MODIFIERS, type ModifierContext, type RawValue } from './modifiers.js';
export { parseCondition, foldCondition, type ConditionAlgebra } from './condition.js';
export { parseSigma } from './parse.js';
