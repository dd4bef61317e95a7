import { test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, copyFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, join } from 'node:path';
import { examine, loadReport, type ExamineResult } from '../../src/examine/index.js';
import { openDuckDBCase, type CaseStore } from '../../src/store/index.js';
import { StoreError } from '../../src/model/index.js';
import { buildSampleCorpus, sampleCorpusSkip, type SampleCorpus } from './sample-fixtures.js';

/** Examining a folder of samples into a case: every artefact stored, idempotent, bad files named, all-or-nothing. */
const skip = sampleCorpusSkip();
const now = '2100-01-01T00:00:00.000Z';

/** The corpus in one input folder, as an analyst would point at a toolkit recovered from a host. */
function inputFolder(c: SampleCorpus): string {
  const dir = mkdtempSync(join(tmpdir(), 'veritrace-toolkit-'));
  for (const f of [c.mingw, c.signed, c.beaconV1, c.beaconV2, c.elf, c.truncated, c.notBinary]) copyFileSync(f, join(dir, basename(f)));
  mkdirSync(join(dir, 'copies'));
  copyFileSync(c.beaconV1, join(dir, 'copies', 'beacon1-again.exe'));
  copyFileSync(c.truncated, join(dir, 'copies', 'truncated-again.exe'));
  return dir;
}

async function withNewCase<T>(fn: (store: CaseStore, dir: string) => Promise<T>): Promise<T> {
  const dir = mkdtempSync(join(tmpdir(), 'veritrace-case-'));
  const store = await openDuckDBCase(dir, { create: true });
  try {
    return await fn(store, dir);
  } finally {
    await store.close();
  }
}

const count = async (store: CaseStore, table: string): Promise<number> => Number((await store.query<{ n: number }>(`SELECT count(*) AS n FROM ${table}`))[0]!.n);
const TABLES = ['samples', 'sample_strings', 'sample_checks', 'sample_yara', 'sample_families', 'evidence', 'evidence_paths'];

test('a toolkit folder lands in the case; truncated copies are named with the offset, a README is skipped, the others go on', { skip }, async () => {
  const c = buildSampleCorpus();
  const input = inputFolder(c);
  await withNewCase(async (store, dir) => {
    const progress: number[] = [];
    const r = await examine(store, [input], { now, onProgress: (p) => progress.push(p.filesDone) });
    assert.equal(r.now, now);
    assert.deepEqual([r.examined, r.unchanged, r.failed, r.skipped], [5, 1, 2, 1]);
    assert.deepEqual(progress, [0, 1, 2, 3, 4, 5, 6, 7, 8, 9]);
    const failed = r.samples.filter((s) => s.status === 'failed');
    // Paths are taken in sorted order: the copies/ folder comes first, so the copy is the one that fails with the reason.
    assert.deepEqual(failed.map((f) => f.error), [
      `${join(input, 'copies', 'truncated-again.exe')} at byte 672: section header 7: 40 bytes at 672 run past the end (700 bytes)`,
      `${join(input, 'truncated.exe')}: same bytes as ${join(input, 'copies', 'truncated-again.exe')}, which could not be examined`,
    ]);
    // A README in a toolkit folder is left out, not an error; the same file named on its own is an error.
    assert.deepEqual(r.samples.filter((s) => s.status === 'skipped').map((s) => [s.path, s.status === 'skipped' && s.reason]), [[join(input, 'notes.txt'), 'not a PE or ELF file']]);
    const named = await examine(store, [join(input, 'notes.txt')], { now });
    assert.deepEqual(named.samples.map((s) => s.status === 'failed' && s.error), [`${join(input, 'notes.txt')} at byte 0: not a PE or ELF file`]);
    const dup = r.samples.find((s) => s.path.endsWith('beacon1-again.exe'))!;
    assert.equal(dup.status, 'unchanged', 'the second copy of the same bytes is the same sample');

    assert.equal(await count(store, 'samples'), 5);
    const shas = r.samples.filter((s) => s.status === 'examined').map((s) => s.sha256);
    for (const sha of shas) {
      assert.deepEqual(readFileSync(join(dir, 'evidence', sha)), readFileSync(r.samples.find((s) => s.sha256 === sha)!.path), 'original bytes kept');
    }
    // Nothing of the failed files: no rows, no evidence copy.
    const failedSha = failed.map((f) => f.sha256!);
    assert.equal(new Set(failedSha).size, 1, 'both failures are the same bytes');
    for (const t of ['samples', 'evidence']) {
      assert.equal((await store.query(`SELECT 1 FROM ${t} WHERE sha256 IN (${failedSha.map((s) => `'${s}'`).join(',')})`)).length, 0, t);
    }
    for (const sha of failedSha) assert.equal(existsSync(join(dir, 'evidence', sha)), false);

    const signed = r.samples.find((s) => s.path.endsWith('agent-signed.exe'))!;
    assert.ok(signed.status === 'examined');
    assert.equal(signed.summary.signer, 'CN=Example Remote Tools Ltd');
    assert.ok(signed.summary.checks.includes('signing-time-outside-validity'));
    const checks = await store.query<{ check_id: string; severity: string }>(`SELECT check_id, severity FROM sample_checks WHERE sample = '${signed.sha256}' ORDER BY ordinal`);
    assert.ok(checks.some((x) => x.check_id === 'signing-time-outside-validity' && x.severity === 'high'));
    const [row] = await store.query<Record<string, unknown>>(`SELECT format, type, signer, pdb_path, checks_flagged, yara_matches, checked_at, CAST(compile_time AS VARCHAR) AS compile_time FROM samples WHERE sha256 = '${signed.sha256}'`);
    assert.equal(row!.format, 'pe');
    assert.equal(row!.signer, 'CN=Example Remote Tools Ltd');
    assert.equal(row!.pdb_path, 'agent.pdb');
    assert.equal(row!.checks_flagged, signed.summary.checksFlagged);
    assert.equal(row!.yara_matches, null, 'no rules were run');
    assert.equal(row!.checked_at, now);
    const report = await loadReport(store, signed.sha256);
    assert.equal(report?.hashes.sha256, signed.sha256);
    assert.equal((await loadReport(store, signed.sha256.slice(0, 12)))?.hashes.sha256, signed.sha256, 'a unique prefix finds it');
    assert.equal(report?.times.compile?.slice(0, 19), String(row!.compile_time).replace(' ', 'T').slice(0, 19));

    // Strings: the planted Chinese text is stored with its offset, section and language.
    const agent = r.samples.find((s) => s.path.endsWith('agent.exe'))!;
    const zh = await store.query<{ file_offset: number; section: string; encoding: string; language: string; kind: string; value: string }>(
      `SELECT file_offset, section, encoding, language, kind, value FROM sample_strings WHERE sample = '${agent.sha256}' AND language = 'zh'`);
    assert.equal(zh.length, 1);
    assert.equal(zh[0]!.value, '远程控制服务已启动，请勿关闭此窗口');
    assert.deepEqual([zh[0]!.section, zh[0]!.encoding, zh[0]!.kind], ['.rdata', 'utf-16le', 'natural-language']);
    const agentBytes = readFileSync(join(input, 'agent.exe'));
    assert.equal(agentBytes.subarray(zh[0]!.file_offset, zh[0]!.file_offset + 34).toString('utf16le'), zh[0]!.value);

    // Families: the two beacon builds are one family held by a TLSH link; the ELF is a family of its own.
    const shaOf = (name: string): string => r.samples.find((s) => s.path.endsWith(name))!.sha256!;
    const beaconFamily = r.families.find((f) => f.members.includes(shaOf('beacon1.exe')))!;
    assert.ok(beaconFamily.members.includes(shaOf('beacon2.exe')));
    assert.ok(!beaconFamily.members.includes(shaOf('other')));
    const link = beaconFamily.links.find((l) => l.link === 'tlsh' && [l.sample, l.linkedTo].includes(shaOf('beacon1.exe')) && [l.sample, l.linkedTo].includes(shaOf('beacon2.exe')));
    assert.ok(link && link.tlshDistance !== null && link.tlshDistance <= 100, 'the linking distance is kept');
    assert.deepEqual(r.families.find((f) => f.members.includes(shaOf('other')))?.members, [shaOf('other')]);

    const ev = await store.query<{ format: string; events: number }>(`SELECT format, events FROM evidence ORDER BY sha256`);
    assert.equal(ev.length, 5);
    assert.ok(ev.every((e) => (e.format === 'pe' || e.format === 'elf') && e.events === 0));
    const manifest = JSON.parse(readFileSync(join(dir, 'manifest.json'), 'utf8')) as { evidence: { sha256: string; seenAs: string[] }[] };
    assert.equal(manifest.evidence.find((e) => e.sha256 === dup.sha256)?.seenAs.length, 2, 'both paths of the duplicate are recorded');
  });
});

test('examining again changes nothing: every sample unchanged, every table equal', { skip }, async () => {
  const c = buildSampleCorpus();
  const input = inputFolder(c);
  await withNewCase(async (store) => {
    await examine(store, [input], { now });
    const snapshot = async (): Promise<unknown[]> => Promise.all(TABLES.map((t) => store.query(`SELECT * FROM ${t} ORDER BY ALL`)));
    const before = await snapshot();
    const again: ExamineResult = await examine(store, [input], { now: '2000-01-01T00:00:00Z' });
    assert.deepEqual([again.examined, again.unchanged, again.failed, again.skipped], [0, 6, 2, 1]);
    assert.deepEqual(await snapshot(), before);
  });
});

test('a sample whose write fails midway leaves no row and no evidence copy; the next one lands', { skip }, async () => {
  const c = buildSampleCorpus();
  await withNewCase(async (real, dir) => {
    let armed = true;
    // The real store, except that appending check findings fails once (a full disk, a killed process).
    const failing: CaseStore = Object.assign(Object.create(real) as CaseStore, {
      append: async (table: string, columns: readonly string[], rows: readonly (readonly unknown[])[]) => {
        if (armed && table === 'sample_checks') {
          armed = false;
          throw new Error('disk full');
        }
        return real.append(table, columns, rows);
      },
      transaction: <T>(fn: () => Promise<T>) => real.transaction(fn),
      query: real.query.bind(real), exec: real.exec.bind(real), dir: real.dir, dialect: real.dialect,
      evidence: real.evidence.bind(real),
    });
    const r = await examine(failing, [c.signed, c.beaconV1], { now });
    // Files are examined in sorted path order: the signed fixture's folder sorts first, so its write is the one that fails.
    assert.deepEqual(r.samples.map((s) => s.status), ['failed', 'examined']);
    const bad = r.samples.find((s) => s.status === 'failed')!;
    assert.match(bad.status === 'failed' ? bad.error : '', /disk full/);
    assert.equal((await real.query(`SELECT 1 FROM samples WHERE sha256 = '${bad.sha256}'`)).length, 0);
    assert.equal((await real.query(`SELECT 1 FROM sample_strings WHERE sample = '${bad.sha256}'`)).length, 0);
    assert.equal((await real.query(`SELECT 1 FROM evidence WHERE sha256 = '${bad.sha256}'`)).length, 0);
    assert.equal(existsSync(join(dir, 'evidence', bad.sha256!)), false);
    assert.equal(await count(real, 'samples'), 1);
    // And the failed one lands on the next run.
    const retry = await examine(real, [c.signed, c.beaconV1], { now });
    assert.deepEqual([retry.examined, retry.unchanged], [1, 1]);
  });
});

test('a broken case stops the run instead of being reported as a bad sample', { skip }, async () => {
  const c = buildSampleCorpus();
  await withNewCase(async (real) => {
    const broken: CaseStore = Object.assign(Object.create(real) as CaseStore, {
      transaction: async () => { throw new StoreError('case is read-only'); },
      query: real.query.bind(real), exec: real.exec.bind(real), append: real.append.bind(real), dir: real.dir, dialect: real.dialect,
    });
    await assert.rejects(examine(broken, [c.beaconV1], { now }), StoreError);
  });
});

test('YARA rules run over every new sample and their matches are stored with offsets', { skip }, async () => {
  const c = buildSampleCorpus();
  const rules = join(mkdtempSync(join(tmpdir(), 'veritrace-rules-')), 'beacon.yar');
  writeFileSync(rules, 'rule beacon_v1 : c2 { meta: author = "test" strings: $h = "update.example.net" condition: $h }\n'
    + 'rule any_pe { condition: uint16(0) == 0x5a4d }\n');
  await withNewCase(async (store) => {
    const r = await examine(store, [c.beaconV1, c.beaconV2, c.elf], { now, yara: [rules] });
    const byPath = new Map(r.samples.map((s) => [s.path, 'summary' in s ? s.summary.yara : null]));
    assert.deepEqual(byPath.get(c.beaconV1), ['default:beacon_v1', 'default:any_pe'], 'in the order the rules are declared');
    assert.deepEqual(byPath.get(c.beaconV2), ['default:any_pe']);
    assert.deepEqual(byPath.get(c.elf), [], 'rules ran and nothing matched: [] not null');
    const rows = await store.query<{ rule: string; tags: string; strings: string }>(
      `SELECT rule, CAST(tags AS VARCHAR) AS tags, CAST(strings AS VARCHAR) AS strings FROM sample_yara WHERE rule = 'beacon_v1'`);
    assert.equal(rows.length, 1);
    assert.deepEqual(JSON.parse(rows[0]!.tags), ['c2']);
    const [m] = JSON.parse(rows[0]!.strings) as { identifier: string; offset: number; data: string }[];
    assert.equal(m!.identifier, '$h');
    assert.equal(readFileSync(c.beaconV1).subarray(m!.offset, m!.offset + 18).toString(), 'update.example.net');
  });
});
