import { parseArgs } from 'node:util';
import { readFile } from 'node:fs/promises';
import { UsageError } from '../../model/index.js';
import { ingest, type FieldMapping, type IngestResult } from '../../ingest/index.js';
import { withCase } from '../case.js';
import { printJson, println, Progress } from '../output.js';

export const summary = 'ingest CASE PATH...  take files, folders, globs (.gz too) into the case; idempotent';

export async function run(args: string[]): Promise<number> {
  const { values, positionals } = parseArgs({
    args,
    options: { json: { type: 'boolean' }, format: { type: 'string' }, mapping: { type: 'string' }, year: { type: 'string' }, timezone: { type: 'string' } },
    allowPositionals: true,
  });
  const [dir, ...paths] = positionals;
  if (!dir || paths.length === 0) throw new UsageError('usage: veritrace ingest CASE PATH... [--format ID] [--mapping FILE.json] [--year YYYY] [--timezone TZ] [--json]');
  const mapping = values.mapping ? await loadMapping(values.mapping) : undefined;
  const year = values.year === undefined ? undefined : Number(values.year);
  if (year !== undefined && !(Number.isInteger(year) && year >= 1970 && year <= 9999)) throw new UsageError(`--year takes a year such as 2025, not '${values.year}'`);
  const json = values.json === true;
  const progress = new Progress('ingest', json);
  const result = await withCase(dir, 'write', (store) =>
    ingest(store, paths, {
      format: values.format,
      reader: { ...(mapping ? { mapping } : {}), ...(year !== undefined ? { year } : {}), ...(values.timezone ? { timezone: values.timezone } : {}) },
      onProgress: (p) => progress.update(p.bytesDone, p.bytesTotal, `${p.filesDone}/${p.filesTotal} files, ${p.events.toLocaleString('en-US')} events`),
    }),
  );
  progress.done();
  if (json) printJson(result);
  else printResult(result);
  return result.failed > 0 ? 1 : 0;
}

async function loadMapping(file: string): Promise<FieldMapping> {
  try {
    return JSON.parse(await readFile(file, 'utf8')) as FieldMapping;
  } catch (e) {
    throw new UsageError(`cannot read mapping ${file}: ${(e as Error).message}`);
  }
}

function printResult(r: IngestResult): void {
  for (const f of r.files) {
    if (f.status === 'ingested') println(`ingested  ${f.path}  ${f.format}  ${f.events} events${f.anomalies ? `, ${f.anomalies} anomalies` : ''}`);
    else if (f.status === 'unchanged') println(`unchanged ${f.path}  (already in the case)`);
    else println(`FAILED    ${f.error}`);
  }
  println(`${r.ingested} ingested, ${r.unchanged} unchanged, ${r.failed} failed; ${r.events} events`);
}
