import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { UsageError } from '../model/index.js';
import { DB_FILE, openDuckDBCase, type CaseStore } from '../store/index.js';

/** Open an existing case folder; a missing case is a usage error that says how to make one. */
export type CaseMode = 'read' | 'write';

export async function openExistingCase(dir: string, mode: CaseMode): Promise<CaseStore> {
  if (!existsSync(join(dir, DB_FILE))) throw new UsageError(`${dir} is not a veritrace case (no ${DB_FILE}); create it with 'veritrace init ${dir}'`);
  return openDuckDBCase(dir, { readOnly: mode === 'read' });
}

export async function withCase<T>(dir: string, mode: CaseMode, fn: (store: CaseStore) => Promise<T>): Promise<T> {
  const store = await openExistingCase(dir, mode);
  try {
    return await fn(store);
  } finally {
    await store.close();
  }
}
