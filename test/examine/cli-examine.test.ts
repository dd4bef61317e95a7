import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { run } from '../../src/cli/commands/examine.js';
import { openDuckDBCase } from '../../src/store/index.js';
import { UsageError } from '../../src/model/index.js';
import { buildSampleCorpus, sampleCorpusSkip } from './sample-fixtures.js';

/** `veritrace examine` as a user runs it: the --json documents' shape, the exit codes, the reference time's source. */
const skip = sampleCorpusSkip();

/** Run the command in process and capture what it writes to stdout. */
async function cli(args: string[]): Promise<{ code: number; out: string }> {
  const chunks: string[] = [];
  const write = process.stdout.write;
  // The command writes strings; the test runner reports to its parent over stdout in binary frames: pass those on.
  process.stdout.write = ((chunk: string | Uint8Array, ...rest: unknown[]) => {
    if (typeof chunk !== 'string') return (write as (c: Uint8Array, ...r: unknown[]) => boolean).call(process.stdout, chunk, ...rest);
    chunks.push(chunk);
    return true;
  }) as typeof process.stdout.write;
  try {
    const code = await run(args);
    return { code, out: chunks.join('') };
  } finally {
    process.stdout.write = write;
  }
}

async function newCase(): Promise<string> {
  const dir = mkdtempSync(join(tmpdir(), 'veritrace-cli-case-'));
  await (await openDuckDBCase(dir, { create: true })).close();
  return dir;
}

test('examine CASE PATH... --json: one document with the reference time, its source and every sample', { skip }, async () => {
  const c = buildSampleCorpus();
  const dir = await newCase();
  const { code, out } = await cli([dir, c.signed, c.beaconV1, c.truncated, '--now', '2030-06-01', '--json']);
  assert.equal(code, 1, 'a failed sample makes the exit code 1');
  const doc = JSON.parse(out) as Record<string, unknown>;
  assert.deepEqual(Object.keys(doc), ['nowSource', 'now', 'samples', 'examined', 'unchanged', 'failed', 'skipped', 'families', 'yaraWarnings']);
  const families = doc.families as { id: string; members: string[]; links: unknown[] }[];
  assert.ok(families.every((f) => /^fam-[0-9a-f]{16}$/.test(f.id) && f.members.length >= 1));
  assert.equal(doc.now, '2030-06-01T00:00:00.000Z');
  assert.equal(doc.nowSource, 'option');
  assert.deepEqual([doc.examined, doc.unchanged, doc.failed], [2, 0, 1]);
  const samples = doc.samples as Record<string, unknown>[];
  const ok = samples.find((s) => s.path === c.signed)!;
  assert.deepEqual(Object.keys(ok), ['path', 'status', 'sha256', 'summary']);
  assert.deepEqual(Object.keys(ok.summary as object), ['sha256', 'type', 'compileTime', 'signer', 'languages', 'checksFlagged', 'checks', 'yara']);
  assert.equal((ok.summary as { signer: string }).signer, 'CN=Example Remote Tools Ltd');
  const bad = samples.find((s) => s.status === 'failed')!;
  assert.match(String(bad.error), new RegExp(`^${c.truncated} at byte 672: `));

  const again = JSON.parse((await cli([dir, c.signed, c.beaconV1, '--json'])).out) as { nowSource: string; unchanged: number };
  assert.equal(again.unchanged, 2);
  assert.equal(again.nowSource, 'today', 'no events in the case and no --now: today at 00:00 UTC, said so');
});

test('examine --compare A B --json: files, or SHA-256 prefixes of samples in --case', { skip }, async () => {
  const c = buildSampleCorpus();
  const byFile = JSON.parse((await cli(['--compare', c.beaconV1, c.beaconV2, '--json'])).out) as Record<string, unknown>;
  assert.deepEqual(Object.keys(byFile), ['a', 'b', 'tlshDistance', 'ssdeepScore', 'same', 'shared', 'times', 'verdict', 'reasons']);
  assert.equal(byFile.verdict, 'same family');
  assert.deepEqual(Object.keys(byFile.same as object), ['imphash', 'richHash', 'pdbPath', 'signer', 'certificate']);
  assert.deepEqual(Object.keys(byFile.shared as object), ['imports', 'sections', 'strings']);

  const dir = await newCase();
  const stored = JSON.parse((await cli([dir, c.beaconV1, c.elf, '--now', '2030-01-01', '--json'])).out) as { samples: { path: string; sha256: string }[] };
  const sha = (p: string): string => stored.samples.find((s) => s.path === p)!.sha256;
  const bySha = JSON.parse((await cli(['--compare', sha(c.beaconV1).slice(0, 16), sha(c.elf), '--case', dir, '--json'])).out) as Record<string, unknown>;
  assert.equal(bySha.verdict, 'unrelated');
  assert.equal((bySha.a as { sha256: string }).sha256, sha(c.beaconV1));
  const mixed = JSON.parse((await cli(['--compare', c.beaconV2, sha(c.beaconV1), '--case', dir, '--json'])).out) as Record<string, unknown>;
  assert.equal(mixed.verdict, 'same family');
});

test('usage errors say what is wrong', async () => {
  await assert.rejects(run([]), UsageError);
  await assert.rejects(run(['--compare', 'only-one']), UsageError);
  await assert.rejects(run(['--compare', '/nonexistent/a', '/nonexistent/b']), /give --case CASE/);
  await assert.rejects(run(['somecase', 'x', '--now', 'yesterday']), UsageError);
  await assert.rejects(run(['somecase', 'x', '--yara', '/nonexistent.yar']), /no such YARA rule file/);
});

test('without --now the reference time is the latest event in the case; the text output names it and each sample', { skip }, async () => {
  const c = buildSampleCorpus();
  const dir = await newCase();
  const store = await openDuckDBCase(dir);
  await store.exec(`INSERT INTO events (id, evidence, record, ts, format, source_offset, raw) VALUES
    ('e1', 'x', 0, TIMESTAMP_NS '2024-03-05 10:11:12', 'jsonl', 0, '{}'), ('e2', 'x', 1, TIMESTAMP_NS '2024-03-06 23:59:58.5', 'jsonl', 1, '{}')`);
  await store.close();
  const { code, out } = await cli([dir, c.beaconV1]);
  assert.equal(code, 0);
  const lines = out.split('\n');
  assert.equal(lines[0], 'reference time for the checks: 2024-03-06T23:59:58.500Z (latest event in the case)');
  assert.match(out, new RegExp(`examined  ${c.beaconV1}\\n  [0-9a-f]{64}  PE32\\+ AMD64 EXE \\(WINDOWS_CUI\\)\\n  compiled `));
  assert.match(out, /checks flagged \d+/);
  assert.match(out, /1 examined, 0 unchanged, 0 failed; /);
});
