import type { Weekday } from '../../intel/actors/index.js';
import { WEEKDAYS } from '../../intel/actors/index.js';

/**
 * The office-hours profile of human operators, in local time. Relative activity per local hour on a working
 * day: a start around 09, a lunch dip, an end around 18, as in the working-hours studies (9 to 6), and a thin evening tail (overtime). Days off
 * (weekend, public holidays) keep `OFF_DAY` of it. A uniform floor `NOISE` (share of the mean) covers the
 * operator who works at 3 a.m.: the model is a mixture of an office-hours profile and uniform noise.
 */
const HOURLY = [0.02, 0.01, 0.01, 0.01, 0.01, 0.02, 0.04, 0.1, 0.35, 0.9, 1, 1, 0.8, 0.9, 1, 1, 1, 1, 0.55, 0.3, 0.2, 0.12, 0.07, 0.04];
export const OFF_DAY = 0.08;
export const NOISE = 0.05;

/** Quarter-hour resolution (96 bins a day) so that +05:30 and +05:45 differ from +05:00. */
export const QUARTERS = 96;
export const QUARTER_MS = 900_000;
export const SHAPE: Float64Array = Float64Array.from({ length: QUARTERS }, (_, q) => HOURLY[Math.floor(q / 4)] ?? 0);
const MEAN = SHAPE.reduce((a, b) => a + b, 0) / QUARTERS;
export const NOISE_LEVEL = NOISE * MEAN;

export const WORKWEEKS: Record<string, Weekday[]> = {
  'mon-fri': ['mon', 'tue', 'wed', 'thu', 'fri'],
  'sun-thu': ['sun', 'mon', 'tue', 'wed', 'thu'],
  'sat-wed': ['sat', 'sun', 'mon', 'tue', 'wed'],
  'mon-sat': ['mon', 'tue', 'wed', 'thu', 'fri', 'sat'],
};

/** Bit mask of working weekdays (bit 0 = Sunday), matching `(epochDay + 4) % 7`. */
export function workMask(days: readonly Weekday[]): number {
  return days.reduce((m, d) => m | (1 << WEEKDAYS.indexOf(d)), 0);
}

export function workweekName(days: readonly Weekday[]): string {
  const mask = workMask(days);
  for (const [name, d] of Object.entries(WORKWEEKS)) if (workMask(d) === mask) return name;
  return [...days].sort((a, b) => WEEKDAYS.indexOf(a) - WEEKDAYS.indexOf(b)).join(',');
}

export const weekdayOfDay = (epochDay: number): number => (((epochDay + 4) % 7) + 7) % 7;
