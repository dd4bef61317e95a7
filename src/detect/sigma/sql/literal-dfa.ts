/**
 * Aho-Corasick as a dense automaton over UTF-16 code units, for the candidate scan of many rows: one table lookup
 * per code unit (the Map-per-state form in `aho-corasick.ts` costs a hash lookup and a fail walk). The table is
 * filled lazily: a move is computed (from the trie and the fail links) the first time the scan takes it, since
 * thousands of literals make hundreds of thousands of states of which the text visits few; filling every row up
 * front cost more than scanning.
 * The alphabet is only the code units that occur in the patterns (every other unit is class 0 and leads to the
 * root), so the table stays small. Matching code units finds every code-point occurrence (UTF-16 is
 * self-synchronising), so it never misses one; the prefilter only needs that.
 */
export class LiteralDfa {
  /** Code unit → class (0: not in any pattern). */
  private readonly cls = new Uint16Array(65536);
  private readonly width: number;
  /**
   * next[state × width + class]: the target's row offset (state × width), complemented (negative) when the target
   * has outputs, so a step is one lookup and a sign test; UNSET until first taken.
   */
  private readonly next: Int32Array;
  /** Trie edges: state × width + class → child. */
  private readonly trie = new Map<number, number>();
  private readonly fail: Int32Array;
  private readonly hasOut: Uint8Array;
  /** Values ending at a state (its own and its suffixes'): outVals[outStart[s] .. outStart[s + 1]). */
  private readonly outStart: Int32Array;
  private readonly outVals: Int32Array;

  constructor(patterns: Iterable<[string, number]>) {
    const pats = [...patterns];
    let classes = 0;
    for (const [p] of pats) {
      for (let i = 0; i < p.length; i++) {
        const u = p.charCodeAt(i);
        if (this.cls[u] === 0) this.cls[u] = ++classes;
      }
    }
    const w = (this.width = classes + 1);
    const { trie, cls } = this;
    const own: number[][] = [[]];
    // Edges in creation order (parent, class; edge i made state i + 1) for the breadth-first pass.
    const ePar: number[] = [];
    const eCls: number[] = [];
    // In code-unit order a pattern shares with the trie exactly its common prefix with the previous pattern, so
    // the trie is built without looking anything up: `path[i]` is the state after i units of the previous one.
    pats.sort((a, b) => (a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : 0));
    const path: number[] = [0];
    let prev = '';
    for (const [p, v] of pats) {
      let lcp = 0;
      const m = Math.min(p.length, prev.length);
      while (lcp < m && p.charCodeAt(lcp) === prev.charCodeAt(lcp)) lcp++;
      let s = path[lcp]!;
      for (let i = lcp; i < p.length; i++) {
        const c = cls[p.charCodeAt(i)]!;
        const n = own.length;
        own.push([]);
        trie.set(s * w + c, n);
        ePar.push(s);
        eCls.push(c);
        s = n;
        path[i + 1] = n;
      }
      own[s]!.push(v);
      prev = p;
    }
    const states = own.length;
    if (states * w >= UNSET) throw new RangeError(`literal automaton too large (${states} states × ${w} classes)`);
    this.next = new Int32Array(states * w).fill(UNSET);
    this.fail = new Int32Array(states);
    this.hasOut = new Uint8Array(states);
    // Children grouped by parent (edge i created child i + 1), then breadth-first: a state's fail target is
    // shallower, so its outputs are complete when the state's are made.
    const first = new Int32Array(states + 1);
    for (const par of ePar) first[par + 1]!++;
    for (let s = 0; s < states; s++) first[s + 1]! += first[s]!;
    const fill = first.slice(0, states);
    const kids = new Int32Array(ePar.length);
    ePar.forEach((par, i) => { kids[fill[par]!++] = i; });
    const outs: number[][] = own.map((o) => [...o]);
    const queue = new Int32Array(states);
    let tail = 0;
    queue[tail++] = 0;
    this.hasOut[0] = outs[0]!.length > 0 ? 1 : 0;
    for (let qi = 0; qi < tail; qi++) {
      const s = queue[qi]!;
      for (let k = first[s]!; k < first[s + 1]!; k++) {
        const e = kids[k]!;
        const n = e + 1;
        const f = s === 0 ? 0 : this.move(this.fail[s]!, eCls[e]!);
        this.fail[n] = f;
        if (f !== 0) outs[n]!.push(...outs[f]!);
        this.hasOut[n] = outs[n]!.length > 0 ? 1 : 0;
        queue[tail++] = n;
      }
    }
    this.outStart = new Int32Array(states + 1);
    let total = 0;
    for (let s = 0; s < states; s++) { this.outStart[s] = total; total += outs[s]!.length; }
    this.outStart[states] = total;
    this.outVals = new Int32Array(total);
    let k = 0;
    for (const o of outs) for (const v of o) this.outVals[k++] = v;
  }

  /** The state reached from `s` by class `c` (a trie edge, else the fail state's move), remembered in `next`. */
  private move(s: number, c: number): number {
    const w = this.width;
    const at = s * w + c;
    const t = this.next[at]!;
    if (t !== UNSET) return (t < 0 ? ~t : t) / w;
    const child = this.trie.get(at);
    const r = child !== undefined ? child : s === 0 ? 0 : this.move(this.fail[s]!, c);
    this.next[at] = this.hasOut[r] ? ~(r * w) : r * w;
    return r;
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
      const c = cls[u]!;
      let t = next[s + c]!;
      if (t === UNSET) {
        this.move(s / width, c);
        t = next[s + c]!;
      }
      if (t < 0) {
        s = ~t;
        const st = s / width;
        const b = outStart[st + 1]!;
        for (let i = outStart[st]!; i < b; i++) hit(outVals[i]!);
      } else s = t;
      if (u === sep) break;
    }
    return pos;
  }
}

/** Not yet computed (above any row offset: the constructor refuses automata that large). */
const UNSET = 0x7fffffff;
