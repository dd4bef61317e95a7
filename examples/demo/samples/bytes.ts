/** A growable little-endian byte builder: the PE writer lays structures out in order and patches offsets later. */
export class ByteWriter {
  private buf = Buffer.alloc(1024);
  length = 0;

  private ensure(n: number): void {
    if (this.length + n <= this.buf.length) return;
    const next = Buffer.alloc(Math.max(this.buf.length * 2, this.length + n));
    this.buf.copy(next, 0, 0, this.length);
    this.buf = next;
  }
  u8(v: number): this {
    this.ensure(1);
    this.buf[this.length++] = v & 0xff;
    return this;
  }
  u16(v: number): this {
    this.ensure(2);
    this.buf.writeUInt16LE(v & 0xffff, this.length);
    this.length += 2;
    return this;
  }
  u32(v: number): this {
    this.ensure(4);
    this.buf.writeUInt32LE(v >>> 0, this.length);
    this.length += 4;
    return this;
  }
  u64(v: bigint): this {
    this.ensure(8);
    this.buf.writeBigUInt64LE(v, this.length);
    this.length += 8;
    return this;
  }
  bytes(b: Uint8Array | readonly number[]): this {
    this.ensure(b.length);
    for (let i = 0; i < b.length; i++) this.buf[this.length + i] = b[i]!;
    this.length += b.length;
    return this;
  }
  /** NUL-terminated ASCII/UTF-8. */
  cstring(s: string): this {
    return this.bytes(Buffer.from(s + '\0', 'utf8'));
  }
  /** NUL-terminated UTF-16LE. */
  wstring(s: string): this {
    return this.bytes(Buffer.from(s + '\0', 'utf16le'));
  }
  zeros(n: number): this {
    this.ensure(n);
    this.buf.fill(0, this.length, this.length + n);
    this.length += n;
    return this;
  }
  align(n: number, fill = 0): this {
    while (this.length % n !== 0) this.u8(fill);
    return this;
  }
  patchU16(at: number, v: number): void {
    this.buf.writeUInt16LE(v & 0xffff, at);
  }
  patchU32(at: number, v: number): void {
    this.buf.writeUInt32LE(v >>> 0, at);
  }
  toBuffer(): Buffer {
    return Buffer.from(this.buf.subarray(0, this.length));
  }
}

export const alignUp = (n: number, a: number): number => Math.ceil(n / a) * a;
