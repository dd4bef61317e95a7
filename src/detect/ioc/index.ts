/**
 * Indicators: STIX 2.1 patterns (from STIX bundles or imported MISP events) compiled to SQL predicates over the
 * case's `events` table, in the same `CompiledDetection` form as Sigma rules. What cannot be compiled faithfully is
 * rejected with the reason, never dropped or half-applied. The field map per source is in README.md.
 */
export { compileIndicatorFiles, compileIndicatorDocument, type CompiledIndicators } from './files.js';
export { compileIndicator, levelOfConfidence, type IndicatorRejected, type IndicatorContext, type IndicatorResult } from './indicator.js';
export { compileStixObjects } from './bundle.js';
export { mispToIndicators, mispEvents, MISP_PATTERNS, stixString, type MispIndicator } from './misp.js';
export { parsePattern, type PatternWhere } from './pattern/parser.js';
export { tokenize, KEYWORDS, type Token } from './pattern/lexer.js';
export { PatternSyntaxError } from './pattern/errors.js';
export type { Observation, Comparison, ComparisonOp, Literal, ObjectPath, PathStep } from './pattern/ast.js';
export { pathText } from './pattern/ast.js';
export { compileComparison, Unsupported } from './comparison.js';
export { compileObservation, timestampNs, type ObservationContext, type TimeBounds } from './observation.js';
export { FIELD_MAP, SOURCE_FORMATS, canonicalPath, fieldTableMarkdown, type FieldRef, type PathMapping, type Source } from './fields.js';
export { parseIpLiteral, ipBlockRegex } from './ip.js';
