import { parseArgs } from 'node:util';
import { UsageError } from '../../model/index.js';
import { withCase } from '../case.js';
import { printJson, println } from '../output.js';

export const summary = 'stats CASE           evidence files, event counts per format and logsource, time span';

export async function run(args: string[]): Promise<number> {
  const { values, positionals } = parseArgs({ args, options: { json: { type: 'boolean' } }, allowPositionals: true });
  const dir = positionals[0];
  if (!dir) throw new UsageError('usage: veritrace stats CASE [--json]');
  const stats = await withCase(dir, 'read', async (store) => {
    const [totals] = await store.query<{ events: number; first: string | null; last: string | null; hosts: number }>(`SELECT count(*) AS events, CAST(min(ts) AS VARCHAR) AS first, CAST(max(ts) AS VARCHAR) AS last, count(DISTINCT host) AS hosts FROM events`);
    const bySource = await store.query(
      `SELECT format, product, service, category, count(*) AS events FROM events GROUP BY ALL ORDER BY format, product NULLS FIRST, service NULLS FIRST, category NULLS FIRST`,
    );
    const [anoms] = await store.query(`SELECT count(*) AS n FROM anomalies`);
    const evidence = await store.evidence();
    return { evidence: evidence.length, events: totals?.events ?? 0, first: totals?.first ?? null, last: totals?.last ?? null, hosts: totals?.hosts ?? 0, anomalies: anoms?.n ?? 0, bySource };
  });
  if (values.json) {
    printJson(stats);
    return 0;
  }
  println(`${stats.evidence} evidence files, ${stats.events} events, ${stats.anomalies} anomalies, ${stats.hosts} hosts`);
  println(`time span: ${stats.first ?? '-'} .. ${stats.last ?? '-'} UTC`);
  println('');
  println('events  format     product   service               category');
  for (const r of stats.bySource) {
    println(`${String(r.events).padStart(6)}  ${String(r.format).padEnd(10)} ${String(r.product ?? '-').padEnd(9)} ${String(r.service ?? '-').padEnd(21)} ${r.category ?? '-'}`);
  }
  return 0;
}
