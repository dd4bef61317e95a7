import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawn, spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdir, mkdtemp, readFile, rm, writeFile, readdir } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { extname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { gzipSync } from 'node:zlib';
import { openDuckDBCase } from '../../src/store/index.js';
import { ingest } from '../../src/ingest/index.js';

const CLI = fileURLToPath(new URL(`../../src/cli/main${extname(fileURLToPath(import.meta.url))}`, import.meta.url));

function zeekConn(n: number, start = 1_700_000_000): string {
  const head = ['#separator \\x09', '#set_separator\t,', '#empty_field\t(empty)', '#unset_field\t-', '#path\tconn',
    '#fields\tts\tuid\tid.orig_h\tid.orig_p\tid.resp_h\tid.resp_p\tproto\tservice\tduration\torig_bytes\tresp_bytes\tconn_state',
    '#types\ttime\tstring\taddr\tport\taddr\tport\tenum\tstring\tinterval\tcount\tcount\tstring'];
  const rows: string[] = [];
  for (let i = 0; i < n; i++) rows.push([`${start + i}.250000`, `Cuid${i}`, '10.0.0.5', 40000 + (i % 20000), '198.51.100.7', 443, 'tcp', 'ssl', '0.5', 100 + i, 200, 'SF'].join('\t'));
  return [...head, ...rows].join('\n') + '\n';
}

function runCli(args: string[]): { status: number | null; stdout: string; stderr: string } {
  const r = spawnSync(process.execPath, [...process.execArgv, CLI, ...args], { encoding: 'utf8' });
  return { status: r.status, stdout: r.stdout, stderr: r.stderr };
}

async function withDir(fn: (dir: string) => Promise<void>): Promise<void> {
  const dir = await mkdtemp(join(tmpdir(), 'vt-ingest-'));
  try { await fn(dir); } finally { await rm(dir, { recursive: true, force: true }); }
}

test('ingest keeps evidence by SHA-256, writes a manifest, and a second run changes nothing', () => withDir(async (dir) => {
  const logs = join(dir, 'logs');
  await mkdir(logs);
  await writeFile(join(logs, 'conn.log'), zeekConn(50));
  await writeFile(join(logs, 'conn.old.log.gz'), gzipSync(zeekConn(30, 1_600_000_000)));
  const store = await openDuckDBCase(join(dir, 'case'), { create: true });
  const first = await ingest(store, [logs]);
  assert.deepEqual([first.ingested, first.failed, first.events], [2, 0, 80]);
  const again = await ingest(store, [logs]);
  assert.deepEqual([again.ingested, again.unchanged, again.events], [0, 2, 0]);
  const [n] = await store.query(`SELECT count(*) AS n, count(DISTINCT id) AS ids FROM events`);
  assert.deepEqual(n, { n: 80, ids: 80 });
  await store.close();
  const manifest = JSON.parse(await readFile(join(dir, 'case', 'manifest.json'), 'utf8')) as { evidence: { sha256: string; events: number }[] };
  assert.equal(manifest.evidence.length, 2);
  const kept = await readdir(join(dir, 'case', 'evidence'));
  assert.deepEqual(kept.sort(), manifest.evidence.map((e) => e.sha256).sort());
}));

test('a bad file is named with its position, the others go in, and nothing of it is stored', () => withDir(async (dir) => {
  await writeFile(join(dir, 'good.log'), zeekConn(10));
  await writeFile(join(dir, 'noise.bin'), Buffer.from([0, 1, 2, 3, 250, 251, 252, 0, 7, 7, 7]));
  const full = gzipSync(zeekConn(2000));
  await writeFile(join(dir, 'cut.log.gz'), full.subarray(0, Math.floor(full.length / 2)));
  const store = await openDuckDBCase(join(dir, 'case'), { create: true });
  const r = await ingest(store, [join(dir, 'good.log'), join(dir, 'noise.bin'), join(dir, 'cut.log.gz')]);
  assert.equal(r.ingested, 1);
  assert.equal(r.failed, 2);
  const failed = r.files.filter((f) => f.status === 'failed').map((f) => (f.status === 'failed' ? f.error : ''));
  assert.match(failed.find((m) => m.includes('noise.bin')) ?? '', /noise\.bin.*(byte 0|unrecognised)/);
  assert.match(failed.find((m) => m.includes('cut.log.gz')) ?? '', /cut\.log\.gz/);
  const [n] = await store.query(`SELECT count(*) AS n FROM events`);
  assert.equal(n?.n, 10);
  assert.equal((await readdir(join(dir, 'case', 'evidence'))).length, 1);
  await store.close();
}));

test('kill -9 in the middle of an ingest leaves a consistent case that a re-run completes', () => withDir(async (dir) => {
  const logs = join(dir, 'logs');
  await mkdir(logs);
  await writeFile(join(logs, 'a-small.log'), zeekConn(100));
  await writeFile(join(logs, 'b-large.log'), zeekConn(400_000, 1_650_000_000));
  const caseDir = join(dir, 'case');
  assert.equal(runCli(['init', caseDir, '--json']).status, 0);
  const child = spawn(process.execPath, [...process.execArgv, CLI, 'ingest', caseDir, logs, '--json'], { stdio: 'ignore' });
  // Kill once the large file's evidence copy exists, i.e. while its events are being written.
  const deadline = Date.now() + 120_000;
  let killedMidway = false;
  while (Date.now() < deadline && child.exitCode === null) {
    const kept = existsSync(join(caseDir, 'evidence')) ? await readdir(join(caseDir, 'evidence')) : [];
    if (kept.filter((f) => !f.endsWith('.partial')).length >= 2) {
      await new Promise((r) => setTimeout(r, 150));
      killedMidway = child.exitCode === null;
      child.kill('SIGKILL');
      break;
    }
    await new Promise((r) => setTimeout(r, 5));
  }
  await new Promise((r) => (child.exitCode !== null || child.signalCode !== null ? r(undefined) : child.once('exit', r)));
  assert.ok(killedMidway, "the ingest finished before it could be killed; make the large file larger");
  const mid = JSON.parse(runCli(['query', caseDir, 'SELECT count(*) AS n, count(DISTINCT evidence) AS files FROM events', '--json']).stdout) as { n: number; files: number }[];
  // Either nothing of the large file or all of it: never a part.
  assert.ok(mid[0]!.n === 100 || mid[0]!.n === 400_100, `after kill: ${JSON.stringify(mid)} (killed midway: ${killedMidway})`);
  const rerun = runCli(['ingest', caseDir, logs, '--json']);
  assert.equal(rerun.status, 0, rerun.stderr);
  const after = JSON.parse(runCli(['query', caseDir, 'SELECT count(*) AS n, count(DISTINCT id) AS ids FROM events', '--json']).stdout) as { n: number; ids: number }[];
  assert.deepEqual(after[0], { n: 400_100, ids: 400_100 });
}));
