/**
 * YARA throughput: veritrace's path (rules compiled once with yarac, one `yara` process per batch over a file list,
 * output parsed, matched bytes read back) against the plain `yara` CLI given the same rules, files, threads and
 * output options, over a few hundred files of /usr/lib and the pinned npm PEs. Prints MB/s and the ratio
 * (veritrace time / CLI time). Best of three alternating rounds. Run: npx tsx bench/examine-yara.ts [files]
 */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { availableParallelism, tmpdir } from 'node:os';
import { join } from 'node:path';
import { compileYara, scanYara } from '../src/examine/yara/index.js';
import { npmSamples } from '../test/examine/fixtures/npm-samples.js';

const LIMIT = Number(process.argv[2] ?? 300);
const THREADS = availableParallelism();

const RULES = String.raw`
import "pe"
import "elf"
rule ElfSharedObject { strings: $m = { 7F 45 4C 46 } condition: $m at 0 and elf.type == elf.ET_DYN }
rule GlibcVersioned { strings: $v = "GLIBC_2." condition: #v > 3 }
rule SuspiciousApis { strings: $a = "VirtualAllocEx" $b = "WriteProcessMemory" $c = "CreateRemoteThread" condition: 2 of them }
rule Urls { strings: $u = /https?:\/\/[a-z0-9.-]{4,64}\.(com|net|org)/ condition: $u }
rule WideKernel32 { strings: $w = "kernel32.dll" wide nocase condition: $w }
rule HexJumps { strings: $h = { E8 ?? ?? ?? ?? [1-8] C3 } condition: #h > 100 }
rule PeManySections { condition: pe.is_pe and pe.number_of_sections > 4 }
rule Xored { strings: $x = "This program cannot be run" xor(1-255) condition: $x }
`;

function corpus(): string[] {
  const dir = '/usr/lib/x86_64-linux-gnu';
  const libs = readdirSync(dir).sort().map((n) => join(dir, n)).filter((p) => {
    const st = statSync(p, { throwIfNoEntry: false });
    return st?.isFile() && st.size > 0 && st.size < 16 << 20;
  });
  const fetched = npmSamples();
  return [...('samples' in fetched ? fetched.samples.map((s) => s.path) : []), ...libs].slice(0, LIMIT);
}

async function seconds(fn: () => Promise<unknown> | unknown): Promise<number> {
  const t0 = process.hrtime.bigint();
  await fn();
  return Number(process.hrtime.bigint() - t0) / 1e9;
}

const files = corpus();
const bytes = files.reduce((n, f) => n + statSync(f).size, 0);
const dir = mkdtempSync(join(tmpdir(), 'veritrace-bench-yara-'));
const rulesPath = join(dir, 'rules.yar');
writeFileSync(rulesPath, RULES);
const list = join(dir, 'files.txt');
writeFileSync(list, files.join('\n') + '\n');
for (const f of files) readFileSync(f); // warm the page cache for both sides
const compiled = await compileYara([rulesPath]);

let mine = Infinity, cli = Infinity, matches = 0;
for (let round = 0; round < 3; round++) {
  cli = Math.min(cli, await seconds(() => execFileSync('yara', ['-e', '-g', '-m', '-s', '-L', '-w', '-p', String(THREADS), '--scan-list', rulesPath, list], { maxBuffer: 1 << 30, stdio: ['ignore', 'pipe', 'ignore'] })));
  mine = Math.min(mine, await seconds(async () => {
    const r = await scanYara(compiled, files, { threads: THREADS });
    matches = [...r.values()].reduce((n, m) => n + m.length, 0);
  }));
}
const mbps = (s: number): string => (bytes / 1e6 / s).toFixed(1).padStart(7);
console.log(`corpus: ${files.length} files, ${(bytes / 1e6).toFixed(1)} MB, ${THREADS} threads, ${matches} rule matches (best of 3)`);
console.log(`veritrace ${mbps(mine)} MB/s   yara CLI ${mbps(cli)} MB/s   ratio ${(mine / cli).toFixed(2)}× (target ≤ 1.5×)`);
