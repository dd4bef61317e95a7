/** Time helpers for the generators: zone offsets through Intl (DST-correct), and the text forms logs use. */
const fmtCache = new Map<string, Intl.DateTimeFormat>();

/** Minutes east of UTC that `zone` observes at instant `utcMs`. */
export function zoneOffsetMinutes(zone: string, utcMs: number): number {
  let f = fmtCache.get(zone);
  if (!f) {
    f = new Intl.DateTimeFormat('en-US', { timeZone: zone, hourCycle: 'h23', year: 'numeric', month: '2-digit', day: '2-digit', hour: '2-digit', minute: '2-digit', second: '2-digit' });
    fmtCache.set(zone, f);
  }
  const p = Object.fromEntries(f.formatToParts(new Date(utcMs)).map((x) => [x.type, x.value]));
  const asUtc = Date.UTC(+p.year!, +p.month! - 1, +p.day!, +p.hour!, +p.minute!, +p.second!);
  return Math.round((asUtc - Math.floor(utcMs / 1000) * 1000) / 60000);
}

/** The UTC instant of a wall-clock time in `zone`. */
export function localToUtcMs(zone: string, y: number, mo: number, d: number, h: number, mi: number, s = 0): number {
  const naive = Date.UTC(y, mo - 1, d, h, mi, s);
  let utc = naive - zoneOffsetMinutes(zone, naive) * 60000;
  utc = naive - zoneOffsetMinutes(zone, utc) * 60000;
  return utc;
}

const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];
const pad = (n: number, w = 2) => String(n).padStart(w, '0');

/**
 * rsyslog's high-precision form (`2025-03-04T09:12:33.000000+00:00`), the default of current distributions:
 * unlike RFC 3164's `Mar  4 09:12:33` it carries the year and the offset, so the demo's times are unambiguous.
 */
export function syslogTime(ms: number): string {
  return new Date(ms).toISOString().replace(/\.(\d{3})Z$/, '.$1000+00:00');
}

/** `Mar  4 09:12:33` as RFC 3164 syslog writes it, in UTC. */
export function rfc3164Time(ms: number): string {
  const d = new Date(ms);
  return `${MONTHS[d.getUTCMonth()]} ${String(d.getUTCDate()).padStart(2, ' ')} ${pad(d.getUTCHours())}:${pad(d.getUTCMinutes())}:${pad(d.getUTCSeconds())}`;
}

export function isoMicros(ms: number, micros = 0): string {
  return new Date(ms).toISOString().replace(/\.(\d{3})Z$/, (_m, f: string) => `.${f}${pad(micros, 3)}Z`);
}

/** Zeek's epoch seconds with six decimals. */
export function zeekTime(ms: number, micros = 0): string {
  return `${Math.floor(ms / 1000)}.${pad(ms % 1000, 3)}${pad(micros, 3)}`;
}

export function weekday(ms: number): number {
  return new Date(ms).getUTCDay();
}
