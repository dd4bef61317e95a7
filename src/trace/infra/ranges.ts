/**
 * Sorted, non-overlapping address ranges loaded once from ip-location-db's numeric CSV files
 * (`start,end,value…`), looked up by binary search. IPv4 keeps typed arrays; IPv6 keeps bigints.
 */
import { readFileSync } from 'node:fs';
import { VeritraceError } from '../../model/index.js';
import { ipv4ToNumber, ipv6ToBigInt } from './address.js';

/** One CSV line's fields (RFC 4180 quoting, as the dataset quotes organisation names with commas). */
export function csvFields(line: string): string[] {
  const out: string[] = [];
  let i = 0;
  while (i <= line.length) {
    if (line[i] === '"') {
      let v = '';
      i++;
      for (;;) {
        const q = line.indexOf('"', i);
        if (q < 0) { v += line.slice(i); i = line.length; break; }
        v += line.slice(i, q);
        if (line[q + 1] === '"') { v += '"'; i = q + 2; continue; }
        i = q + 1;
        break;
      }
      out.push(v);
      i = line.indexOf(',', i) < 0 ? line.length + 1 : line.indexOf(',', i) + 1;
    } else {
      const c = line.indexOf(',', i);
      const end = c < 0 ? line.length : c;
      out.push(line.slice(i, end));
      i = end + 1;
    }
  }
  return out;
}

export class RangeTable<V> {
  private constructor(
    private readonly v4Start: Float64Array, private readonly v4End: Float64Array, private readonly v4Val: V[],
    private readonly v6Start: bigint[], private readonly v6End: bigint[], private readonly v6Val: V[],
  ) {}

  static load<V>(v4File: string, v6File: string, value: (fields: string[]) => V): RangeTable<V> {
    const v4 = RangeTable.readFile(v4File, (s) => Number(s), value);
    const v6 = RangeTable.readFile(v6File, (s) => BigInt(s), value);
    return new RangeTable(Float64Array.from(v4.starts), Float64Array.from(v4.ends), v4.values, v6.starts, v6.ends, v6.values);
  }

  private static readFile<N extends number | bigint, V>(file: string, num: (s: string) => N, value: (f: string[]) => V) {
    const starts: N[] = [];
    const ends: N[] = [];
    const values: V[] = [];
    const text = readFileSync(file, 'utf8');
    // Values repeat (one organisation owns many ranges): parse each distinct tail once.
    const cache = new Map<string, V>();
    let lineNo = 0;
    for (let i = 0; i < text.length;) {
      let nl = text.indexOf('\n', i);
      if (nl < 0) nl = text.length;
      lineNo++;
      if (nl > i) {
        const c1 = text.indexOf(',', i);
        const c2 = text.indexOf(',', c1 + 1);
        if (c1 < 0 || c2 < 0 || c2 > nl) throw new VeritraceError(`${file}:${lineNo}: not start,end,value (is the enrichment dataset damaged? reinstall it with npm ci)`);
        const s = num(text.slice(i, c1));
        const tail = text.slice(c2 + 1, nl);
        let v = cache.get(tail);
        if (v === undefined) { v = value(csvFields(tail)); cache.set(tail, v); }
        if (starts.length > 0 && s < starts[starts.length - 1]!) throw new VeritraceError(`${file}:${lineNo}: ranges out of order`);
        starts.push(s);
        ends.push(num(text.slice(c1 + 1, c2)));
        values.push(v);
      }
      i = nl + 1;
    }
    return { starts, ends, values };
  }

  lookup(address: string): V | null {
    const n4 = ipv4ToNumber(address);
    if (n4 !== null) return search(this.v4Start, this.v4End, this.v4Val, n4);
    const n6 = ipv6ToBigInt(address);
    if (n6 !== null) return search(this.v6Start, this.v6End, this.v6Val, n6);
    return null;
  }
}

function search<N extends number | bigint, V>(starts: ArrayLike<N>, ends: ArrayLike<N>, values: V[], x: N): V | null {
  let lo = 0;
  let hi = starts.length - 1;
  while (lo <= hi) {
    const mid = (lo + hi) >> 1;
    if (starts[mid]! <= x) lo = mid + 1; else hi = mid - 1;
  }
  return hi >= 0 && x <= ends[hi]! ? values[hi]! : null;
}
