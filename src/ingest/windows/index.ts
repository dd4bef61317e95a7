/**
 * What the Windows readers (EVTX and Windows JSON exports) share: the flat field map and its collision rule,
 * Windows time strings, the Sigma logsource mapping, and the step from flat fields to a NormalizedEvent.
 */
export { addField, asText, safeKey, SYSTEM_KEYS, type WinFields, type WinScalar, type WinValue } from './fields.js';
export { windowsLogsource, type WinLogsource } from './logsource.js';
export { isoToNs, epochToNs } from './time.js';
export { toWindowsEvent } from './event.js';
