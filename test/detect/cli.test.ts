/** The thin CLI commands `detect` and `rules check`: exit codes, human text, --json. */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtemp, rm, writeFile, mkdir } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { openDuckDBCase } from '../../src/store/index.js';
import { run as detectCmd } from '../../src/cli/commands/detect.js';
import { run as rulesCmd } from '../../src/cli/commands/rules.js';
import { ev, sysmon } from './helpers.js';

async function capture(fn: () => Promise<number>): Promise<{ code: number; out: string }> {
  const write = process.stdout.write.bind(process.stdout);
  let out = '';
  process.stdout.write = ((chunk: string | Uint8Array) => { out += String(chunk); return true; }) as typeof process.stdout.write;
  try {
    return { code: await fn(), out };
  } finally {
    process.stdout.write = write;
  }
}

const RULE = `title: Whoami
id: 11111111-2222-3333-4444-555555555555
author: Someone
level: high
tags: [attack.discovery, attack.t1033]
logsource: {product: windows, category: process_creation}
detection:
    selection:
        Image|endswith: '\\whoami.exe'
    condition: selection
`;

test('rules check: loaded and rejected rules with reason codes and counts; --json', async () => {
  const dir = await mkdtemp(join(tmpdir(), 'vt-cli-'));
  try {
    await writeFile(join(dir, 'good.yml'), RULE);
    await writeFile(join(dir, 'bad.yml'), RULE.replace('condition: selection', 'condition: selection and nope').replace('1111', '9999'));
    const human = await capture(() => rulesCmd(['check', dir, '--verbose']));
    assert.equal(human.code, 1);
    assert.match(human.out, /loaded +rule .*good\.yml:1 +Whoami +\[windows-sysmon-process_creation, windows-security-4688-process_creation\]/);
    assert.match(human.out, /Image ← raw Image \| raw NewProcessName +because windows-security-4688-process_creation: Image→NewProcessName/);
    assert.match(human.out, /rejected +unknown-identifier +.*bad\.yml:\d+/);
    assert.match(human.out, /1 loaded, 1 rejected \(50\.00% load\)\n +1 +unknown-identifier/);
    const json = await capture(() => rulesCmd(['check', join(dir, 'good.yml'), '--json']));
    assert.equal(json.code, 0);
    assert.deepEqual(JSON.parse(json.out).byReason, {});
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
});

test('detect: findings with author and techniques, per-rule counts; --level filters', async () => {
  const dir = await mkdtemp(join(tmpdir(), 'vt-cli-'));
  try {
    await mkdir(join(dir, 'rules'));
    await writeFile(join(dir, 'rules', 'r.yml'), RULE);
    const store = await openDuckDBCase(join(dir, 'case'), { create: true });
    await store.writeFile({
      evidence: { sha256: 'a'.repeat(64), path: 'x', size: 1, format: 'test', gzip: false },
      batches: (async function* () { yield { events: [ev(sysmon(1, { Image: 'C:\\Windows\\whoami.exe' }), 0), ev(sysmon(1, { Image: 'C:\\x.exe' }), 1)] }; })(),
    });
    await store.close();
    const human = await capture(() => detectCmd([join(dir, 'case'), '--rules', join(dir, 'rules')]));
    assert.equal(human.code, 0);
    assert.match(human.out, /1 rules and indicators loaded, 0 rejected, 1 findings/);
    assert.match(human.out, /1 +high +Whoami \(11111111-2222-3333-4444-555555555555\)/);
    const json = await capture(() => detectCmd([join(dir, 'case'), '--rules', join(dir, 'rules'), '--level', 'critical', '--json']));
    assert.equal(JSON.parse(json.out).findings, 0);
    await assert.rejects(detectCmd([join(dir, 'case'), '--level', 'severe']), /--level must be one of/);
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
});
