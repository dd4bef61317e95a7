/**
 * Candidate literals: a necessary condition of a rule as "one of these literals occurs in this field", so a group
 * finds each rule's candidate rows with one multi-pattern scan (Aho-Corasick, `aho-corasick.ts`) instead of testing
 * every rule on every row.
 *
 * A wildcard value matches only if each of its literal parts occurs in the field, so its longest literal part is
 * necessary (case-folded, so it holds for `cased` too). AND keeps the most selective side, OR unions both sides;
 * anything else (not, neq, keywords, regex, cidr, numbers compared, null, exists…) has no literal and the rule is
 * tested on every row. Literals only prune: the rule's SQL predicate decides.
 */
import { assertNever, type Condition, type FieldMatch, type Selection, type SigmaRule, type SigmaValue } from '../rule/index.js';

/** field → literals (lower-cased); null when the rule has no usable literals. */
export type Keys = Map<string, Set<string>> | null;

const MAX_LITERALS = 256;

function count(k: Map<string, Set<string>>): number {
  let n = 0;
  for (const s of k.values()) n += s.size;
  return n;
}

function shortest(k: Map<string, Set<string>>): number {
  let n = Infinity;
  for (const s of k.values()) for (const x of s) n = Math.min(n, x.length);
  return n;
}

function union(a: Keys, b: Keys): Keys {
  if (a === null || b === null) return null;
  const out = new Map<string, Set<string>>();
  for (const m of [a, b]) for (const [k, s] of m) out.set(k, new Set([...(out.get(k) ?? []), ...s]));
  return count(out) > MAX_LITERALS ? null : out;
}

/** The most selective of several necessary conditions (each alone is necessary under AND). */
function best(xs: Keys[]): Keys {
  const ok = xs.filter((x): x is Map<string, Set<string>> => x !== null && x.size > 0);
  if (ok.length === 0) return null;
  const score = (k: Map<string, Set<string>>) => count(k) * 4 - Math.min(shortest(k), 12);
  return ok.sort((a, b) => score(a) - score(b))[0]!;
}

function literalOf(v: SigmaValue): string | null {
  if (v.kind === 'num') return v.text.toLowerCase();
  if (v.kind !== 'str') return null;
  let longest = '';
  for (const p of v.s.parts) if (typeof p === 'string' && p.length > longest.length) longest = p;
  return longest ? longest.toLowerCase() : null;
}

function matchKeys(fm: FieldMatch): Keys {
  if (fm.field === null || fm.neq) return null;
  const one = (alts: FieldMatch['values'][number]): Keys => {
    const lits = new Set<string>();
    for (const v of alts) {
      const l = literalOf(v);
      if (l === null) return null;
      lits.add(l);
    }
    return lits.size > MAX_LITERALS ? null : new Map([[fm.field!, lits]]);
  };
  if (fm.all) return best(fm.values.map(one));
  return fm.values.map(one).reduce<Keys>((a, b) => union(a, b), new Map());
}

function selectionKeys(s: Selection): Keys {
  switch (s.kind) {
    case 'map': return best(s.matches.map(matchKeys));
    case 'anyOf': return s.items.map(selectionKeys).reduce<Keys>((a, b) => union(a, b), new Map());
    default: return assertNever(s);
  }
}

function conditionKeys(c: Condition, sel: ReadonlyMap<string, Selection>): Keys {
  switch (c.kind) {
    case 'and': return best(c.args.map((a) => conditionKeys(a, sel)));
    case 'or': return c.args.map((a) => conditionKeys(a, sel)).reduce<Keys>((a, b) => union(a, b), new Map());
    case 'not': return null;
    case 'ref': return selectionKeys(sel.get(c.name)!);
    case 'of': {
      const ks = c.names.map((n) => selectionKeys(sel.get(n)!));
      return c.quantifier === 'all' ? best(ks) : ks.reduce<Keys>((a, b) => union(a, b), new Map());
    }
    default: return assertNever(c);
  }
}

export function ruleKeys(rule: Pick<SigmaRule, 'condition' | 'selections'>): Keys {
  const k = conditionKeys(rule.condition, rule.selections);
  return k && k.size > 0 ? k : null;
}
