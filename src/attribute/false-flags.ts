import type { Assessment } from './assess.js';
import type { EvidenceKind } from './evidence.js';
import { itemRatio, UNKNOWN } from './score.js';
import type { Hypothesis } from './score.js';

/**
 * Cross-artefact consistency as the false-flag detector. A cheap (or moderate) item pointing to Y is a suspected
 * false flag only when dearer evidence contradicts Y: taken together the dearer items make Y at least
 * `CONTRADICTION` times less likely than their own favourite (another actor or "unknown"), and at least one of
 * them alone does so by `SINGLE`, and the cheap item itself favours Y over that favourite by `CHEAP_CONTRA`. Cheap evidence that agrees with the dear evidence, or that nothing dear
 * contradicts, is never called a false flag: it is merely cheap.
 */
export interface FalseFlag {
  kind: EvidenceKind;
  pointsTo: string;
  evidence: string[];
  contradictedBy: string[];
  /** What the dear evidence points to instead (an actor or `unknown`). */
  favours: string;
  reason: string;
}

export const CONTRADICTION = 10;
export const SINGLE = 5;
/** The cheap item itself must favour Y over the dear favourite by this much: pointing a little elsewhere (a few
 * compile times that fit a neighbouring zone slightly better) is noise, not a contradiction. */
export const CHEAP_CONTRA = 4;

function dearLog(h: Hypothesis, dear: readonly Assessment[]): number {
  // One term per dependence group, as in scoring: the item with the largest |log ratio|.
  const groups = new Map<string, number>();
  for (const a of dear) {
    const l = Math.log(itemRatio(h, a));
    const g = groups.get(a.item.dependenceGroup);
    if (g === undefined || Math.abs(l) > Math.abs(g)) groups.set(a.item.dependenceGroup, l);
  }
  return [...groups.values()].reduce((s, x) => s + x, 0);
}

const RANK = { cheap: 0, moderate: 1, costly: 2 } as const;

/**
 * Judged from the dearest class down: moderate items against costly ones, then cheap items against everything
 * dearer that was not itself found planted (a copied Rich header must not vouch for the strings beside it).
 */
export function detectFalseFlags(assessments: readonly Assessment[], actorIds: readonly string[]): FalseFlag[] {
  const flags = new Map<string, FalseFlag>();
  const planted = new Set<string>();
  for (const level of ['moderate', 'cheap'] as const) {
    const dear = assessments.filter((a) => RANK[a.cost.cost] > RANK[level] && !planted.has(a.item.id));
    if (dear.length === 0) continue;
    const candidates = [...actorIds, UNKNOWN].map((id) => ({ id, log: dearLog({ id, actor: id }, dear) }));
    const favourite = [...candidates].sort((a, b) => b.log - a.log || (a.id < b.id ? -1 : 1))[0];
    if (!favourite) continue;
    for (const a of assessments) {
      const y = a.pointsTo;
      if (a.cost.cost !== level || !y || y === favourite.id) continue;
      const yLog = candidates.find((c) => c.id === y)?.log ?? 0;
      if (favourite.log - yLog < Math.log(CONTRADICTION)) continue;
      const rawFav = favourite.id === UNKNOWN ? 1 : a.raw.get(favourite.id)?.ratio ?? 1;
      if ((a.raw.get(y)?.ratio ?? 1) < CHEAP_CONTRA * rawFav) continue;
      const against = dear.filter((d) => itemRatio({ id: favourite.id, actor: favourite.id }, d) / itemRatio({ id: y, actor: y }, d) >= SINGLE);
      if (against.length === 0) continue;
      planted.add(a.item.id);
      const key = `${a.item.kind}|${y}`;
      const f = flags.get(key) ?? { kind: a.item.kind, pointsTo: y, evidence: [], contradictedBy: [], favours: favourite.id, reason: '' };
      f.evidence.push(a.item.id);
      f.contradictedBy = [...new Set([...f.contradictedBy, ...against.map((d) => d.item.id)])].sort();
      flags.set(key, f);
    }
  }
  const byId = new Map(assessments.map((a) => [a.item.id, a]));
  return [...flags.values()].map((f) => {
    const kinds = [...new Set(f.contradictedBy.map((id) => byId.get(id)).map((d) => `${d?.item.kind} (${d?.cost.cost})`))].sort();
    const cost = byId.get(f.evidence[0] ?? '')?.cost.cost ?? 'cheap';
    return {
      ...f, evidence: f.evidence.sort(),
      reason: `${cost} ${f.kind} evidence points to ${f.pointsTo}, but ${kinds.join(', ')} evidence, which is dearer to fake, makes ${f.pointsTo} at least ${CONTRADICTION}× less likely than ${f.favours}`,
    };
  }).sort((a, b) => (a.kind + a.pointsTo < b.kind + b.pointsTo ? -1 : 1));
}
