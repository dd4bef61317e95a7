import type { Assessment } from './assess.js';
import { boundedRatio, P_FRAMED } from './cost.js';
import type { CostClass } from './cost.js';
import type { EvidenceKind } from './evidence.js';
import { combineGroups, UNKNOWN } from './score.js';
import type { Hypothesis, ItemTerm } from './score.js';

/**
 * The likelihood of "X framed as Y". A framer makes one decision per kind of artefact and cost class ("put
 * Korean strings in", "copy Y's Rich header", "rent servers in Y's country"), then applies it to every sample or
 * server: so the plants of one decision are one event, not independent ones. For each decision unit u:
 *   P(items of u | X framed as Y) = φ_u · Π planted-as-Y ratios + (1 − φ_u) · Π X's own (bounded) ratios,
 * where φ_u = P_FRAMED[cost class] is how likely a framer is to fake that class. In the planted branch an item
 * that points to Y counts as a plant: its ratio is what it would be if it were Y's own (its raw ratio for Y over
 * the unknown-actor denominator of cost.ts). An item of the same kind that points elsewhere or nowhere (English
 * strings, a string in a third language) was not part of this plant and keeps X's own bounded ratio, so one
 * stray item cannot sink the whole decision. Within each branch, dependence groups count once (combineGroups).
 */
export interface FramingUnit {
  kind: EvidenceKind;
  cost: CostClass;
  pFramed: number;
  /** Log ratio of the unit's items if planted to look like Y, and if X's own. */
  plantedLog: number;
  genuineLog: number;
  /** Which branch carries most of the unit's likelihood. */
  likelier: 'planted' | 'genuine';
  evidence: string[];
}

function logMix(w: number, a: number, b: number): number {
  const x = Math.log(w) + a;
  const y = Math.log(1 - w) + b;
  const m = Math.max(x, y);
  return m + Math.log(Math.exp(x - m) + Math.exp(y - m));
}

export function framingTerms(h: Hypothesis, assessments: readonly Assessment[], damping: number): { log: number; terms: ItemTerm[]; framing: FramingUnit[] } {
  const y = h.framedAs ?? UNKNOWN;
  const units = new Map<string, Assessment[]>();
  for (const a of assessments) {
    const key = `${a.item.kind}|${a.cost.cost}`;
    const list = units.get(key);
    if (list) list.push(a); else units.set(key, [a]);
  }
  const own = (a: Assessment): number => boundedRatio(h.actor === UNKNOWN ? 1 : a.raw.get(h.actor)?.ratio ?? 1, a.rawBest, a.cost.pPlanted);
  let log = 0;
  const terms: ItemTerm[] = [];
  const framing: FramingUnit[] = [];
  for (const [, items] of [...units].sort(([a], [b]) => (a < b ? -1 : 1))) {
    const first = items[0] as Assessment;
    const phi = P_FRAMED[first.cost.cost];
    const planted = items.map((a) => {
      const p = a.cost.pPlanted;
      const asY = (a.raw.get(y)?.ratio ?? 1) / ((1 - p) + p * a.rawBest);
      const ratio = a.pointsTo === y ? asY : own(a);
      return { evidence: a.item.id, group: a.item.dependenceGroup, ratio, counted: false };
    });
    const genuine = items.map((a) => ({ evidence: a.item.id, group: a.item.dependenceGroup, counted: false, ratio: own(a) }));
    const lp = combineGroups(planted, damping);
    const lg = combineGroups(genuine, damping);
    log += logMix(phi, lp, lg);
    const likelier = Math.log(phi) + lp > Math.log(1 - phi) + lg ? 'planted' : 'genuine';
    terms.push(...(likelier === 'planted' ? planted : genuine));
    framing.push({ kind: first.item.kind, cost: first.cost.cost, pFramed: phi, plantedLog: lp, genuineLog: lg, likelier, evidence: items.map((a) => a.item.id).sort() });
  }
  return { log, terms, framing };
}
