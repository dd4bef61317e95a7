/**
 * Aho-Corasick compiled to a dense automaton over UTF-16 code units, for the candidate scan of many rows: one
 * table lookup per code unit (the Map-per-state form in `aho-corasick.ts` costs a hash lookup and a fail walk).
 * The alphabet is only the code units that occur in the patterns (every other unit is class 0 and leads to the
 * root), so the table stays small. Matching code units finds every code-point occurrence (UTF-16 is
 * self-synchronising), so it never misses one; the prefilter only needs that.
 */
export class LiteralDfa {
  /** Code unit → class (0: not in any pattern). */
  private readonly cls = new Uint16Array(65536);
  private readonly width: number;
  /** next[state * width + class] */
  private readonly next: Int32Array;
  /** Values ending at a state (its own and its suffixes'): outVals[outStart[s] .. outStart[s + 1]). */
  private readonly outStart: Int32Array;
  private readonly outVals: Int32Array;

  constructor(patterns: Iterable<[string, number]>) {
    const goto: Map<number, number>[] = [new Map()];
    const own: number[][] = [[]];
    let classes = 0;
    for (const [p, v] of patterns) {
      let s = 0;
      for (let i = 0; i < p.length; i++) {
        const u = p.charCodeAt(i);
        if (this.cls[u] === 0) this.cls[u] = ++classes;
        const c = this.cls[u]!;
        let n = goto[s]!.get(c);
        if (n === undefined) {
          n = goto.length;
          goto.push(new Map());
          own.push([]);
          goto[s]!.set(c, n);
        }
        s = n;
      }
      own[s]!.push(v);
    }
    const w = (this.width = classes + 1);
    const states = goto.length;
    const next = (this.next = new Int32Array(states * w));
    const fail = new Int32Array(states);
    const outs: number[][] = own.map((o) => [...o]);
    // Breadth-first: a state's fail target is shallower, so its row of `next` and its outputs are complete.
    const queue: number[] = [];
    for (const [c, n] of goto[0]!) { next[c] = n; queue.push(n); }
    for (let qi = 0; qi < queue.length; qi++) {
      const s = queue[qi]!;
      const f = fail[s]!;
      next.copyWithin(s * w, f * w, f * w + w);
      for (const [c, n] of goto[s]!) {
        next[s * w + c] = n;
        fail[n] = next[f * w + c]!;
        queue.push(n);
      }
      if (f !== 0) outs[s]!.push(...outs[f]!);
    }
    this.outStart = new Int32Array(states + 1);
    let total = 0;
    for (let s = 0; s < states; s++) { this.outStart[s] = total; total += outs[s]!.length; }
    this.outStart[states] = total;
    this.outVals = new Int32Array(total);
    let k = 0;
    for (const o of outs) for (const v of o) this.outVals[k++] = v;
    // The scan loop's form: each entry is the target's row offset (state × width), complemented (negative) when
    // the target has outputs, so a step is one lookup and a sign test.
    for (let i = 0; i < next.length; i++) {
      const t = next[i]!;
      next[i] = outs[t]!.length > 0 ? ~(t * w) : t * w;
    }
  }

  /**
   * Scan `text` from `pos` up to and including the next `sep` code unit (or the end), so that patterns may end
   * with the separator; report every pattern value found (with repeats). Returns the position after the separator.
   */
  segment(text: string, pos: number, sep: number, hit: (v: number) => void): number {
    const { cls, next, width, outStart, outVals } = this;
    let s = 0;
    const n = text.length;
    while (pos < n) {
      const u = text.charCodeAt(pos++);
      s = next[s + cls[u]!]!;
      if (s < 0) {
        s = ~s;
        const st = s / width;
        const b = outStart[st + 1]!;
        for (let i = outStart[st]!; i < b; i++) hit(outVals[i]!);
      }
      if (u === sep) break;
    }
    return pos;
  }
}
