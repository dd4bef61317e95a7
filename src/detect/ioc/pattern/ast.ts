/**
 * The parsed form of a STIX 2.1 pattern. Every node keeps the character offset where it starts in the pattern
 * text, so compile-time reasons ("this path has no field") can point at the exact spot.
 */

export type Literal =
  | { kind: 'string'; value: string; offset: number }
  | { kind: 'int'; value: number; offset: number }
  | { kind: 'float'; value: number; offset: number }
  | { kind: 'bool'; value: boolean; offset: number }
  /** Hex digits as written, without `h'…'`. */
  | { kind: 'hex'; value: string; offset: number }
  /** Base64 text as written, without `b'…'`. */
  | { kind: 'binary'; value: string; offset: number }
  /** RFC 3339 text as written, without `t'…'`. */
  | { kind: 'timestamp'; value: string; offset: number };

export type PathStep = { kind: 'key'; name: string } | { kind: 'index'; index: number | '*' };

export interface ObjectPath {
  objectType: string;
  steps: PathStep[];
  offset: number;
}

export type ComparisonOp = '=' | '!=' | '<' | '>' | '<=' | '>=' | 'IN' | 'LIKE' | 'MATCHES' | 'ISSUBSET' | 'ISSUPERSET';

export type Comparison =
  | { kind: 'and' | 'or'; left: Comparison; right: Comparison; offset: number }
  | { kind: 'test'; op: ComparisonOp; negated: boolean; path: ObjectPath; value: Literal | Literal[]; offset: number }
  | { kind: 'exists'; negated: boolean; path: ObjectPath; offset: number };

export type Observation =
  | { kind: 'observation'; comparison: Comparison; offset: number }
  | { kind: 'and' | 'or' | 'followedby'; left: Observation; right: Observation; offset: number }
  | { kind: 'within'; expr: Observation; seconds: number; offset: number }
  | { kind: 'startstop'; expr: Observation; start: string; stop: string; offset: number }
  | { kind: 'repeats'; expr: Observation; times: number; offset: number };

/** `file:hashes.'SHA-256'` → the path as STIX writes it, used in messages and the field table. */
export function pathText(p: ObjectPath): string {
  let s = `${p.objectType}:`;
  p.steps.forEach((st, i) => {
    if (st.kind === 'index') s += `[${st.index}]`;
    else {
      const plain = /^[A-Za-z_][A-Za-z0-9_]*$/.test(st.name);
      s += (i === 0 ? '' : '.') + (plain ? st.name : `'${st.name.replace(/\\/g, '\\\\').replace(/'/g, "\\'")}'`);
    }
  });
  return s;
}

export function assertNever(x: never): never {
  throw new Error(`unexpected node ${JSON.stringify(x)}`);
}

/**
 * The operands of a left-deep chain of one binary operator (`a OR b OR c`), walked without recursion so that
 * indicator lists with thousands of ORed values do not exhaust the stack.
 */
export function chainOf<T extends { kind: string }>(node: T, kind: string, parts: (n: T) => [T, T] | null): T[] {
  const out: T[] = [];
  let x = node;
  for (;;) {
    const lr = x.kind === kind ? parts(x) : null;
    if (!lr) break;
    out.push(lr[1]);
    x = lr[0];
  }
  out.push(x);
  return out.reverse();
}

export const comparisonChain = (c: Comparison, kind: 'and' | 'or'): Comparison[] =>
  chainOf(c, kind, (n) => (n.kind === 'and' || n.kind === 'or' ? [n.left, n.right] : null));
export const observationChain = (o: Observation, kind: 'and' | 'or' | 'followedby'): Observation[] =>
  chainOf(o, kind, (n) => (n.kind === 'and' || n.kind === 'or' || n.kind === 'followedby' ? [n.left, n.right] : null));
