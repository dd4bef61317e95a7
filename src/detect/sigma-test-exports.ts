/** One import point for tests and the bench: the public entry points plus the rule-set loader. */
export * from './index.js';
export { loadTexts, loadRuleFiles, type RuleSet } from './sigma/load.js';
export { parseSigma } from './sigma/rule/index.js';
