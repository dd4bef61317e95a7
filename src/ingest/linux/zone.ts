import { civilToNs, daysFromCivil } from './time.js';

/**
 * The zone a log's zone-less local timestamps (RFC 3164 syslog, rsyslog without offset) were written in.
 * Accepts `UTC`, a fixed offset (`+08:00`, `-0500`) or an IANA name (`Asia/Shanghai`); returns null when the
 * text names none of these. The result maps a local civil time to its offset east of UTC in minutes.
 */
export type LocalZone = (y: number, mo: number, d: number, h: number) => number;

export function parseZone(text: string): LocalZone | null {
  const t = text.trim();
  if (/^(utc|gmt|z)$/i.test(t)) return () => 0;
  const fixed = /^([+-])(\d{2}):?(\d{2})?$/.exec(t);
  if (fixed) {
    const minutes = (fixed[1] === '-' ? -1 : 1) * (+fixed[2]! * 60 + +(fixed[3] ?? '0'));
    return Math.abs(minutes) <= 24 * 60 ? () => minutes : null;
  }
  let fmt: Intl.DateTimeFormat;
  try {
    fmt = new Intl.DateTimeFormat('en-US', {
      timeZone: t, hourCycle: 'h23', year: 'numeric', month: 'numeric', day: 'numeric', hour: 'numeric', minute: 'numeric',
    });
  } catch {
    return null;
  }
  return ianaZone(fmt);
}

/** Offsets of an IANA zone, cached per local hour: Intl is slow and a log has few distinct hours. */
function ianaZone(fmt: Intl.DateTimeFormat): LocalZone {
  const cache = new Map<number, number>();
  const offsetAtUtcMs = (ms: number): number => {
    const parts: Record<string, number> = {};
    for (const p of fmt.formatToParts(new Date(ms))) if (p.type !== 'literal') parts[p.type] = +p.value;
    const local = (daysFromCivil(parts.year!, parts.month!, parts.day!) * 86400 + parts.hour! * 3600 + parts.minute! * 60) * 1000;
    return Math.round((local - Math.floor(ms / 60000) * 60000) / 60000);
  };
  return (y, mo, d, h) => {
    const key = ((y * 13 + mo) * 32 + d) * 24 + h;
    const hit = cache.get(key);
    if (hit !== undefined) return hit;
    // Two passes settle the offset of a local time, also next to a DST change.
    const localMs = Number(civilToNs(y, mo, d, h, 0, 0) / 1_000_000n);
    let off = offsetAtUtcMs(localMs);
    off = offsetAtUtcMs(localMs - off * 60000);
    cache.set(key, off);
    return off;
  };
}
