/**
 * Detect: Sigma rules (and STIX/MISP indicators from `ioc/`) compiled to SQL over the case store's `events`,
 * findings stored in the case with the exact events that made them. Semantics and layout: README.md.
 */
export { detect, runRuleSet, DEFAULT_RULES } from './runner.js';
export { checkRules, type RuleCheck, type CheckReport } from './check.js';
export { readFindings, findingId, FINDINGS_SCHEMA, ensureFindingTables } from './findings.js';
export { detectDialect, type DetectDialect } from './dialect.js';
export * from './types.js';
