import { holidayDays } from './calendar.js';
import { NOISE_LEVEL, OFF_DAY, QUARTER_MS, QUARTERS, SHAPE, weekdayOfDay } from './shape.js';
import { dayOffset, offsetAt } from './zones.js';
import type { ZoneCandidate } from './zones.js';

/**
 * The likelihood of activity times under one hypothesis (zone, work week, holidays), as an inhomogeneous
 * Poisson process over the observation window: intensity λ(t) = A·g(local quarter-hour, day type), with the scale
 * A profiled out. That gives  log L = Σᵢ log g(tᵢ) − n·log Σ_window g,  so a calendar is rewarded when its
 * holidays fall on days without activity (they lower Σ g) and punished when activity falls on them (small g(tᵢ)).
 * The window is the observed span in whole UTC days, the same for every candidate so likelihoods compare.
 */

const DAY = 86_400_000;
/** PREFIX[q] = SHAPE[0] + … + SHAPE[q − 1]. */
const PREFIX = SHAPE.reduce((acc, x, i) => { acc[i + 1] = (acc[i] ?? 0) + x; return acc; }, new Float64Array(QUARTERS + 1));

/** Sessions of one operator are not independent draws (a day's sessions share a start time), so log
 * likelihoods are tempered by this factor: the model is honest about its own misspecification. */
export const TEMPER = 0.5;

export interface Window { startMs: number; endMs: number; bins: number }

export function windowOf(ms: readonly number[]): Window {
  const startMs = Math.floor(Math.min(...ms) / DAY) * DAY;
  const endMs = (Math.floor(Math.max(...ms) / DAY) + 1) * DAY;
  return { startMs, endMs, bins: (endMs - startMs) / QUARTER_MS };
}

/** The window and the timestamps seen through one candidate zone's clock. */
export interface ZoneView {
  candidate: ZoneCandidate;
  /** Local epoch days in the window, each with the sum of the working-day shape over its quarters in the window. */
  days: number[];
  dayShape: number[];
  /** Per timestamp: index into `days` and local quarter-hour. */
  tsDay: Int32Array;
  tsQuarter: Int32Array;
  years: number[];
}

export function zoneView(c: ZoneCandidate, ms: readonly number[], w: Window): ZoneView {
  const index = new Map<number, number>();
  const days: number[] = [];
  const dayShape: number[] = [];
  const slot = (localDay: number): number => {
    let i = index.get(localDay);
    if (i === undefined) { i = days.length; index.set(localDay, i); days.push(localDay); dayShape.push(0); }
    return i;
  };
  for (let day = w.startMs / DAY; day < w.endMs / DAY; day++) {
    const off = dayOffset(c, day);
    if (off !== undefined && off % 15 === 0) {
      // A UTC day at one offset covers the tail of one local day and the head of the next: two prefix sums.
      const ls = day * DAY + off * 60_000;
      const ld = Math.floor(ls / DAY);
      const q0 = Math.round((ls - ld * DAY) / QUARTER_MS);
      const i = slot(ld);
      dayShape[i] = (dayShape[i] ?? 0) + (PREFIX[QUARTERS] ?? 0) - (PREFIX[q0] ?? 0);
      const j = slot(ld + 1);
      dayShape[j] = (dayShape[j] ?? 0) + (PREFIX[q0] ?? 0);
      continue;
    }
    for (let b = day * DAY; b < (day + 1) * DAY; b += QUARTER_MS) {
      const local = b + offsetAt(c, b) * 60_000;
      const ld = Math.floor(local / DAY);
      const i = slot(ld);
      dayShape[i] = (dayShape[i] ?? 0) + (SHAPE[Math.floor((local - ld * DAY) / QUARTER_MS)] ?? 0);
    }
  }
  const tsDay = new Int32Array(ms.length);
  const tsQuarter = new Int32Array(ms.length);
  ms.forEach((t, k) => {
    const local = t + offsetAt(c, t) * 60_000;
    const ld = Math.floor(local / DAY);
    tsDay[k] = slot(ld);
    tsQuarter[k] = Math.min(QUARTERS - 1, Math.floor((local - ld * DAY) / QUARTER_MS));
  });
  const years = [...new Set(days.map((d) => new Date(d * DAY).getUTCFullYear()))].sort();
  return { candidate: c, days, dayShape, tsDay, tsQuarter, years };
}

/** Tempered log-likelihood of the view's timestamps given working-day mask and holiday calendar. */
export function logLikelihood(v: ZoneView, workMask: number, calendar: string | undefined, w: Window): number {
  const hol = calendar ? holidayDays(calendar, v.years) : undefined;
  const mult = v.days.map((d) => ((workMask >> weekdayOfDay(d)) & 1) === 1 && !hol?.has(d) ? 1 : OFF_DAY);
  let total = NOISE_LEVEL * w.bins;
  for (let i = 0; i < v.days.length; i++) total += (v.dayShape[i] ?? 0) * (mult[i] ?? 1);
  let sum = 0;
  for (let k = 0; k < v.tsDay.length; k++) {
    sum += Math.log((SHAPE[v.tsQuarter[k] ?? 0] ?? 0) * (mult[v.tsDay[k] ?? 0] ?? 1) + NOISE_LEVEL);
  }
  return TEMPER * (sum - v.tsDay.length * Math.log(total));
}

/** The same for activity with no daily rhythm at all (automation, or operators in shifts round the clock). */
export function uniformLogLikelihood(n: number, w: Window): number {
  return TEMPER * (-n * Math.log(w.bins));
}

export function logSumExp(xs: readonly number[]): number {
  const m = Math.max(...xs);
  if (!Number.isFinite(m)) return m;
  return m + Math.log(xs.reduce((a, x) => a + Math.exp(x - m), 0));
}
