import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { extname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Report } from '../../src/share/report/index.js';
import { REPO_ROOT } from '../helpers/paths.js';

const ext = extname(fileURLToPath(import.meta.url));
const CLI = fileURLToPath(new URL(`../../src/cli/main${ext}`, import.meta.url));
const GEN = fileURLToPath(new URL(`../../examples/demo/generate${ext}`, import.meta.url));
const ACTORS = join(REPO_ROOT, 'examples', 'demo', 'actors.yaml');

function node(args: string[]): string {
  const r = spawnSync(process.execPath, [...process.execArgv, ...args], { encoding: 'utf8' });
  assert.equal(r.status, 0, `${args.join(' ')}\n${r.stderr}`);
  return r.stdout;
}

test('analyze on the demo case finds the intrusion, sees through the false flag, and is byte-identical on a re-run', async () => {
  const dir = await mkdtemp(join(tmpdir(), 'vt-e2e-'));
  try {
    node([GEN, join(dir, 'demo')]);
    const truth = JSON.parse(await readFile(join(dir, 'demo', 'truth.json'), 'utf8')) as { entryHost: string; beacon: { dst: string; periodSeconds: number }; exfilBytes: number };
    const inputs = [join(dir, 'demo', 'logs'), join(dir, 'demo', 'samples')];
    const actors = ['--actors', ACTORS];
    node([CLI, 'analyze', ...inputs, '--case', join(dir, 'a'), ...actors, '--json']);
    node([CLI, 'analyze', ...inputs, '--case', join(dir, 'b'), ...actors, '--json']);
    const a = await readFile(join(dir, 'a', 'report.json'), 'utf8');
    assert.equal(a, await readFile(join(dir, 'b', 'report.json'), 'utf8'), 'report.json differs between two runs on the same inputs');
    const r = JSON.parse(a) as Report;
    assert.equal(r.case.failedInputs.length, 0);
    assert.equal(r.trace?.entry?.host, truth.entryHost);
    const beacon = r.trace?.beacons.find((b) => b.dst === truth.beacon.dst);
    assert.ok(beacon, 'the C2 beacon is found');
    assert.ok(Math.abs(beacon.periodS - truth.beacon.periodSeconds) / truth.beacon.periodSeconds < 0.05);
    const exfil = r.trace?.exfil.reduce((s, x) => s + x.bytes, 0) ?? 0;
    assert.equal(exfil, truth.exfilBytes);
    assert.equal(r.samples?.samples.length, 7);
    const top = r.attribution?.hypotheses[0];
    // The demo's truth is granite-lynx planting Japanese artefacts: "granite-lynx" or "granite-lynx framed as
    // paper-crane" are both right about who did it; paper-crane or unknown on top would be wrong.
    assert.equal(top?.actor, 'granite-lynx');
    assert.equal(r.attribution?.actors[0]?.actor, 'granite-lynx');
    assert.ok((r.attribution?.actors[0]?.probability ?? 0) > 0.8);
    assert.ok(r.attribution?.falseFlags.some((f) => f.kind === 'language' && f.pointsTo === 'paper-crane'), 'the planted Japanese artefacts are called a false flag');
    const md = await readFile(join(dir, 'a', 'report.md'), 'utf8');
    assert.match(md, /## Attribution/);
    assert.match(md, /Suspected false flags/);
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
});
