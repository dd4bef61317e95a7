/**
 * Candidate literals: a necessary condition of a rule as a conjunction of clauses, each "one of these literals
 * occurs in this field", so a group finds each rule's candidate rows with one multi-pattern scan per field
 * (Aho-Corasick, `aho-corasick.ts`) instead of testing every rule on every row.
 *
 * A wildcard value matches only if each of its literal parts occurs in the field, so its longest literal part is
 * necessary (case-folded, so it holds for `cased` too). AND keeps the clauses of every side (a row is a candidate
 * only if all hold); OR keeps one clause per side, unioned; anything else (not, neq, keywords, regex, cidr,
 * numbers compared, null, exists…) contributes no clause. Clauses only prune: the rule's SQL predicate decides.
 */
import { assertNever, foldCondition, type FieldMatch, type Selection, type SigmaRule, type SigmaValue } from '../rule/index.js';

/** field → literals (lower-cased): at least one occurs in that field. */
export type Clause = Map<string, Set<string>>;
/** All clauses hold for a candidate; null when the rule has none. */
export type Keys = Clause[] | null;

// The automaton takes thousands of literals at no cost per row; long lists (emoji, tool names) still prune well.
const MAX_LITERALS = 4096;
export const MAX_CLAUSES = 4;

function count(k: Clause): number {
  let n = 0;
  for (const s of k.values()) n += s.size;
  return n;
}

function shortest(k: Clause): number {
  let n = Infinity;
  for (const s of k.values()) for (const x of s) n = Math.min(n, x.length);
  return n;
}

/** Lower is more selective: few literals, long ones. */
const score = (k: Clause) => count(k) * 4 - Math.min(shortest(k), 12);

function unionClauses(xs: Clause[]): Clause | null {
  const out: Clause = new Map();
  for (const m of xs) {
    for (const [k, s] of m) {
      let o = out.get(k);
      if (!o) out.set(k, (o = new Set()));
      for (const x of s) o.add(x);
    }
  }
  return count(out) > MAX_LITERALS ? null : out;
}

function and(xs: Keys[]): Keys {
  const all = xs.filter((x): x is Clause[] => x !== null).flat();
  if (all.length === 0) return null;
  return all.sort((a, b) => score(a) - score(b)).slice(0, MAX_CLAUSES);
}

function or(xs: Keys[]): Keys {
  if (xs.length === 0 || xs.some((x) => x === null || x.length === 0)) return null;
  const u = unionClauses(xs.map((x) => x![0]!));
  return u ? [u] : null;
}

const ESCAPED: Record<string, string> = { n: '\n', t: '\t', r: '\r', f: '\f', v: '\v' };

/**
 * The longest run of literal characters every match of a regular expression contains (lower-cased; at least 3
 * characters, ASCII only, so that lower-casing the field keeps it), or null. Only what is certain: alternation at
 * the top, a case-insensitive flag, or anything unusual gives null; groups, classes, `.`, anchors and escapes
 * like `\d` end a run; a character made optional by `?`, `*` or `{0,…}` is dropped.
 */
export function regexLiteral(pattern: string, flags: string): string | null {
  if (flags.includes('i') || /^\(\?[a-z]*i/.test(pattern)) return null;
  const runs: string[] = [];
  let run = '';
  const cut = () => { if (run) runs.push(run); run = ''; };
  let depth = 0;
  for (let i = 0; i < pattern.length; i++) {
    const c = pattern[i]!;
    let lit: string | null = null;
    if (c === '\\') {
      const e = pattern[++i];
      if (e === undefined) return null;
      if (ESCAPED[e] !== undefined) lit = ESCAPED[e]!;
      else if (/[.*+?^${}()|[\]\\\/\-'"#&~%@!=:<>,; ]/.test(e)) lit = e;
      // A class or an assertion without argument ends the run; an escape with arguments (\x41, \pL, \p{…}, \cJ,
      // \u0041, octal \012, back-references, \Q…\E, …) is not followed: its argument is not literal text.
      else if ('dDwWsSbBAzZ'.includes(e)) { if (depth === 0) cut(); continue; }
      else return null;
    } else if (c === '[') {
      // A class: skip to its end (a ']' right after '[' or '[^' belongs to the class).
      let j = i + 1;
      if (pattern[j] === '^') j++;
      if (pattern[j] === ']') j++;
      while (j < pattern.length && pattern[j] !== ']') {
        if (pattern[j] === '\\') j += 2;
        else if (pattern.startsWith('[:', j)) {
          // A POSIX class ([:alpha:]) inside the class: its ']' is not the end.
          const k = pattern.indexOf(':]', j + 2);
          if (k < 0) return null;
          j = k + 2;
        } else j++;
      }
      if (j >= pattern.length) return null;
      i = j;
      if (depth === 0) cut();
      continue;
    } else if (c === '(') { depth++; if (depth === 1) cut(); continue; }
    else if (c === ')') { depth--; if (depth < 0) return null; continue; }
    else if (c === '|') { if (depth === 0) return null; continue; }
    else if ('.^$'.includes(c)) { if (depth === 0) cut(); continue; }
    else if ('*+?{'.includes(c)) {
      // A quantifier after a group or class: the group was cut already. After a literal: that character is
      // optional unless the quantifier is + or {n,…} with n ≥ 1, and the run ends either way.
      if (depth > 0) continue;
      const min = c === '+' ? 1 : c === '{' ? Number(/^\{(\d+)/.exec(pattern.slice(i))?.[1] ?? 'NaN') : 0;
      if (c === '{') { const k = pattern.indexOf('}', i); if (k < 0) return null; i = k; }
      if (pattern[i + 1] === '?' || pattern[i + 1] === '+') i++;
      if (!(min >= 1)) run = run.slice(0, -1);
      cut();
      continue;
    } else lit = c;
    if (depth > 0) continue;
    if (lit.charCodeAt(0) > 127) { cut(); continue; }
    run += lit;
  }
  if (depth !== 0) return null;
  cut();
  const best = runs.reduce((a, b) => (b.length > a.length ? b : a), '');
  return best.length >= 3 ? best.toLowerCase() : null;
}

/** The longest run of ASCII characters (lower-cased), or null: DuckDB's lower() and JavaScript's agree on those. */
function asciiRun(x: string): string | null {
  let best = '';
  for (const run of x.split(/[^\x00-\x7f]+/)) if (run.length > best.length) best = run;
  return best ? best.toLowerCase() : null;
}

/**
 * A literal the field's text must contain when the value matches. On an integer column (EventID) a whole number is
 * compared as a number (compile.ts: `event_id = n`), so the text holds its canonical digits, not the digits as
 * written (`01`, `0x1`, `1.0`, `+1`). A cased value is compared as written, and the scan reads lower-cased text:
 * only an ASCII run of it is sure to be there lower-cased (DuckDB and JavaScript lower-case İ and Σ differently).
 */
function literalOf(v: SigmaValue, numeric: boolean, cased: boolean): string | null {
  if (v.kind === 're') return regexLiteral(v.pattern, v.flags);
  if (v.kind === 'num') {
    if (numeric && Number.isInteger(v.n)) return Number.isSafeInteger(v.n) ? String(v.n) : null;
    return v.text.toLowerCase();
  }
  if (v.kind !== 'str') return null;
  if (numeric && !v.s.hasWildcards) {
    const p = v.s.plain();
    if (p !== null && /^-?\d+$/.test(p)) return p.length <= 15 ? BigInt(p).toString() : null;
  }
  let longest = '';
  for (const p of v.s.parts) if (typeof p === 'string' && p.length > longest.length) longest = p;
  if (!longest) return null;
  return cased ? asciiRun(longest) : longest.toLowerCase();
}

function matchKeys(fm: FieldMatch, numeric: (field: string) => boolean): Keys {
  if (fm.field === null || fm.neq) return null;
  const isNum = numeric(fm.field);
  const one = (alts: FieldMatch['values'][number]): Keys => {
    const lits = new Set<string>();
    for (const v of alts) {
      const l = literalOf(v, isNum, fm.cased);
      if (l === null) return null;
      lits.add(l);
    }
    return lits.size > MAX_LITERALS ? null : [new Map([[fm.field!, lits]])];
  };
  return fm.all ? and(fm.values.map(one)) : or(fm.values.map(one));
}

function selectionKeys(s: Selection, numeric: (field: string) => boolean): Keys {
  switch (s.kind) {
    case 'map': return and(s.matches.map((m) => matchKeys(m, numeric)));
    case 'anyOf': return or(s.items.map((i) => selectionKeys(i, numeric)));
    default: return assertNever(s);
  }
}

/** `numeric`: the fields compared as integers (EventID → the `event_id` column), whose literals are canonical digits. */
export function ruleKeys(rule: Pick<SigmaRule, 'condition' | 'selections'>, numeric: (field: string) => boolean = () => false): Keys {
  const k = foldCondition<Keys>(rule.condition, rule.selections, { and, or, not: () => null, selection: (s) => selectionKeys(s, numeric) });
  return k && k.length > 0 ? k : null;
}
