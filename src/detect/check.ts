/**
 * `rules check`: every rule loaded (with the logsource variants and field plans that explain its SQL) or
 * rejected (reason code, message, file:line), and counts per reason.
 */
import type { Dialect } from '../store/index.js';
import { detectDialect } from './dialect.js';
import { compileRule } from './sigma/compile-rule.js';
import { loadRuleFiles } from './sigma/load.js';

export interface RuleCheck {
  status: 'loaded' | 'rejected';
  source: string;
  id?: string;
  title?: string;
  kind?: 'rule' | 'correlation' | 'filter';
  code?: string;
  message?: string;
  logsource?: string[];
  fields?: { field: string; reads: string[]; because: string[] }[];
  where?: string;
  jsRegex?: boolean;
}

export interface CheckReport {
  rules: RuleCheck[];
  loaded: number;
  rejected: number;
  byReason: Record<string, number>;
}

export async function checkRules(paths: readonly string[], dialect: Dialect, placeholders: Record<string, string[]> = {}): Promise<CheckReport> {
  const d = detectDialect(dialect);
  const set = await loadRuleFiles(paths, { placeholders });
  const out: RuleCheck[] = [];
  for (const r of set.rules) {
    const c = compileRule(d, r, set.filters);
    out.push({
      status: 'loaded', kind: 'rule', source: `${r.source}:${r.pos.line}`, id: r.id, title: r.title,
      logsource: c.logsource.variants.map((v) => v.name),
      fields: c.fields.map((f) => ({ field: f.field, reads: f.sources.map((s) => (s.kind === 'hot' ? `column ${s.column}` : `raw ${s.path.join('.')}`)), because: f.because })),
      where: c.detection.where, jsRegex: c.regexes.length > 0,
    });
  }
  for (const c of set.correlations) out.push({ status: 'loaded', kind: 'correlation', source: `${c.source}:${c.pos.line}`, id: c.id, title: c.title });
  for (const f of set.filters) out.push({ status: 'loaded', kind: 'filter', source: `${f.source}:${f.pos.line}`, id: f.id, title: f.title });
  const byReason: Record<string, number> = {};
  for (const r of set.rejected) {
    byReason[r.code] = (byReason[r.code] ?? 0) + 1;
    out.push({ status: 'rejected', source: r.pos ? `${r.source}:${r.pos.line}` : r.source, id: r.id, title: r.title, code: r.code, message: r.message });
  }
  out.sort((a, b) => (a.source < b.source ? -1 : a.source > b.source ? 1 : 0));
  return { rules: out, loaded: out.length - set.rejected.length, rejected: set.rejected.length, byReason };
}
