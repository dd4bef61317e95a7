import { bufferInput } from '../../src/ingest/input.js';
import type { Reader, ReaderOptions } from '../../src/ingest/reader.js';
import type { Anomaly, NormalizedEvent } from '../../src/model/index.js';

/** Read a whole buffer (or text) through a reader, as ingest would, collecting events and anomalies. */
export async function readAll(reader: Reader, name: string, data: string | Buffer, options: ReaderOptions = {}) {
  const events: NormalizedEvent[] = [];
  const anomalies: Anomaly[] = [];
  for await (const b of reader.read(bufferInput(name, Buffer.isBuffer(data) ? data : Buffer.from(data)), options)) {
    events.push(...b.events);
    anomalies.push(...(b.anomalies ?? []));
  }
  return { events, anomalies };
}

/** mulberry32: small, fast, and the same sequence on every machine, so a fuzz failure reproduces. */
export function prng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}
