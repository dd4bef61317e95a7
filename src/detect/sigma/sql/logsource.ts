/** A resolved logsource as an SQL predicate, over `events` (channel read from raw) or over the run's index table. */
import type { DetectDialect } from '../../dialect.js';
import type { ResolvedLogsource, Variant } from '../pipeline/index.js';

export interface LogsourceColumns {
  /** Windows channel text (null: leave the channel test out, for a superset read from stored columns only). */
  channel: string | null;
  /** Raw record `type` (auditd); null as for `channel`. */
  rawType: string | null;
}

export function eventsLogsourceColumns(d: DetectDialect): LogsourceColumns {
  return { channel: d.jsonText('raw', ['Channel']), rawType: d.jsonText('raw', ['type']) };
}

function inList(d: DetectDialect, col: string, xs: readonly string[]): string {
  return xs.length === 1 ? `${col} = ${d.str(xs[0]!)}` : `${col} IN (${xs.map((x) => d.str(x)).join(', ')})`;
}

export function variantSql(d: DetectDialect, v: Variant, c: LogsourceColumns): string {
  const parts: string[] = [];
  if (v.product) parts.push(`product = ${d.str(v.product)}`);
  if (v.eventIds) parts.push(`event_id IN (${v.eventIds.join(', ')})`);
  if (v.categories) parts.push(inList(d, 'category', v.categories));
  if (v.services) parts.push(inList(d, 'service', v.services));
  if (v.channels && c.channel !== null) parts.push(inList(d, c.channel, v.channels));
  if (v.rawTypes && c.rawType !== null) parts.push(inList(d, c.rawType, v.rawTypes));
  return parts.length ? `(${parts.join(' AND ')})` : 'TRUE';
}

export function logsourceSql(d: DetectDialect, ls: ResolvedLogsource, c: LogsourceColumns): string {
  const vs = ls.variants.map((v) => variantSql(d, v, c));
  return vs.length === 1 ? vs[0]! : `(${vs.join(' OR ')})`;
}
