import type { ActorProfile } from '../intel/actors/index.js';
import type { Assessment } from './assess.js';
import { boundedRatio } from './cost.js';
import { framingTerms } from './framing.js';
import type { FramingUnit } from './framing.js';

/**
 * Scoring: hypotheses are every actor, "unknown" (always), and "X framed as Y" where cheap evidence points to
 * Y while dearer evidence points to X (framing.ts). Each item gives each hypothesis a likelihood ratio against "unknown",
 * bounded by its cost to fake (cost.ts). Items of one dependence group are not independent: per hypothesis the
 * group counts once, through its item with the largest |log ratio| (`groupDamping` > 0 adds the others with
 * geometrically falling weights). Posterior ∝ prior · Π groups.
 */
export const UNKNOWN = 'unknown';

export interface Hypothesis {
  /** `actor-a`, `unknown`, or `actor-a framed as actor-b`. */
  id: string;
  /** Who did it under this hypothesis. */
  actor: string;
  framedAs?: string;
}

export interface ScoreOptions {
  /** Relative prior weight per actor id (and `unknown`); missing ids get 1. */
  priors?: Record<string, number>;
  /** Prior of "X framed as Y" relative to X acting openly. Default 0.25. */
  deceptionPrior?: number;
  /** Weight of the 2nd, 3rd… item of a dependence group (0 = the strongest item only). Default 0. */
  groupDamping?: number;
}

export interface ItemTerm { evidence: string; group: string; ratio: number; counted: boolean }
export interface Scored {
  hypothesis: Hypothesis; prior: number; logRatio: number; probability: number; terms: ItemTerm[];
  /** For "X framed as Y": one entry per framing decision (kind and cost class). */
  framing?: FramingUnit[];
}

/** Likelihood ratio of one item against "unknown" for an actor acting openly (or "unknown" itself). */
export function itemRatio(h: Hypothesis, a: Assessment): number {
  const raw = h.actor === UNKNOWN ? 1 : a.raw.get(h.actor)?.ratio ?? 1;
  return boundedRatio(raw, a.rawBest, a.cost.pPlanted);
}

/**
 * Deception hypotheses suggested by the evidence: items a framer can plant (cheap or moderate) point to Y,
 * items that are harder to plant (moderate or costly) point to X, or to nobody ("unknown framed as Y").
 */
export function deceptionHypotheses(assessments: readonly Assessment[]): Hypothesis[] {
  const cheapTo = new Set(assessments.filter((a) => a.cost.cost !== 'costly' && a.pointsTo).map((a) => a.pointsTo as string));
  const dearTo = new Set(assessments.filter((a) => a.cost.cost !== 'cheap' && a.pointsTo).map((a) => a.pointsTo as string));
  const out: Hypothesis[] = [];
  for (const y of [...cheapTo].sort()) {
    for (const x of [...dearTo, UNKNOWN].sort()) if (x !== y) out.push({ id: `${x} framed as ${y}`, actor: x, framedAs: y });
  }
  return out;
}

export function hypothesesFor(actors: readonly ActorProfile[], assessments: readonly Assessment[]): Hypothesis[] {
  return [
    ...actors.map((a) => ({ id: a.id, actor: a.id })),
    { id: UNKNOWN, actor: UNKNOWN },
    ...deceptionHypotheses(assessments),
  ];
}

/**
 * Combines item ratios into one log ratio, counting each dependence group once: per group the item with the
 * largest |log ratio| counts fully, the others with weight damping^rank. Marks the counted terms.
 */
export function combineGroups(terms: ItemTerm[], damping: number): number {
  const groups = new Map<string, ItemTerm[]>();
  for (const t of terms) {
    const list = groups.get(t.group);
    if (list) list.push(t); else groups.set(t.group, [t]);
  }
  let log = 0;
  for (const [, ts] of [...groups].sort(([x], [y]) => (x < y ? -1 : 1))) {
    const ranked = [...ts].sort((x, y) => Math.abs(Math.log(y.ratio)) - Math.abs(Math.log(x.ratio)) || (x.evidence < y.evidence ? -1 : 1));
    ranked.forEach((t, i) => {
      const w = i === 0 ? 1 : damping ** i;
      if (w > 0) { log += w * Math.log(t.ratio); t.counted = true; }
    });
  }
  return log;
}

function openTerms(h: Hypothesis, assessments: readonly Assessment[], damping: number): { log: number; terms: ItemTerm[]; framing?: FramingUnit[] } {
  const terms = assessments.map((a) => ({ evidence: a.item.id, group: a.item.dependenceGroup, ratio: itemRatio(h, a), counted: false }));
  return { log: combineGroups(terms, damping), terms };
}

/** Posterior over the hypotheses, sorted by probability (ties by id). */
export function score(actors: readonly ActorProfile[], assessments: readonly Assessment[], options: ScoreOptions = {}): Scored[] {
  const weight = (id: string): number => Math.max(0, options.priors?.[id] ?? 1);
  const hyps = hypothesesFor(actors, assessments);
  const rows = hyps.map((h) => {
    const base = weight(h.actor);
    const prior = h.framedAs ? base * (options.deceptionPrior ?? 0.25) : base;
    const { log, terms, framing } = h.framedAs ? framingTerms(h, assessments, options.groupDamping ?? 0) : openTerms(h, assessments, options.groupDamping ?? 0);
    return { hypothesis: h, prior, logRatio: log, terms, framing, lp: prior > 0 ? Math.log(prior) + log : -Infinity };
  });
  const totalPrior = rows.reduce((s, r) => s + r.prior, 0) || 1;
  const m = Math.max(...rows.map((r) => r.lp));
  const z = rows.reduce((s, r) => s + Math.exp(r.lp - m), 0);
  return rows
    .map((r) => ({ hypothesis: r.hypothesis, prior: r.prior / totalPrior, logRatio: r.logRatio, probability: Math.exp(r.lp - m) / z, terms: r.terms, ...(r.framing ? { framing: r.framing } : {}) }))
    .sort((a, b) => b.probability - a.probability || tieOrder(a.hypothesis.id, b.hypothesis.id));
}

/** On equal probability "unknown" comes first: when nothing separates the hypotheses, the honest answer is unknown. */
function tieOrder(a: string, b: string): number {
  if (a === b) return 0;
  if (a === UNKNOWN) return -1;
  if (b === UNKNOWN) return 1;
  return a < b ? -1 : 1;
}

/** Probability per responsible actor (an actor acting openly plus that actor framing others). */
export function byActor(scored: readonly Scored[]): { actor: string; probability: number }[] {
  const m = new Map<string, number>();
  for (const s of scored) m.set(s.hypothesis.actor, (m.get(s.hypothesis.actor) ?? 0) + s.probability);
  return [...m].map(([actor, probability]) => ({ actor, probability }))
    .sort((a, b) => b.probability - a.probability || tieOrder(a.actor, b.actor));
}
