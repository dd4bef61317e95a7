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
    // The trie with provisional ids (edge i made state i + 1). In code-unit order a pattern shares with the trie
    // exactly its common prefix with the previous pattern, so it is built without looking anything up: `path[i]`
    // is the state after i units of the previous pattern.
    const ePar: number[] = [];
    const eCls: number[] = [];
    const ownAt: number[][] = [[]];
    pats.sort((a, b) => (a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : 0));
    const path: number[] = [0];
    let prev = '';
    for (const [p, v] of pats) {
      let lcp = 0;
      const m = Math.min(p.length, prev.length);
      while (lcp < m && p.charCodeAt(lcp) === prev.charCodeAt(lcp)) lcp++;
      let s = path[lcp]!;
      for (let i = lcp; i < p.length; i++) {
        ePar.push(s);
        eCls.push(cls[p.charCodeAt(i)]!);
        s = ownAt.length;
        ownAt.push([]);
        path[i + 1] = s;
      }
      ownAt[s]!.push(v);
      prev = p;
    }
    const states = ownAt.length;
    if (states * w >= UNSET) throw new RangeError(`literal automaton too large (${states} states × ${w} classes)`);
    // Final ids in breadth-first order: the shallow states, where the scan spends nearly all its steps, get
    // neighbouring rows of the table (cache), and every state comes after its parent and its fail state.
    const first = new Int32Array(states + 1);
    for (const par of ePar) first[par + 1]!++;
    for (let x = 0; x < states; x++) first[x + 1]! += first[x]!;
    const fill = first.slice(0, states);
    const kids = new Int32Array(ePar.length);
    ePar.forEach((par, i) => { kids[fill[par]!++] = i + 1; });
    const order = new Int32Array(states); // new id → provisional id
    const rank = new Int32Array(states); // provisional id → new id
    let tail = 1;
    for (let qi = 0; qi < tail; qi++) {
      const x = order[qi]!;
      rank[x] = qi;
      for (let k = first[x]!; k < first[x + 1]!; k++) order[tail++] = kids[k]!;
    }
    this.next = new Int32Array(states * w).fill(UNSET);
    this.fail = new Int32Array(states);
    this.hasOut = new Uint8Array(states);
    const outs: number[][] = new Array<number[]>(states);
    outs[0] = [...ownAt[0]!];
    this.hasOut[0] = outs[0].length > 0 ? 1 : 0;
    for (let e = 0; e < ePar.length; e++) trie.set(rank[ePar[e]!]! * w + eCls[e]!, rank[e + 1]!);
    for (let n = 1; n < states; n++) {
      const x = order[n]!;
      const par = rank[ePar[x - 1]!]!;
      const f = par === 0 ? 0 : this.move(this.fail[par]!, eCls[x - 1]!);
      this.fail[n] = f;
      outs[n] = f !== 0 ? [...ownAt[x]!, ...outs[f]!] : [...ownAt[x]!];
      this.hasOut[n] = outs[n]!.length > 0 ? 1 : 0;
    }
    this.outStart = new Int32Array(states + 1);
    let total = 0;
    for (let x = 0; x < states; x++) { this.outStart[x] = total; total += outs[x]!.length; }
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
