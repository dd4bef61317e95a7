/**
 * EVE's `flow_id` (and `parent_id`) are unsigned 64-bit integers; JSON.parse rounds them to the nearest double,
 * which breaks joins between the alert and the flow of one connection. They are re-read from the line's text
 * and stored as exact decimal strings. A plain indexOf scan: this runs on every line.
 */

const KEYS = ['"flow_id":', '"parent_id":'] as const;
const TOP: Record<(typeof KEYS)[number], string> = { '"flow_id":': 'flow_id', '"parent_id":': 'parent_id' };

/** Replaces the top-level `flow_id`/`parent_id` numbers of `rec` by the exact digits found in `line`. */
export function exactBigIntegers(line: string, rec: Record<string, unknown>): void {
  for (const key of KEYS) {
    const name = TOP[key];
    if (typeof rec[name] !== 'number') continue;
    const at = line.indexOf(key);
    if (at < 0) continue;
    let i = at + key.length;
    while (line.charCodeAt(i) === 32) i++;
    const start = i;
    if (line.charCodeAt(i) === 45) i++;
    while (i < line.length) {
      const c = line.charCodeAt(i);
      if (c < 48 || c > 57) break;
      i++;
    }
    if (i > start) rec[name] = line.slice(start, i);
  }
}
