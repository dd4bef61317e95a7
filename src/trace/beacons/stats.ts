/** Robust statistics used by the beacon scores (sorted copies, no mutation of inputs). */

export function quantile(sorted: readonly number[], q: number): number {
  if (sorted.length === 0) return NaN;
  const pos = (sorted.length - 1) * q;
  const lo = Math.floor(pos);
  const hi = Math.ceil(pos);
  return sorted[lo]! + (sorted[hi]! - sorted[lo]!) * (pos - lo);
}

export function sortedCopy(xs: readonly number[]): number[] {
  return [...xs].sort((a, b) => a - b);
}

export function median(xs: readonly number[]): number {
  return quantile(sortedCopy(xs), 0.5);
}

/** Median absolute deviation about the median (RITA's MADM). */
export function madm(xs: readonly number[]): number {
  const m = median(xs);
  return median(xs.map((x) => Math.abs(x - m)));
}

/** Bowley's quartile skewness in [-1, 1]; 0 when the quartiles coincide (a perfectly regular series). */
export function bowley(xs: readonly number[]): number {
  const s = sortedCopy(xs);
  const q1 = quantile(s, 0.25);
  const q2 = quantile(s, 0.5);
  const q3 = quantile(s, 0.75);
  const iqr = q3 - q1;
  if (iqr <= 0 || q2 === q1 || q2 === q3) return 0;
  return (q1 + q3 - 2 * q2) / iqr;
}

export function clamp01(x: number): number {
  return Number.isFinite(x) ? Math.min(1, Math.max(0, x)) : 0;
}
