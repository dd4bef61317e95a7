/** Scan a batch of files with a compiled rule set in one engine process. */
import { closeSync, mkdtempSync, openSync, readSync, rmSync, writeFileSync } from 'node:fs';
import { availableParallelism, tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { ExamineError, VeritraceError } from '../../model/errors.js';
import { run, YARA_BIN } from './engine.js';
import { parseRuleLine, parseStringLine } from './output.js';
import type { CompiledYara, ScanOptions, YaraMatch, YaraStringMatch } from './types.js';

/**
 * Matches per file, keyed by the path as given, in the order given (files without matches map to []).
 * A file the engine cannot read or that times out is an ExamineError naming it: a silent gap would read as "clean".
 */
export async function scanYara(
  rules: CompiledYara,
  files: string[],
  opts: ScanOptions = {},
): Promise<Map<string, YaraMatch[]>> {
  const byAbs = new Map<string, string>();
  for (const f of files) {
    if (f.includes('\n')) throw new ExamineError({ file: f }, 'file name contains a newline; the engine reads a line list');
    byAbs.set(resolve(f), f);
  }
  const results = new Map<string, YaraMatch[]>(files.map((f) => [f, []]));
  if (files.length === 0) return results;
  const dir = mkdtempSync(join(tmpdir(), 'veritrace-yara-scan-'));
  try {
    const list = join(dir, 'files.txt');
    writeFileSync(list, [...byAbs.keys()].join('\n') + '\n');
    const threads = String(opts.threads ?? availableParallelism());
    const args = ['-C', '-e', '-g', '-m', '-s', '-L', '-w', '-p', threads, '-a', String(opts.timeoutSeconds ?? 60)];
    const { code, stdout, stderr } = await run(YARA_BIN, [...args, '--scan-list', rules.compiledPath, list]);
    try {
      parseOutput(stdout, byAbs, results);
    } catch (e) {
      throw new VeritraceError('cannot parse yara output', { cause: e });
    }
    const failed = /^error scanning (.*): (.*)$/m.exec(stderr);
    if (failed) throw new ExamineError({ file: byAbs.get(failed[1]!) ?? failed[1]! }, `YARA: ${failed[2]}`);
    if (code !== 0) throw new VeritraceError(`yara exited with code ${code}: ${stderr.trim()}`);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
  for (const [file, matches] of results) fillData(file, matches);
  return results;
}

/** Attach each rule line and its string lines to the file the rule line names. */
function parseOutput(stdout: string, byAbs: Map<string, string>, results: Map<string, YaraMatch[]>): void {
  let current: YaraMatch | null = null;
  for (const line of stdout.split('\n')) {
    if (line === '') continue;
    const s = parseStringLine(line);
    if (s) {
      if (!current) throw new Error(`string match before any rule in yara output: ${line}`);
      current.strings.push(s);
      continue;
    }
    const r = parseRuleLine(line);
    const key = byAbs.get(r.file);
    if (key === undefined) throw new Error(`yara reported a file that was not scanned: ${r.file}`);
    current = r.match;
    results.get(key)!.push(current);
  }
}

/** Matches closer than this share one read. */
const WINDOW = 64 << 10;

/**
 * Read back from the file the bytes of matches whose printed data could not be decoded exactly (long matches, data
 * holding a literal `\\xHH`), in offset order through 64 KiB windows.
 */
function fillData(file: string, matches: YaraMatch[]): void {
  const all: YaraStringMatch[] = matches.flatMap((m) => m.strings.filter((s) => s.data === '' && s.length > 0));
  if (all.length === 0) return;
  all.sort((a, b) => a.offset - b.offset);
  const fd = openSync(file, 'r');
  try {
    let win = Buffer.alloc(0);
    let winStart = 0;
    for (const s of all) {
      if (s.offset < winStart || s.offset + s.length > winStart + win.length) {
        const buf = Buffer.allocUnsafe(Math.max(WINDOW, s.length));
        win = buf.subarray(0, readSync(fd, buf, 0, buf.length, s.offset));
        winStart = s.offset;
      }
      const from = s.offset - winStart;
      s.data = win.toString('hex', from, Math.min(win.length, from + s.length));
    }
  } finally {
    closeSync(fd);
  }
}
