/**
 * Field plans: where each Sigma field is read from, per logsource. Native names are read from `raw`
 * (flat key first, then the dotted path for nested sources such as Suricata EVE); `EventID` is the hot
 * `event_id` column; a variant's renames (Security 4688 `NewProcessName` for `Image`) and hot fallbacks apply.
 */
import type { FieldPlan, FieldSource, ResolvedLogsource } from './types.js';

function pathsOf(name: string): string[][] {
  const out = [[name]];
  if (name.includes('.')) out.push(name.split('.'));
  return out;
}

export function planField(ls: ResolvedLogsource, field: string): FieldPlan {
  if (field === 'EventID') {
    return { field, sources: [{ kind: 'hot', column: 'event_id', numeric: true }, { kind: 'json', path: ['EventID'] }], because: ['common: EventID→event_id column'], multi: false };
  }
  const sources: FieldSource[] = [];
  const because: string[] = [];
  const seen = new Set<string>();
  const add = (s: FieldSource) => {
    const k = JSON.stringify(s);
    if (!seen.has(k)) { seen.add(k); sources.push(s); }
  };
  for (const p of pathsOf(field)) add({ kind: 'json', path: p });
  for (const v of ls.variants) {
    const r = v.renames[field];
    if (r) {
      for (const p of pathsOf(r)) add({ kind: 'json', path: p });
      because.push(`${v.name}: ${field}→${r}`);
    }
  }
  for (const v of ls.variants) {
    const spaced = field.replace(/([a-z0-9])([A-Z])/g, '$1 $2').replace(/([A-Z]+)([A-Z][a-z])/g, '$1 $2');
    if (v.spacedNames && spaced !== field) {
      add({ kind: 'json', path: [spaced] });
      because.push(`${v.name}: ${field}→"${spaced}" (the channel writes names with spaces; Sigma strips them)`);
    }
  }
  for (const v of ls.variants) {
    const h = v.hot?.[field];
    if (h) {
      add({ kind: 'hot', column: h, numeric: false });
      because.push(`${v.name}: ${field}→column ${h} when absent`);
    }
  }
  const multi = ls.variants.some((v) => v.multiValued);
  if (multi) because.push('auditd: any element of an array value matches');
  return { field, sources, because, multi };
}
