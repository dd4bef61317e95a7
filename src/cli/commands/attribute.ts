import { parseArgs } from 'node:util';
import { UsageError } from '../../model/index.js';
import { attributeCase } from '../../attribute/from-case/index.js';
import { withCase } from '../case.js';
import { printJson, println } from '../output.js';

export const summary = 'attribute CASE [--actors FILE…]   competing hypotheses, false flags, pivotal evidence';

export async function run(args: string[]): Promise<number> {
  const { values, positionals } = parseArgs({ args, options: { json: { type: 'boolean' }, actors: { type: 'string', multiple: true } }, allowPositionals: true });
  const dir = positionals[0];
  if (!dir) throw new UsageError('usage: veritrace attribute CASE [--actors FILE]... [--json]');
  const { result, evidence } = await withCase(dir, 'write', (store) => attributeCase(store, values.actors ?? []));
  if (values.json) {
    printJson(result);
    return 0;
  }
  println(`evidence items: ${evidence.length}; confidence: ${result.confidence}`);
  println('');
  for (const h of result.hypotheses) println(`  ${h.likelihood.padEnd(20)} ${(h.probability * 100).toFixed(1).padStart(5)}%  ${h.framedAs ? `${h.actor} framed as ${h.framedAs}` : h.actor}`);
  if (result.activity) {
    const a = result.activity;
    println('');
    println(`operator activity: UTC${a.utcOffsetMinutes === null ? ' ?' : (a.utcOffsetMinutes >= 0 ? '+' : '-') + fmtOffset(Math.abs(a.utcOffsetMinutes))}, work week ${a.workweek?.join(' ') ?? '?'}, holidays ${a.holidays ?? '?'} (${a.count} sessions, ${a.confidence} confidence)`);
  }
  for (const f of result.falseFlags) println(`suspected false flag (${f.kind}) pointing to ${f.pointsTo}: ${f.reason}`);
  if (result.hangsOn) println(`the conclusion hangs most on ${result.hangsOn.evidence} (without it: ${result.hangsOn.withoutIt})`);
  for (const p of result.pivotal) println(`pivotal: ${p.evidence} (without it: ${p.withoutIt})`);
  return 0;
}

function fmtOffset(min: number): string {
  return `${String(Math.floor(min / 60)).padStart(2, '0')}:${String(min % 60).padStart(2, '0')}`;
}
