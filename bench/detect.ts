/**
 * bench/detect: the full SigmaHQ Windows ruleset over N (default 1,000,000) Windows events already in a case,
 * against one plain DuckDB full scan of the same events in the same run (the floor), then the whole pipeline from
 * EVTX files to findings. Events are the 202 regression twins' events replicated with varied values (hosts,
 * process ids, times; nine in ten replicas get benign process and file values, so matches stay a minority as in
 * real logs). The pipeline part writes P (default 200,000) Sysmon process-creation records as EVTX files
 * (`syntheticSysmon`, 20,000 per file, each file distinct), ingests them into a new case and runs detection.
 *
 *   npx tsx bench/detect.ts [N] [--pipeline P] [--runs R]
 *
 * Detection and the scans run R times (default 1; medians printed); peak RSS is sampled every 20 ms.
 */
import { createHash } from 'node:crypto';
import { mkdir, mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { openDuckDBCase } from '../src/store/index.js';
import type { NormalizedEvent } from '../src/model/index.js';
import { loadRuleFiles, runRuleSet } from '../src/detect/sigma-test-exports.js';
import { flattenEvtxJson, splitJsonObjects } from '../test/detect/evtx-json.js';
import { SHARED_DATA } from '../test/helpers/paths.js';
import { ingest } from '../src/ingest/index.js';
import { syntheticSysmon } from './evtx-parse.js';
import { expandInputs } from '../src/ingest/files.js';

const argv = process.argv.slice(2);
const opt = (name: string, def: number) => {
  const i = argv.indexOf(`--${name}`);
  return i >= 0 ? Number(argv[i + 1]) : def;
};
const N = argv[0] && !argv[0].startsWith('--') ? Number(argv[0]) : 1_000_000;
const P = opt('pipeline', 200_000);
const RUNS = Math.max(1, opt('runs', 1));
const SIGMA = join(SHARED_DATA, 'sigma');

/** Every file below `d`, sorted: the ingest stage's own folder walk. */
const walk = (d: string): Promise<string[]> => expandInputs([d]);

let seed = 42;
const rnd = () => ((seed = (seed * 1103515245 + 12345) & 0x7fffffff) / 0x7fffffff);

function vary(e: NormalizedEvent, k: number): NormalizedEvent {
  const f: Record<string, unknown> = { ...e.fields };
  f.Computer = `host-${k % 997}.corp.example`;
  if ('ProcessId' in f) f.ProcessId = 1000 + (k % 60000);
  if ('ProcessGuid' in f) f.ProcessGuid = `{${createHash('md5').update(String(k)).digest('hex').slice(0, 8)}-0000-0000-0000-000000000000}`;
  f.EventRecordID = k;
  if (rnd() < 0.9) {
    const u = `user${k % 311}`;
    if ('Image' in f) f.Image = `C:\\Program Files\\Vendor${k % 53}\\app${k % 7}.exe`;
    if ('CommandLine' in f) f.CommandLine = `"C:\\Program Files\\Vendor${k % 53}\\app${k % 7}.exe" --profile ${u} --sync ${k}`;
    if ('ParentImage' in f) f.ParentImage = 'C:\\Windows\\explorer.exe';
    if ('ParentCommandLine' in f) f.ParentCommandLine = 'C:\\Windows\\explorer.exe';
    if ('TargetFilename' in f) f.TargetFilename = `C:\\Users\\${u}\\Documents\\report-${k}.docx`;
    if ('TargetObject' in f) f.TargetObject = `HKU\\S-1-5-21-1\\Software\\Vendor${k % 53}\\Settings\\v${k % 11}`;
    if ('ImageLoaded' in f) f.ImageLoaded = `C:\\Program Files\\Vendor${k % 53}\\lib${k % 5}.dll`;
    if ('ScriptBlockText' in f) f.ScriptBlockText = `Get-ChildItem -Path C:\\Users\\${u} | Measure-Object`;
    if ('QueryName' in f) f.QueryName = `api${k % 89}.vendor.example`;
    if ('PipeName' in f) f.PipeName = `\\vendor_pipe_${k % 17}`;
    if ('DestinationIp' in f) f.DestinationIp = `10.${k % 200}.${k % 250}.${(k % 253) + 1}`;
  }
  return { ...e, tsNs: e.tsNs === null ? null : e.tsNs + BigInt(k) * 1_000_000n, host: String(f.Computer), fields: f, offset: k };
}

function peakRss<T>(fn: () => Promise<T>): Promise<{ value: T; seconds: number; peakMb: number; baseMb: number }> {
  const base = process.memoryUsage().rss;
  let peak = base;
  const timer = setInterval(() => { peak = Math.max(peak, process.memoryUsage().rss); }, 20);
  const t = performance.now();
  return fn().then((value) => {
    clearInterval(timer);
    peak = Math.max(peak, process.memoryUsage().rss);
    return { value, seconds: (performance.now() - t) / 1000, peakMb: peak / 2 ** 20, baseMb: base / 2 ** 20 };
  });
}

const files = (await walk(join(SIGMA, 'regression_data'))).filter((f) => f.endsWith('.json'));
const seeds: NormalizedEvent[] = [];
for (const f of files) for (const [i, d] of splitJsonObjects(await readFile(f, 'utf8')).entries()) {
  const e = flattenEvtxJson(d, i);
  if (e) seeds.push(e);
}
const ruleDirs = (await readdir(SIGMA)).filter((d) => d.startsWith('rules')).map((d) => join(SIGMA, d));
const tLoad = performance.now();
const all = await loadRuleFiles(ruleDirs, { placeholders: {} });
const loadSeconds = (performance.now() - tLoad) / 1000;
const set = { ...all, rules: all.rules.filter((r) => r.logsource.product === 'windows'), correlations: [], filters: all.filters };

const dir = await mkdtemp(join(tmpdir(), 'vt-bench-detect-'));
const store = await openDuckDBCase(dir, { create: true });
// The store spills to `<case>/tmp/duckdb` but does not create it (reported to the store's owner).
await mkdir(join(dir, 'tmp', 'duckdb'), { recursive: true });
try {
  process.stdout.write(`bench/detect: writing ${N} events (${seeds.length} seed events from ${files.length} twins)…\n`);
  await store.writeFile({
    evidence: { sha256: createHash('sha256').update(`bench-${N}`).digest('hex'), path: 'bench', size: N, format: 'evtx-json', gzip: false },
    batches: (async function* () {
      for (let k = 0; k < N; k += 10_000) {
        const events: NormalizedEvent[] = [];
        for (let j = k; j < Math.min(N, k + 10_000); j++) events.push(vary(seeds[j % seeds.length]!, j));
        yield { events };
      }
    })(),
  });
  await store.exec('CHECKPOINT');
  const median = (xs: number[]) => [...xs].sort((x, y) => x - y)[Math.floor(xs.length / 2)]!;
  type Run = Awaited<ReturnType<typeof peakRss>>;
  const med = (rs: Run[]) => ({ seconds: median(rs.map((r) => r.seconds)), peakMb: Math.max(...rs.map((r) => r.peakMb)), baseMb: rs[0]!.baseMb });
  const scans: Run[] = [];
  const textScans: Run[] = [];
  const dets: Run[] = [];
  let result: Awaited<ReturnType<typeof runRuleSet>> | null = null;
  let scanLine = '';
  for (let i = 0; i < RUNS; i++) {
    scans.push(await peakRss(() => store.query(`SELECT count(*) AS n FROM events WHERE json_extract_string(raw, '$.CommandLine') ILIKE '%mimikatz%'`)));
    textScans.push(await peakRss(() => store.query(`SELECT count(*) AS n FROM events WHERE contains(lower(CAST(raw AS VARCHAR)), 'mimikatz')`)));
    const d = await peakRss(() => runRuleSet(store, set, {
      onProgress: (m) => {
        if (process.env.VT_PROGRESS) console.log(`  ${m}`);
        if (m.startsWith('planning')) scanLine = m;
      },
    }));
    result = d.value as Awaited<ReturnType<typeof runRuleSet>>;
    dets.push(d);
  }
  const scan = med(scans);
  const textScan = med(textScans);
  const det = med(dets);
  const eps = (n: number, s: number) => Math.round(n / s).toLocaleString('en');
  console.log(`bench/detect: ${N} events, ${set.rules.length} Windows rules (${result!.perRule.length} fired, ${result!.findings} findings, ${result!.jsRegexRules.length} with JS regex fallback); median of ${RUNS}`);
  console.log(`  floor: plain scan (one JSON field, ILIKE)  ${scan.seconds.toFixed(2)} s  ${eps(N, scan.seconds)} events/s  peak RSS ${scan.peakMb.toFixed(0)} MB`);
  console.log(`  plain scan (raw text, contains)            ${textScan.seconds.toFixed(2)} s  ${eps(N, textScan.seconds)} events/s  peak RSS ${textScan.peakMb.toFixed(0)} MB`);
  console.log(`  detect (all rules, findings stored)        ${det.seconds.toFixed(2)} s  ${eps(N, det.seconds)} events/s  peak RSS ${det.peakMb.toFixed(0)} MB (before: ${det.baseMb.toFixed(0)} MB)`);
  console.log(`  ratio detect / floor: ${(det.seconds / scan.seconds).toFixed(1)}x; target 200k events/s: ${N / det.seconds >= 200_000 ? 'met' : 'NOT met'}`);
  console.log(`  (last run) ${scanLine}`);
  console.log(`  loading and parsing the ${all.rules.length + all.correlations.length + all.filters.length} SigmaHQ rules (once, not in the figures above): ${loadSeconds.toFixed(2)} s`);
  if (P > 0) {
    const pdir = await mkdtemp(join(tmpdir(), 'vt-bench-pipe-'));
    try {
      const evtxDir = join(pdir, 'evtx');
      await mkdir(evtxDir);
      // Distinct files (the case skips a file it already holds): record counts differ by one.
      let written = 0;
      for (let k = 0; written < P; k++) {
        const n = Math.min(20_000 - k, P - written);
        await writeFile(join(evtxDir, `sysmon-${String(k).padStart(3, '0')}.evtx`), syntheticSysmon(n));
        written += n;
      }
      const pstore = await openDuckDBCase(join(pdir, 'case'), { create: true });
      await mkdir(join(pdir, 'case', 'tmp', 'duckdb'), { recursive: true });
      try {
        const pipe = await peakRss(async () => {
          const t = performance.now();
          const ing = await ingest(pstore, [evtxDir]);
          const ingestS = (performance.now() - t) / 1000;
          const r = await runRuleSet(pstore, set, {});
          return { ing, ingestS, r };
        });
        const { ing, ingestS, r } = pipe.value;
        console.log(`  pipeline EVTX → findings: ${ing.events} events in ${ing.ingested} files, ${pipe.seconds.toFixed(2)} s  ${eps(ing.events, pipe.seconds)} events/s ` +
          `(ingest ${ingestS.toFixed(2)} s, detect ${(pipe.seconds - ingestS).toFixed(2)} s; ${r.findings} findings)  peak RSS ${pipe.peakMb.toFixed(0)} MB; target 40k events/s: ${ing.events / pipe.seconds >= 40_000 ? 'met' : 'NOT met'}`);
      } finally {
        await pstore.close();
      }
    } finally {
      await rm(pdir, { recursive: true, force: true });
    }
  }
} finally {
  await store.close();
  await rm(dir, { recursive: true, force: true });
}
