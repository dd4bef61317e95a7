/**
 * A loaded rule → its CompiledDetection (logsource predicate AND detection AND NOT its filters), with the field
 * plans and logsource variants that explain it.
 */
import type { CompiledDetection } from '../types.js';
import type { DetectDialect } from '../dialect.js';
import { resolveLogsource, type FieldPlan, type ResolvedLogsource } from './pipeline/index.js';
import type { Logsource, SigmaFilter, SigmaRule } from './rule/index.js';
import { compileDetection, eventsLogsourceColumns, EventsResolver, logsourceSql, type JsRegexNeed, type Resolver } from './sql/index.js';

export interface CompiledSigma {
  rule: SigmaRule;
  logsource: ResolvedLogsource;
  detection: CompiledDetection;
  /** Filters (Sigma `filter` documents) that apply to this rule. */
  filters: SigmaFilter[];
  fields: FieldPlan[];
  regexes: JsRegexNeed[];
}

/** `attack.t1059.001` → `T1059.001`. */
export function techniquesOf(tags: readonly string[]): string[] {
  const out = new Set<string>();
  for (const t of tags) {
    const m = /^attack\.(t\d{4}(?:\.\d{3})?)$/i.exec(t);
    if (m) out.add(m[1]!.toUpperCase());
  }
  return [...out].sort();
}

function logsourceCovers(filter: Logsource, rule: Logsource): boolean {
  return (!filter.product || filter.product === rule.product) && (!filter.category || filter.category === rule.category) && (!filter.service || filter.service === rule.service);
}

export function filtersFor(rule: SigmaRule, filters: readonly SigmaFilter[]): SigmaFilter[] {
  return filters.filter((f) => (f.rules.includes(rule.id) || (rule.name !== undefined && f.rules.includes(rule.name))) && logsourceCovers(f.logsource, rule.logsource));
}

/** The detection with its filters, through any resolver (events or a group table). */
export function rulePredicate(r: Resolver, rule: SigmaRule, filters: readonly SigmaFilter[]): string {
  const det = compileDetection(r, rule);
  if (filters.length === 0) return det;
  return `(${det} AND ${filters.map((f) => `NOT COALESCE(${compileDetection(r, f)}, FALSE)`).join(' AND ')})`;
}

export function compileRule(d: DetectDialect, rule: SigmaRule, allFilters: readonly SigmaFilter[]): CompiledSigma {
  const logsource = resolveLogsource(rule.logsource);
  const r = new EventsResolver(d, logsource);
  const filters = filtersFor(rule, allFilters);
  const where = `(${logsourceSql(d, logsource, eventsLogsourceColumns(d))} AND ${rulePredicate(r, rule, filters)})`;
  return {
    rule, logsource, filters, fields: [...r.plans.values()], regexes: r.regexes,
    detection: {
      kind: 'sigma', id: rule.id, title: rule.title, level: rule.level, status: rule.status, author: rule.author,
      tags: [...rule.tags], techniques: techniquesOf(rule.tags), source: rule.source, where,
    },
  };
}
