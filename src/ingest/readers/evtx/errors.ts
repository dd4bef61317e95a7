/** A structural problem inside a chunk; `offset` is relative to the chunk and becomes a file offset in the anomaly. */
export class BinXmlError extends Error {
  constructor(readonly offset: number, message: string) {
    super(message);
    this.name = 'BinXmlError';
  }
}
