/**
 * Recursive-descent parser for the STIX 2.1 patterning language (`STIXPattern.g4`). The grammar's left-recursive
 * rules become loops with the same left associativity and the same precedence: FOLLOWEDBY < OR < AND at the
 * observation level, OR < AND inside brackets, qualifiers binding tightest and stacking left to right.
 */
import { comparisonChain, type Comparison, type ComparisonOp, type Literal, type Observation, type ObjectPath, type PathStep } from './ast.js';
import { PatternSyntaxError } from './errors.js';
import { tokenize, type Keyword, type Token } from './lexer.js';

export interface PatternWhere {
  indicatorId?: string;
  source?: string;
}

/** Parse a pattern; throws `PatternSyntaxError` naming the indicator and the character offset. */
export function parsePattern(text: string, where: PatternWhere = {}): Observation {
  const p = new Parser(tokenize(text, where), where);
  const obs = p.observationExpressions();
  p.expectEof();
  checkAndTypes(obs, where);
  return obs;
}

const ORDER_OPS = new Set(['<', '>', '<=', '>=']);
const STRING_OPS: ReadonlySet<string> = new Set(['LIKE', 'MATCHES', 'ISSUBSET', 'ISSUPERSET']);

/** Deeper nesting than any real pattern needs; the limit keeps hostile input from exhausting the stack. */
export const MAX_NESTING = 256;

class Parser {
  private i = 0;
  private depth = 0;
  constructor(private readonly toks: Token[], private readonly where: PatternWhere) {}

  private get t(): Token { return this.toks[this.i]!; }
  private fail(tok: Token, msg: string): never {
    throw new PatternSyntaxError(this.where, tok.offset, `${msg}, found ${describe(tok)}`);
  }
  private isKw(k: Keyword): boolean { const t = this.t; return t.kind === 'keyword' && t.value === k; }
  private isPunct(p: string): boolean { const t = this.t; return t.kind === 'punct' && t.value === p; }
  private punct(p: string): Token {
    if (!this.isPunct(p)) this.fail(this.t, `expected '${p}'`);
    return this.toks[this.i++]!;
  }
  private kw(k: Keyword): Token {
    if (!this.isKw(k)) this.fail(this.t, `expected ${k}`);
    return this.toks[this.i++]!;
  }

  private enter(at: Token): void {
    if (++this.depth > MAX_NESTING) throw new PatternSyntaxError(this.where, at.offset, `parentheses nested deeper than ${MAX_NESTING}`);
  }

  expectEof(): void {
    if (this.t.kind !== 'eof') this.fail(this.t, 'expected end of pattern');
  }

  observationExpressions(): Observation {
    let left = this.observationOr();
    while (this.isKw('FOLLOWEDBY')) {
      this.i++;
      left = { kind: 'followedby', left, right: this.observationOr(), offset: left.offset };
    }
    return left;
  }

  private observationOr(): Observation {
    let left = this.observationAnd();
    while (this.isKw('OR')) {
      this.i++;
      left = { kind: 'or', left, right: this.observationAnd(), offset: left.offset };
    }
    return left;
  }

  private observationAnd(): Observation {
    let left = this.observation();
    while (this.isKw('AND')) {
      this.i++;
      left = { kind: 'and', left, right: this.observation(), offset: left.offset };
    }
    return left;
  }

  private observation(): Observation {
    const start = this.t;
    let obs: Observation;
    if (this.isPunct('[')) {
      this.i++;
      const comparison = this.comparisonOr();
      this.punct(']');
      obs = { kind: 'observation', comparison, offset: start.offset };
    } else if (this.isPunct('(')) {
      this.i++;
      this.enter(start);
      obs = this.observationExpressions();
      this.depth--;
      this.punct(')');
    } else {
      this.fail(start, "expected '[' or '(' to start an observation expression");
    }
    // Qualifiers stack: `[a] REPEATS 2 TIMES WITHIN 5 SECONDS` is (([a] REPEATS 2 TIMES) WITHIN 5 SECONDS).
    for (let qualifiers = 0; ; qualifiers++) {
      const q = this.t;
      // Each qualifier wraps the tree once more; bound them like parentheses.
      if (qualifiers >= MAX_NESTING) throw new PatternSyntaxError(this.where, q.offset, `more than ${MAX_NESTING} qualifiers on one observation expression`);
      if (this.isKw('START')) {
        this.i++;
        const s = this.literalOf('timestamp', 'a timestamp literal t\'…\'');
        this.kw('STOP');
        const e = this.literalOf('timestamp', 'a timestamp literal t\'…\'');
        obs = { kind: 'startstop', expr: obs, start: s, stop: e, offset: q.offset };
      } else if (this.isKw('WITHIN')) {
        this.i++;
        const n = this.t;
        if ((n.kind !== 'int' && n.kind !== 'float') || n.negative) this.fail(n, 'expected a positive number of seconds');
        this.i++;
        this.kw('SECONDS');
        obs = { kind: 'within', expr: obs, seconds: n.value, offset: q.offset };
      } else if (this.isKw('REPEATS')) {
        this.i++;
        const n = this.t;
        if (n.kind !== 'int' || n.negative) this.fail(n, 'expected a positive integer');
        this.i++;
        this.kw('TIMES');
        obs = { kind: 'repeats', expr: obs, times: n.value, offset: q.offset };
      } else {
        return obs;
      }
    }
  }

  private literalOf(kind: 'timestamp', what: string): string {
    const t = this.t;
    if (t.kind !== kind) this.fail(t, `expected ${what}`);
    this.i++;
    return t.value;
  }

  private comparisonOr(): Comparison {
    let left = this.comparisonAnd();
    while (this.isKw('OR')) {
      this.i++;
      left = { kind: 'or', left, right: this.comparisonAnd(), offset: left.offset };
    }
    return left;
  }

  private comparisonAnd(): Comparison {
    let left = this.propTest();
    while (this.isKw('AND')) {
      this.i++;
      left = { kind: 'and', left, right: this.propTest(), offset: left.offset };
    }
    return left;
  }

  private propTest(): Comparison {
    const start = this.t;
    if (this.isPunct('(')) {
      this.i++;
      this.enter(start);
      const c = this.comparisonOr();
      this.depth--;
      this.punct(')');
      return c;
    }
    if (this.isKw('NOT') || this.isKw('EXISTS')) {
      // `NOT EXISTS path` starts with NOT; `path NOT = …` never does, so the lookahead is one token.
      const negated = this.isKw('NOT');
      if (negated) this.i++;
      if (this.isKw('EXISTS')) {
        this.i++;
        return { kind: 'exists', negated, path: this.objectPath(), offset: start.offset };
      }
      this.fail(this.t, 'expected EXISTS after NOT');
    }
    const path = this.objectPath();
    const negated = this.isKw('NOT');
    if (negated) this.i++;
    const opTok = this.t;
    let op: ComparisonOp;
    if (opTok.kind === 'punct' && ['=', '!=', '<', '>', '<=', '>='].includes(opTok.value)) op = opTok.value as ComparisonOp;
    else if (opTok.kind === 'keyword' && ['IN', 'LIKE', 'MATCHES', 'ISSUBSET', 'ISSUPERSET'].includes(opTok.value)) op = opTok.value as ComparisonOp;
    else this.fail(opTok, 'expected a comparison operator');
    this.i++;
    let value: Literal | Literal[];
    if (op === 'IN') value = this.setLiteral();
    else if (STRING_OPS.has(op)) {
      const v = this.t;
      if (v.kind !== 'string') this.fail(v, `${op} takes a string literal`);
      this.i++;
      value = { kind: 'string', value: v.value, offset: v.offset };
    } else {
      value = this.primitiveLiteral();
      if (ORDER_OPS.has(op) && value.kind === 'bool') this.fail(opTok, `${op} cannot compare a boolean`);
    }
    return { kind: 'test', op, negated, path, value, offset: start.offset };
  }

  private setLiteral(): Literal[] {
    this.punct('(');
    const out: Literal[] = [];
    if (this.isPunct(')')) { this.i++; return out; }
    for (;;) {
      out.push(this.primitiveLiteral());
      if (this.isPunct(',')) { this.i++; continue; }
      this.punct(')');
      return out;
    }
  }

  private primitiveLiteral(): Literal {
    const t = this.t;
    switch (t.kind) {
      case 'string': case 'hex': case 'binary': case 'timestamp':
        this.i++;
        return { kind: t.kind, value: t.value, offset: t.offset };
      case 'int': case 'float': case 'bool':
        this.i++;
        return { kind: t.kind, value: t.value, offset: t.offset } as Literal;
      default:
        return this.fail(t, 'expected a literal');
    }
  }

  private objectPath(): ObjectPath {
    const typeTok = this.t;
    if (typeTok.kind !== 'ident') this.fail(typeTok, 'expected an object type');
    this.i++;
    this.punct(':');
    const steps: PathStep[] = [this.pathKey('a property name')];
    for (;;) {
      if (this.isPunct('.')) {
        this.i++;
        steps.push(this.pathKey('a property name after \'.\''));
      } else if (this.isPunct('[')) {
        this.i++;
        const t = this.t;
        if (t.kind === 'int') steps.push({ kind: 'index', index: t.value });
        else if (t.kind === 'punct' && t.value === '*') steps.push({ kind: 'index', index: '*' });
        else this.fail(t, "expected a list index or '*'");
        this.i++;
        this.punct(']');
      } else {
        return { objectType: typeTok.value, steps, offset: typeTok.offset };
      }
    }
  }

  private pathKey(what: string): PathStep {
    const t = this.t;
    if (t.kind === 'string') { this.i++; return { kind: 'key', name: t.value }; }
    // Property names may not carry an unquoted hyphen (the grammar's IdentifierWithoutHyphen).
    if (t.kind === 'ident' && !t.hyphen) { this.i++; return { kind: 'key', name: t.value }; }
    return this.fail(t, `expected ${what}`);
  }
}

function describe(t: Token): string {
  switch (t.kind) {
    case 'eof': return 'end of pattern';
    case 'punct': return `'${t.value}'`;
    case 'keyword': return t.value;
    case 'ident': return `identifier ${t.value}`;
    case 'bool': return String(t.value);
    case 'int': case 'float': return `number ${t.value}`;
    default: return `${t.kind} literal`;
  }
}

/**
 * STIX 2.1 §9.5: comparison expressions joined by AND inside one observation expression must all test the same
 * object type (one observation is about one object). OR may mix types.
 */
function checkAndTypes(obs: Observation, where: PatternWhere): void {
  /** Object types under a comparison, or null when there are several (memo: each node is visited once). */
  const walkC = (c: Comparison): Set<string> => {
    if (c.kind === 'test' || c.kind === 'exists') return new Set([c.path.objectType]);
    const parts = comparisonChain(c, c.kind);
    const all = new Set<string>();
    for (const p of parts) {
      const t = walkC(p);
      if (c.kind === 'and' && (t.size > 1 || (all.size > 0 && [...t].some((x) => !all.has(x))))) {
        const names = [...new Set([...all, ...t])].sort().join(', ');
        throw new PatternSyntaxError(where, p.offset,
          `AND joins comparisons on different object types (${names}); within one observation all ANDed comparisons must use the same type`);
      }
      for (const x of t) all.add(x);
    }
    return all;
  };
  const stack: Observation[] = [obs];
  while (stack.length > 0) {
    const o = stack.pop()!;
    switch (o.kind) {
      case 'observation': walkC(o.comparison); break;
      case 'and': case 'or': case 'followedby': stack.push(o.left, o.right); break;
      case 'within': case 'startstop': case 'repeats': stack.push(o.expr); break;
    }
  }
}
