/**
 * Similarity-hash throughput: veritrace's TLSH and ssdeep over this machine's /usr/lib ELF files and the pinned npm
 * PEs, side by side in one run with Debian's `tlsh` (tlsh-tools) and `ssdeep` CLIs over the same files (reading
 * the files is included on both sides). Prints MB/s and the ratio (veritrace time / CLI time; < 1 is faster).
 * Best of three alternating rounds, because the machine is shared. Run: npx tsx bench/examine-hashes.ts [MB]
 */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, rmSync, statSync, symlinkSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ssdeep, tlsh } from '../src/examine/hashes/index.js';
import { npmSamples } from '../test/examine/fixtures/npm-samples.js';

const BUDGET = Number(process.argv[2] ?? 150) * 1e6;

function corpus(): string[] {
  const dir = '/usr/lib/x86_64-linux-gnu';
  const files = readdirSync(dir).sort().map((n) => join(dir, n)).filter((p) => {
    const st = statSync(p, { throwIfNoEntry: false });
    return st?.isFile() && st.size > 0 && st.size < 16 << 20;
  });
  const fetched = npmSamples();
  const all = [...('samples' in fetched ? fetched.samples.map((s) => s.path) : []), ...files];
  const out: string[] = [];
  let total = 0;
  for (const f of all) {
    if (total >= BUDGET) break;
    out.push(f);
    total += statSync(f).size;
  }
  return out;
}

function seconds(fn: () => void): number {
  const t0 = process.hrtime.bigint();
  fn();
  return Number(process.hrtime.bigint() - t0) / 1e9;
}

const files = corpus();
const bytes = files.reduce((n, f) => n + statSync(f).size, 0);
// tlsh reads a directory in one process; a folder of links gives it exactly our files.
const linkDir = mkdtempSync(join(tmpdir(), 'veritrace-bench-tlsh-'));
files.forEach((f, i) => symlinkSync(f, join(linkDir, String(i).padStart(5, '0'))));
for (const f of files) readFileSync(f); // warm the page cache for both sides

const best = { tlshMine: Infinity, tlshCli: Infinity, ssdeepMine: Infinity, ssdeepCli: Infinity };
for (let round = 0; round < 3; round++) {
  best.tlshCli = Math.min(best.tlshCli, seconds(() => execFileSync('tlsh', ['-r', linkDir], { maxBuffer: 64 << 20, stdio: ['ignore', 'pipe', 'ignore'] })));
  best.tlshMine = Math.min(best.tlshMine, seconds(() => { for (const f of files) tlsh(readFileSync(f)); }));
  best.ssdeepCli = Math.min(best.ssdeepCli, seconds(() => execFileSync('ssdeep', ['-s', ...files], { maxBuffer: 64 << 20, stdio: ['ignore', 'pipe', 'ignore'] })));
  best.ssdeepMine = Math.min(best.ssdeepMine, seconds(() => { for (const f of files) ssdeep(readFileSync(f)); }));
}
rmSync(linkDir, { recursive: true, force: true });

const mbps = (s: number): string => (bytes / 1e6 / s).toFixed(1).padStart(7);
console.log(`corpus: ${files.length} files, ${(bytes / 1e6).toFixed(1)} MB (best of 3 rounds)`);
console.log(`TLSH    veritrace ${mbps(best.tlshMine)} MB/s   tlsh CLI   ${mbps(best.tlshCli)} MB/s   ratio ${(best.tlshMine / best.tlshCli).toFixed(2)}×`);
console.log(`ssdeep  veritrace ${mbps(best.ssdeepMine)} MB/s   ssdeep CLI ${mbps(best.ssdeepCli)} MB/s   ratio ${(best.ssdeepMine / best.ssdeepCli).toFixed(2)}×`);
