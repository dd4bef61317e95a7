/**
 * Helpers shared by the network and generic readers (zeek, suricata, jsonl, csv): exact time parsing to UTC
 * nanoseconds, value coercions for typed columns, and the user field mapping for generic records.
 */
export { epochStringToNs, epochNumberToNs, guessEpochUnit, isoToNs, timeFormatOf, timeValueToNs } from './time.js';
export type { EpochUnit, TimeFormat } from './time.js';
export { lookup, toInt, toPort, toText } from './values.js';
export { RecordMapper, TIME_FIELD_CANDIDATES } from './mapping.js';
export { jsonObjectOrNull } from './json.js';
