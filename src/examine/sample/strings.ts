/**
 * The strings summary of one sample, from `extractStrings`: how many strings, their scripts and the languages of
 * natural-language strings only (with counts and letter-weighted shares), the dominant language that the checks
 * compare with resources and PDB paths, and the top N interesting strings with offsets and sections.
 */
import { extractStrings, type SectionRange } from '../strings/index.js';
import { interestingStrings } from './interesting.js';
import type { StringsSummary } from './types.js';

export type { SectionRange };

function counts(values: readonly (string | undefined)[]): Map<string, number> {
  const m = new Map<string, number>();
  for (const v of values) if (v !== undefined) m.set(v, (m.get(v) ?? 0) + 1);
  return m;
}

/** Most letters first (the summary's shares), then most strings, then by name. */
function ranked<K extends string>(key: K, c: Map<string, number>, share: Record<string, number>): ({ count: number; share: number } & Record<K, string>)[] {
  return [...c]
    .map(([name, count]) => ({ [key]: name, count, share: share[name] ?? 0 }) as { count: number; share: number } & Record<K, string>)
    .sort((a, b) => b.share - a.share || b.count - a.count || (a[key] < b[key] ? -1 : a[key] > b[key] ? 1 : 0));
}

export function summarizeStrings(buf: Buffer, sections: SectionRange[], top: number): StringsSummary {
  const { strings, summary } = extractStrings(buf, { sections });
  const languages = ranked('language', counts(strings.map((s) => s.language)), summary.byLanguage);
  const out: StringsSummary = {
    total: strings.length,
    scripts: ranked('script', counts(strings.map((s) => s.script)), summary.byScript),
    languages,
    interesting: interestingStrings(strings, top),
  };
  if (languages[0]) out.language = languages[0].language;
  return out;
}
