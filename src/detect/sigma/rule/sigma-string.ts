/**
 * A Sigma string value: literal text with `*` and `?` wildcards, after the spec's escape rules
 * (`\*` `\?` literal wildcards, `\\` a backslash; any other backslash is itself).
 */
export const ANY = Symbol('*');
export const ONE = Symbol('?');
export type Part = string | typeof ANY | typeof ONE;

export class SigmaString {
  private constructor(readonly parts: readonly Part[]) {}

  static parse(text: string): SigmaString {
    const parts: Part[] = [];
    let buf = '';
    for (let i = 0; i < text.length; i++) {
      const c = text[i]!;
      if (c === '\\') {
        const n = text[i + 1];
        if (n === '*' || n === '?' || n === '\\') {
          buf += n;
          i++;
        } else buf += c;
      } else if (c === '*' || c === '?') {
        if (buf) parts.push(buf);
        buf = '';
        parts.push(c === '*' ? ANY : ONE);
      } else buf += c;
    }
    if (buf) parts.push(buf);
    return new SigmaString(parts);
  }

  static literal(text: string): SigmaString {
    return new SigmaString(text ? [text] : []);
  }

  static of(parts: readonly Part[]): SigmaString {
    const merged: Part[] = [];
    for (const p of parts) {
      const last = merged[merged.length - 1];
      if (typeof p === 'string' && typeof last === 'string') merged[merged.length - 1] = last + p;
      else if (p !== '') merged.push(p);
    }
    return new SigmaString(merged);
  }

  get hasWildcards(): boolean {
    return this.parts.some((p) => typeof p !== 'string');
  }

  /** The plain text, wildcards as their characters (for encodings that need a plain value). */
  plain(): string | null {
    return this.hasWildcards ? null : this.parts.join('');
  }

  startsWithAny(): boolean {
    return this.parts[0] === ANY;
  }
  endsWithAny(): boolean {
    return this.parts[this.parts.length - 1] === ANY;
  }
  prepend(p: Part): SigmaString {
    return SigmaString.of([p, ...this.parts]);
  }
  append(p: Part): SigmaString {
    return SigmaString.of([...this.parts, p]);
  }
  map(f: (s: string) => string): SigmaString {
    return SigmaString.of(this.parts.map((p) => (typeof p === 'string' ? f(p) : p)));
  }

  /** JS RegExp source equivalent (anchored), used by the JavaScript fallback and tests. */
  toRegExpSource(): string {
    return '^' + this.parts.map((p) => (p === ANY ? '[\\s\\S]*' : p === ONE ? '[\\s\\S]' : p.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&'))).join('') + '$';
  }

  toString(): string {
    return this.parts.map((p) => (p === ANY ? '*' : p === ONE ? '?' : p.replace(/[*?\\]/g, '\\$&'))).join('');
  }
}
