/** A seeded PRNG (mulberry32) and the draws the generator needs; the same seed gives the same scenarios. */
export class Rng {
  private s: number;
  constructor(seed: number) { this.s = seed >>> 0; }
  next(): number {
    this.s = (this.s + 0x6d2b79f5) >>> 0;
    let t = this.s;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  }
  int(lo: number, hi: number): number { return lo + Math.floor(this.next() * (hi - lo + 1)); }
  pick<T>(xs: readonly T[]): T {
    const x = xs[Math.floor(this.next() * xs.length)];
    if (x === undefined) throw new Error('pick from an empty list');
    return x;
  }
  /** k distinct elements in random order. */
  sample<T>(xs: readonly T[], k: number): T[] {
    const a = [...xs];
    for (let i = a.length - 1; i > 0; i--) { const j = Math.floor(this.next() * (i + 1)); [a[i], a[j]] = [a[j] as T, a[i] as T]; }
    return a.slice(0, k);
  }
  hex(n: number): string { return Array.from({ length: n }, () => '0123456789abcdef'[Math.floor(this.next() * 16)]).join(''); }
  chance(p: number): boolean { return this.next() < p; }
  /** Poisson by inversion; fine for the small means used here. */
  poisson(mean: number): number {
    const l = Math.exp(-mean);
    let k = 0;
    let p = 1;
    do { k++; p *= this.next(); } while (p > l);
    return k - 1;
  }
}
