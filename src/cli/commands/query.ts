import { parseArgs } from 'node:util';
import { UsageError } from '../../model/index.js';
import { withCase } from '../case.js';
import { printJson, println } from '../output.js';

export const summary = 'query CASE SQL       read-only SQL over the case (tables: events, evidence, anomalies, …)';

export async function run(args: string[]): Promise<number> {
  const { values, positionals } = parseArgs({ args, options: { json: { type: 'boolean' } }, allowPositionals: true });
  const [dir, sql] = positionals;
  if (!dir || !sql) throw new UsageError('usage: veritrace query CASE SQL [--json]');
  // The case is opened read-only: a query can never change the evidence.
  const rows = await withCase(dir, 'read', (store) => store.query(sql));
  if (values.json) printJson(rows);
  else printTable(rows);
  return 0;
}

function printTable(rows: Record<string, unknown>[]): void {
  if (rows.length === 0) return println('(no rows)');
  const cols = Object.keys(rows[0]!);
  const cell = (v: unknown) => (v === null ? 'NULL' : typeof v === 'object' ? JSON.stringify(v) : String(v)).replace(/\s+/g, ' ').slice(0, 80);
  const widths = cols.map((c) => Math.max(c.length, ...rows.map((r) => cell(r[c]).length)));
  println(cols.map((c, i) => c.padEnd(widths[i]!)).join('  '));
  println(widths.map((w) => '-'.repeat(w)).join('  '));
  for (const r of rows) println(cols.map((c, i) => cell(r[c]).padEnd(widths[i]!)).join('  '));
  println(`(${rows.length} rows)`);
}
