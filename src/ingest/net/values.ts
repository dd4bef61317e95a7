/** Small value coercions shared by the readers: ports, addresses, dotted-path lookups. */

/** A TCP/UDP port from a number or a numeric string (Zeek JSON ports are numbers, CSV ports are strings). */
export function toPort(v: unknown): number | undefined {
  if (typeof v === 'number') return Number.isInteger(v) && v >= 0 && v <= 65535 ? v : undefined;
  if (typeof v === 'string' && v.length > 0 && v.length <= 5) {
    let p = 0;
    for (let i = 0; i < v.length; i++) {
      const c = v.charCodeAt(i) - 48;
      if (c < 0 || c > 9) return undefined;
      p = p * 10 + c;
    }
    return p <= 65535 ? p : undefined;
  }
  return undefined;
}

/** A string column from a string or a number (an id or an address); anything else is left out. */
export function toText(v: unknown): string | undefined {
  if (typeof v === 'string') return v.length > 0 ? v : undefined;
  if (typeof v === 'number' || typeof v === 'bigint') return String(v);
  return undefined;
}

/** An integer column (event ids) from a number or a decimal string. */
export function toInt(v: unknown): number | undefined {
  if (typeof v === 'number') return Number.isSafeInteger(v) ? v : undefined;
  if (typeof v === 'string' && v.length > 0 && v.length < 16) {
    const x = Number(v);
    return Number.isSafeInteger(x) ? x : undefined;
  }
  return undefined;
}

/**
 * A value by name: first the flat key (`id.orig_h` as Zeek writes it), then the dotted path into nested objects
 * (`dns.rrname` in Suricata EVE, `source.ip` in ECS), so one mapping works for flat and nested sources.
 */
export function lookup(record: Record<string, unknown>, name: string): unknown {
  const flat = record[name];
  if (flat !== undefined || name.indexOf('.') < 0) return flat;
  let cur: unknown = record;
  let start = 0;
  for (;;) {
    if (cur === null || typeof cur !== 'object' || Array.isArray(cur)) return undefined;
    const dot = name.indexOf('.', start);
    const key = dot < 0 ? name.slice(start) : name.slice(start, dot);
    cur = (cur as Record<string, unknown>)[key];
    if (dot < 0) return cur;
    start = dot + 1;
  }
}
