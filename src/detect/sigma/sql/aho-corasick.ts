/** Aho-Corasick multi-pattern search: which of many literals occur in a text, in one pass over it. */
export class AhoCorasick<T> {
  private next: Map<string, number>[] = [new Map()];
  private fail: number[] = [0];
  private out: T[][] = [[]];

  constructor(patterns: Iterable<[string, T]>) {
    for (const [p, v] of patterns) {
      let s = 0;
      for (const ch of p) {
        let n = this.next[s]!.get(ch);
        if (n === undefined) {
          n = this.next.length;
          this.next.push(new Map());
          this.fail.push(0);
          this.out.push([]);
          this.next[s]!.set(ch, n);
        }
        s = n;
      }
      this.out[s]!.push(v);
    }
    const queue: number[] = [];
    for (const n of this.next[0]!.values()) queue.push(n);
    for (let qi = 0; qi < queue.length; qi++) {
      const s = queue[qi]!;
      for (const [ch, n] of this.next[s]!) {
        queue.push(n);
        let f = this.fail[s]!;
        while (f !== 0 && !this.next[f]!.has(ch)) f = this.fail[f]!;
        const t = this.next[f]!.get(ch);
        this.fail[n] = t !== undefined && t !== n ? t : 0;
        this.out[n] = this.out[n]!.concat(this.out[this.fail[n]!]!);
      }
    }
  }

  /** Every value whose pattern occurs in `text` (with repeats). */
  search(text: string, hit: (v: T) => void): void {
    let s = 0;
    for (const ch of text) {
      while (s !== 0 && !this.next[s]!.has(ch)) s = this.fail[s]!;
      s = this.next[s]!.get(ch) ?? 0;
      for (const v of this.out[s]!) hit(v);
    }
  }
}
