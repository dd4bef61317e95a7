/** Bytes from a stream, taken in fixed-size pieces without copying when a piece sits inside one stream buffer. */
export class ByteQueue {
  private bufs: Buffer[] = [];
  length = 0;

  push(b: Buffer): void {
    if (b.length === 0) return;
    this.bufs.push(b);
    this.length += b.length;
  }

  /** The next `n` bytes (caller checked `length >= n`). */
  take(n: number): Buffer {
    const head = this.bufs[0];
    let out: Buffer;
    if (head !== undefined && head.length >= n) {
      out = head.subarray(0, n);
      if (head.length === n) this.bufs.shift();
      else this.bufs[0] = head.subarray(n);
    } else {
      out = Buffer.allocUnsafe(n);
      let got = 0;
      while (got < n) {
        const b = this.bufs[0]!;
        const k = Math.min(n - got, b.length);
        b.copy(out, got, 0, k);
        got += k;
        if (k === b.length) this.bufs.shift();
        else this.bufs[0] = b.subarray(k);
      }
    }
    this.length -= n;
    return out;
  }
}
