import { parseArgs } from 'node:util';
import { UsageError } from '../../model/index.js';
import { checkRules } from '../../detect/index.js';
import { duckdb } from '../../store/index.js';
import { printJson, println } from '../output.js';

export const summary = 'rules check PATH… [--verbose] [--json]   every rule loaded or rejected with its reason; counts per reason';

export async function run(args: string[]): Promise<number> {
  const { values, positionals } = parseArgs({ args, allowPositionals: true, options: { json: { type: 'boolean' }, verbose: { type: 'boolean' } } });
  const [sub, ...paths] = positionals;
  if (sub !== 'check' || paths.length === 0) throw new UsageError('usage: veritrace rules check PATH… [--verbose] [--json]');
  const report = await checkRules(paths, duckdb);
  if (values.json) {
    printJson(report);
    return report.rejected ? 1 : 0;
  }
  for (const r of report.rules) {
    if (r.status === 'rejected') {
      println(`rejected  ${r.code}  ${r.source}${r.id ? ` (${r.id})` : ''}: ${r.message}`);
      continue;
    }
    println(`loaded    ${r.kind}  ${r.source}  ${r.title}${r.logsource ? `  [${r.logsource.join(', ')}]` : ''}${r.jsRegex ? '  (JS regex fallback)' : ''}`);
    if (values.verbose) {
      for (const f of r.fields ?? []) println(`            ${f.field} ← ${f.reads.join(' | ')}${f.because.length ? `   because ${f.because.join('; ')}` : ''}`);
    }
  }
  println('');
  println(`${report.loaded} loaded, ${report.rejected} rejected (${((100 * report.loaded) / Math.max(1, report.loaded + report.rejected)).toFixed(2)}% load)`);
  for (const [code, n] of Object.entries(report.byReason).sort()) println(`  ${String(n).padStart(5)}  ${code}`);
  return report.rejected ? 1 : 0;
}
