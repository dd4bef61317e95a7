/**
 * Narrowing a group by a stored integer column: when every rule of a logsource group can only match events whose
 * EventID is one of a few numbers, the group reads only those events (a filter on the stored `event_id` column,
 * which DuckDB applies before it reads `raw`). Most rules of a Windows service (security, system, sysmon,
 * taskscheduler, …) name their event ids; without this, each such group read every event of its channel.
 *
 * A set is necessary for a rule when the rule cannot hold unless the field equals one of its numbers: an
 * EventID match whose values are all whole numbers gives its values (compile.ts compares them with `= n` on the
 * integer column); AND keeps the smallest necessary set of its sides, OR unions them (all sides must have one);
 * NOT and anything else give none. Only prunes: the rules' predicates still decide.
 */
import { assertNever, foldCondition, type FieldMatch, type Selection, type SigmaRule, type SigmaValue } from '../rule/index.js';

type Need = Set<number> | null;

const MAX_VALUES = 256;

function valueNumber(v: SigmaValue): number | null {
  if (v.kind === 'num') return Number.isSafeInteger(v.n) ? v.n : null;
  if (v.kind !== 'str' || v.s.hasWildcards) return null;
  const p = v.s.plain();
  return p !== null && /^-?\d{1,9}$/.test(p) ? Number(p) : null;
}

function and(xs: Need[]): Need {
  let best: Need = null;
  for (const x of xs) if (x !== null && (best === null || x.size < best.size)) best = x;
  return best;
}

function or(xs: Need[], max = MAX_VALUES): Need {
  if (xs.length === 0 || xs.some((x) => x === null)) return null;
  const u = new Set<number>();
  for (const x of xs) for (const n of x!) u.add(n);
  return u.size > max ? null : u;
}

function fieldMatch(fm: FieldMatch, field: string): Need {
  if (fm.field !== field || fm.neq) return null;
  const one = (alts: readonly SigmaValue[]): Need => {
    const s = new Set<number>();
    for (const v of alts) {
      const n = valueNumber(v);
      if (n === null) return null;
      s.add(n);
    }
    return s;
  };
  return fm.all ? and(fm.values.map(one)) : or(fm.values.map(one));
}

function selection(s: Selection, field: string): Need {
  switch (s.kind) {
    case 'map': return and(s.matches.map((m) => fieldMatch(m, field)));
    case 'anyOf': return or(s.items.map((i) => selection(i, field)));
    default: return assertNever(s);
  }
}

/** Numbers one of which `field` must equal for the rule to match, or null when there is no such set. */
export function necessaryNumbers(rule: Pick<SigmaRule, 'condition' | 'selections'>, field: string): Set<number> | null {
  return foldCondition(rule.condition, rule.selections, { and, or: (xs) => or(xs), not: () => null, selection: (s) => selection(s, field) });
}

/** The union over rules (null as soon as one rule has no set): what a group of rules can match at most. */
export function groupNumbers(rules: readonly Pick<SigmaRule, 'condition' | 'selections'>[], field: string): number[] | null {
  const u = or(rules.map((r) => necessaryNumbers(r, field)), 4 * MAX_VALUES);
  return u === null ? null : [...u].sort((a, b) => a - b);
}
