/** One JSON object per line, parsed without throwing: the object, or the reason it is not one. */
export function jsonObjectOrNull(line: string): Record<string, unknown> | string {
  let v: unknown;
  try {
    v = JSON.parse(line);
  } catch (e) {
    return (e as Error).message;
  }
  if (v === null || typeof v !== 'object' || Array.isArray(v)) return `not a JSON object but ${v === null ? 'null' : Array.isArray(v) ? 'an array' : typeof v}`;
  return v as Record<string, unknown>;
}
