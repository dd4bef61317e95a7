import type { ActorProfile } from '../intel/actors/index.js';
import type { Assessment } from './assess.js';
import { score } from './score.js';
import type { ScoreOptions, Scored } from './score.js';

/**
 * Sensitivity: for every item and every dependence group, the answer without it. Items (or groups) whose
 * removal changes the top hypothesis are pivotal; the item the conclusion hangs on most is the one whose
 * removal moves the top hypothesis' probability furthest.
 */
export interface Pivot {
  /** Item id, or `group:<dependence group>` for a whole group. */
  evidence: string;
  /** Top hypothesis without it. */
  withoutIt: string;
  /** Probability of the current top hypothesis without it. */
  probabilityWithout: number;
}

export interface Sensitivity {
  items: Pivot[];
  groups: Pivot[];
  pivotal: Pivot[];
  hangsOn: (Pivot & { change: number }) | null;
}

export function sensitivity(actors: readonly ActorProfile[], assessments: readonly Assessment[], top: Scored, options: ScoreOptions): Sensitivity {
  const without = (keep: (a: Assessment) => boolean, key: string): Pivot => {
    const s = score(actors, assessments.filter(keep), options);
    const same = s.find((r) => r.hypothesis.id === top.hypothesis.id);
    return { evidence: key, withoutIt: s[0]?.hypothesis.id ?? 'unknown', probabilityWithout: same?.probability ?? 0 };
  };
  const items = assessments.map((a) => without((b) => b !== a, a.item.id));
  const groupIds = [...new Set(assessments.map((a) => a.item.dependenceGroup))].sort();
  const groups = groupIds
    .filter((g) => assessments.filter((a) => a.item.dependenceGroup === g).length > 1)
    .map((g) => without((b) => b.item.dependenceGroup !== g, `group:${g}`));
  const pivotal = [...items, ...groups].filter((p) => p.withoutIt !== top.hypothesis.id);
  let hangsOn: Sensitivity['hangsOn'] = null;
  for (const p of items) {
    const change = Math.abs(top.probability - p.probabilityWithout);
    if (!hangsOn || change > hangsOn.change + 1e-12) hangsOn = { ...p, change };
  }
  return { items, groups, pivotal, hangsOn };
}
