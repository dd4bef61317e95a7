/**
 * TLSH distance for code-reuse matching. The examine stage owns the implementation (equal to Debian's `tlsh`); this
 * wrapper only turns a malformed digest (e.g. one typed into an actor profile) into "no distance" instead of an error.
 */
import { tlshDiff } from '../examine/hashes/index.js';

/** Distance between two TLSH digests (0 = identical; below ~50 usually the same family), or undefined if either is malformed. */
export function tlshDistance(a: string, b: string): number | undefined {
  try {
    return tlshDiff(a, b);
  } catch {
    return undefined;
  }
}
