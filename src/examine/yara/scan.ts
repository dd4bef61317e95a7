/** Scan a batch of files with a compiled rule set in one engine process. */
import { closeSync, openSync, readSync, writeFileSync, mkdtempSync, rmSync } from 'node:fs';
import { availableParallelism, tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { ExamineError, VeritraceError } from '../../model/errors.js';
import { run, YARA_BIN } from './engine.js';
import { parseRuleLine, parseStringLine } from './output.js';
import type { CompiledYara, ScanOptions, YaraMatch } from './types.js';

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
    let current: YaraMatch | null = null;
    let parseError: Error | null = null;
    const { code, stderr } = await run(YARA_BIN, [...args, '--scan-list', rules.compiledPath, list], (line) => {
      if (line === '' || parseError) return;
      try {
        const s = parseStringLine(line);
        if (s) {
          if (!current) throw new Error(`string match before any rule in yara output: ${line}`);
          current.strings.push({ ...s, data: '' });
          return;
        }
        const r = parseRuleLine(line);
        const key = byAbs.get(r.file);
        if (key === undefined) throw new Error(`yara reported a file that was not scanned: ${r.file}`);
        current = r.match;
        results.get(key)!.push(current);
      } catch (e) {
        parseError = e instanceof Error ? e : new Error(String(e));
      }
    });
    if (parseError) throw new VeritraceError('cannot parse yara output', { cause: parseError });
    const failed = /^error scanning (.*): (.*)$/m.exec(stderr);
    if (failed) throw new ExamineError({ file: byAbs.get(failed[1]!) ?? failed[1]! }, `YARA: ${failed[2]}`);
    if (code !== 0) throw new VeritraceError(`yara exited with code ${code}: ${stderr.trim()}`);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
  for (const [file, matches] of results) fillData(file, matches);
  return results;
}

/** Read each match's bytes back from the file: exact bytes, whatever escaping or modifiers the string had. */
function fillData(file: string, matches: YaraMatch[]): void {
  if (!matches.some((m) => m.strings.length > 0)) return;
  const fd = openSync(file, 'r');
  try {
    for (const m of matches) {
      for (const s of m.strings) {
        const buf = Buffer.alloc(s.length);
        const n = readSync(fd, buf, 0, s.length, s.offset);
        s.data = buf.subarray(0, n).toString('hex');
      }
    }
  } finally {
    closeSync(fd);
  }
}
