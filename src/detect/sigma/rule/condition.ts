/**
 * The condition grammar: `or` < `and` < `not` < `1 of`/`all of` < parentheses (least to most binding).
 * `x of pattern` matches search identifiers with `*` wildcards; `them` takes all identifiers not starting with `_`.
 */
import { Reject, assertNever, type Condition, type Pos, type Selection } from './types.js';

type Token = { t: 'id' | 'lp' | 'rp' | 'and' | 'or' | 'not' | 'of' | 'num' | 'all' | 'pipe'; v: string; at: number };

function tokenize(text: string, pos: Pos): Token[] {
  const out: Token[] = [];
  const re = /\s*(?:(\()|(\))|(\|)|([A-Za-z0-9_*.\-]+))/y;
  let i = 0;
  while (i < text.length) {
    if (/^\s*$/.test(text.slice(i))) break;
    re.lastIndex = i;
    const m = re.exec(text);
    if (!m) throw new Reject('condition-syntax', `unexpected ${JSON.stringify(text.slice(i).trim()[0])} at column ${i + 1} of condition ${JSON.stringify(text)}`, pos);
    const at = m.index + m[0].length - (m[1] ?? m[2] ?? m[3] ?? m[4] ?? '').length;
    if (m[1]) out.push({ t: 'lp', v: '(', at });
    else if (m[2]) out.push({ t: 'rp', v: ')', at });
    else if (m[3]) out.push({ t: 'pipe', v: '|', at });
    else {
      const w = m[4]!;
      const lw = w.toLowerCase();
      if (lw === 'and' || lw === 'or' || lw === 'not' || lw === 'of' || lw === 'all') out.push({ t: lw, v: w, at });
      else if (/^\d+$/.test(w)) out.push({ t: 'num', v: w, at });
      else out.push({ t: 'id', v: w, at });
    }
    i = re.lastIndex;
  }
  return out;
}

function globToRegExp(glob: string): RegExp {
  return new RegExp('^' + glob.split('*').map((p) => p.replace(/[.+?^${}()|[\]\\]/g, '\\$&')).join('.*') + '$');
}

/** Parse `text` against the rule's search identifiers (in definition order). */
export function parseCondition(text: string, identifiers: readonly string[], pos: Pos): Condition {
  if (text.includes('|')) {
    throw new Reject('deprecated-aggregation', `condition ${JSON.stringify(text)} uses the obsolete pipe aggregation syntax; write a correlation rule instead`, pos);
  }
  const toks = tokenize(text, pos);
  let i = 0;
  const fail = (msg: string): never => {
    const at = toks[i]?.at ?? text.length;
    throw new Reject('condition-syntax', `${msg} at column ${at + 1} of condition ${JSON.stringify(text)}`, pos);
  };
  const peek = () => toks[i];
  const orExpr = (): Condition => {
    const args = [andExpr()];
    while (peek()?.t === 'or') { i++; args.push(andExpr()); }
    return args.length === 1 ? args[0]! : { kind: 'or', args };
  };
  const andExpr = (): Condition => {
    const args = [notExpr()];
    while (peek()?.t === 'and') { i++; args.push(notExpr()); }
    return args.length === 1 ? args[0]! : { kind: 'and', args };
  };
  const notExpr = (): Condition => {
    if (peek()?.t === 'not') { i++; return { kind: 'not', arg: notExpr() }; }
    return ofExpr();
  };
  const ofExpr = (): Condition => {
    const t = peek();
    if (t && (t.t === 'all' || (t.t === 'num' && t.v === '1')) && toks[i + 1]?.t === 'of') {
      i += 2;
      const target = peek();
      if (!target || target.t !== 'id') return fail('expected a search identifier pattern or "them" after "of"');
      i++;
      const isThem = target.v.toLowerCase() === 'them';
      const re = isThem ? /^[^_]/ : globToRegExp(target.v);
      const names = identifiers.filter((n) => re.test(n));
      if (names.length === 0) throw new Reject('unknown-identifier', `"${target.v}" matches no search identifier`, pos);
      return { kind: 'of', quantifier: t.t === 'all' ? 'all' : 'one', pattern: isThem ? null : target.v, names };
    }
    if (t?.t === 'num') return fail(`only "1 of" and "all of" are defined, not "${t.v} of"`);
    return atom();
  };
  const atom = (): Condition => {
    const t = peek();
    if (!t) return fail('condition ends early');
    if (t.t === 'lp') {
      i++;
      const e = orExpr();
      if (peek()?.t !== 'rp') fail('expected ")"');
      i++;
      return e;
    }
    if (t.t === 'id') {
      i++;
      if (!identifiers.includes(t.v)) throw new Reject('unknown-identifier', `condition names "${t.v}", which the detection does not define`, pos);
      return { kind: 'ref', name: t.v };
    }
    return fail(`unexpected "${t.v}"`);
  };
  if (toks.length === 0) fail('empty condition');
  const c = orExpr();
  if (i < toks.length) fail(`unexpected "${toks[i]!.v}"`);
  return c;
}

/** What a walk over a rule's condition makes of each form (the analyses and compilers of the detect stage). */
export interface ConditionAlgebra<T> {
  and(xs: T[]): T;
  or(xs: T[]): T;
  not(x: T): T;
  selection(s: Selection): T;
}

/** The condition folded bottom-up: `1 of` / `all of` are `or` / `and` over their selections. */
export function foldCondition<T>(c: Condition, sel: ReadonlyMap<string, Selection>, a: ConditionAlgebra<T>): T {
  switch (c.kind) {
    case 'and': return a.and(c.args.map((x) => foldCondition(x, sel, a)));
    case 'or': return a.or(c.args.map((x) => foldCondition(x, sel, a)));
    case 'not': return a.not(foldCondition(c.arg, sel, a));
    case 'ref': return a.selection(sel.get(c.name)!);
    case 'of': {
      const xs = c.names.map((n) => a.selection(sel.get(n)!));
      return c.quantifier === 'all' ? a.and(xs) : a.or(xs);
    }
    default: return assertNever(c);
  }
}
