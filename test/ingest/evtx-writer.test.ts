/**
 * A small EVTX writer for the reader's tests (no tests of its own here): file header, 64 KiB chunks with correct
 * CRC32s, records whose BinXml is a template instance (template defined inline on first use in a chunk, referenced
 * after), names inline on first use, substitutions of every value type, nested BinXml values.
 */
import { crc32 } from 'node:zlib';

export interface WValue { t: number; bytes: Buffer; nested?: TNode }
export type TContent = TNode | { text: string } | { sub: number; opt?: boolean } | { charref: number } | { entity: string } | { cdata: string } | { value: WValue };
export interface TNode { el: string; attrs?: [string, TContent[]][]; children?: TContent[] }
export interface WTemplate { guid: Buffer; root: TNode }
export interface WRecord { id: bigint; template: WTemplate; values: WValue[] }

const le = (n: number, size: 1 | 2 | 4): Buffer => { const b = Buffer.alloc(size); b.writeUIntLE(n, 0, size); return b; };
const u64 = (n: bigint): Buffer => { const b = Buffer.alloc(8); b.writeBigUInt64LE(n); return b; };
const utf16 = (s: string): Buffer => Buffer.from(s, 'utf16le');

/** Substitution values by type, as Windows writes them (strings without length prefix or NUL). */
export const val = {
  nul: (): WValue => ({ t: 0x00, bytes: Buffer.alloc(0) }),
  str: (s: string): WValue => ({ t: 0x01, bytes: utf16(s) }),
  ansi: (s: string): WValue => ({ t: 0x02, bytes: Buffer.from(s + '\0', 'latin1') }),
  i8: (n: number): WValue => { const b = Buffer.alloc(1); b.writeInt8(n); return { t: 0x03, bytes: b }; },
  u8: (n: number): WValue => ({ t: 0x04, bytes: le(n, 1) }),
  i16: (n: number): WValue => { const b = Buffer.alloc(2); b.writeInt16LE(n); return { t: 0x05, bytes: b }; },
  u16: (n: number): WValue => ({ t: 0x06, bytes: le(n, 2) }),
  i32: (n: number): WValue => { const b = Buffer.alloc(4); b.writeInt32LE(n); return { t: 0x07, bytes: b }; },
  u32: (n: number): WValue => ({ t: 0x08, bytes: le(n, 4) }),
  i64: (n: bigint): WValue => { const b = Buffer.alloc(8); b.writeBigInt64LE(n); return { t: 0x09, bytes: b }; },
  u64: (n: bigint): WValue => ({ t: 0x0a, bytes: u64(n) }),
  f32: (n: number): WValue => { const b = Buffer.alloc(4); b.writeFloatLE(n); return { t: 0x0b, bytes: b }; },
  f64: (n: number): WValue => { const b = Buffer.alloc(8); b.writeDoubleLE(n); return { t: 0x0c, bytes: b }; },
  bool: (v: boolean): WValue => ({ t: 0x0d, bytes: le(v ? 1 : 0, 4) }),
  bin: (b: Buffer): WValue => ({ t: 0x0e, bytes: b }),
  guid: (s: string): WValue => {
    const h = s.replace(/[{}-]/g, '');
    const b = Buffer.from(h, 'hex');
    b.subarray(0, 4).reverse(); b.subarray(4, 6).reverse(); b.subarray(6, 8).reverse();
    return { t: 0x0f, bytes: b };
  },
  sizet: (n: bigint): WValue => ({ t: 0x10, bytes: u64(n) }),
  filetime: (ft: bigint): WValue => ({ t: 0x11, bytes: u64(ft) }),
  systime: (y: number, mo: number, d: number, h: number, mi: number, s: number, ms: number): WValue =>
    ({ t: 0x12, bytes: Buffer.concat([y, mo, 0, d, h, mi, s, ms].map((x) => le(x, 2))) }),
  sid: (s: string): WValue => {
    const [, rev, auth, ...subs] = s.split('-');
    const b = Buffer.alloc(8 + 4 * subs.length);
    b[0] = Number(rev); b[1] = subs.length; b.writeUIntBE(Number(auth), 2, 6);
    subs.forEach((x, i) => b.writeUInt32LE(Number(x), 8 + 4 * i));
    return { t: 0x13, bytes: b };
  },
  hex32: (n: number): WValue => ({ t: 0x14, bytes: le(n, 4) }),
  hex64: (n: bigint): WValue => ({ t: 0x15, bytes: u64(n) }),
  strArray: (xs: string[]): WValue => ({ t: 0x81, bytes: utf16(xs.map((x) => x + '\0').join('')) }),
  u16Array: (xs: number[]): WValue => ({ t: 0x86, bytes: Buffer.concat(xs.map((x) => le(x, 2))) }),
  /** A nested BinXml fragment; its bytes depend on where it lands in the chunk, so they are made at write time. */
  binxml: (node: TNode): WValue => ({ t: 0x21, bytes: Buffer.alloc(0), nested: node }),
};

function nameHash(s: string): number {
  let h = 0;
  for (let i = 0; i < s.length; i++) h = (h * 65599 + s.charCodeAt(i)) >>> 0;
  return h & 0xffff;
}

class ChunkWriter {
  readonly b = Buffer.alloc(0x10000);
  p = 512;
  private names = new Map<string, number>();
  private templates = new Map<WTemplate, number>();
  records: { id: bigint; at: number }[] = [];

  private put(x: Buffer): void { x.copy(this.b, this.p); this.p += x.length; }

  /** Name reference: inline (offset = where it starts) the first time, or always when `inline` (nested values). */
  private name(s: string, inline: boolean): void {
    const known = this.names.get(s);
    if (known !== undefined && !inline) { this.put(le(known, 4)); return; }
    const at = this.p + 4;
    let next = 0;
    if (!inline) {
      this.names.set(s, at);
      // The chunk's string table: 64 buckets by name hash, chained through each name's next-offset field.
      const slot = 128 + 4 * (nameHash(s) % 64);
      next = this.b.readUInt32LE(slot);
      this.b.writeUInt32LE(at, slot);
    }
    this.put(le(at, 4));
    this.put(Buffer.concat([le(next, 4), le(nameHash(s), 2), le(s.length, 2), utf16(s), le(0, 2)]));
  }

  private content(c: TContent, inline: boolean): void {
    if ('el' in c) this.element(c, inline);
    else if ('text' in c) this.put(Buffer.concat([Buffer.from([0x05, 0x01]), le(c.text.length, 2), utf16(c.text)]));
    else if ('sub' in c) this.put(Buffer.from([c.opt === true ? 0x0e : 0x0d, c.sub & 0xff, c.sub >> 8, 0x01]));
    else if ('charref' in c) this.put(Buffer.concat([Buffer.from([0x08]), le(c.charref, 2)]));
    else if ('entity' in c) { this.put(Buffer.from([0x09])); this.name(c.entity, inline); }
    else if ('cdata' in c) this.put(Buffer.concat([Buffer.from([0x07]), le(c.cdata.length, 2), utf16(c.cdata)]));
    else this.put(Buffer.concat([Buffer.from([0x05, c.value.t]), c.value.bytes]));
  }

  /** `nested`: inside a BinXml substitution, where elements carry no dependency id. */
  private element(n: TNode, nested: boolean): void {
    const attrs = n.attrs ?? [];
    this.put(Buffer.from([attrs.length > 0 ? 0x41 : 0x01]));
    if (!nested) this.put(le(0xffff, 2));
    const sizeAt = this.p;
    this.put(le(0, 4));
    this.name(n.el, nested);
    let listAt = -1;
    if (attrs.length > 0) { listAt = this.p; this.put(le(0, 4)); }
    attrs.forEach(([a, v], i) => {
      this.put(Buffer.from([i < attrs.length - 1 ? 0x46 : 0x06]));
      this.name(a, nested);
      for (const c of v) this.content(c, nested);
    });
    if (listAt >= 0) this.b.writeUInt32LE(this.p - listAt - 4, listAt);
    const kids = n.children ?? [];
    if (kids.length === 0) this.put(Buffer.from([0x03]));
    else {
      this.put(Buffer.from([0x02]));
      for (const c of kids) this.content(c, nested);
      this.put(Buffer.from([0x04]));
    }
    this.b.writeUInt32LE(this.p - sizeAt - 4, sizeAt);
  }

  private nestedValue(node: TNode): Buffer {
    const start = this.p;
    this.put(Buffer.from([0x0f, 0x01, 0x01, 0x00]));
    this.element(node, true);
    this.put(Buffer.from([0x00]));
    const out = Buffer.from(this.b.subarray(start, this.p));
    this.p = start;
    return out;
  }

  fits(extra: number): boolean { return this.p + extra < 0x10000 - 1024; }

  record(r: WRecord, written: bigint): void {
    const at = this.p;
    this.put(Buffer.concat([Buffer.from('**\0\0', 'latin1'), le(0, 4), u64(r.id), u64(written)]));
    this.put(Buffer.from([0x0f, 0x01, 0x01, 0x00, 0x0c, 0x01]));
    const templateId = r.template.guid.readUInt32LE(0);
    this.put(le(templateId, 4));
    const known = this.templates.get(r.template);
    if (known !== undefined) this.put(le(known, 4));
    else {
      const def = this.p + 4;
      this.templates.set(r.template, def);
      this.put(le(def, 4));
      // The chunk's template table: 32 buckets, chained through each definition's next-offset field.
      const slot = 384 + 4 * (templateId % 32);
      this.put(le(this.b.readUInt32LE(slot), 4));
      this.b.writeUInt32LE(def, slot);
      this.put(r.template.guid);
      const sizeAt = this.p;
      this.put(le(0, 4));
      this.put(Buffer.from([0x0f, 0x01, 0x01, 0x00]));
      this.element(r.template.root, false);
      this.put(Buffer.from([0x00]));
      this.b.writeUInt32LE(this.p - sizeAt - 4, sizeAt);
    }
    this.put(le(r.values.length, 4));
    // Nested BinXml values hold chunk offsets: lay them out where they will sit, after the descriptors.
    let valueAt = this.p + 4 * r.values.length;
    const bodies: Buffer[] = [];
    for (const v of r.values) {
      let body = v.bytes;
      if (v.nested !== undefined) {
        const save = this.p;
        this.p = valueAt;
        body = this.nestedValue(v.nested);
        this.p = save;
      }
      bodies.push(body);
      valueAt += body.length;
    }
    r.values.forEach((v, i) => this.put(Buffer.concat([le(bodies[i]!.length, 2), Buffer.from([v.t, 0])])));
    for (const body of bodies) this.put(body);
    this.put(Buffer.from([0x00]));
    const size = this.p - at + 4;
    this.put(le(size, 4));
    this.b.writeUInt32LE(size, at + 4);
    this.records.push({ id: r.id, at });
  }

  finish(): Buffer {
    const b = this.b;
    b.write('ElfChnk\0', 0, 'latin1');
    const first = this.records[0]?.id ?? 0n;
    const last = this.records[this.records.length - 1]?.id ?? 0n;
    b.writeBigUInt64LE(first, 8); b.writeBigUInt64LE(last, 16); b.writeBigUInt64LE(first, 24); b.writeBigUInt64LE(last, 32);
    b.writeUInt32LE(128, 40);
    b.writeUInt32LE(this.records[this.records.length - 1]?.at ?? 512, 44);
    b.writeUInt32LE(this.p, 48);
    b.writeUInt32LE(crc32(b.subarray(512, this.p)), 52);
    b.writeUInt32LE(crc32(b.subarray(128, 512), crc32(b.subarray(0, 120))), 124);
    return b;
  }
}

export interface WriteOptions { dirty?: boolean; recordsPerChunk?: number }

/** An EVTX file holding `records`, as many per chunk as fit (or `recordsPerChunk`). */
export function writeEvtx(records: WRecord[], opts: WriteOptions = {}): Buffer {
  const chunks: Buffer[] = [];
  let w = new ChunkWriter();
  let inChunk = 0;
  for (const r of records) {
    if (!w.fits(4096) || (opts.recordsPerChunk !== undefined && inChunk >= opts.recordsPerChunk)) {
      chunks.push(w.finish()); w = new ChunkWriter(); inChunk = 0;
    }
    w.record(r, 133000000000000000n + r.id);
    inChunk++;
  }
  chunks.push(w.finish());
  const h = Buffer.alloc(4096);
  h.write('ElfFile\0', 0, 'latin1');
  h.writeBigUInt64LE(0n, 8);
  h.writeBigUInt64LE(BigInt(chunks.length - 1), 16);
  h.writeBigUInt64LE((records[records.length - 1]?.id ?? 0n) + 1n, 24);
  h.writeUInt32LE(128, 32); h.writeUInt16LE(1, 36); h.writeUInt16LE(3, 38); h.writeUInt16LE(4096, 40);
  h.writeUInt16LE(chunks.length, 42);
  h.writeUInt32LE(opts.dirty === true ? 1 : 0, 120);
  h.writeUInt32LE(crc32(h.subarray(0, 120)), 124);
  return Buffer.concat([h, ...chunks]);
}
