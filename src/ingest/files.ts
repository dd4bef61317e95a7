import { createReadStream } from 'node:fs';
import { readdir, stat } from 'node:fs/promises';
import { createHash } from 'node:crypto';
import { join, resolve, sep } from 'node:path';
import { UsageError } from '../model/index.js';

const GLOB_CHARS = /[*?[]/;

/** Turn a glob (`*`, `**`, `?`, `[...]`) into an anchored RegExp over `/`-separated paths. */
export function globToRegExp(glob: string): RegExp {
  let re = '';
  for (let i = 0; i < glob.length; i++) {
    const c = glob[i]!;
    if (c === '*') {
      if (glob[i + 1] === '*') {
        re += glob[i + 2] === '/' ? '(?:.*/)?' : '.*';
        i += glob[i + 2] === '/' ? 2 : 1;
      } else re += '[^/]*';
    } else if (c === '?') re += '[^/]';
    else if (c === '[') {
      const end = glob.indexOf(']', i + 1);
      if (end < 0) re += '\\[';
      else { re += '[' + glob.slice(i + 1, end).replace(/^!/, '^').replace(/\\/g, '\\\\') + ']'; i = end; }
    } else re += c.replace(/[.+^${}()|\\]/g, '\\$&');
  }
  return new RegExp(`^${re}$`);
}

async function walk(dir: string, out: string[]): Promise<void> {
  const entries = await readdir(dir, { withFileTypes: true });
  entries.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
  for (const e of entries) {
    const p = join(dir, e.name);
    if (e.isDirectory()) await walk(p, out);
    else if (e.isFile()) out.push(p);
  }
}

/**
 * Expand the user's inputs (files, folders, globs) into a sorted, de-duplicated list of files.
 * `exclude` holds folders never to read from (the case itself, when it sits inside an input folder).
 */
export async function expandInputs(inputs: readonly string[], exclude: readonly string[] = []): Promise<string[]> {
  const found: string[] = [];
  for (const input of inputs) {
    if (GLOB_CHARS.test(input)) {
      const parts = input.split('/');
      const firstGlob = parts.findIndex((p) => GLOB_CHARS.test(p));
      const base = parts.slice(0, firstGlob).join('/') || (input.startsWith('/') ? '/' : '.');
      const all: string[] = [];
      await walk(base, all).catch(() => undefined);
      const re = globToRegExp(input.replace(/^\.\//, ''));
      const matched = all.filter((f) => re.test(f.replace(/^\.\//, '').split(sep).join('/')));
      if (matched.length === 0) throw new UsageError(`no file matches ${input}`);
      found.push(...matched);
      continue;
    }
    let st;
    try {
      st = await stat(input);
    } catch {
      throw new UsageError(`no such file or folder: ${input}`);
    }
    if (st.isDirectory()) await walk(input, found);
    else found.push(input);
  }
  const ex = exclude.map((d) => resolve(d) + sep);
  const seen = new Set<string>();
  const out: string[] = [];
  for (const f of found) {
    const abs = resolve(f);
    if (seen.has(abs) || ex.some((d) => abs.startsWith(d))) continue;
    seen.add(abs);
    out.push(f);
  }
  return out.sort();
}

export async function sha256File(path: string): Promise<{ sha256: string; size: number }> {
  const h = createHash('sha256');
  let size = 0;
  for await (const chunk of createReadStream(path, { highWaterMark: 1024 * 1024 })) {
    h.update(chunk as Buffer);
    size += (chunk as Buffer).length;
  }
  return { sha256: h.digest('hex'), size };
}
