/**
 * Zeek's ASCII (TSV) log format, as a state machine fed line by line. Directives (`#separator`, `#set_separator`,
 * `#empty_field`, `#unset_field`, `#path`, `#open`, `#fields`, `#types`, `#close`) may repeat: every `#fields`
 * starts a new block, so the columns can change mid-file (a log rotated across Zeek versions, concatenated logs).
 * A log without directives (zeek-cut output) is read too: a first line of column names is taken as the header,
 * else columns are named by position (`_1`, `_2`, …); both are reported once as an anomaly.
 */
import type { Anomaly, NormalizedEvent } from '../../../model/index.js';
import { IngestError } from '../../../model/index.js';
import { epochStringToNs } from '../../net/index.js';
import { converterFor, text, typeFromName, type Convert, type Markers } from './convert.js';
import { zeekEvent } from './event.js';
import { logTypeFromFields } from './logtype.js';

interface Block {
  names: string[];
  convert: Convert[];
  /** Column of the event time, `ts`, or -1. `_write_ts` is not a stand-in: loaded_scripts writes it as 0 (1970). */
  tsIndex: number;
  logType: string | undefined;
}

const IDENTIFIER = /^[A-Za-z_][A-Za-z0-9_.]*$/;

export class ZeekTsv {
  private sep = '\t';
  private sepSeen = false;
  private readonly markers: Markers = { setSeparator: ',', empty: '(empty)', unset: '-' };
  private path: string | undefined;
  private names: string[] | null = null;
  private types: string[] | null = null;
  private block: Block | null = null;

  constructor(private readonly file: string, private readonly fileLogType: string | undefined) {}

  /** True once a `#fields` header (or a zeek-cut header line) has been seen. */
  get hasHeader(): boolean {
    return this.names !== null;
  }

  directive(line: string): void {
    if (line.startsWith('#separator ')) {
      const s = text(line.slice(11));
      if (s.length > 0) { this.sep = s; this.sepSeen = true; }
      return;
    }
    const k = line.indexOf(this.sep);
    if (k < 0) return; // `### comment`, masked `#open XXXX`, anything Zeek did not write with a value
    const key = line.slice(1, k);
    const rest = line.slice(k + this.sep.length);
    switch (key) {
      case 'set_separator': this.markers.setSeparator = text(rest); break;
      case 'empty_field': this.markers.empty = rest; break;
      case 'unset_field': this.markers.unset = rest; break;
      case 'path': this.path = text(rest); break;
      case 'fields': this.names = rest.split(this.sep).map(text); this.types = null; this.block = null; break;
      case 'types': this.types = rest.split(this.sep); this.block = null; break;
      default: break; // #open, #close and unknown directives carry nothing an event needs
    }
  }

  data(line: string, lineNo: number, out: NormalizedEvent[], anomalies: Anomaly[]): void {
    if (this.block === null) {
      if (this.names === null && this.headerless(line, lineNo, anomalies)) return;
      this.block = this.buildBlock(lineNo, anomalies);
    }
    const b = this.block;
    const parts = line.split(this.sep);
    const want = b.names.length;
    if (parts.length !== want) {
      anomalies.push({ offset: lineNo, kind: 'zeek-column-count', message: `${this.file}:${lineNo}: ${parts.length} columns where the header has ${want}; kept as far as they go` });
    }
    const unset = this.markers.unset;
    const fields: Record<string, unknown> = {};
    const n = parts.length < want ? parts.length : want;
    for (let i = 0; i < n; i++) {
      const raw = parts[i]!;
      if (raw !== unset) fields[b.names[i]!] = b.convert[i]!(raw);
    }
    for (let i = want; i < parts.length; i++) fields[`_${i + 1}`] = text(parts[i]!);
    let tsNs: bigint | null = null;
    if (b.tsIndex >= 0 && b.tsIndex < n) {
      const raw = parts[b.tsIndex]!;
      tsNs = raw === unset ? null : epochStringToNs(raw, 's');
      if (tsNs === null) anomalies.push(timeAnomaly(this.file, lineNo, raw === unset ? undefined : raw));
    }
    out.push(zeekEvent(fields, tsNs, b.logType, lineNo));
  }

  /** First data line of a log without `#fields`: decide separator and column names. True when the line was the header. */
  private headerless(line: string, lineNo: number, anomalies: Anomaly[]): boolean {
    if (looksBinary(line)) throw new IngestError({ file: this.file, line: lineNo }, 'not a Zeek log: binary content where the first record should be');
    if (!this.sepSeen && line.indexOf('\t') < 0 && line.indexOf('|') >= 0) this.sep = '|';
    const tokens = line.split(this.sep);
    if (tokens.every((t) => IDENTIFIER.test(t))) {
      this.names = tokens;
      anomalies.push({ offset: lineNo, kind: 'zeek-no-header', message: `${this.file}:${lineNo}: no #fields header; this line taken as column names (zeek-cut output), types inferred from the names` });
      return true;
    }
    this.names = tokens.map((_, i) => `_${i + 1}`);
    anomalies.push({ offset: lineNo, kind: 'zeek-no-header', message: `${this.file}:${lineNo}: no #fields header and no line of column names; columns named by position` });
    return false;
  }

  private buildBlock(lineNo: number, anomalies: Anomaly[]): Block {
    const names = this.names ?? [];
    const types = this.types;
    if (types !== null && types.length !== names.length) {
      anomalies.push({ offset: lineNo, kind: 'zeek-header', message: `${this.file}:${lineNo}: #types has ${types.length} entries for ${names.length} #fields; missing types inferred from names` });
    }
    const convert = names.map((n, i) => converterFor(types?.[i] ?? typeFromName(n), this.markers));
    const tsIndex = names.indexOf('ts');
    const set = new Set(names);
    const logType = this.path ?? this.fileLogType ?? logTypeFromFields((f) => set.has(f));
    return { names, convert, tsIndex, logType };
  }
}

/** The anomaly for a record whose `ts` is unset, masked by a test harness (`XXXXXXXXXX.XXXXXX`) or malformed. */
export function timeAnomaly(file: string, lineNo: number, raw: string | undefined): Anomaly {
  if (raw === undefined) return { offset: lineNo, kind: 'missing-time', message: `${file}:${lineNo}: ts is unset; event kept without time` };
  if (raw.startsWith('XXXXXXXXXX')) return { offset: lineNo, kind: 'masked-time', message: `${file}:${lineNo}: ts is masked (${raw}); event kept without time` };
  return { offset: lineNo, kind: 'bad-time', message: `${file}:${lineNo}: ts ${JSON.stringify(raw.slice(0, 40))} is not a time; event kept without time` };
}

/** Zeek escapes every control byte, so raw control characters or undecodable bytes mean this is not a Zeek log. */
function looksBinary(line: string): boolean {
  for (let i = 0; i < line.length; i++) {
    const c = line.charCodeAt(i);
    if ((c < 32 && c !== 9) || c === 0xfffd) return true;
  }
  return false;
}
