import type { Assessment } from './assess.js';
import type { EvidenceKind } from './evidence.js';
import { itemRatio, UNKNOWN } from './score.js';
import type { Hypothesis } from './score.js';

/**
 * Cross-artefact consistency as the false-flag detector. A cheap item pointing to Y is a suspected false flag
 * only when dearer evidence contradicts Y: taken together the moderate and costly items make Y at least
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

export function detectFalseFlags(assessments: readonly Assessment[], actorIds: readonly string[]): FalseFlag[] {
  const dear = assessments.filter((a) => a.cost.cost !== 'cheap');
  if (dear.length === 0) return [];
  const candidates = [...actorIds, UNKNOWN].map((id) => ({ id, log: dearLog({ id, actor: id }, dear) }));
  const favourite = [...candidates].sort((a, b) => b.log - a.log || (a.id < b.id ? -1 : 1))[0];
  if (!favourite) return [];
  const flags = new Map<string, FalseFlag>();
  for (const a of assessments) {
    const y = a.pointsTo;
    if (a.cost.cost !== 'cheap' || !y || y === favourite.id) continue;
    const yLog = candidates.find((c) => c.id === y)?.log ?? 0;
    if (favourite.log - yLog < Math.log(CONTRADICTION)) continue;
    const rawFav = favourite.id === UNKNOWN ? 1 : a.raw.get(favourite.id)?.ratio ?? 1;
    if ((a.raw.get(y)?.ratio ?? 1) < CHEAP_CONTRA * rawFav) continue;
    const against = dear.filter((d) => itemRatio({ id: favourite.id, actor: favourite.id }, d) / itemRatio({ id: y, actor: y }, d) >= SINGLE);
    if (against.length === 0) continue;
    const key = `${a.item.kind}|${y}`;
    const f = flags.get(key) ?? { kind: a.item.kind, pointsTo: y, evidence: [], contradictedBy: against.map((d) => d.item.id).sort(), favours: favourite.id, reason: '' };
    f.evidence.push(a.item.id);
    flags.set(key, f);
  }
  return [...flags.values()].map((f) => {
    const kinds = [...new Set(dear.filter((d) => f.contradictedBy.includes(d.item.id)).map((d) => `${d.item.kind} (${d.cost.cost})`))].sort();
    return {
      ...f, evidence: f.evidence.sort(),
      reason: `cheap ${f.kind} evidence points to ${f.pointsTo}, but ${kinds.join(', ')} evidence, which is dearer to fake, makes ${f.pointsTo} at least ${CONTRADICTION}× less likely than ${f.favours}`,
    };
  }).sort((a, b) => (a.kind + a.pointsTo < b.kind + b.pointsTo ? -1 : 1));
}
