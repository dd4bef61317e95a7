import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { stringify } from 'yaml';
import { canonicalJson } from '../../src/attribute/index.js';
import { sshAuthLogLines } from './events.js';
import { generateScenarios } from './scenario.js';
import type { Scenario } from './scenario.js';

/**
 * Writes scenarios as files for the whole pipeline: `actors.yaml` (for `--actors`), `evidence.json` (the typed
 * items), `auth.log` (the interactive sessions as sshd lines; beacons are on the wire, not in auth.log) and
 * `truth.json`. Usage: `node dist/examples/scenarios/write.js OUTDIR [count=7] [seed=1]`.
 */
export function writeScenario(dir: string, s: Scenario): void {
  mkdirSync(dir, { recursive: true });
  writeFileSync(join(dir, 'actors.yaml'), stringify({ actors: s.actors }));
  writeFileSync(join(dir, 'evidence.json'), `${canonicalJson(s.evidence)}\n`);
  writeFileSync(join(dir, 'auth.log'), `${sshAuthLogLines(s.sessions).join('\n')}\n`);
  writeFileSync(join(dir, 'truth.json'), `${JSON.stringify({ id: s.id, kind: s.kind, truth: s.truth, expect: s.expect }, null, 2)}\n`);
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  const [out, count = '7', seed = '1'] = process.argv.slice(2);
  if (!out) throw new Error('usage: write.js OUTDIR [count] [seed]');
  for (const s of generateScenarios(Number(count), Number(seed))) writeScenario(join(out, s.id), s);
}
