import { existsSync, readdirSync, statSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { UsageError } from '../../model/index.js';
import type { CaseStore } from '../../store/index.js';
import {
  compareSamples, examine, examineSample, loadReport, type ExamineResult, type SampleComparison, type SampleReport,
} from '../../examine/index.js';
import { withCase } from '../case.js';
import { printJson, println, Progress } from '../output.js';

export const summary = 'examine CASE PATH... PE/ELF samples into the case (--yara RULES, --now ISO); --compare A B relates two';

const USAGE = 'usage: veritrace examine CASE PATH... [--yara RULES]... [--now ISO] [--json]\n'
  + '       veritrace examine --compare A B [--case CASE] [--now ISO] [--json]   (A, B: files, or SHA-256s of samples in CASE)';

/** Where the checks' reference time came from; shown in the output because it changes what is flagged. */
type NowSource = 'option' | 'latest-event' | 'today';

export async function run(args: string[]): Promise<number> {
  const { values, positionals } = parseArgs({
    args,
    options: {
      json: { type: 'boolean' }, yara: { type: 'string', multiple: true }, now: { type: 'string' },
      compare: { type: 'boolean' }, case: { type: 'string' },
    },
    allowPositionals: true,
  });
  const json = values.json === true;
  if (values.compare) {
    const [a, b, ...rest] = positionals;
    if (!a || !b || rest.length > 0) throw new UsageError(USAGE);
    const cmp = await compareCommand(a, b, values.case, values.now);
    if (json) printJson(cmp);
    else printComparison(cmp);
    return 0;
  }
  const [dir, ...paths] = positionals;
  if (!dir || paths.length === 0) throw new UsageError(USAGE);
  const rules = (values.yara ?? []).flatMap(ruleFiles);
  const progress = new Progress('examine', json);
  const out = await withCase(dir, 'write', async (store) => {
    const { now, nowSource } = await referenceTime(store, values.now);
    const result = await examine(store, paths, {
      now, ...(rules.length ? { yara: rules } : {}),
      onProgress: (p) => progress.update(p.bytesDone, p.bytesTotal, `${p.filesDone}/${p.filesTotal} files`),
    });
    return { nowSource, ...result };
  });
  progress.done();
  if (json) printJson(out);
  else printResult(out);
  return out.failed > 0 ? 1 : 0;
}

/** A rules argument may name a file or a folder of `.yar`/`.yara` files (sorted, so the rule order is stable). */
function ruleFiles(arg: string): string[] {
  if (!existsSync(arg)) throw new UsageError(`no such YARA rule file or folder: ${arg}`);
  if (!statSync(arg).isDirectory()) return [arg];
  const files = readdirSync(arg).filter((n) => /\.ya?ra?$/i.test(n)).sort().map((n) => join(arg, n));
  if (files.length === 0) throw new UsageError(`no .yar or .yara files in ${arg}`);
  return files;
}

function parseNow(text: string): string {
  const ms = Date.parse(text);
  if (!Number.isFinite(ms)) throw new UsageError(`--now ${text} is not an ISO-8601 time`);
  return new Date(ms).toISOString();
}

/** --now, else the case's latest event time, else today at 00:00 UTC (never the exact wall clock). */
async function referenceTime(store: CaseStore | undefined, option: string | undefined): Promise<{ now: string; nowSource: NowSource }> {
  if (option) return { now: parseNow(option), nowSource: 'option' };
  if (store) {
    const [row] = await store.query<{ ms: number | null }>('SELECT epoch_ms(max(ts)) AS ms FROM events');
    if (row?.ms !== null && row?.ms !== undefined) return { now: new Date(Number(row.ms)).toISOString(), nowSource: 'latest-event' };
  }
  const today = new Date();
  return { now: new Date(Date.UTC(today.getUTCFullYear(), today.getUTCMonth(), today.getUTCDate())).toISOString(), nowSource: 'today' };
}

async function compareCommand(a: string, b: string, caseDir: string | undefined, nowOption: string | undefined): Promise<SampleComparison> {
  const needsCase = [a, b].some((x) => !existsSync(x));
  if (needsCase && !caseDir) throw new UsageError(`${[a, b].find((x) => !existsSync(x))} is not a file; give --case CASE to compare samples by SHA-256`);
  const resolveBoth = async (store: CaseStore | undefined): Promise<SampleComparison> => {
    const { now } = await referenceTime(store, nowOption);
    const load = async (x: string): Promise<SampleReport> => {
      if (existsSync(x)) return examineSample(await readFile(x), x, { now });
      if (!/^[0-9a-f]{8,64}$/i.test(x)) throw new UsageError(`${x} is neither a file nor a SHA-256`);
      const r = store && (await loadReport(store, x));
      if (!r) throw new UsageError(`no single sample with SHA-256 ${x} in ${caseDir}`);
      return r;
    };
    return compareSamples(await load(a), await load(b));
  };
  return caseDir ? withCase(caseDir, 'read', resolveBoth) : resolveBoth(undefined);
}

function printResult(r: ExamineResult & { nowSource: NowSource }): void {
  println(`reference time for the checks: ${r.now} (${r.nowSource === 'option' ? '--now' : r.nowSource === 'latest-event' ? 'latest event in the case' : 'today, no events in the case'})`);
  for (const s of r.samples) {
    if (s.status === 'failed') {
      println(`FAILED    ${s.error}`);
      continue;
    }
    if (s.status === 'skipped') continue; // counted below; listed in --json
    const m = s.summary;
    println(`${s.status === 'examined' ? 'examined ' : 'unchanged'} ${s.path}`);
    println(`  ${m.sha256}  ${m.type}`);
    println(`  compiled ${m.compileTime ?? '-'}  signer ${m.signer ?? '-'}  languages ${m.languages.join(', ') || '-'}`);
    println(`  checks flagged ${m.checksFlagged}${m.checks.length ? `: ${m.checks.join(', ')}` : ''}${m.yara ? `  yara ${m.yara.length ? m.yara.join(', ') : 'no match'}` : ''}`);
  }
  for (const w of r.yaraWarnings) println(`yara warning: ${w}`);
  for (const f of r.families.filter((x) => x.members.length > 1)) {
    const tlsh = f.links.filter((l) => l.tlshDistance !== null).map((l) => l.tlshDistance!);
    const kinds = [...new Set(f.links.map((l) => l.link))].join(', ');
    println(`family ${f.id}: ${f.members.length} samples, linked by ${kinds}${tlsh.length ? ` (TLSH ${Math.min(...tlsh)}..${Math.max(...tlsh)})` : ''}`);
    for (const m of f.members) println(`  ${m}`);
  }
  const multi = r.families.filter((x) => x.members.length > 1).length;
  println(`${r.examined} examined, ${r.unchanged} unchanged, ${r.failed} failed${r.skipped ? `, ${r.skipped} skipped (found in folders, neither PE nor ELF)` : ''}; ${r.families.length} families (${multi} with more than one sample)`);
}

function printComparison(c: SampleComparison): void {
  const yn = (v: boolean | null): string => (v === null ? 'n/a' : v ? 'same' : 'different');
  println(`A ${c.a.sha256}  ${c.a.type}  ${c.a.file}`);
  println(`B ${c.b.sha256}  ${c.b.type}  ${c.b.file}`);
  println(`verdict: ${c.verdict} (${c.reasons.join('; ')})`);
  println(`TLSH distance ${c.tlshDistance ?? 'n/a'}, ssdeep score ${c.ssdeepScore}`);
  println(`imphash ${yn(c.same.imphash)}, Rich hash ${yn(c.same.richHash)}, PDB path ${yn(c.same.pdbPath)}, signer ${yn(c.same.signer)}, certificate ${yn(c.same.certificate)}`);
  for (const [name, o] of Object.entries(c.shared)) println(`${name}: ${o.shared} shared of ${o.a} / ${o.b}`);
  const keys = [...new Set([...Object.keys(c.times.a), ...Object.keys(c.times.b)])].sort();
  for (const k of keys) {
    const v = (t: Record<string, unknown>): string => (t[k] === undefined ? '-' : Array.isArray(t[k]) ? (t[k] as string[]).join(' ') : String(t[k]));
    println(`${k.padEnd(17)} A ${v(c.times.a as Record<string, unknown>).padEnd(26)} B ${v(c.times.b as Record<string, unknown>)}`);
  }
}
