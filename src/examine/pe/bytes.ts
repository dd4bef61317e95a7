import { ExamineError } from '../../model/index.js';

/**
 * Bounds-checked little/big-endian reads over a Buffer. Every read past the end raises an ExamineError naming the
 * file and the offset, so a truncated or corrupt sample is reported, never a RangeError deep in Node.
 */
export class Bytes {
  readonly buf: Buffer;
  readonly file: string;
  readonly length: number;
  /** Big-endian reads for ELF files of EI_DATA = 2; PE is always little-endian. */
  bigEndian = false;

  constructor(buf: Buffer, file: string) {
    this.buf = buf;
    this.file = file;
    this.length = buf.length;
  }

  fail(offset: number, message: string): never {
    throw new ExamineError({ file: this.file, offset }, message);
  }

  /** Throws unless [offset, offset+size) lies inside the file. */
  need(offset: number, size: number, what: string): void {
    if (!Number.isInteger(offset) || offset < 0 || size < 0 || offset + size > this.length) {
      this.fail(Math.max(0, Math.min(offset, this.length)), `${what}: ${size} bytes at ${offset} run past the end (${this.length} bytes)`);
    }
  }

  has(offset: number, size: number): boolean {
    return Number.isInteger(offset) && offset >= 0 && size >= 0 && offset + size <= this.length;
  }

  u8(offset: number, what = 'byte'): number {
    this.need(offset, 1, what);
    return this.buf[offset]!;
  }

  u16(offset: number, what = 'u16'): number {
    this.need(offset, 2, what);
    return this.bigEndian ? this.buf.readUInt16BE(offset) : this.buf.readUInt16LE(offset);
  }

  u32(offset: number, what = 'u32'): number {
    this.need(offset, 4, what);
    return this.bigEndian ? this.buf.readUInt32BE(offset) : this.buf.readUInt32LE(offset);
  }

  i32(offset: number, what = 'i32'): number {
    this.need(offset, 4, what);
    return this.bigEndian ? this.buf.readInt32BE(offset) : this.buf.readInt32LE(offset);
  }

  u64(offset: number, what = 'u64'): bigint {
    this.need(offset, 8, what);
    return this.bigEndian ? this.buf.readBigUInt64BE(offset) : this.buf.readBigUInt64LE(offset);
  }

  /** A u64 as a JS number; for sizes and offsets, which must fit (larger values cannot address this file anyway). */
  u64n(offset: number, what = 'u64'): number {
    const v = this.u64(offset, what);
    if (v > BigInt(Number.MAX_SAFE_INTEGER)) this.fail(offset, `${what}: value ${v} is too large`);
    return Number(v);
  }

  slice(offset: number, size: number, what = 'data'): Buffer {
    this.need(offset, size, what);
    return this.buf.subarray(offset, offset + size);
  }

  /** NUL-terminated byte string starting at offset, at most max bytes; latin1 keeps odd bytes visible 1:1. */
  cstring(offset: number, max: number, what = 'string'): string {
    this.need(offset, 1, what);
    const end = Math.min(this.length, offset + max);
    let i = offset;
    while (i < end && this.buf[i] !== 0) i++;
    return this.buf.toString('latin1', offset, i);
  }

  /** NUL-terminated UTF-16LE string of at most max code units. */
  wstring(offset: number, max: number, what = 'string'): string {
    this.need(offset, 2, what);
    const end = Math.min(this.length - 1, offset + max * 2);
    let i = offset;
    while (i < end && (this.buf[i] !== 0 || this.buf[i + 1] !== 0)) i += 2;
    return this.buf.toString('utf16le', offset, i);
  }
}

export function hex(b: Uint8Array): string {
  return Buffer.from(b.buffer, b.byteOffset, b.byteLength).toString('hex');
}
