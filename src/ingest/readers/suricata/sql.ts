/**
 * EVE lines mapped by the store in SQL (`Reader.readLines`): the same columns and anomalies as `eveEvent` and
 * `read` in reader.ts, with the line itself as `raw`. `flow_id` needs no care here: it stays the digits Suricata
 * wrote, and DuckDB reads integers up to 2^64 exactly (`json_extract_string(raw, '$.flow_id')`).
 */
import type { Anomaly } from '../../../model/index.js';
import type { InputSource } from '../../input.js';
import type { LineProjection, ReadBatch } from '../../reader.js';
import { isoToNs, jsonObjectOrNull } from '../../net/index.js';
import { isoNsLets, isStrSql, nsToTimestampSql, strSql, toPortSql, toTextSql } from '../../net/sql.js';
import { eveSyntaxAnomaly, eveTimeAnomaly } from './reader.js';

const PATHS = ['$.timestamp', '$.event_type', '$.host', '$.src_ip', '$.src_port', '$.dest_ip', '$.dest_port', '$.proto'];
const j = (path: string) => `j${PATHS.indexOf(path) + 1}`;
const NONE = 'CAST(NULL AS VARCHAR)';

export function eveProjection(file: string): LineProjection {
  const proto = j('$.proto');
  return {
    format: 'suricata',
    file,
    paths: PATHS,
    lets: [
      ['ts_s', strSql(j('$.timestamp'))],
      ...isoNsLets('ts_s', 'ts_ns'),
      ['svc', toTextSql(j('$.event_type'))],
    ],
    columns: {
      ts: nsToTimestampSql('ts_ns'),
      product: `'suricata'`,
      category: `CASE WHEN svc = 'dns' THEN 'dns' END`,
      service: 'svc',
      host: toTextSql(j('$.host')),
      user_name: NONE,
      image: NONE,
      command_line: NONE,
      src_ip: toTextSql(j('$.src_ip')),
      src_port: toPortSql(j('$.src_port')),
      dst_ip: toTextSql(j('$.dest_ip')),
      dst_port: toPortSql(j('$.dest_port')),
      // Lower-cased so that TCP joins Zeek's tcp; an empty string stays one, as in eveEvent.
      proto: `CASE WHEN ${isStrSql(proto)} THEN lower(${strSql(proto)}) ELSE ${toTextSql(proto)} END`,
      event_id: 'CAST(NULL AS INTEGER)',
    },
    check(text, lineNo) {
      const rec = jsonObjectOrNull(text);
      return typeof rec === 'string' ? { anomaly: eveSyntaxAnomaly(file, lineNo, rec) } : { record: rec };
    },
    timeAnomaly(raw, lineNo) {
      const t = (JSON.parse(raw) as Record<string, unknown>)['timestamp'];
      return typeof t === 'string' && isoToNs(t) !== null ? undefined : eveTimeAnomaly(file, lineNo, t);
    },
  };
}

/** Non-empty lines as text; only lines that cannot be an object (or hold a NUL) are judged here. */
export async function* readEveLines(input: InputSource): AsyncIterable<ReadBatch> {
  const projection = eveProjection(input.path);
  for await (const batch of input.lines()) {
    const lines = batch.lines;
    const lineNos: number[] = [];
    const texts: string[] = [];
    const anomalies: Anomaly[] = [];
    for (let i = 0; i < lines.length; i++) {
      const line = lines[i]!;
      if (line.length === 0) continue;
      const lineNo = batch.firstLine + i;
      if (line.charCodeAt(0) !== 123 || line.indexOf('\0') >= 0) {
        const v = projection.check(line, lineNo);
        if ('anomaly' in v) { anomalies.push(v.anomaly); continue; }
      }
      lineNos.push(lineNo);
      texts.push(line);
    }
    yield { events: [], anomalies, lines: { projection, lineNos, texts } };
  }
}
