import { parseArgs } from 'node:util';
import { UsageError } from '../../model/index.js';
import { openDuckDBCase } from '../../store/index.js';
import { printJson, println } from '../output.js';

export const summary = 'init CASE            create an empty case folder (case.duckdb, evidence/, manifest.json)';

export async function run(args: string[]): Promise<number> {
  const { values, positionals } = parseArgs({ args, options: { json: { type: 'boolean' } }, allowPositionals: true });
  const dir = positionals[0];
  if (!dir || positionals.length > 1) throw new UsageError('usage: veritrace init CASE [--json]');
  const store = await openDuckDBCase(dir, { create: true });
  await store.close();
  if (values.json) printJson({ case: dir, created: true });
  else println(`case ready at ${dir}`);
  return 0;
}
