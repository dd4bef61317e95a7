/**
 * Sigma → SQL: one `compile<Node>` per node kind behind exhaustive switches. The result is a predicate over one
 * row; fields are read through a Resolver so the same code serves `events` and a materialised logsource group.
 */
import { createHash } from 'node:crypto';
import {
  ANY, ONE, SigmaString, assertNever, foldCondition, type Condition, type FieldMatch, type Selection, type SigmaRule, type SigmaValue,
} from '../rule/index.js';
import type { FieldAccess, Resolver } from './resolver.js';

/** Constructs RE2 cannot run (it has \A and \z, not \Z); such regexes are evaluated in JavaScript over the candidate rows (documented fallback). */
export function needsJsRegex(pattern: string): boolean {
  return /\(\?<?[=!]|\(\?>|\\[1-9]|\\k<|[*+?}]\+|\\[ZG]/.test(pattern);
}

function likePattern(s: SigmaString): string {
  return s.parts.map((p) => (p === ANY ? '%' : p === ONE ? '_' : p.replace(/[\\%_]/g, '\\$&'))).join('');
}

/** A wildcard string against a text column, using the cheapest exact form (=, prefix, suffix, contains, LIKE). */
export function compileString(r: Resolver, col: string, s: SigmaString): string {
  const d = r.dialect;
  const ps = s.parts;
  if (ps.length === 0) return `(${col} = '')`;
  if (!s.hasWildcards) return `(${col} = ${d.str(ps[0] as string)})`;
  if (ps.length === 1 && ps[0] === ANY) return `(${col} IS NOT NULL)`;
  if (ps.length === 2 && typeof ps[0] === 'string' && ps[1] === ANY) return d.startsWith(col, d.str(ps[0]));
  if (ps.length === 2 && ps[0] === ANY && typeof ps[1] === 'string') return d.endsWith(col, d.str(ps[1]));
  if (ps.length === 3 && ps[0] === ANY && typeof ps[1] === 'string' && ps[2] === ANY) return d.contains(col, d.str(ps[1]));
  return d.like(col, likePattern(s), false);
}

/** Lists of this many `contains` literals on one column run as one RE2 alternation (one pass over the text). */
const ALTERNATION_MIN = 8;
const ALTERNATION_MAX_CHARS = 16_384;

/** The literal of a plain `contains` test (`*text*`, no other wildcard), else null. */
function containsLiteral(s: SigmaString): string | null {
  const ps = s.parts;
  return ps.length === 3 && ps[0] === ANY && typeof ps[1] === 'string' && ps[2] === ANY ? ps[1] : null;
}

/**
 * `col` contains any of `lits`: the same truth (and NULL for a NULL column) as an OR of `contains`, but a long
 * list is one RE2 search of escaped literals instead of one scan per literal.
 */
function containsAny(r: Resolver, col: string, lits: string[]): string[] {
  const d = r.dialect;
  const pattern = lits.map((l) => l.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')).join('|');
  // RE2 bounds a program's memory; stay far below it so that no rule fails at run time.
  if (lits.length < ALTERNATION_MIN || pattern.length > ALTERNATION_MAX_CHARS) return lits.map((l) => d.contains(col, d.str(l)));
  return [d.regexp(col, pattern, '')];
}

const CMP_SQL = { lt: '<', lte: '<=', gt: '>', gte: '>=' } as const;

function compileValue(r: Resolver, fm: FieldMatch, acc: FieldAccess, v: SigmaValue): string {
  const d = r.dialect;
  switch (v.kind) {
    case 'str': {
      if (acc.numeric && !v.s.hasWildcards && /^-?\d+$/.test(v.s.plain() ?? '')) return `(${acc.numeric} = ${v.s.plain()})`;
      return fm.cased ? compileString(r, acc.text, v.s) : compileString(r, acc.lower, v.s.map((x) => x.toLowerCase()));
    }
    case 'num':
      if (acc.numeric && Number.isInteger(v.n)) return `(${acc.numeric} = ${v.n})`;
      return `(${acc.lower} = ${d.str(v.text.toLowerCase())})`;
    case 'null':
      return `(${acc.text} IS NULL)`;
    case 're': {
      if (needsJsRegex(v.pattern)) {
        const key = createHash('sha256').update(`${fm.field}\n${v.flags}\n${v.pattern}`).digest('hex').slice(0, 16);
        return r.jsRegex({ key, field: fm.field!, pattern: v.pattern, flags: v.flags });
      }
      return d.regexp(acc.text, v.pattern, v.flags);
    }
    case 'cidr':
      return d.ipInCidr(acc.text, v.text, { ip4: acc.ip4, ip6: acc.ip6 });
    case 'cmp':
      return `(${acc.numeric ?? d.tryDouble(acc.text)} ${CMP_SQL[v.op]} ${v.n})`;
    case 'timepart':
      return `(${d.datePart(v.part, acc.text)} = ${v.n})`;
    case 'fieldref': {
      const other = r.field(v.field);
      const [a, b] = fm.cased ? [acc.text, other.text] : [acc.lower, other.lower];
      switch (v.match) {
        case 'exact': return `(${a} = ${b})`;
        case 'contains': return d.contains(a, b);
        case 'startswith': return d.startsWith(a, b);
        case 'endswith': return d.endsWith(a, b);
        default: return assertNever(v.match);
      }
    }
    case 'exists':
      return v.exists ? acc.exists : `(NOT ${acc.exists})`;
    default:
      return assertNever(v);
  }
}

function join(op: 'AND' | 'OR', xs: string[]): string {
  if (xs.length === 1) return xs[0]!;
  return `(${xs.join(` ${op} `)})`;
}

/** A keyword value as the wildcard string searched in the record's JSON text. */
function keywordString(fm: FieldMatch, v: Extract<SigmaValue, { kind: 'str' | 'num' }>): SigmaString {
  let s = v.kind === 'num' ? SigmaString.literal(v.text) : v.s;
  s = s.map((x) => JSON.stringify(x).slice(1, -1));
  if (!fm.cased) s = s.map((x) => x.toLowerCase());
  if (!s.startsWithAny()) s = s.prepend(ANY);
  if (!s.endsWithAny()) s = s.append(ANY);
  return s;
}

/** Keywords: each value is searched anywhere in the record's JSON text (so literal text is JSON-escaped first). */
function compileKeywords(r: Resolver, fm: FieldMatch): string {
  const col = r.keywords(fm.cased);
  const one = (v: SigmaValue): string => {
    if (v.kind === 're') return r.dialect.regexp(r.keywords(true), v.pattern, v.flags);
    if (v.kind !== 'str' && v.kind !== 'num') return 'FALSE';
    return compileString(r, col, keywordString(fm, v));
  };
  if (!fm.all) {
    const lits: string[] = [];
    const rest: string[] = [];
    for (const v of fm.values.flat()) {
      const lit = v.kind === 'str' || v.kind === 'num' ? containsLiteral(keywordString(fm, v)) : null;
      if (lit !== null) lits.push(lit);
      else rest.push(one(v));
    }
    if (lits.length >= ALTERNATION_MIN) return join('OR', [...containsAny(r, col, lits), ...rest]);
  }
  return join(fm.all ? 'AND' : 'OR', fm.values.map((alts) => join('OR', alts.map(one))));
}


export function compileFieldMatch(r: Resolver, fm: FieldMatch): string {
  if (fm.field === null) return compileKeywords(r, fm);
  const outer = r.field(fm.field);
  const acc = outer.each?.elem ?? outer;
  const values = fm.values.map((alts) => join('OR', alts.map((v) => compileValue(r, fm, acc, v))));
  let body = join(fm.all ? 'AND' : 'OR', values);
  if (!fm.all) {
    // Many `contains` values: one alternation (compileValue reads `acc.text` when cased, else `acc.lower`).
    const lits: string[] = [];
    const rest: string[] = [];
    for (const v of fm.values.flat()) {
      const lit = v.kind === 'str' ? containsLiteral(v.s) : null;
      if (lit !== null) lits.push(fm.cased ? lit : lit.toLowerCase());
      else rest.push(compileValue(r, fm, acc, v));
    }
    if (lits.length >= ALTERNATION_MIN) body = join('OR', [...containsAny(r, fm.cased ? acc.text : acc.lower, lits), ...rest]);
  }
  const test = fm.neq ? `(${acc.text} IS NOT NULL AND NOT COALESCE(${body}, FALSE))` : body;
  // exists is about the field, not an element; everything else holds if it holds for any element.
  if (!outer.each || fm.values.every((alts) => alts.every((v) => v.kind === 'exists'))) return test;
  return r.dialect.anyElement(outer.each.list, outer.each.v, test);
}

export function compileSelection(r: Resolver, s: Selection): string {
  switch (s.kind) {
    case 'map':
      return s.matches.length === 0 ? 'TRUE' : join('AND', s.matches.map((m) => compileFieldMatch(r, m)));
    case 'anyOf':
      return join('OR', s.items.map((x) => compileSelection(r, x)));
    default:
      return assertNever(s);
  }
}

export function compileCondition(r: Resolver, c: Condition, sel: ReadonlyMap<string, Selection>): string {
  return foldCondition(c, sel, {
    and: (xs) => join('AND', xs),
    or: (xs) => join('OR', xs),
    // NULL (a field absent) must read as "no match", so that `not` of it matches, as Sigma means.
    not: (x) => `(NOT COALESCE(${x}, FALSE))`,
    selection: (s) => compileSelection(r, s),
  });
}

/** The rule's detection as a predicate (without its logsource). */
export function compileDetection(r: Resolver, rule: Pick<SigmaRule, 'condition' | 'selections'>): string {
  return compileCondition(r, rule.condition, rule.selections);
}
