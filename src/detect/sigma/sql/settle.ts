/**
 * Rules settled by the literal scan itself. Most Sigma rules are boolean formulas over "this field equals /
 * starts with / ends with / contains one of these literals" (case-insensitive). The candidate scan already runs
 * every such literal through one automaton per field; if each value in the scanned text is framed by a start and
 * an end mark (U+0002 value U+0003), `startswith x` is an occurrence of "\u0002x", `endswith x` of "x\u0003",
 * `equals x` of "\u0002x\u0003". The scan then knows each atom's truth for the row, and a settled rule is decided
 * in JavaScript without a SQL statement per rule.
 *
 * The truth is the SQL predicate's (compile.ts): both sides lower-cased the same way (DuckDB's `lower` on the
 * field, JavaScript's on the literal, as the SQL constants are), an absent field makes every atom false, and
 * every `not` of the SQL is `NOT COALESCE(x, FALSE)`, so two-valued logic with NULL read as false is exact.
 * `Field: null` and `Field: ''` are read at the frame: an absent field is a lone U+0003, an empty one U+0002 U+0003.
 * Anything else (cased, neq, regex, cidr, numbers compared, exists, fieldref, keywords, inner wildcards,
 * multi-valued fields, null or empty on numeric fields) leaves the rule to SQL.
 */
import { ANY, ONE, assertNever, foldCondition, type SigmaString, type Condition, type FieldMatch, type Selection, type SigmaFilter, type SigmaRule, type SigmaValue } from '../rule/index.js';

export const START = '\u0002';
export const END = '\u0003';

export type AtomKind = 'eq' | 'start' | 'end' | 'has';

/** How the scan tells an atom: a pattern of the field's automaton, or the field absent / empty (seen at the frame). */
export type AtomTest = 'pattern' | 'null' | 'empty' | 'like';

/** One distinct (field, kind, literal) test of a group; its scan pattern is `pattern` (over the number's decimal text for a numeric field). */
export interface Atom {
  field: string;
  numeric: boolean;
  test: AtomTest;
  pattern: string;
  /** For `like`: the wildcard string as an anchored regular expression over the lower-cased value. */
  re?: RegExp;
}

/** Truth of a rule from the row's atoms: atom `a` holds when `on[a] === stamp`. */
export type Settled = (on: Int32Array, stamp: number) => boolean;

export class AtomTable {
  readonly atoms: Atom[] = [];
  private readonly index = new Map<string, number>();

  id(field: string, kind: AtomKind, lit: string, numeric = false): number {
    const pattern = kind === 'eq' ? START + lit + END : kind === 'start' ? START + lit : kind === 'end' ? lit + END : lit;
    return this.add(field, numeric, 'pattern', pattern);
  }

  /** Like atoms used by the rule being settled (settleRule reads and resets it). */
  usedLikes = new Set<number>();

  /**
   * A wildcard string with inner `*` or `?` (SQL: `lower(text) LIKE …`): tested on the row's value in the scan
   * text, only for the rows where a rule using it is a candidate.
   */
  like(field: string, s: SigmaString): number | null {
    let src = '^';
    for (const p of s.parts) {
      if (p === ANY) src += '[\\s\\S]*';
      else if (p === ONE) src += '[\\s\\S]';
      else if (UNSAFE.test(p)) return null;
      else src += p.toLowerCase().replace(/[.*+?^${}()|[\]\\/]/g, '\\$&');
    }
    src += '$';
    const i = this.add(field, false, 'like', src);
    this.atoms[i]!.re ??= new RegExp(src, 'u');
    this.usedLikes.add(i);
    return i;
  }

  /** The field is absent (SQL NULL: `Field: null`) or the empty string (`Field: ''`). */
  frame(field: string, test: 'null' | 'empty'): number {
    return this.add(field, false, test, '');
  }

  private add(field: string, numeric: boolean, test: AtomTest, pattern: string): number {
    const k = `${field}\u0000${test}\u0000${pattern}`;
    let i = this.index.get(k);
    if (i === undefined) {
      i = this.atoms.length;
      this.atoms.push({ field, numeric, test, pattern });
      this.index.set(k, i);
    }
    return i;
  }

  /** Forget the atoms added since `mark` (a rule that turned out to need SQL). */
  rollback(mark: number): void {
    for (const a of this.atoms.splice(mark)) this.index.delete(`${a.field}\u0000${a.test}\u0000${a.pattern}`);
  }
}

/**
 * What the group says about a field: its lower-cased text is scanned as one value (`text`), or it is compared as
 * an integer column (`numeric`, EventID: the scan reads the integer's decimal text), or SQL must decide (null).
 */
export type FieldOk = (field: string) => 'text' | 'numeric' | null;

const UNSAFE = /[\u0000-\u0003]/;

/** compile.ts compares an integer column with `= n` for a whole number (written 4688, "4688" or 04688). */
function numericAtom(v: SigmaValue, field: string, atoms: AtomTable): number | null {
  if (v.kind === 'num') return Number.isSafeInteger(v.n) ? atoms.id(field, 'eq', String(v.n), true) : null;
  if (v.kind !== 'str' || v.s.hasWildcards) return null;
  const p = v.s.plain();
  return p !== null && /^-?\d{1,15}$/.test(p) ? atoms.id(field, 'eq', BigInt(p).toString(), true) : null;
}

function valueAtom(v: SigmaValue, field: string, atoms: AtomTable): number | null {
  // compile.ts: `null` is `text IS NULL`, an empty string `lower(text) = ''`.
  if (v.kind === 'null') return atoms.frame(field, 'null');
  if (v.kind === 'str' && v.s.parts.length === 0) return atoms.frame(field, 'empty');
  if (v.kind === 'num') return v.text.length > 0 && !UNSAFE.test(v.text) ? atoms.id(field, 'eq', v.text.toLowerCase()) : null;
  if (v.kind !== 'str') return null;
  const ps = v.s.parts;
  const lit = (p: (typeof ps)[number] | undefined) => (typeof p === 'string' && p.length > 0 && !UNSAFE.test(p) ? p.toLowerCase() : null);
  let kind: AtomKind;
  let l: string | null;
  if (ps.length === 1) { kind = 'eq'; l = lit(ps[0]); }
  else if (ps.length === 2 && ps[1] === ANY) { kind = 'start'; l = lit(ps[0]); }
  else if (ps.length === 2 && ps[0] === ANY) { kind = 'end'; l = lit(ps[1]); }
  else if (ps.length === 3 && ps[0] === ANY && ps[2] === ANY) { kind = 'has'; l = lit(ps[1]); }
  else return atoms.like(field, v.s);
  return l === null ? null : atoms.id(field, kind, l);
}

/*
 * A settled rule is compiled to one JavaScript function over the atom array (`on[a] === st` per atom, && / || / !
 * as the rule's tree): evaluated for every candidate row, it must cost little more than its comparisons. The
 * generated text holds only atom numbers and operators, never text from the rule.
 */
const atomTest = (a: number) => `on[${a}]===st`;
const join = (xs: string[], op: '&&' | '||') => (xs.length === 1 ? xs[0]! : `(${xs.join(op)})`);

function fieldMatch(fm: FieldMatch, ok: FieldOk, atoms: AtomTable): string | null {
  if (fm.field === null || fm.neq) return null;
  const how = ok(fm.field);
  if (how === null || (fm.cased && how === 'text')) return null;
  const values: string[] = [];
  for (const alts of fm.values) {
    const ids = new Set<number>();
    for (const v of alts) {
      const a = how === 'numeric' ? numericAtom(v, fm.field, atoms) : valueAtom(v, fm.field, atoms);
      if (a === null) return null;
      ids.add(a);
    }
    values.push(join([...ids].map(atomTest), '||'));
  }
  return join(fm.all ? values : [...new Set(values)], fm.all ? '&&' : '||');
}

function selection(s: Selection, ok: FieldOk, atoms: AtomTable): string | null {
  switch (s.kind) {
    case 'map': {
      if (s.matches.length === 0) return 'true';
      const xs = s.matches.map((m) => fieldMatch(m, ok, atoms));
      return xs.every((x) => x !== null) ? join(xs as string[], '&&') : null;
    }
    case 'anyOf': {
      const xs = s.items.map((i) => selection(i, ok, atoms));
      return xs.every((x) => x !== null) ? join(xs as string[], '||') : null;
    }
    default: return assertNever(s);
  }
}

/** The condition as an expression text, null as soon as a part needs SQL. */
function condition(c: Condition, sel: ReadonlyMap<string, Selection>, ok: FieldOk, atoms: AtomTable): string | null {
  const many = (op: '&&' | '||') => (xs: (string | null)[]) => (xs.every((x) => x !== null) ? join(xs as string[], op) : null);
  return foldCondition<string | null>(c, sel, {
    and: many('&&'), or: many('||'),
    not: (x) => (x === null ? null : `!${x.startsWith('(') ? x : `(${x})`}`),
    selection: (s) => selection(s, ok, atoms),
  });
}

/** A settled rule: its truth from the row's atoms, and the like atoms to test first (lazily, per candidate row). */
export interface SettledRule {
  test: Settled;
  likes: Int32Array;
}

/**
 * The rule (with its filters: `AND NOT filter`) as a function of atoms, registering its atoms in `atoms`; null
 * when any part needs SQL (its atoms are then forgotten).
 */
export function settleRule(rule: SigmaRule, filters: readonly SigmaFilter[], ok: FieldOk, atoms: AtomTable): SettledRule | null {
  const mark = atoms.atoms.length;
  atoms.usedLikes.clear();
  const det = condition(rule.condition, rule.selections, ok, atoms);
  const fs = filters.map((f) => condition(f.condition, f.selections, ok, atoms));
  if (det === null || fs.some((f) => f === null)) {
    atoms.rollback(mark);
    return null;
  }
  const likes = Int32Array.from(atoms.usedLikes);
  const body = fs.length === 0 ? det : `${det}&&!${join(fs as string[], '||').replace(/^(?!\()(.*)$/, '($1)')}`;
  return { test: new Function('on', 'st', `return ${body};`) as Settled, likes };
}
