/**
 * Calendar arithmetic in plain integers so that every reader turns civil dates into the same epoch nanoseconds,
 * at full source precision (bigint), without `Date` and its millisecond floor.
 */

const NS_PER_S = 1_000_000_000n;
const MONTHS: Record<string, number> = {
  Jan: 1, Feb: 2, Mar: 3, Apr: 4, May: 5, Jun: 6, Jul: 7, Aug: 8, Sep: 9, Oct: 10, Nov: 11, Dec: 12,
};

/** `Jan` → 1 … `Dec` → 12; undefined for anything else. */
export function monthNumber(abbrev: string): number | undefined {
  return MONTHS[abbrev];
}

/** Days since 1970-01-01 of a proleptic Gregorian date (Howard Hinnant's days_from_civil). */
export function daysFromCivil(y: number, m: number, d: number): number {
  const yy = m <= 2 ? y - 1 : y;
  const era = Math.floor(yy / 400);
  const yoe = yy - era * 400;
  const doy = Math.floor((153 * (m + (m > 2 ? -3 : 9)) + 2) / 5) + d - 1;
  const doe = yoe * 365 + Math.floor(yoe / 4) - Math.floor(yoe / 100) + doy;
  return era * 146097 + doe - 719468;
}

export function daysInMonth(y: number, m: number): number {
  if (m === 2) return (y % 4 === 0 && y % 100 !== 0) || y % 400 === 0 ? 29 : 28;
  return m === 4 || m === 6 || m === 9 || m === 11 ? 30 : 31;
}

/** True when the fields name a real instant (leap second 60 allowed, as syslog and chrony may write it). */
export function validCivil(y: number, mo: number, d: number, h: number, mi: number, s: number): boolean {
  return mo >= 1 && mo <= 12 && d >= 1 && d <= daysInMonth(y, mo) && h >= 0 && h <= 23 && mi >= 0 && mi <= 59 && s >= 0 && s <= 60;
}

/** Epoch nanoseconds of a civil time; `offsetMinutes` is the zone's offset east of UTC (+08:00 → 480). */
export function civilToNs(
  y: number, mo: number, d: number, h: number, mi: number, s: number, fracNs = 0, offsetMinutes = 0,
): bigint {
  const secs = daysFromCivil(y, mo, d) * 86400 + h * 3600 + mi * 60 + s - offsetMinutes * 60;
  return BigInt(secs) * NS_PER_S + BigInt(fracNs);
}

/** Fraction digits (`"123456"`) as nanoseconds, truncating past nine digits. */
export function fractionToNs(digits: string | undefined): number {
  if (!digits) return 0;
  const nine = digits.length >= 9 ? digits.slice(0, 9) : digits + '000000000'.slice(digits.length);
  return Number(nine);
}

/** `1364481363.243` (decimal seconds since the epoch, as auditd writes it) → epoch ns, exactly. */
export function epochDecimalToNs(text: string): bigint | null {
  const m = /^(\d{1,12})(?:\.(\d{1,9}))?$/.exec(text);
  if (!m) return null;
  return BigInt(m[1]!) * NS_PER_S + BigInt(fractionToNs(m[2]));
}

export interface IsoTime {
  ns: bigint;
  year: number;
  month: number;
  day: number;
  hour: number;
  /** False when the text named no zone (rsyslog without offset): the caller decides which zone it meant. */
  hasZone: boolean;
}

const ISO_RE = /^(\d{4})-(\d{2})-(\d{2})[T ](\d{2}):(\d{2}):(\d{2})(?:[.,](\d{1,12}))?(Z|z|[+-]\d{2}(?::?\d{2})?)?$/;

/**
 * RFC 3339 / ISO 8601 timestamps as syslog writers emit them. A timestamp without a zone is read as UTC plus
 * `assumedOffsetMinutes`, and reported as such through `hasZone` so the reader can record the assumption.
 */
export function parseIsoTime(text: string, assumedOffsetMinutes = 0): IsoTime | null {
  const m = ISO_RE.exec(text);
  if (!m) return null;
  const y = +m[1]!, mo = +m[2]!, d = +m[3]!, h = +m[4]!, mi = +m[5]!, s = +m[6]!;
  if (!validCivil(y, mo, d, h, mi, s)) return null;
  const zone = m[8];
  let offset = assumedOffsetMinutes;
  if (zone !== undefined && zone !== 'Z' && zone !== 'z') {
    const sign = zone[0] === '-' ? -1 : 1;
    const digits = zone.slice(1).replace(':', '');
    const oh = +digits.slice(0, 2), om = digits.length > 2 ? +digits.slice(2, 4) : 0;
    if (oh > 23 || om > 59) return null;
    offset = sign * (oh * 60 + om);
  } else if (zone !== undefined) {
    offset = 0;
  }
  return { ns: civilToNs(y, mo, d, h, mi, s, fractionToNs(m[7]), offset), year: y, month: mo, day: d, hour: h, hasZone: zone !== undefined };
}

/** Modified Julian Day plus seconds past UTC midnight (ntpd's statistics files) → epoch ns. MJD 40587 = 1970-01-01. */
export function mjdToNs(mjd: number, secondsText: string): bigint | null {
  const m = /^(\d{1,5})(?:\.(\d{1,9}))?$/.exec(secondsText);
  if (!m || !Number.isInteger(mjd) || mjd < 0 || mjd > 200000) return null;
  const secs = +m[1]!;
  if (secs > 86400) return null;
  return BigInt((mjd - 40587) * 86400 + secs) * NS_PER_S + BigInt(fractionToNs(m[2]));
}
