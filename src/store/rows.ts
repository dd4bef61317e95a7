/**
 * A batch of events already laid out as `events` rows, column by column: typed arrays for numbers, plain arrays
 * for text, and the `raw` JSON text built. Readers running in a worker thread hand these over instead of
 * `NormalizedEvent` objects: a structured clone of flat arrays and strings is a copy, whereas cloning nested
 * `fields` objects would cost the receiving (writing) thread as much as building the JSON did, and serialising
 * `raw` is one of the larger costs of an ingest.
 */
import type { NormalizedEvent } from '../model/index.js';

export interface EventRows {
  count: number;
  /** Epoch nanoseconds; `tsNull[i] === 1` when the event has no time. */
  ts: BigInt64Array;
  tsNull: Uint8Array;
  format: string[];
  product: (string | undefined)[];
  category: (string | undefined)[];
  service: (string | undefined)[];
  host: (string | undefined)[];
  user: (string | undefined)[];
  image: (string | undefined)[];
  commandLine: (string | undefined)[];
  srcIp: (string | undefined)[];
  dstIp: (string | undefined)[];
  proto: (string | undefined)[];
  /** INTEGER columns: NaN where the value is absent or outside 32-bit range (stored as NULL). */
  srcPort: Float64Array;
  dstPort: Float64Array;
  eventId: Float64Array;
  offset: Float64Array;
  raw: string[];
  minTs: bigint | null;
  maxTs: bigint | null;
}

/** The INTEGER-column rule of the store: a 32-bit integer or nothing. */
export function int32OrNaN(v: number | undefined): number {
  return v === undefined || v === null || !Number.isInteger(v) || v > 2147483647 || v < -2147483648 ? NaN : v;
}

export function toEventRows(events: readonly NormalizedEvent[]): EventRows {
  const n = events.length;
  const r: EventRows = {
    count: n, ts: new BigInt64Array(n), tsNull: new Uint8Array(n), format: new Array<string>(n),
    product: new Array(n), category: new Array(n), service: new Array(n), host: new Array(n), user: new Array(n),
    image: new Array(n), commandLine: new Array(n), srcIp: new Array(n), dstIp: new Array(n), proto: new Array(n),
    srcPort: new Float64Array(n), dstPort: new Float64Array(n), eventId: new Float64Array(n), offset: new Float64Array(n),
    raw: new Array<string>(n), minTs: null, maxTs: null,
  };
  for (let i = 0; i < n; i++) {
    const e = events[i]!;
    if (e.tsNs === null) r.tsNull[i] = 1;
    else {
      r.ts[i] = e.tsNs;
      if (r.minTs === null || e.tsNs < r.minTs) r.minTs = e.tsNs;
      if (r.maxTs === null || e.tsNs > r.maxTs) r.maxTs = e.tsNs;
    }
    r.format[i] = e.format;
    r.product[i] = e.product; r.category[i] = e.category; r.service[i] = e.service; r.host[i] = e.host;
    r.user[i] = e.user; r.image[i] = e.image; r.commandLine[i] = e.commandLine; r.srcIp[i] = e.srcIp;
    r.dstIp[i] = e.dstIp; r.proto[i] = e.proto;
    r.srcPort[i] = int32OrNaN(e.srcPort); r.dstPort[i] = int32OrNaN(e.dstPort); r.eventId[i] = int32OrNaN(e.eventId);
    r.offset[i] = e.offset;
    r.raw[i] = JSON.stringify(e.fields);
  }
  return r;
}
