import { civilToNs, validCivil, type LocalZone } from '../../linux/index.js';

/** The year 3164 timestamps fall back to when neither the `year` option nor any dated line says otherwise. */
export const FALLBACK_YEAR = 2000;

/**
 * Gives RFC 3164 timestamps (`Feb 22 16:45:20`: no year, no zone) a year, deterministically:
 * 1. the `year` option, for the first line, when the user gives it;
 * 2. else a dated line of the same file (ISO/RFC 5424 header, `audit(EPOCH…)`) fixes the year at that point, and the
 *    reader replays the lines before it (it holds back lines until the first anchor, up to a bound);
 * 3. else FALLBACK_YEAR, with an anomaly saying so.
 * Between anchors the year follows the months: a drop of six months or more (Dec → Jan) starts a new year, and a
 * Nov/Dec line just after Jan/Feb is a late line of the year before. Each anchor resets the year.
 * Never the file's mtime or the wall clock, which would make the result depend on when and where it ran.
 */
export class YearTracker {
  private year: number;
  private prevMonth = 0;

  constructor(startYear: number) {
    this.year = startYear;
  }

  /** A line with a full date: from here on its year holds. */
  anchor(year: number, month: number): void {
    this.year = year;
    this.prevMonth = month;
  }

  yearOf(month: number): number {
    const prev = this.prevMonth;
    if (prev === 0) { this.prevMonth = month; return this.year; }
    const diff = month - prev;
    if (diff <= -6) { this.year++; this.prevMonth = month; return this.year; }
    if (diff >= 6 && prev <= 2 && month >= 11) return this.year - 1;
    this.prevMonth = month;
    return this.year;
  }
}

/**
 * The start year that makes a run of months end in `anchorYear` at the anchor: replay the same rollover rule
 * from a zero base and subtract the years it added before the anchor.
 */
export function startYearFor(monthsBefore: number[], anchorYear: number, anchorMonth: number): number {
  const probe = new YearTracker(0);
  for (const m of monthsBefore) probe.yearOf(m);
  return anchorYear - probe.yearOf(anchorMonth);
}

export interface LocalTime { month: number; day: number; h: number; mi: number; s: number; fracNs: number }

/** Epoch ns of a 3164 time in `year` and `zone`; null for a date that does not exist (Feb 29 of a common year). */
export function localToNs(t: LocalTime, year: number, zone: LocalZone): bigint | null {
  if (!validCivil(year, t.month, t.day, t.h, t.mi, t.s)) return null;
  return civilToNs(year, t.month, t.day, t.h, t.mi, t.s, t.fracNs, zone(year, t.month, t.day, t.h));
}
