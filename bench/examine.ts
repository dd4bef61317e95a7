/**
 * Examine throughput over a corpus of a few hundred binaries (this machine's /usr/lib ELF shared objects and the
 * pinned npm PEs), side by side in one run with its references, each the median of 3 rounds:
 *
 *   1. veritrace's full pass per sample (`examineSample`: hashes incl. TLSH/ssdeep, PE/ELF, Authenticode, strings
 *      with languages, checks), then `examine()` into a fresh case (adds SHA-256 of the file, the evidence copy and
 *      the DuckDB writes, and family clustering);
 *   2. the PE fields python3-pefile extracts (pefile_dump.py --fields-only) against veritrace's parsePe +
 *      parseAuthenticode on the same files: target ≥ 20×;
 *   3. YARA: the Debian `yara` CLI on the same files with the same compiled rules against veritrace's path
 *      (`scanYara`: the same engine plus string offsets, output parsing and matched bytes): target within 1.5×.
 *      The corpus adds up to 40 larger shared objects (4–64 MB) so the scan, not process start-up, is measured.
 *
 * The machine is shared, so besides wall time each line gives CPU seconds (this process plus the child processes it
 * waited for, from /proc/self/stat), and the ratios are taken on CPU time, which other load disturbs far less.
 *
 * Run: npx tsx bench/examine.ts [MAX_ELF_FILES]   (default 300; ELF files under 4 MB so no one file dominates)
 */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync, openSync, readSync, closeSync } from 'node:fs';
import { availableParallelism, tmpdir } from 'node:os';
import { join } from 'node:path';
import { examine, examineSample } from '../src/examine/index.js';
import { parseAuthenticode } from '../src/examine/authenticode/index.js';
import { parsePe } from '../src/examine/pe/index.js';
import { compileYara, scanYara } from '../src/examine/yara/index.js';
import { openDuckDBCase } from '../src/store/index.js';
import { DEBIAN_PYTHON, PEFILE_DUMP, npmSamples } from '../test/examine/fixtures/npm-samples.js';

const NOW = '2026-01-01T00:00:00Z';
const ROUNDS = 3;

function isElf(p: string): boolean {
  const head = Buffer.alloc(4);
  const fd = openSync(p, 'r');
  try {
    return readSync(fd, head, 0, 4, 0) === 4 && head.readUInt32BE(0) === 0x7f454c46;
  } finally {
    closeSync(fd);
  }
}

/** Shared objects under /usr/lib in [minSize, maxSize), sorted walk, up to `limit`. */
function elfCorpus(limit: number, minSize = 0, maxSize = 4 << 20): string[] {
  const out: string[] = [];
  const walk = (d: string): void => {
    let entries;
    try {
      entries = readdirSync(d, { withFileTypes: true }).sort((a, b) => (a.name < b.name ? -1 : 1));
    } catch {
      return;
    }
    for (const e of entries) {
      if (out.length >= limit) return;
      const p = join(d, e.name);
      if (e.isDirectory()) walk(p);
      else if (e.isFile() && /\.so(\.\d+)*$/.test(e.name) && statSync(p).size >= minSize && statSync(p).size < maxSize && isElf(p)) out.push(p);
    }
  };
  walk('/usr/lib/x86_64-linux-gnu');
  return out;
}

function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.floor(s.length / 2)]!;
}

/** CPU seconds of the children this process has waited for (cutime + cstime in /proc/self/stat). */
function childCpu(): number {
  const stat = readFileSync('/proc/self/stat', 'utf8');
  const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  // After the command name: state is field 3, so cutime (16) and cstime (17) are at 13 and 14 here.
  return (Number(fields[13]) + Number(fields[14])) / 100;
}

interface Timing {
  wall: number;
  cpu: number;
}

async function timed(fn: () => unknown): Promise<Timing> {
  const walls: number[] = [];
  const cpus: number[] = [];
  for (let i = 0; i < ROUNDS; i++) {
    const c0 = process.cpuUsage();
    const k0 = childCpu();
    const t0 = process.hrtime.bigint();
    await fn();
    walls.push(Number(process.hrtime.bigint() - t0) / 1e9);
    const c = process.cpuUsage(c0);
    cpus.push((c.user + c.system) / 1e6 + childCpu() - k0);
  }
  return { wall: median(walls), cpu: median(cpus) };
}

const minus = (a: Timing, b: Timing): Timing => ({ wall: a.wall - b.wall, cpu: a.cpu - b.cpu });

const RULES = `
rule pe_file { condition: uint16(0) == 0x5a4d }
rule elf_file { condition: uint32(0) == 0x464c457f }
rule url { strings: $a = "http://" ascii wide nocase $b = "https://" ascii wide nocase condition: any of them }
rule injection_apis { strings: $a = "VirtualAllocEx" $b = "CreateRemoteThread" $c = "WriteProcessMemory" condition: 2 of them }
rule rich_header { strings: $r = "Rich" condition: $r in (0x80..0x400) and uint16(0) == 0x5a4d }
rule shell_command { strings: $c = /(cmd\\.exe \\/c|\\/bin\\/sh -c) [a-z]{2,}/ nocase condition: $c }
rule crypto_lib { strings: $a = "OpenSSL" $b = "libgcrypt" $c = "mbed TLS" condition: any of them }
rule frame_prologue { strings: $h = { 55 48 89 E5 41 57 } condition: #h > 10 }
`;

const fetched = npmSamples();
if ('skip' in fetched) {
  console.error(fetched.skip);
  process.exit(1);
}
const pes = fetched.samples.map((s) => s.path);
const elfs = elfCorpus(Number(process.argv[2] ?? 300));
const files = [...pes, ...elfs];
const bufs = new Map(files.map((f) => [f, readFileSync(f)]));
const mbOf = (fs: string[]): number => fs.reduce((n, f) => n + bufs.get(f)!.length, 0) / 1e6;
const line = (name: string, fs: string[], t: Timing): string =>
  `${name.padEnd(44)} ${String(fs.length).padStart(4)} files ${mbOf(fs).toFixed(1).padStart(6)} MB | wall ${t.wall.toFixed(2).padStart(7)} s ${(fs.length / t.wall).toFixed(1).padStart(7)} files/s ${(mbOf(fs) / t.wall).toFixed(1).padStart(6)} MB/s | cpu ${t.cpu.toFixed(2).padStart(7)} s ${(fs.length / t.cpu).toFixed(1).padStart(7)} files/s ${(mbOf(fs) / t.cpu).toFixed(1).padStart(6)} MB/s`;
console.log(`corpus: ${pes.length} PE (npm, pinned) + ${elfs.length} ELF (/usr/lib), ${mbOf(files).toFixed(1)} MB; median of ${ROUNDS} rounds; ${availableParallelism()} CPUs`);

// 1. The full pass, in memory and into a case.
const fullSec = await timed(() => { for (const f of files) examineSample(bufs.get(f)!, f, { now: NOW }); });
console.log(line('veritrace examineSample (full pass)', files, fullSec));
const caseSec = await timed(async () => {
  const dir = mkdtempSync(join(tmpdir(), 'veritrace-bench-case-'));
  const store = await openDuckDBCase(dir, { create: true });
  try {
    const r = await examine(store, files, { now: NOW });
    if (r.failed > 0) console.error(`  ${r.failed} failed: ${r.samples.filter((s) => s.status === 'failed').map((s) => (s.status === 'failed' ? s.error : '')).slice(0, 3).join('; ')}`);
  } finally {
    await store.close();
    rmSync(dir, { recursive: true, force: true });
  }
});
console.log(line('veritrace examine() into a case', files, caseSec));

// 2. PE fields against pefile.
const peSec = await timed(() => { for (const f of pes) { const b = bufs.get(f)!; parseAuthenticode(b, parsePe(b, f), f); } });
const pePassSec = await timed(() => { for (const f of pes) examineSample(bufs.get(f)!, f, { now: NOW }); });
let pySec: Timing = { wall: NaN, cpu: NaN };
try {
  const startup = await timed(() => execFileSync(DEBIAN_PYTHON, ['-c', 'import pefile, json'], { stdio: 'ignore' }));
  // The interpreter's start and imports are not pefile's parsing speed: subtract them.
  pySec = minus(await timed(() => execFileSync(DEBIAN_PYTHON, [PEFILE_DUMP, '--fields-only', ...pes], { stdio: 'ignore', timeout: 600_000 })), startup);
} catch (e) {
  console.error(`pefile unavailable: ${(e as Error).message.split('\n')[0]}`);
}
console.log(line('veritrace parsePe + Authenticode (PE fields)', pes, peSec));
console.log(line('veritrace examineSample (PE, full pass)', pes, pePassSec));
console.log(line('python3-pefile (same PE fields)', pes, pySec));

// 3. YARA: the C CLI against veritrace's path, same compiled rules, same files, same threads.
const ruleDir = mkdtempSync(join(tmpdir(), 'veritrace-bench-yara-'));
const ruleFile = join(ruleDir, 'bench.yar');
writeFileSync(ruleFile, RULES);
const yaraFiles = [...files, ...elfCorpus(40, 4 << 20, 64 << 20)];
for (const f of yaraFiles) if (!bufs.has(f)) bufs.set(f, readFileSync(f)); // read once so the page cache is warm for both
const listFile = join(ruleDir, 'files.txt');
writeFileSync(listFile, yaraFiles.join('\n') + '\n');
const compiled = await compileYara([ruleFile]);
const threads = String(availableParallelism());
const cliSec = await timed(() => execFileSync('yara', ['-C', '-p', threads, '--scan-list', compiled.compiledPath, listFile], { stdio: ['ignore', 'pipe', 'pipe'], maxBuffer: 1 << 30 }));
const cliStringsSec = await timed(() => execFileSync('yara', ['-C', '-s', '-p', threads, '--scan-list', compiled.compiledPath, listFile], { stdio: ['ignore', 'pipe', 'pipe'], maxBuffer: 1 << 30 }));
let matches = 0;
const oursSec = await timed(async () => {
  const r = await scanYara(compiled, yaraFiles, { threads: availableParallelism() });
  matches = [...r.values()].reduce((n, m) => n + m.length, 0);
});
rmSync(ruleDir, { recursive: true, force: true });
console.log(line('yara CLI (Debian libyara)', yaraFiles, cliSec));
console.log(line('yara CLI -s (with string offsets)', yaraFiles, cliStringsSec));
console.log(line(`veritrace scanYara (${matches} matches)`, yaraFiles, oursSec));

console.log('');
const ratio = (a: Timing, b: Timing, f: (x: number, y: number) => number, digits: number): string =>
  `${f(a.cpu, b.cpu).toFixed(digits)}x on CPU time (${f(a.wall, b.wall).toFixed(digits)}x on wall time)`;
console.log(`PE fields, veritrace vs pefile:            ${ratio(pySec, peSec, (x, y) => x / y, 1)} faster; target >= 20x`);
console.log(`PE full pass, veritrace vs pefile fields:  ${ratio(pySec, pePassSec, (x, y) => x / y, 1)} faster (veritrace also hashes, extracts strings and languages, checks)`);
console.log(`YARA, veritrace path / yara CLI:           ${ratio(oursSec, cliSec, (x, y) => x / y, 2)} the time; target <= 1.5x`);
console.log(`YARA, veritrace path / yara CLI -s:        ${ratio(oursSec, cliStringsSec, (x, y) => x / y, 2)} the time`);
