/** Compile the user's rule files once (`yarac`), reporting errors with file and line. */
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, renameSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { RuleError } from '../../model/errors.js';
import { run, YARAC_BIN } from './engine.js';
import type { CompiledYara } from './types.js';

/** `error: rule "r" in file.yar(12): message` or `error: file.yar(1): message` (yarac's two shapes). */
const DIAGNOSTIC = /^(error|warning): (?:rule "[^"]*" in )?(.*)\((\d+)\): (.*)$/;

export async function compileYara(paths: string[]): Promise<CompiledYara> {
  const sources = paths.map((p) => resolve(p));
  // Named by content so concurrent runs of different rule sets never share a file; written then renamed so a
  // reader never sees half a file.
  const key = createHash('sha256');
  for (const s of sources) {
    let text: Buffer;
    try {
      text = readFileSync(s);
    } catch (e) {
      throw new RuleError({ file: s }, 'cannot read YARA rule file', { cause: e });
    }
    key.update(s).update('\0').update(text).update('\0');
  }
  const dir = join(tmpdir(), 'veritrace-yara');
  mkdirSync(dir, { recursive: true });
  const compiledPath = join(dir, `${key.digest('hex')}.yarc`);
  const tmp = `${compiledPath}.${process.pid}.tmp`;
  const { code, stderr } = await run(YARAC_BIN, [...sources, tmp]);
  const warnings: string[] = [];
  const errors: { file: string; line: number; message: string }[] = [];
  for (const line of stderr.split('\n')) {
    const m = DIAGNOSTIC.exec(line);
    if (!m) continue;
    const [, kind, file, lineNo, message] = m;
    if (kind === 'warning') warnings.push(`${file}:${lineNo}: ${message}`);
    else errors.push({ file: file!, line: Number(lineNo), message: message! });
  }
  const first = errors[0];
  if (first) {
    const more = errors.length > 1 ? ` (and ${errors.length - 1} more errors)` : '';
    throw new RuleError({ file: first.file, line: first.line }, first.message + more);
  }
  if (code !== 0 || !existsSync(tmp)) {
    throw new RuleError({ file: sources.join(', ') }, `yarac failed: ${stderr.trim() || `exit code ${code}`}`);
  }
  renameSync(tmp, compiledPath);
  return { sources, compiledPath, warnings };
}
