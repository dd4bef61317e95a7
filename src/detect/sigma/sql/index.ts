/** Sigma → SQL: predicates per node kind, logsource predicates, and the resolvers that read fields from `events` or a group table. */
export { compileDetection, compileCondition, compileSelection, compileFieldMatch, compileString, needsJsRegex } from './compile.js';
export { EventsResolver, type Resolver, type FieldAccess, type JsRegexNeed } from './resolver.js';
export { GroupResolver } from './group.js';
export { logsourceSql, variantSql, eventsLogsourceColumns, type LogsourceColumns } from './logsource.js';
export { ruleKeys, MAX_CLAUSES, type Keys, type Clause } from './prefilter.js';
export { AhoCorasick } from './aho-corasick.js';
export { LiteralDfa } from './literal-dfa.js';
export { AtomTable, settleRule, START, END, type Settled, type SettledRule, type FieldOk } from './settle.js';
export { necessaryNumbers, groupNumbers } from './narrow.js';
