import { parseArgs } from 'node:util';
import { UsageError } from '../../model/index.js';
import { trace, type TraceSummary } from '../../trace/index.js';
import { withCase } from '../case.js';
import { printJson, println, Progress } from '../output.js';

export const summary = 'trace CASE           rebuild the intrusion: entry, movement, beacons, exfiltration, sessions, infrastructure';

export async function run(args: string[]): Promise<number> {
  const { values, positionals } = parseArgs({ args, options: { json: { type: 'boolean' } }, allowPositionals: true });
  const dir = positionals[0];
  if (!dir) throw new UsageError('usage: veritrace trace CASE [--json]');
  const json = values.json === true;
  const progress = new Progress('trace', json);
  const s = await withCase(dir, 'write', (store) => trace(store, { onStep: (step, i, n) => progress.update(i, n, step) }));
  progress.done();
  if (json) printJson(s);
  else print(s);
  return 0;
}

const gb = (b: number) => (b >= 1e9 ? `${(b / 1e9).toFixed(2)} GB` : b >= 1e6 ? `${(b / 1e6).toFixed(1)} MB` : `${b} B`);

function print(s: TraceSummary): void {
  if (s.entry) {
    println(`entry: ${s.entry.host} as ${s.entry.user ?? '?'} from ${s.entry.fromAddr} at ${s.entry.firstTs} — ${s.entry.vector}`);
    if (s.entry.otherSources.length > 1) println(`       the same account on ${s.entry.host} also from ${s.entry.otherSources.filter((a) => a !== s.entry!.fromAddr).join(', ')}`);
  } else println('entry: no successful logon from an external address');
  println(`path:  ${s.path.map((p) => `${p.host} (${p.reachedTs})`).join(' → ') || '-'}`);
  for (const m of s.movement) println(`  ${m.hop === null ? ' ' : `hop ${m.hop}`}  ${m.srcHost} → ${m.dstHost} as ${m.user ?? '?'} [${m.kind}] ×${m.count} from ${m.firstTs}`);
  println(`beacons: ${s.beacons.length}`);
  for (const b of s.beacons.slice(0, 10)) println(`  ${b.src} → ${b.dst}:${b.dstPort ?? '?'} every ${b.periodS.toFixed(0)} s ±${(100 * b.jitter).toFixed(0)}%  ${b.count} conns  score ${b.score.toFixed(2)} (RITA ${b.ritaScore.toFixed(2)})${b.periodicSources > 1 ? `  [${b.periodicSources} sources periodic to it]` : ''}  ${b.firstTs} .. ${b.lastTs}`);
  for (const b of s.benignPeriodic.slice(0, 5)) println(`  (benign) ${b.src} → ${b.dst} every ${b.periodS.toFixed(0)} s: ${b.reason}`);
  println(`exfiltration: ${s.exfil.length} destinations`);
  for (const x of s.exfil.slice(0, 10)) println(`  ${x.src} → ${x.dst}: ${gb(x.bytes)} (${x.bytes} bytes) over ${x.days} days, ${x.firstTs} .. ${x.lastTs}`);
  println(`sessions: ${s.sessions.total} (${s.sessions.human} hands-on-keyboard, ${s.sessions.automated} automated; ${s.sessions.intrusionHuman} human sessions of the intrusion)`);
  println(`infrastructure: ${s.infrastructure.external} external addresses, ${s.infrastructure.intrusion} used in the intrusion; dataset ${s.infrastructure.dataset ?? '-'} (${s.infrastructure.datasetDate ?? '-'})`);
  for (const c of s.clusters.slice(0, 10)) println(`  ${c.kind.padEnd(20)} ${c.key}  ${c.addresses.join(', ')}${c.addressCount > c.addresses.length ? ` (+${c.addressCount - c.addresses.length} more)` : ''}  ${c.firstTs ?? ''} .. ${c.lastTs ?? ''}`);
  println(`graph: ${s.entities} entities, ${s.edges} edges; timeline: ${s.timeline} entries${s.findingsUsed ? '' : ' (no findings table: events only)'}`);
}
