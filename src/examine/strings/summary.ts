/**
 * Script and language shares of a sample's strings. Weighted by letters over distinct values: a long message says
 * more than a four-letter fragment, and a string repeated a hundred times is one piece of evidence, not a hundred.
 */
import type { StringsSummary } from './types.js';

interface ValueInfo {
  script: string;
  letters: number;
  language?: string;
  noise: boolean;
}

export function summarise(values: Map<string, ValueInfo>): StringsSummary {
  const scripts = new Map<string, number>();
  const languages = new Map<string, number>();
  for (const v of values.values()) {
    if (v.letters === 0 || v.noise) continue;
    scripts.set(v.script, (scripts.get(v.script) ?? 0) + v.letters);
    if (v.language !== undefined) languages.set(v.language, (languages.get(v.language) ?? 0) + v.letters);
  }
  return { byScript: shares(scripts), byLanguage: shares(languages) };
}

/** Shares rounded to 4 places, largest first then by name, so the object's key order is deterministic too. */
function shares(m: Map<string, number>): Record<string, number> {
  let total = 0;
  for (const n of m.values()) total += n;
  const out: Record<string, number> = {};
  const entries = [...m].sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : 0));
  for (const [k, n] of entries) {
    const share = Math.round((n / total) * 10000) / 10000;
    if (share > 0) out[k] = share;
  }
  return out;
}
