/** Processing pipeline: named logsource and field mappings that say which events a rule reads and where each field comes from. */
export type { Variant, ResolvedLogsource, FieldSource, FieldPlan } from './types.js';
export { resolveLogsource } from './logsources.js';
export { planField } from './fields.js';
export { WINDOWS_CATEGORIES, WINDOWS_CHANNELS } from './windows.js';
