import { parseArgs } from 'node:util';
import { UsageError } from '../../model/index.js';
import { analyze } from '../../pipeline/analyze.js';
import { printJson, println, Progress } from '../output.js';

export const summary = 'analyze PATH... --case DIR   the main job: ingest, examine, detect, trace, attribute, report';

export async function run(args: string[]): Promise<number> {
  const { values, positionals } = parseArgs({
    args,
    options: {
      case: { type: 'string' }, json: { type: 'boolean' },
      rules: { type: 'string', multiple: true }, indicators: { type: 'string', multiple: true }, actors: { type: 'string', multiple: true },
    },
    allowPositionals: true,
  });
  if (!values.case || positionals.length === 0) {
    throw new UsageError('usage: veritrace analyze PATH... --case DIR [--actors FILE]... [--rules DIR]... [--indicators FILE]... [--json]');
  }
  const json = values.json === true;
  const progress = new Progress('analyze', json);
  const stages = ['ingest', 'examine', 'detect', 'trace', 'attribute', 'report'];
  const r = await analyze(positionals, {
    caseDir: values.case, rules: values.rules, indicators: values.indicators, actors: values.actors,
    onStage: (stage, detail) => progress.update(stages.indexOf(stage), stages.length, `${stage}: ${detail}`),
  });
  progress.done();
  if (json) {
    printJson({ case: values.case, report: r.files, ingest: { ingested: r.ingest.ingested, unchanged: r.ingest.unchanged, failed: r.ingest.failed, events: r.ingest.events }, findings: r.detect.findings });
  } else {
    println(`ingested ${r.ingest.ingested} files (${r.ingest.unchanged} unchanged, ${r.ingest.failed} failed), ${r.ingest.events} events`);
    println(`detect: ${r.detect.loaded} rules, ${r.detect.findings} findings`);
    println(`report: ${r.files.markdown}, ${r.files.json}`);
  }
  return r.ingest.failed > 0 ? 1 : 0;
}
