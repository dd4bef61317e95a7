/**
 * Zeek's JSON logs (`LogAscii::use_json`, json-streaming-logs): one object per line, flat dotted names, `ts` as
 * epoch seconds or ISO 8601. The log type comes from `_path` when present, else from the file name, else from the
 * field set of the first record that needs it. Unknown fields are kept as they are.
 */
import type { Anomaly, NormalizedEvent } from '../../../model/index.js';
import { epochNumberToNs, epochStringToNs, isoToNs, jsonObjectOrNull } from '../../net/index.js';
import { zeekEvent } from './event.js';
import { logTypeFromFields } from './logtype.js';
import { timeAnomaly } from './tsv.js';

/** Zeek's test harness masks times as a bare `XXXXXXXXXX.XXXXXX`, which is not JSON; it becomes null. */
const MASKED_BARE = /([:[,])XXXXXXXXXX\.XXXXXX/g;

/** The line with bare masked times quoted, as Zeek's harness should have written them. */
export function unmask(line: string): string {
  return line.replace(MASKED_BARE, '$1"XXXXXXXXXX.XXXXXX"');
}

export function zeekSyntaxAnomaly(file: string, lineNo: number, reason: string): Anomaly {
  return { offset: lineNo, kind: 'json-syntax', message: `${file}:${lineNo}: not a JSON object (${reason}); line skipped` };
}

/** A `ts` present (`t`, as parsed) but no time. */
export function zeekTimeAnomaly(file: string, lineNo: number, t: unknown): Anomaly {
  return timeAnomaly(file, lineNo, t === null ? undefined : String(t));
}

export class ZeekJson {
  private guessed: string | undefined;
  private guessDone = false;

  constructor(private readonly file: string, private readonly fileLogType: string | undefined) {}

  line(line: string, lineNo: number, out: NormalizedEvent[], anomalies: Anomaly[]): void {
    let rec = jsonObjectOrNull(line);
    if (typeof rec === 'string' && line.indexOf('XXXXXXXXXX.XXXXXX') >= 0) rec = jsonObjectOrNull(unmask(line));
    if (typeof rec === 'string') {
      anomalies.push(zeekSyntaxAnomaly(this.file, lineNo, rec));
      return;
    }
    const path = rec['_path'];
    const logType = typeof path === 'string' ? path : this.fileLogType ?? this.guess(rec);
    // `_write_ts` is no stand-in for a missing `ts`: loaded_scripts writes it as 1970-01-01.
    const t = rec['ts'];
    const tsNs = t === undefined ? null : zeekTimeToNs(t);
    if (t !== undefined && tsNs === null) anomalies.push(zeekTimeAnomaly(this.file, lineNo, t));
    out.push(zeekEvent(rec, tsNs, logType, lineNo));
  }

  private guess(rec: Record<string, unknown>): string | undefined {
    if (!this.guessDone) {
      this.guessDone = true;
      this.guessed = logTypeFromFields((f) => rec[f] !== undefined);
    }
    return this.guessed;
  }
}

/** A Zeek JSON time: epoch seconds as a number or a decimal string, or ISO 8601 (`LogAscii::json_timestamps`). */
export function zeekTimeToNs(v: unknown): bigint | null {
  if (typeof v === 'number') return epochNumberToNs(v, 's');
  if (typeof v !== 'string') return null;
  if (v.length > 4 && v.charCodeAt(4) === 45) return isoToNs(v);
  return epochStringToNs(v, 's');
}
