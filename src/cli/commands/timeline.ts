import { parseArgs } from 'node:util';
import { UsageError } from '../../model/index.js';
import { timeline, timesketchLine } from '../../trace/index.js';
import { withCase } from '../case.js';
import { printJson, println } from '../output.js';

export const summary = 'timeline CASE        the traced timeline [--host H] [--from T --to T] [--format text|json|timesketch]';

export async function run(args: string[]): Promise<number> {
  const { values, positionals } = parseArgs({
    args,
    options: { json: { type: 'boolean' }, host: { type: 'string' }, from: { type: 'string' }, to: { type: 'string' }, format: { type: 'string' } },
    allowPositionals: true,
  });
  const dir = positionals[0];
  if (!dir) throw new UsageError('usage: veritrace timeline CASE [--host H] [--from T --to T] [--format text|json|timesketch] [--json]');
  const format = values.json ? 'json' : (values.format ?? 'text');
  if (!['text', 'json', 'timesketch'].includes(format)) throw new UsageError(`--format takes text, json or timesketch, not '${format}'`);
  const rows = await withCase(dir, 'read', (store) => timeline(store, { host: values.host, from: values.from, to: values.to }));
  if (format === 'json') printJson(rows);
  else if (format === 'timesketch') for (const r of rows) process.stdout.write(timesketchLine(r) + '\n');
  else {
    for (const r of rows) {
      println(`${r.ts}  ${(r.host ?? '-').padEnd(14)} ${r.kind.padEnd(16)} ${(r.tactics.join(',') || '-').padEnd(22)} ${r.summary}  [${r.eventIds.length} events]`);
    }
  }
  return 0;
}
