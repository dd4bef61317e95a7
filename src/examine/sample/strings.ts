/**
 * The strings summary of one sample: scripts, languages of natural-language strings, and the top N interesting
 * strings with offsets and sections.
 *
 * SEAM (strings-pending): `src/examine/strings` (`extractStrings`) is being written by another engineer. Until it
 * lands this returns an empty summary marked `unavailable`, so nothing downstream mistakes "not analysed" for
 * "no strings" and the checks run without a strings language. Integrate here, and only here, when it lands.
 */
import type { StringsSummary } from './types.js';

/** A named byte range of the file, so each string can say which section it sits in. */
export interface SectionRange {
  name: string;
  offset: number;
  size: number;
}

export function summarizeStrings(_buf: Buffer, _sections: readonly SectionRange[], _top: number): StringsSummary {
  return { total: 0, scripts: [], languages: [], interesting: [], unavailable: 'strings analysis not integrated yet (src/examine/strings)' };
}
