/** Windows event times as epoch nanoseconds (bigint), keeping every digit the source gives. */

const ISO = /^(\d{4})-(\d{2})-(\d{2})[T ](\d{2}):(\d{2}):(\d{2})(?:[.,](\d{1,9}))?\s*(Z|[+-]\d{2}:?\d{2})?$/i;

/**
 * `2025-11-27T07:40:10.1653249Z`, `2020-09-21 23:56:40`, `…+02:00`. A time without a zone is taken as UTC:
 * evtx_dump and Winlogbeat always write UTC, and NXLog's `EventTime` has no zone to go by.
 */
export function isoToNs(s: string): bigint | null {
  const m = ISO.exec(s.trim());
  if (m === null) return null;
  const ms = Date.UTC(+m[1]!, +m[2]! - 1, +m[3]!, +m[4]!, +m[5]!, +m[6]!);
  if (Number.isNaN(ms)) return null;
  let ns = BigInt(ms) * 1000000n + BigInt((m[7] ?? '').padEnd(9, '0') || '0');
  const tz = m[8];
  if (tz !== undefined && tz.toUpperCase() !== 'Z') {
    const sign = tz[0] === '-' ? -1n : 1n;
    const digits = tz.slice(1).replace(':', '');
    const mins = BigInt(+digits.slice(0, 2) * 60 + +digits.slice(2, 4));
    ns -= sign * mins * 60000000000n;
  }
  return ns;
}

/** Epoch milliseconds or seconds (Winlogbeat and some exporters) as epoch nanoseconds. */
export function epochToNs(n: number): bigint | null {
  if (!Number.isFinite(n) || n <= 0) return null;
  return n > 1e11 ? BigInt(Math.round(n * 1000)) * 1000n : BigInt(Math.round(n * 1e6)) * 1000n;
}
