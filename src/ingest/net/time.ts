/**
 * Time parsing for network and generic readers, to UTC epoch nanoseconds at the source's full precision.
 * Decimal strings are converted exactly (no float round trip), because a double cannot hold epoch
 * nanoseconds and loses sub-microsecond digits of epoch seconds. Parsers are hand-written (no regex)
 * because they run once per event.
 */

const NS_PER_S = 1_000_000_000n;

/** Epoch units a numeric time may be in. */
export type EpochUnit = 's' | 'ms' | 'us' | 'ns';

const UNIT_SCALE: Record<EpochUnit, number> = { s: 9, ms: 6, us: 3, ns: 0 };

/** Fractional digits (at most 9) to nanoseconds: "8657" → 865_700_000. */
function fracToNs(s: string, start: number, end: number): number | null {
  let ns = 0;
  let digits = 0;
  for (let i = start; i < end; i++) {
    const c = s.charCodeAt(i) - 48;
    if (c < 0 || c > 9) return null;
    if (digits < 9) { ns = ns * 10 + c; digits++; }
  }
  while (digits < 9) { ns *= 10; digits++; }
  return ns;
}

/**
 * An exact decimal epoch string (`1521911720.865716`, `-1.5`, `1700000000123`) in `unit` to nanoseconds.
 * Returns null for anything that is not a plain decimal number.
 */
export function epochStringToNs(s: string, unit: EpochUnit = 's'): bigint | null {
  let i = 0;
  const n = s.length;
  let neg = false;
  if (n === 0) return null;
  if (s.charCodeAt(0) === 45 /* - */) { neg = true; i = 1; }
  const dot = s.indexOf('.', i);
  const intEnd = dot < 0 ? n : dot;
  if (intEnd === i && (dot < 0 || dot === n - 1)) return null;
  for (let j = i; j < intEnd; j++) {
    const c = s.charCodeAt(j);
    if (c < 48 || c > 57) return null;
  }
  const scale = UNIT_SCALE[unit];
  // Shift the decimal point right by `scale` digits, then drop what is below one nanosecond.
  const frac = dot < 0 ? '' : s.slice(dot + 1);
  for (let j = 0; j < frac.length; j++) {
    const c = frac.charCodeAt(j);
    if (c < 48 || c > 57) return null;
  }
  const whole = s.slice(i, intEnd) + frac.slice(0, scale).padEnd(scale, '0');
  const v = BigInt(whole === '' ? '0' : whole);
  // Sub-nanosecond digits are truncated toward zero, like the sources themselves do.
  return neg ? -v : v;
}

/** A JSON number of epoch `unit` to nanoseconds. Seconds are rounded to the microsecond, the precision a double holds at epoch scale. */
export function epochNumberToNs(x: number, unit: EpochUnit = 's'): bigint | null {
  if (!Number.isFinite(x)) return null;
  switch (unit) {
    case 's': return BigInt(Math.round(x * 1e6)) * 1000n;
    case 'ms': return BigInt(Math.round(x * 1e3)) * 1000n;
    case 'us': return BigInt(Math.round(x)) * 1000n;
    case 'ns': return Number.isSafeInteger(x) ? BigInt(x) : BigInt(Math.round(x));
  }
}

/** Guess the unit of an epoch number by its magnitude (seconds until year 5138, then ms, us, ns). */
export function guessEpochUnit(x: number): EpochUnit {
  const a = Math.abs(x);
  if (a < 1e11) return 's';
  if (a < 1e14) return 'ms';
  if (a < 1e17) return 'us';
  return 'ns';
}

function digits(s: string, at: number, count: number): number {
  let v = 0;
  for (let i = at; i < at + count; i++) {
    const c = s.charCodeAt(i) - 48;
    if (c < 0 || c > 9) return -1;
    v = v * 10 + c;
  }
  return v;
}

const DAYS_IN_MONTH = [31, 29, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];

/**
 * ISO 8601 / RFC 3339 date-time to UTC nanoseconds: `YYYY-MM-DD[T| ]hh:mm[:ss[.fraction]][Z|±hh[:]mm|±hh]`,
 * or a bare date. A time without offset is taken as UTC (the readers record that assumption where it matters).
 * Leap second `:60` lands on the next second, as POSIX time does.
 */
export function isoToNs(s: string): bigint | null {
  const n = s.length;
  if (n < 10 || s.charCodeAt(4) !== 45 || s.charCodeAt(7) !== 45) return null;
  const year = digits(s, 0, 4);
  const month = digits(s, 5, 2);
  const day = digits(s, 8, 2);
  if (year < 0 || month < 1 || month > 12 || day < 1 || day > DAYS_IN_MONTH[month - 1]!) return null;
  let hour = 0, minute = 0, second = 0, fracNs = 0, offsetMin = 0;
  let i = 10;
  if (i < n) {
    const t = s.charCodeAt(i);
    if (t !== 84 && t !== 116 && t !== 32) return null; // T, t or space
    if (n < i + 6 || s.charCodeAt(i + 3) !== 58) return null;
    hour = digits(s, i + 1, 2);
    minute = digits(s, i + 4, 2);
    if (hour < 0 || hour > 24 || minute < 0 || minute > 59) return null;
    i += 6;
    if (i < n && s.charCodeAt(i) === 58) {
      second = digits(s, i + 1, 2);
      if (second < 0 || second > 60 || n < i + 3) return null;
      i += 3;
      if (i < n && (s.charCodeAt(i) === 46 || s.charCodeAt(i) === 44)) {
        let j = i + 1;
        while (j < n) { const c = s.charCodeAt(j); if (c < 48 || c > 57) break; j++; }
        if (j === i + 1) return null;
        const f = fracToNs(s, i + 1, j);
        if (f === null) return null;
        fracNs = f;
        i = j;
      }
    }
    if (i < n) {
      const z = s.charCodeAt(i);
      if (z === 90 || z === 122) { // Z
        if (i + 1 !== n) return null;
      } else if (z === 43 || z === 45) { // + -
        const rest = n - i - 1;
        let oh: number, om = 0;
        if (rest === 2) oh = digits(s, i + 1, 2);
        else if (rest === 4) { oh = digits(s, i + 1, 2); om = digits(s, i + 3, 2); }
        else if (rest === 5 && s.charCodeAt(i + 3) === 58) { oh = digits(s, i + 1, 2); om = digits(s, i + 4, 2); }
        else return null;
        if (oh < 0 || om < 0 || oh > 23 || om > 59) return null;
        offsetMin = (z === 43 ? 1 : -1) * (oh * 60 + om);
      } else return null;
    }
  }
  if (month === 2 && day === 29 && !isLeap(year)) return null;
  const ms = Date.UTC(year, month - 1, day, hour, minute, second) - offsetMin * 60_000;
  if (!Number.isFinite(ms)) return null;
  return BigInt(ms / 1000) * NS_PER_S + BigInt(fracNs);
}

function isLeap(y: number): boolean {
  return (y % 4 === 0 && y % 100 !== 0) || y % 400 === 0;
}

/** A time format a user may name in a mapping. */
export type TimeFormat = 'auto' | 'epoch' | 'epoch_ms' | 'epoch_us' | 'epoch_ns' | 'iso';

const FORMAT_ALIASES: Record<string, TimeFormat> = {
  auto: 'auto', detect: 'auto',
  epoch: 'epoch', epoch_s: 'epoch', unix: 'epoch', seconds: 'epoch',
  epoch_ms: 'epoch_ms', unix_ms: 'epoch_ms', ms: 'epoch_ms',
  epoch_us: 'epoch_us', unix_us: 'epoch_us', us: 'epoch_us',
  epoch_ns: 'epoch_ns', unix_ns: 'epoch_ns', ns: 'epoch_ns',
  iso: 'iso', iso8601: 'iso', 'iso-8601': 'iso', rfc3339: 'iso', 'rfc-3339': 'iso',
};

/** The supported format a user's name stands for, or null when it is not one. */
export function timeFormatOf(name: string | undefined): TimeFormat | null {
  if (name === undefined) return 'auto';
  return FORMAT_ALIASES[name.toLowerCase()] ?? null;
}

const FORMAT_UNIT: Record<'epoch' | 'epoch_ms' | 'epoch_us' | 'epoch_ns', EpochUnit> = { epoch: 's', epoch_ms: 'ms', epoch_us: 'us', epoch_ns: 'ns' };

/** Any JSON/CSV time value in the given format to nanoseconds; null when it does not parse. */
export function timeValueToNs(v: unknown, format: TimeFormat): bigint | null {
  if (typeof v === 'number') {
    if (format === 'iso') return null;
    return epochNumberToNs(v, format === 'auto' ? guessEpochUnit(v) : FORMAT_UNIT[format]);
  }
  if (typeof v !== 'string' || v.length === 0) return null;
  if (format === 'iso') return isoToNs(v);
  if (format === 'auto') {
    const c = v.charCodeAt(0);
    const numeric = (c >= 48 && c <= 57) || c === 45;
    if (numeric && (v.length < 5 || v.charCodeAt(4) !== 45)) {
      const x = Number(v);
      return Number.isFinite(x) ? epochStringToNs(v, guessEpochUnit(x)) : null;
    }
    return isoToNs(v);
  }
  return epochStringToNs(v, FORMAT_UNIT[format]);
}
