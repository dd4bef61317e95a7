/**
 * bench/detect: the full SigmaHQ Windows ruleset over N (default 1,000,000) Windows events already in a case,
 * against one plain DuckDB full scan of the same events in the same run. Events are the 202 regression twins'
 * events replicated with varied values (hosts, process ids, times; nine in ten replicas get benign process and
 * file values, so matches stay a minority as in real logs).
 *
 *   npx tsx bench/detect.ts [N]
 */
import { createHash } from 'node:crypto';
import { mkdtemp, readdir, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { openDuckDBCase } from '../src/store/index.js';
import type { NormalizedEvent } from '../src/model/index.js';
import { loadRuleFiles, runRuleSet } from '../src/detect/sigma-test-exports.js';
import { flattenEvtxJson, splitJsonObjects } from '../test/detect/evtx-json.js';
import { SHARED_DATA } from '../test/helpers/paths.js';

const N = Number(process.argv[2] ?? 1_000_000);
const SIGMA = join(SHARED_DATA, 'sigma');

async function walk(d: string): Promise<string[]> {
  const out: string[] = [];
  for (const e of await readdir(d, { withFileTypes: true })) {
    const p = join(d, e.name);
    if (e.isDirectory()) out.push(...(await walk(p)));
    else out.push(p);
  }
  return out.sort();
}

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
const all = await loadRuleFiles(ruleDirs, { placeholders: {} });
const set = { ...all, rules: all.rules.filter((r) => r.logsource.product === 'windows'), correlations: [], filters: all.filters };

const dir = await mkdtemp(join(tmpdir(), 'vt-bench-detect-'));
const store = await openDuckDBCase(dir, { create: true });
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
  const scan = await peakRss(() => store.query(`SELECT count(*) AS n FROM events WHERE json_extract_string(raw, '$.CommandLine') ILIKE '%mimikatz%'`));
  const textScan = await peakRss(() => store.query(`SELECT count(*) AS n FROM events WHERE contains(lower(CAST(raw AS VARCHAR)), 'mimikatz')`));
  const det = await peakRss(() => runRuleSet(store, set, { onProgress: process.env.VT_PROGRESS ? (m) => console.log(`  ${m}`) : undefined }));
  const eps = (s: number) => Math.round(N / s).toLocaleString('en');
  console.log(`bench/detect: ${N} events, ${set.rules.length} Windows rules (${det.value.perRule.length} fired, ${det.value.findings} findings, ${det.value.jsRegexRules.length} with JS regex fallback)`);
  console.log(`  plain scan (one JSON field, ILIKE)  ${scan.seconds.toFixed(2)} s  ${eps(scan.seconds)} events/s  peak RSS ${scan.peakMb.toFixed(0)} MB`);
  console.log(`  plain scan (raw text, contains)     ${textScan.seconds.toFixed(2)} s  ${eps(textScan.seconds)} events/s  peak RSS ${textScan.peakMb.toFixed(0)} MB`);
  console.log(`  detect (all rules, findings stored) ${det.seconds.toFixed(2)} s  ${eps(det.seconds)} events/s  peak RSS ${det.peakMb.toFixed(0)} MB (before: ${det.baseMb.toFixed(0)} MB)`);
  console.log(`  ratio detect / one-field scan: ${(det.seconds / scan.seconds).toFixed(1)}x; target 200k events/s: ${N / det.seconds >= 200_000 ? 'met' : 'NOT met'}`);
} finally {
  await store.close();
  await rm(dir, { recursive: true, force: true });
}
