/**
 * Examine throughput: veritrace's PE/ELF parsers over this machine's /usr/lib ELF files and the pinned npm PEs,
 * side by side in one run with python3-pefile over the same PE files on the same fields (the pefile_dump.py
 * oracle script with --fields-only). Prints files/s, MB/s and the ratio. Run: npx tsx bench/examine-pe.ts
 */
import { execFileSync } from 'node:child_process';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { parseElf } from '../src/examine/elf/index.js';
import { parsePe } from '../src/examine/pe/index.js';
import { parseAuthenticode } from '../src/examine/authenticode/index.js';
import { DEBIAN_PYTHON, PEFILE_DUMP, npmSamples } from '../test/examine/fixtures/npm-samples.js';

function elfCorpus(limit: number): string[] {
  const out: string[] = [];
  const walk = (d: string): void => {
    if (out.length >= limit) return;
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
      else if (e.isFile() && /\.so(\.\d+)*$/.test(e.name) && statSync(p).size < 32 << 20) {
        const head = Buffer.alloc(4);
        try {
          const fd = readFileSync(p).subarray(0, 4);
          fd.copy(head);
        } catch {
          continue;
        }
        if (head.readUInt32LE(0) === 0x464c457f) out.push(p);
      }
    }
  };
  walk('/usr/lib/x86_64-linux-gnu');
  return out;
}

function time(fn: () => void, rounds: number): number {
  const t0 = process.hrtime.bigint();
  for (let i = 0; i < rounds; i++) fn();
  return Number(process.hrtime.bigint() - t0) / 1e9 / rounds;
}

const fetched = npmSamples();
if ('skip' in fetched) {
  console.error(fetched.skip);
  process.exit(1);
}
const pes = fetched.samples.map((s) => s.path);
const elfs = elfCorpus(300);
const peBufs = pes.map((p) => readFileSync(p));
const elfBufs = elfs.map((p) => readFileSync(p));
const mb = (bufs: Buffer[]): number => bufs.reduce((n, b) => n + b.length, 0) / 1e6;

// Reading from disk is excluded on both sides as far as possible: buffers are preloaded here; pefile maps files.
const rounds = 5;
const peSec = time(() => peBufs.forEach((b, i) => { const pe = parsePe(b, pes[i]!); parseAuthenticode(b, pe, pes[i]!); }), rounds);
const elfSec = time(() => elfBufs.forEach((b, i) => parseElf(b, elfs[i]!)), rounds);

let pySec = NaN;
try {
  const t0 = process.hrtime.bigint();
  execFileSync(DEBIAN_PYTHON, [PEFILE_DUMP, '--fields-only', ...pes], { stdio: 'ignore', timeout: 600_000 });
  const startup = (() => {
    const s0 = process.hrtime.bigint();
    execFileSync(DEBIAN_PYTHON, ['-c', 'import pefile, json'], { stdio: 'ignore' });
    return Number(process.hrtime.bigint() - s0) / 1e9;
  })();
  // Python's interpreter start and imports are not pefile's parsing speed: subtract them.
  pySec = Number(process.hrtime.bigint() - t0) / 1e9 - startup;
} catch (e) {
  console.error(`pefile unavailable: ${(e as Error).message.split('\n')[0]}`);
}

const line = (name: string, files: number, megabytes: number, sec: number): string =>
  `${name.padEnd(34)} ${String(files).padStart(4)} files ${megabytes.toFixed(1).padStart(7)} MB  ${(files / sec).toFixed(1).padStart(9)} files/s ${(megabytes / sec).toFixed(1).padStart(8)} MB/s`;
console.log(line('veritrace parsePe+Authenticode', pes.length, mb(peBufs), peSec));
console.log(line('python3-pefile (same fields)', pes.length, mb(peBufs), pySec));
console.log(line('veritrace parseElf (/usr/lib)', elfs.length, mb(elfBufs), elfSec));
console.log(line('veritrace all', pes.length + elfs.length, mb(peBufs) + mb(elfBufs), peSec + elfSec));
console.log(`PE ratio veritrace / pefile: ${(pySec / peSec).toFixed(1)}x (target >= 20x)`);
