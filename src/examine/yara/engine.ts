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

/** Run an engine binary to completion, collecting its output. A missing binary is an error that says what to install. */
export function run(bin: string, args: string[], onStdoutLine?: (line: string) => void): Promise<RunResult> {
  return new Promise((resolve, reject) => {
    const child = spawn(bin, args, { stdio: ['ignore', 'pipe', 'pipe'] });
    const out: string[] = [];
    const err: Buffer[] = [];
    let pending = '';
    child.stdout.setEncoding('utf8');
    child.stdout.on('data', (chunk: string) => {
      if (!onStdoutLine) {
        out.push(chunk);
        return;
      }
      // Stream lines so a large batch's output is never held whole in memory.
      pending += chunk;
      const lines = pending.split('\n');
      pending = lines.pop() ?? '';
      for (const l of lines) onStdoutLine(l);
    });
    child.stderr.on('data', (chunk: Buffer) => err.push(chunk));
    child.on('error', (e: NodeJS.ErrnoException) => {
      if (e.code === 'ENOENT') {
        reject(new VeritraceError(`YARA engine '${bin}' not found: install the Debian package 'yara'`, { cause: e }));
      } else reject(e);
    });
    child.on('close', (code) => {
      if (onStdoutLine && pending) onStdoutLine(pending);
      resolve({ code: code ?? -1, stdout: out.join(''), stderr: Buffer.concat(err).toString('utf8') });
    });
  });
}
