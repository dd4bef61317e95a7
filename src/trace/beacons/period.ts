/**
 * Period estimation that tolerates missed beats and jitter up to ±50 %. Each interval is explained as k beats of one
 * period P (k = ⌊interval / P + 1/3⌋, at least 1); P is refitted as the median of interval / k until it settles. Starting
 * points are the median and the lower quartile of the intervals, so a series with many missed beats (whose median is
 * 2P) still finds P; the fit that explains the intervals with the fewest missing beats and the tightest spread wins.
 * Jitter is estimated from single-beat intervals: for uniform jitter ±j·P their MAD is j·P/2.
 */
import { madm, median, quantile, sortedCopy } from './stats.js';

export interface PeriodFit {
  periodS: number;
  /** Estimated half-width of the jitter as a fraction of the period (0.15 = ±15 %). */
  jitter: number;
  /** Fraction of beats absent: 1 − intervals / Σk. */
  missedFraction: number;
  /** Intervals normalised by their beat count (interval / k), the series the regularity scores read. */
  normalised: number[];
  /** Fraction of intervals shorter than half the period (bursts, retries, other traffic on the same pair). */
  shortFraction: number;
}

const SWITCH_MARGIN = 0.1;

function fitFrom(intervals: readonly number[], start: number): { p: number; ks: number[] } {
  let p = start;
  let ks: number[] = [];
  for (let it = 0; it < 12; it++) {
    // An interval counts as k beats from (k − 1/3)·P up: a single beat with +50 % jitter (1.5 P) must stay one beat,
    // or the fit runs away towards ever smaller periods.
    ks = intervals.map((d) => Math.max(1, Math.floor(d / p + 1 / 3)));
    const next = median(intervals.map((d, i) => d / ks[i]!));
    if (!(next > 0) || Math.abs(next - p) <= 1e-9 * p) { p = next > 0 ? next : p; break; }
    p = next;
  }
  return { p, ks };
}

export function estimatePeriod(intervalsS: readonly number[]): PeriodFit | null {
  const xs = intervalsS.filter((d) => d > 0);
  if (xs.length < 3) return null;
  const s = sortedCopy(xs);
  let best: { cost: number; fit: PeriodFit } | null = null;
  for (const start of [quantile(s, 0.5), quantile(s, 0.25), quantile(s, 0.1)]) {
    if (!(start > 0)) continue;
    const { p, ks } = fitFrom(xs, start);
    const normalised = xs.map((d, i) => d / ks[i]!);
    const singles = xs.filter((_, i) => ks[i] === 1);
    const spread = madm(singles.length >= 3 ? singles : normalised) / p;
    // Fits are compared on the spread of all normalised intervals: the singles of a too-small period are a biased subset.
    const fitSpread = madm(normalised) / p;
    const beats = ks.reduce((a, k) => a + k, 0);
    const missedFraction = 1 - xs.length / beats;
    const shortFraction = xs.filter((d) => d < 0.5 * p).length / xs.length;
    // A smaller period always explains intervals as more beats; charge for every missing beat and every short interval.
    const cost = fitSpread + missedFraction + shortFraction;
    const fit = { periodS: p, jitter: Math.min(1, 2 * spread), missedFraction, normalised, shortFraction };
    // The median start is the natural reading; another start must explain the series clearly better to replace it
    // (with ±50 % jitter a slightly smaller period always looks a little tighter at the price of invented missed beats).
    if (!best || cost < best.cost - SWITCH_MARGIN) best = { cost, fit };
  }
  return best?.fit ?? null;
}
