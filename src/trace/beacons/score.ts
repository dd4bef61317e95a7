/**
 * Beacon scores per source/destination pair. `rita` follows RITA's beacon analysis: timestamp score from Bowley skew,
 * MADM and connection count; data-size score from skew, MADM and smallness; plus RITA's duration score (how much of
 * the observation window the pair spans). `score` is veritrace's: the same regularity measures read on intervals
 * normalised by the fitted period (so missed beats do not break them), a count score against the beats the period
 * predicts (RITA counts connections per hour, which punishes long periods), and the same size and duration scores.
 */
import { estimatePeriod, type PeriodFit } from './period.js';
import { bowley, clamp01, madm, median } from './stats.js';

export interface PairSeries {
  /** Connection start times in seconds, ascending. */
  times: readonly number[];
  /** Bytes sent by the source per connection (null when the sensor does not say). */
  bytes: readonly (number | null)[];
}

export interface BeaconScore {
  count: number;
  fit: PeriodFit | null;
  tsSkew: number;
  tsMadm: number;
  tsScore: number;
  dsScore: number;
  durScore: number;
  countScore: number;
  rita: number;
  score: number;
}

/** Connections closer than this are one beat (a beacon that opens two sockets per check-in). */
const SAME_BEAT_S = 1;

function dataScore(bytes: readonly (number | null)[]): number {
  const b = bytes.filter((x): x is number => x !== null && Number.isFinite(x));
  if (b.length < 3) return 0.5; // unknown: neither for nor against
  const m = median(b);
  const skew = clamp01(1 - Math.abs(bowley(b)));
  const mad = m > 0 ? clamp01(1 - madm(b) / m) : 1;
  const small = clamp01(1 - m / 65535);
  return (skew + mad + small) / 3;
}

export function scorePair(series: PairSeries, windowS: number): BeaconScore {
  const t: number[] = [];
  for (const x of series.times) if (t.length === 0 || x - t[t.length - 1]! >= SAME_BEAT_S) t.push(x);
  const intervals = t.slice(1).map((x, i) => x - t[i]!);
  const span = t.length > 1 ? t[t.length - 1]! - t[0]! : 0;
  const durScore = windowS > 0 ? clamp01(span / windowS) : 0;
  const dsScore = dataScore(series.bytes);
  // RITA: connection count against the hours observed, saturating at one per hour... scaled to 1 at 24 per day.
  const hours = Math.max(1, span / 3600);
  const ritaCount = clamp01(t.length / hours);
  const rawSkew = intervals.length >= 3 ? clamp01(1 - Math.abs(bowley(intervals))) : 0;
  const rawMid = median(intervals);
  const rawMadm = intervals.length >= 3 && rawMid > 0 ? clamp01(1 - madm(intervals) / rawMid) : 0;
  const ritaTs = (rawSkew + rawMadm + ritaCount) / 3;
  const rita = (ritaTs + dsScore + durScore) / 3;
  const fit = estimatePeriod(intervals);
  if (!fit) return { count: series.times.length, fit: null, tsSkew: 0, tsMadm: 0, tsScore: 0, dsScore, durScore, countScore: 0, rita, score: 0 };
  const tsSkew = clamp01(1 - Math.abs(bowley(fit.normalised)));
  const mid = median(fit.normalised);
  const tsMadm = mid > 0 ? clamp01(1 - madm(fit.normalised) / mid) : 0;
  const countScore = clamp01(1 - fit.missedFraction - fit.shortFraction);
  const tsScore = (tsSkew + tsMadm + 2 * countScore) / 4;
  // Timing carries the decision; size and duration adjust it (a beacon may vary its payload, or be young: a hundred
  // regular beats are as telling as a pair that spans the whole window, which RITA's duration score does not allow).
  const spanOrBeats = Math.max(durScore, clamp01(intervals.length / 100));
  const score = 0.6 * tsScore + 0.2 * dsScore + 0.2 * spanOrBeats;
  return { count: series.times.length, fit, tsSkew, tsMadm, tsScore, dsScore, durScore, countScore, rita, score };
}
