import type { ActorProfile } from '../intel/actors/index.js';
import { costOf } from './cost.js';
import type { ItemCost } from './cost.js';
import type { EvidenceItem } from './evidence.js';
import { rawRatio } from './match.js';
import type { MatchContext, RawRatio } from './match.js';

/** One item weighed against every actor once; scoring and sensitivity reuse it. */
export interface Assessment {
  item: EvidenceItem;
  cost: ItemCost;
  raw: Map<string, RawRatio>;
  /** The actor the item points to (largest raw ratio ≥ 2 and at least 1.5× the next), if any. */
  pointsTo: string | null;
  /** Largest raw ratio over actors and unknown (≥ 1): the value a planter would have aimed at. */
  rawBest: number;
}

export function assess(items: readonly EvidenceItem[], actors: readonly ActorProfile[], ctx: MatchContext): Assessment[] {
  return [...items].sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0)).map((item) => {
    const raw = new Map(actors.map((a) => [a.id, rawRatio(item, a, ctx)]));
    const ranked = [...raw].sort(([ia, a], [ib, b]) => b.ratio - a.ratio || (ia < ib ? -1 : 1));
    const [first, second] = ranked;
    const pointsTo = first && first[1].ratio >= 2 && first[1].ratio >= 1.5 * Math.max(1, second?.[1].ratio ?? 1) ? first[0] : null;
    return { item, cost: costOf(item), raw, pointsTo, rawBest: Math.max(1, first?.[1].ratio ?? 1) };
  });
}
