/**
 * Zeek JSON lines mapped by the store in SQL (`Reader.readLines`): the same columns and anomalies as `ZeekJson`
 * and `zeekEvent`, with the line itself as `raw`. The log type of records without a string `_path` is decided
 * here per file, as `ZeekJson` does (file name, else the field set of the first record without `_path`), and
 * reaches the SQL as a constant.
 */
import type { Anomaly } from '../../../model/index.js';
import type { LineProjection } from '../../reader.js';
import { jsonObjectOrNull } from '../../net/index.js';
import { epochNumberNsSql, epochStringNsSql, isNumSql, isoNsLets, isStrSql, nsToTimestampSql, strSql, toPortSql, toTextSql } from '../../net/sql.js';
import { unmask, zeekSyntaxAnomaly, zeekTimeAnomaly, zeekTimeToNs } from './json.js';
import { categorySql, logTypeFromFields } from './logtype.js';

const PATHS = [
  '$.ts', '$._path', '$._system_name', '$.proto', '$.src', '$.dst', '$.p',
  // zeekEvent's pick(): the flat dotted name, the `_` scope separator, a nested `id` object.
  '$."id.orig_h"', '$.id_orig_h', '$.id.orig_h', '$."id.resp_h"', '$.id_resp_h', '$.id.resp_h',
  '$."id.orig_p"', '$.id_orig_p', '$.id.orig_p', '$."id.resp_p"', '$.id_resp_p', '$.id.resp_p',
];
const j = (path: string) => `j${PATHS.indexOf(path) + 1}`;
const pick = (end: string) => `coalesce(${j(`$."id.${end}"`)}, ${j(`$.id_${end}`)}, ${j(`$.id.${end}`)})`;
const NONE = 'CAST(NULL AS VARCHAR)';

/** `logType`: the log type of records without a string `_path` (undefined: none known). */
export function zeekProjection(file: string, logType: string | undefined): LineProjection {
  const ts = j('$.ts');
  return {
    format: 'zeek',
    file,
    paths: PATHS,
    lets: [
      ['orig_h', pick('orig_h')], ['resp_h', pick('resp_h')], ['orig_p', pick('orig_p')], ['resp_p', pick('resp_p')],
      // notice.log and friends name the endpoints `src`, `dst` and the responder's port `p`.
      ['src_j', `CASE WHEN orig_h IS NULL AND resp_h IS NULL THEN ${j('$.src')} ELSE orig_h END`],
      ['dst_j', `CASE WHEN orig_h IS NULL AND resp_h IS NULL THEN ${j('$.dst')} ELSE resp_h END`],
      ['dstp_j', `CASE WHEN orig_h IS NULL AND resp_h IS NULL AND resp_p IS NULL THEN ${j('$.p')} ELSE resp_p END`],
      ['svc', `CASE WHEN ${isStrSql(j('$._path'))} THEN ${strSql(j('$._path'))} ELSE ${logType === undefined ? NONE : `'${logType.replace(/'/g, "''")}'`} END`],
      // zeekTimeToNs: a number is epoch seconds; a string ISO 8601 when its fifth character is `-`, else epoch seconds.
      ['ts_s', strSql(ts)],
      ['ts_iso', `CASE WHEN length(ts_s) > 4 AND ts_s[5] = '-' THEN ts_s END`],
      ...isoNsLets('ts_iso', 'ts_iso_ns'),
      ['ts_ns', `CASE WHEN ${isNumSql(ts)} THEN ${epochNumberNsSql(ts)} WHEN ts_iso IS NOT NULL THEN ts_iso_ns WHEN ts_s IS NOT NULL THEN ${epochStringNsSql('ts_s')} END`],
    ],
    columns: {
      ts: nsToTimestampSql('ts_ns'),
      product: `'zeek'`,
      category: categorySql('svc'),
      service: 'svc',
      host: toTextSql(j('$._system_name')),
      user_name: NONE,
      image: NONE,
      command_line: NONE,
      src_ip: toTextSql('src_j'),
      src_port: toPortSql('orig_p'),
      dst_ip: toTextSql('dst_j'),
      dst_port: toPortSql('dstp_j'),
      proto: toTextSql(j('$.proto')),
      event_id: 'CAST(NULL AS INTEGER)',
    },
    check(text, lineNo) {
      const rec = jsonObjectOrNull(text);
      return typeof rec === 'string' ? { anomaly: zeekSyntaxAnomaly(file, lineNo, rec) } : { record: rec };
    },
    timeAnomaly(raw, lineNo) {
      const t = (JSON.parse(raw) as Record<string, unknown>)['ts'];
      return t === undefined || zeekTimeToNs(t) !== null ? undefined : zeekTimeAnomaly(file, lineNo, t);
    },
  };
}

/**
 * The JSON side of the Zeek reader for the store's SQL mapping: lines pass as text. JS parses only a line whose
 * masked times need quoting, and, until the file's fallback log type is known, the first line without `_path`.
 */
export class ZeekJsonLines {
  projection: LineProjection;
  private decided: boolean;

  constructor(private readonly file: string, fileLogType: string | undefined) {
    this.projection = zeekProjection(file, fileLogType);
    this.decided = fileLogType !== undefined;
  }

  /** The text to store for `line`, or undefined when it is skipped (its anomaly pushed). May replace `projection`. */
  line(line: string, lineNo: number, anomalies: Anomaly[]): string | undefined {
    let text = line;
    let rec: Record<string, unknown> | string | undefined;
    if (line.indexOf('XXXXXXXXXX.XXXXXX') >= 0) {
      rec = jsonObjectOrNull(line);
      if (typeof rec === 'string') { text = unmask(line); rec = jsonObjectOrNull(text); }
    } else if (line.indexOf('\0') >= 0) rec = jsonObjectOrNull(line);
    // A line without the text `"_path"` has no `_path`: the first such record decides the file's fallback type.
    if (!this.decided && text.indexOf('"_path"') < 0) {
      rec ??= jsonObjectOrNull(text);
      if (typeof rec !== 'string') {
        this.decided = true;
        const r = rec;
        const guessed = logTypeFromFields((f) => r[f] !== undefined);
        this.projection = zeekProjection(this.file, guessed);
      }
    }
    if (typeof rec === 'string') { anomalies.push(zeekSyntaxAnomaly(this.file, lineNo, rec)); return undefined; }
    return text;
  }
}
