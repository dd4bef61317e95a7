import { existsSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

/** The repository root, found from this file whether it runs from `test/` (tsx) or `dist/test/` (compiled). */
function findRoot(): string {
  let d = dirname(fileURLToPath(import.meta.url));
  for (;;) {
    if (existsSync(join(d, 'package.json')) && existsSync(join(d, 'src'))) return d;
    const up = dirname(d);
    if (up === d) throw new Error('repository root not found');
    d = up;
  }
}

export const REPO_ROOT = findRoot();
/** `../shared/data` beside the repository; real-data tests skip when it is absent. */
export const SHARED_DATA = resolve(REPO_ROOT, '..', 'shared', 'data');
export const HAVE_SHARED = existsSync(SHARED_DATA);
export const SKIP_NO_SHARED: string | false = HAVE_SHARED ? false : '../shared/data is absent';
