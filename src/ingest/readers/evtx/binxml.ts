/**
 * Binary XML token stream → a small tree, per chunk. Templates are parsed once per chunk and cached by their
 * offset; a record is then a template instance plus its substitution table, rendered without ever building XML.
 * All offsets are relative to the 64 KiB chunk buffer, as they are on disk.
 */
import { BinXmlError } from './errors.js';
import { inlineValue, utf16, type Value } from './values.js';

export const enum K { Element, Text, Subst, Inst }

export interface Element { k: K.Element; name: string; attrs: Attr[]; children: Content[] }
export interface Attr { name: string; value: Content[] }
export interface Text { k: K.Text; v: Value }
export interface Subst { k: K.Subst; i: number; opt: boolean }
/** A template instance: the template's tree plus where each substitution value sits in the chunk. */
export interface Inst { k: K.Inst; root: Content[]; types: number[]; offs: number[]; sizes: number[] }
export type Content = Element | Text | Subst | Inst;

const ENTITIES: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'" };
/** Deep nesting only happens in crafted input; real events nest a handful of levels. */
const MAX_DEPTH = 64;
const MAX_NESTED_FRAGMENTS = 8;

/**
 * Templates shared between chunks. Each chunk repeats its templates' definitions, usually at the same offset (the
 * first record of every chunk defines its template right after the chunk header) and byte for byte the same. A
 * definition that refers to nothing outside its own bytes (names defined inline, no nested instance) parses to the
 * same tree wherever those bytes recur, so it is reused after a byte comparison. Bounded: cleared when full.
 */
const SHARED_TEMPLATES = new Map<string, { bytes: Buffer; root: Content[] }>();
const SHARED_TEMPLATES_MAX = 4096;

export class ChunkParser {
  /** Set while parsing a template that refers outside its own bytes, which makes it unshareable. */
  private external = false;
  private span: [number, number] = [0, 0];
  private readonly names = new Map<number, string>();
  private readonly templates = new Map<number, Content[]>();
  private readonly building = new Set<number>();

  constructor(readonly b: Buffer) {}

  /** A record's BinXml (or a nested BinXml substitution value) from `start` to at most `end`. */
  fragment(start: number, end: number, inSubst: boolean, nesting = 0): Content[] {
    if (nesting > MAX_NESTED_FRAGMENTS) throw new BinXmlError(start, 'BinXml nested too deeply');
    return this.tokens(start, end, inSubst, nesting).content;
  }

  private u16(p: number, end: number): number {
    if (p + 2 > end) throw new BinXmlError(p, 'token overruns its data');
    return this.b.readUInt16LE(p);
  }

  private u32(p: number, end: number): number {
    if (p + 4 > end) throw new BinXmlError(p, 'token overruns its data');
    return this.b.readUInt32LE(p);
  }

  /** A name by its chunk offset; `at` is where the reader stands, so an inline name (offset === at) is skipped over. */
  private name(off: number, at: number, end: number): { name: string; next: number } {
    if (off === at) {
      const len = this.u16(at + 6, end);
      const next = at + 8 + len * 2 + 2;
      if (next > end) throw new BinXmlError(at, 'inline name overruns its data');
      let n = this.names.get(off);
      if (n === undefined) { n = utf16(this.b, at + 8, at + 8 + len * 2); this.names.set(off, n); }
      return { name: n, next: at };
    }
    let n = this.names.get(off);
    if (n === undefined) {
      if (off + 8 > this.b.length) throw new BinXmlError(at, `name offset ${off} outside chunk`);
      const len = this.b.readUInt16LE(off + 6);
      if (off + 8 + len * 2 > this.b.length) throw new BinXmlError(at, `name at ${off} overruns chunk`);
      n = utf16(this.b, off + 8, off + 8 + len * 2);
      this.names.set(off, n);
    }
    if (off < this.span[0] || off >= this.span[1]) this.external = true;
    return { name: n, next: -1 };
  }

  private nameAt(p: number, end: number): { name: string; end: number } {
    const off = this.u32(p, end);
    const r = this.name(off, p + 4, end);
    if (r.next < 0) return { name: r.name, end: p + 4 };
    return { name: r.name, end: p + 4 + 8 + this.b.readUInt16LE(p + 4 + 6) * 2 + 2 };
  }

  /** Whether an OpenStartElement at `p` carries the 2-byte dependency id (absent inside BinXml substitutions). */
  private hasDependencyId(p: number, end: number, inSubst: boolean): boolean {
    const withDep = this.plausibleName(p + 7, end);
    if (withDep !== this.plausibleName(p + 5, end)) return withDep;
    return !inSubst;
  }

  /** A name offset field is plausible when it points right behind itself (inline) or back into the chunk. */
  private plausibleName(field: number, end: number): boolean {
    if (field + 4 > end) return false;
    const off = this.b.readUInt32LE(field);
    return off === field + 4 || (off < field && off + 8 <= this.b.length);
  }

  private tokens(start: number, end: number, inSubst: boolean, nesting: number): { content: Content[]; end: number } {
    const b = this.b;
    if (end > b.length) end = b.length;
    const root: Content[] = [];
    const stack: Element[] = [];
    let out: Content[] = root;
    let attrOut: Content[] | null = null;
    let p = start;
    while (p < end) {
      const tok = b[p]!;
      const base = tok & 0xbf;
      const target = attrOut ?? out;
      switch (base) {
        case 0x00:
          return { content: root, end: p + 1 };
        case 0x01: {
          if (stack.length >= MAX_DEPTH) throw new BinXmlError(p, 'elements nested too deeply');
          const q = p + 1 + (this.hasDependencyId(p, end, inSubst) ? 2 : 0) + 4;
          const n = this.nameAt(q, end);
          p = n.end + ((tok & 0x40) !== 0 ? 4 : 0);
          const el: Element = { k: K.Element, name: n.name, attrs: [], children: [] };
          out.push(el);
          stack.push(el);
          out = el.children;
          attrOut = null;
          break;
        }
        case 0x02:
          attrOut = null;
          p++;
          break;
        case 0x03:
        case 0x04: {
          attrOut = null;
          if (stack.length === 0) throw new BinXmlError(p, 'close of an element never opened');
          stack.pop();
          out = stack.length > 0 ? stack[stack.length - 1]!.children : root;
          p++;
          break;
        }
        case 0x05: {
          if (p + 2 > end) throw new BinXmlError(p, 'value token overruns its data');
          const v = inlineValue(b, b[p + 1]!, p + 2);
          target.push({ k: K.Text, v: v.value });
          p = v.end;
          break;
        }
        case 0x06: {
          const el = stack[stack.length - 1];
          if (el === undefined) throw new BinXmlError(p, 'attribute outside an element');
          const n = this.nameAt(p + 1, end);
          const a: Attr = { name: n.name, value: [] };
          el.attrs.push(a);
          attrOut = a.value;
          p = n.end;
          break;
        }
        case 0x07: {
          const len = this.u16(p + 1, end) * 2;
          if (p + 3 + len > end) throw new BinXmlError(p, 'CDATA overruns its data');
          target.push({ k: K.Text, v: utf16(b, p + 3, p + 3 + len) });
          p += 3 + len;
          break;
        }
        case 0x08:
          target.push({ k: K.Text, v: String.fromCharCode(this.u16(p + 1, end)) });
          p += 3;
          break;
        case 0x09: {
          const n = this.nameAt(p + 1, end);
          target.push({ k: K.Text, v: ENTITIES[n.name] ?? `&${n.name};` });
          p = n.end;
          break;
        }
        case 0x0a:
          p = this.nameAt(p + 1, end).end;
          break;
        case 0x0b:
          p += 3 + this.u16(p + 1, end) * 2;
          break;
        case 0x0c: {
          const r = this.instance(p, end, nesting);
          target.push(r.inst);
          p = r.end;
          break;
        }
        case 0x0d:
        case 0x0e:
          target.push({ k: K.Subst, i: this.u16(p + 1, end), opt: base === 0x0e });
          p += 4;
          break;
        case 0x0f:
          p += 4;
          break;
        default:
          throw new BinXmlError(p, `unknown BinXml token 0x${tok.toString(16)}`);
      }
    }
    if (p > end) throw new BinXmlError(end, 'BinXml overruns its data');
    return { content: root, end: p };
  }

  /** TemplateInstance token at `p`: the definition (inline the first time a chunk uses it) and the values. */
  private instance(p: number, end: number, nesting: number): { inst: Inst; end: number } {
    const b = this.b;
    this.external = true;
    const defOff = this.u32(p + 6, end);
    let q = p + 10;
    let root = this.templates.get(defOff);
    if (defOff === q) {
      const size = this.u32(q + 20, end);
      if (root === undefined) root = this.template(defOff, nesting);
      q += 24 + size;
    } else if (root === undefined) {
      root = this.template(defOff, nesting);
    }
    const count = this.u32(q, end);
    q += 4;
    if (count > (end - q) / 4) throw new BinXmlError(q, `substitution count ${count} overruns its data`);
    // Plain arrays: for a few dozen values they are cheaper to allocate than typed arrays.
    const types: number[] = [];
    const offs: number[] = [];
    const sizes: number[] = [];
    let v = q + count * 4;
    for (let i = 0; i < count; i++) {
      const d = q + i * 4;
      const size = b[d]! | (b[d + 1]! << 8);
      types.push(b[d + 2]!);
      offs.push(v);
      sizes.push(size);
      v += size;
    }
    if (v > end) throw new BinXmlError(q, 'substitution values overrun their data');
    return { inst: { k: K.Inst, root, types, offs, sizes }, end: v };
  }

  /** A template definition at `off`: next-offset, GUID, data size, then its BinXml fragment. */
  private template(off: number, nesting: number): Content[] {
    if (this.building.has(off)) throw new BinXmlError(off, 'template refers to itself');
    if (nesting > MAX_NESTED_FRAGMENTS) throw new BinXmlError(off, 'templates nested too deeply');
    if (off + 24 > this.b.length) throw new BinXmlError(off, `template offset ${off} outside chunk`);
    const size = this.b.readUInt32LE(off + 20);
    const start = off + 24;
    if (start + size > this.b.length) throw new BinXmlError(off, 'template overruns chunk');
    const key = `${off}:${size}`;
    const shared = SHARED_TEMPLATES.get(key);
    if (shared !== undefined && this.b.compare(shared.bytes, 0, size, start, start + size) === 0) {
      this.templates.set(off, shared.root);
      return shared.root;
    }
    const outer = { external: this.external, span: this.span };
    this.building.add(off);
    this.external = false;
    this.span = [start, start + size];
    try {
      const root = this.tokens(start, start + size, false, nesting + 1).content;
      this.templates.set(off, root);
      if (!this.external) {
        if (SHARED_TEMPLATES.size >= SHARED_TEMPLATES_MAX) SHARED_TEMPLATES.clear();
        SHARED_TEMPLATES.set(key, { bytes: Buffer.from(this.b.subarray(start, start + size)), root });
      }
      return root;
    } finally {
      this.building.delete(off);
      this.external = outer.external || this.external;
      this.span = outer.span;
    }
  }
}
