/** A throw-away case made from generated files: write them, ingest them, hand over the store. */
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ingest } from '../../src/ingest/index.js';
import { openDuckDBCase, type CaseStore } from '../../src/store/index.js';

export async function withCaseFrom<T>(files: Record<string, string | Buffer>, fn: (store: CaseStore) => Promise<T>, year = 2025, keep = false): Promise<T> {
  const dir = await mkdtemp(join(tmpdir(), 'vt-trace-'));
  try {
    for (const [rel, body] of Object.entries(files)) {
      const p = join(dir, 'logs', rel);
      await mkdir(join(p, '..'), { recursive: true });
      await writeFile(p, body);
    }
    const store = await openDuckDBCase(join(dir, 'case'), { create: true });
    try {
      const r = await ingest(store, [join(dir, 'logs')], { reader: { year } });
      if (r.failed > 0) throw new Error(`ingest failed: ${JSON.stringify(r)}`);
      return await fn(store);
    } finally {
      await store.close();
    }
  } finally {
    if (!keep) await rm(dir, { recursive: true, force: true });
  }
}

/** The same, for tests that open the case themselves (the CLI): ingest, close, hand over the case folder. */
export async function withCaseDir<T>(files: Record<string, string | Buffer>, fn: (dir: string) => Promise<T>): Promise<T> {
  let dir = '';
  await withCaseFrom(files, async (store) => { dir = store.dir; }, 2025, true);
  try {
    return await fn(dir);
  } finally {
    await rm(join(dir, '..'), { recursive: true, force: true });
  }
}

export function near(actual: number, expected: number, relTol: number): boolean {
  return Math.abs(actual - expected) <= relTol * Math.abs(expected);
}
