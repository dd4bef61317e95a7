/**
 * Observation expressions → one SQL predicate over `events` that holds for every event taking part in a match.
 *
 * - `[…]`, OR, START/STOP and WITHIN over single observations are row predicates (a single observation is always
 *   within any window of itself).
 * - AND and FOLLOWEDBY between observations, and REPEATS, become `id IN (SELECT …)` semi-joins over `events`,
 *   with the time window in epoch nanoseconds. Distinct operands must be matched by distinct events.
 * - Shapes whose meaning a per-event predicate cannot keep (WITHIN over three or more ANDed observations,
 *   FOLLOWEDBY chains longer than two, compound operands of AND/FOLLOWEDBY/REPEATS) throw `Unsupported`.
 *
 * The subqueries reference nothing of the outer query but its `id` column, so the predicate works under any
 * alias the runner gives `events`.
 */
import type { Dialect } from '../../store/index.js';
import { compileComparison, Unsupported } from './comparison.js';
import { observationChain, type Observation } from './pattern/ast.js';

export interface TimeBounds {
  /** Inclusive lower bound, epoch ns. */
  fromNs?: bigint;
  /** Exclusive upper bound, epoch ns. */
  untilNs?: bigint;
}

export interface ObservationContext {
  d: Dialect;
  /** The indicator's valid_from/valid_until; events without a time are kept (the window cannot exclude them). */
  validity: TimeBounds;
}

/** RFC 3339 UTC (`…Z`, any fraction) → epoch nanoseconds. */
export function timestampNs(text: string): bigint | null {
  const m = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2}):(\d{2})(?:\.(\d+))?Z$/.exec(text);
  if (!m) return null;
  const ms = Date.UTC(+m[1]!, +m[2]! - 1, +m[3]!, +m[4]!, +m[5]!, +m[6]!);
  if (Number.isNaN(ms)) return null;
  const frac = BigInt((m[7] ?? '').slice(0, 9).padEnd(9, '0'));
  return BigInt(ms) * 1_000_000n + frac;
}

export function compileObservation(o: Observation, ctx: ObservationContext): string {
  let alias = 0;
  const next = (): string => `ioc_${++alias}`;
  const { d } = ctx;
  const ns = (col: string): string => d.epochNs(col);

  const validity = (): string[] => {
    const c: string[] = [];
    if (ctx.validity.fromNs !== undefined) c.push(`${ns('ts')} >= ${ctx.validity.fromNs}`);
    if (ctx.validity.untilNs !== undefined) c.push(`${ns('ts')} < ${ctx.validity.untilNs}`);
    return c.length ? [`(ts IS NULL OR (${c.join(' AND ')}))`] : [];
  };

  /** The row predicate for expressions matched by one event, or null when the expression needs several. */
  const rowPred = (x: Observation, win: string[]): string | null => {
    switch (x.kind) {
      case 'observation': return `(${[compileComparison(x.comparison, d), ...validity(), ...win].join(' AND ')})`;
      case 'or': {
        const parts = observationChain(x, 'or').map((y) => rowPred(y, win));
        return parts.every((p) => p !== null) ? `(${parts.join(' OR ')})` : null;
      }
      case 'startstop': return rowPred(x.expr, [...win, startStop(x)]);
      case 'within': return rowPred(x.expr, win);
      case 'and': case 'followedby': case 'repeats': return null;
    }
  };

  const startStop = (x: Observation & { kind: 'startstop' }): string => {
    const a = timestampNs(x.start);
    const b = timestampNs(x.stop);
    if (a === null || b === null) throw new Unsupported(x.offset, 'START/STOP timestamp is not a valid date');
    if (a >= b) throw new Unsupported(x.offset, `START ${x.start} is not before STOP ${x.stop}`);
    return `(ts IS NOT NULL AND ${ns('ts')} >= ${a} AND ${ns('ts')} < ${b})`;
  };

  const flatten = (x: Observation, kind: 'and' | 'followedby'): Observation[] =>
    observationChain(x, kind).flatMap((y) => (y.kind === kind ? flatten(y, kind) : [y]));

  const operandPreds = (ops: Observation[], win: string[], what: string): string[] =>
    ops.map((op) => {
      const p = rowPred(op, win);
      if (p === null) throw new Unsupported(op.offset, `${what} over an operand that itself spans several observations (AND, FOLLOWEDBY or REPEATS) is not supported`);
      return p;
    });

  const compile = (x: Observation, win: string[], withinNs: bigint | null): string => {
    const row = rowPred(x, win);
    if (row !== null) return row;
    switch (x.kind) {
      case 'or': return `(${observationChain(x, 'or').map((y) => compile(y, win, withinNs)).join(' OR ')})`;
      case 'startstop': return compile(x.expr, [...win, startStop(x)], withinNs);
      case 'within': {
        const w = BigInt(Math.round(x.seconds * 1e9));
        return compile(x.expr, win, withinNs === null || w < withinNs ? w : withinNs);
      }
      case 'and': {
        const preds = operandPreds(flatten(x, 'and'), win, 'AND');
        if (withinNs !== null && preds.length > 2) {
          throw new Unsupported(x.offset, 'WITHIN over three or more ANDed observations needs every pair inside the window, which a per-event predicate cannot express');
        }
        return `(${preds.map((p, i) => {
          const a = next();
          const others = preds.filter((_, j) => j !== i).map((q) => {
            const b = next();
            const near = withinNs === null ? '' : ` AND ${ns(`${b}.ts`)} BETWEEN ${ns(`${a}.ts`)} - ${withinNs} AND ${ns(`${a}.ts`)} + ${withinNs}`;
            return `EXISTS (SELECT 1 FROM events ${b} WHERE ${q} AND ${b}.id <> ${a}.id${near})`;
          });
          return `id IN (SELECT ${a}.id FROM events ${a} WHERE ${p} AND ${others.join(' AND ')})`;
        }).join(' OR ')})`;
      }
      case 'followedby': {
        const ops = flatten(x, 'followedby');
        if (ops.length > 2) throw new Unsupported(x.offset, 'FOLLOWEDBY chains of more than two observations are not supported');
        const [first, then] = operandPreds(ops, win, 'FOLLOWEDBY') as [string, string];
        const side = (p: string, q: string, later: boolean): string => {
          const a = next();
          const b = next();
          const order = later ? `${ns(`${b}.ts`)} >= ${ns(`${a}.ts`)}` : `${ns(`${b}.ts`)} <= ${ns(`${a}.ts`)}`;
          const near = withinNs === null ? '' : later
            ? ` AND ${ns(`${b}.ts`)} <= ${ns(`${a}.ts`)} + ${withinNs}`
            : ` AND ${ns(`${b}.ts`)} >= ${ns(`${a}.ts`)} - ${withinNs}`;
          return `id IN (SELECT ${a}.id FROM events ${a} WHERE ${p} AND EXISTS (SELECT 1 FROM events ${b} WHERE ${q} AND ${b}.id <> ${a}.id AND ${order}${near}))`;
        };
        return `(${side(first, then, true)} OR ${side(then, first, false)})`;
      }
      case 'repeats': {
        const [p] = operandPreds([x.expr], win, 'REPEATS');
        if (x.times < 1) throw new Unsupported(x.offset, 'REPEATS needs a positive count');
        if (withinNs === null) {
          const c = next();
          return `(${p} AND (SELECT count(*) FROM events ${c} WHERE ${p}) >= ${x.times})`;
        }
        // An event takes part when some window of the given length that contains it holds `times` matches:
        // one starting at a matching event s no earlier than the window length before it.
        const a = next();
        const s = next();
        const c = next();
        return `id IN (SELECT ${a}.id FROM events ${a} WHERE ${p} AND EXISTS (SELECT 1 FROM events ${s} WHERE ${p}` +
          ` AND ${ns(`${s}.ts`)} BETWEEN ${ns(`${a}.ts`)} - ${withinNs} AND ${ns(`${a}.ts`)}` +
          ` AND (SELECT count(*) FROM events ${c} WHERE ${p} AND ${ns(`${c}.ts`)} BETWEEN ${ns(`${s}.ts`)} AND ${ns(`${s}.ts`)} + ${withinNs}) >= ${x.times}))`;
      }
      case 'observation': throw new Error('unreachable: a single observation is a row predicate');
    }
  };

  return compile(o, [], null);
}
