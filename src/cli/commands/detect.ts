import { parseArgs } from 'node:util';
import { UsageError } from '../../model/index.js';
import { detect, LEVELS, type Level } from '../../detect/index.js';
import { withCase } from '../case.js';
import { printJson, println } from '../output.js';

export const summary = 'detect CASE [--rules PATH…] [--indicators FILE…] [--level L] [--json]   run Sigma rules and indicators, store findings';

export async function run(args: string[]): Promise<number> {
  const { values, positionals } = parseArgs({
    args, allowPositionals: true,
    options: { rules: { type: 'string', multiple: true }, indicators: { type: 'string', multiple: true }, level: { type: 'string' }, json: { type: 'boolean' } },
  });
  const dir = positionals[0];
  if (!dir) throw new UsageError('usage: veritrace detect CASE [--rules PATH…] [--indicators FILE…] [--level L] [--json]');
  const level = values.level as Level | undefined;
  if (level && !LEVELS.includes(level)) throw new UsageError(`--level must be one of ${LEVELS.join(', ')}`);
  const rules = values.rules?.length ? values.rules : undefined;
  const result = await withCase(dir, 'write', (store) => detect(store, {
    rules, indicatorFiles: values.indicators, minLevel: level,
    onProgress: values.json || !process.stderr.isTTY ? undefined : (m) => process.stderr.write(`\r${m.slice(0, 100).padEnd(100)}`),
  }));
  if (!values.json && process.stderr.isTTY) process.stderr.write('\n');
  const failed = result.rejected.filter((r) => r.code === 'runtime-error');
  if (values.json) {
    printJson(result);
    return failed.length ? 1 : 0;
  }
  println(`${result.loaded} rules and indicators loaded, ${result.rejected.length} rejected, ${result.findings} findings`);
  for (const r of result.rejected) println(`  rejected ${r.code.padEnd(24)} ${r.source}${r.id ? ` (${r.id})` : ''}: ${r.message}`);
  if (result.jsRegexRules.length) println(`  ${result.jsRegexRules.length} rules use the JavaScript regex fallback (RE2 cannot take their regex)`);
  println('');
  println('findings  level          rule');
  for (const p of result.perRule) println(`${String(p.findings).padStart(8)}  ${p.level.padEnd(13)}  ${p.title} (${p.ruleId})`);
  return failed.length ? 1 : 0;
}
