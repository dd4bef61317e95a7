/**
 * The flat field map shared by the Windows readers, and the one rule for putting a value into it:
 * System keys win a name collision, the other value goes under a section prefix (`EventData.X`).
 */
export type WinScalar = string | number;
export type WinValue = WinScalar | WinScalar[];
export type WinFields = Record<string, WinValue>;

/** Keys the System section writes. An EventData/UserData value with one of these names must not replace it. */
export const SYSTEM_KEYS: ReadonlySet<string> = new Set([
  'EventID', 'Qualifiers', 'Version', 'Level', 'Task', 'Opcode', 'Keywords', 'EventRecordID', 'Channel', 'Computer',
  'Provider_Name', 'Provider_Guid', 'EventSourceName', 'TimeCreated', 'ProcessID', 'ThreadID', 'ProcessorID',
  'SessionID', 'KernelTime', 'UserTime', 'ProcessorTime', 'UserID', 'ActivityID', 'RelatedActivityID',
]);

/** Names come from the input; one that would reach the object's prototype is renamed rather than trusted. */
export function safeKey(key: string): string {
  return key === '__proto__' ? '_proto_' : key;
}

/**
 * Add a non-System value. A repeated non-System name (two `<Data Name="X">`) becomes an array, in order;
 * a clash with a System key that is present keeps the System value and stores this one as `<prefix>X`.
 */
export function addField(fields: WinFields, key: string, value: WinValue, prefix: string): void {
  key = safeKey(key);
  // Inherited names (`constructor`, `toString`) read as functions here, never as a stored value.
  const old = fields[key];
  if (old === undefined || typeof old === 'function') { fields[key] = value; return; }
  if (SYSTEM_KEYS.has(key)) { addField(fields, prefix + key, value, prefix); return; }
  const add = Array.isArray(value) ? value : [value];
  fields[key] = Array.isArray(old) ? [...old, ...add] : [old, ...add];
}

/** A value as one string, the way the JSON twins and Sigma string matching see it. */
export function asText(v: WinValue | undefined): string | undefined {
  if (v === undefined) return undefined;
  return Array.isArray(v) ? v.join(',') : String(v);
}
