/**
 * The Sigma engine: `rule/` (parsed, immutable rules with positions), `pipeline/` (named logsource and field
 * mappings), `sql/` (one compile function per node kind), `correlation/` (sliding windows), and rule-set loading.
 */
export * from './rule/index.js';
export * from './pipeline/index.js';
export * from './sql/index.js';
export * from './correlation/index.js';
export { loadRuleFiles, loadTexts, type RuleSet } from './load.js';
export { compileRule, techniquesOf, filtersFor, rulePredicate, type CompiledSigma } from './compile-rule.js';
