/**
 * The engine is Debian's `yara` 4.2 (libyara, the reference implementation) driven through its CLI: the rule set is
 * compiled once with `yarac`, then one `yara` process scans a whole batch of files from a list with several threads.
 * Why not in process: libyara has no maintained Node binding that installs offline (a native addon needs a compiler
 * and headers), `@litko/yara-x` measured ~90 MB/s against libyara's ~150 MB/s (outside the 1.5× budget) and is a
 * different engine with its own dialect, and the wasm build runs at 14 MB/s. The CLI is the reference itself, so
 * results equal it by construction; this folder only has to parse its output exactly.
 */
import { spawn } from 'node:child_process';
import { VeritraceError } from '../../model/errors.js';

export const YARA_BIN = process.env['VERITRACE_YARA'] ?? 'yara';
export const YARAC_BIN = process.env['VERITRACE_YARAC'] ?? 'yarac';

export interface RunResult {
  code: number;
  stdout: string;
  stderr: string;
}

/**
 * Run an engine binary to completion, collecting its output. Output is only buffered while the process runs and
 * parsed afterwards: parsing as it arrives delays draining the pipe, and a full pipe stalls the engine's scanning
 * threads (they print under a lock). A missing binary is an error that says what to install.
 */
export function run(bin: string, args: string[]): Promise<RunResult> {
  return new Promise((resolve, reject) => {
    const child = spawn(bin, args, { stdio: ['ignore', 'pipe', 'pipe'] });
    const out: Buffer[] = [];
    const err: Buffer[] = [];
    child.stdout.on('data', (chunk: Buffer) => out.push(chunk));
    child.stderr.on('data', (chunk: Buffer) => err.push(chunk));
    child.on('error', (e: NodeJS.ErrnoException) => {
      if (e.code === 'ENOENT') {
        reject(new VeritraceError(`YARA engine '${bin}' not found: install the Debian package 'yara'`, { cause: e }));
      } else reject(e);
    });
    child.on('close', (code) => {
      resolve({ code: code ?? -1, stdout: Buffer.concat(out).toString('utf8'), stderr: Buffer.concat(err).toString('utf8') });
    });
  });
}
