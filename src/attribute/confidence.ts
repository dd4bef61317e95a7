import type { Assessment } from './assess.js';
import type { Scored } from './score.js';
import type { Sensitivity } from './sensitivity.js';
import type { Confidence } from './words.js';

/**
 * Confidence is about the evidence, not the probability: how many independent groups separate the top
 * hypothesis from the best alternative with another culprit, how dear they are to fake, and whether one item
 * alone could change the culprit.
 */
export function confidenceOf(scored: readonly Scored[], assessments: readonly Assessment[], sens: Sensitivity | null): { level: Confidence; reasons: string[] } {
  const top = scored[0];
  if (!top) return { level: 'low', reasons: ['no hypotheses'] };
  // The rival is the best open hypothesis with another culprit: a framing hypothesis' per-item terms only make
  // sense together with its per-decision mixture, so it is not compared group by group.
  const rival = scored.find((s) => s.hypothesis.actor !== top.hypothesis.actor && !s.hypothesis.framedAs);
  const byGroup = (s: Scored | undefined): Map<string, number> => {
    const m = new Map<string, number>();
    for (const t of s?.terms ?? []) if (t.counted) m.set(t.group, (m.get(t.group) ?? 0) + Math.log(t.ratio));
    return m;
  };
  const a = byGroup(top);
  const b = byGroup(rival);
  const cost = new Map<string, string>();
  const order = { cheap: 0, moderate: 1, costly: 2 };
  for (const x of assessments) {
    const prev = cost.get(x.item.dependenceGroup);
    if (!prev || order[x.cost.cost] > order[prev as keyof typeof order]) cost.set(x.item.dependenceGroup, x.cost.cost);
  }
  const supporting = [...a].filter(([g, l]) => l - (b.get(g) ?? 0) >= Math.log(2)).map(([g]) => g);
  const costly = supporting.filter((g) => cost.get(g) === 'costly').length;
  const dear = supporting.filter((g) => cost.get(g) !== 'cheap').length;
  const culpritFlips = (sens?.pivotal ?? []).filter((p) => !p.withoutIt.startsWith(`${top.hypothesis.actor} `) && p.withoutIt !== top.hypothesis.actor);
  const reasons = [
    `${supporting.length} independent evidence group(s) favour ${top.hypothesis.id} over ${rival?.hypothesis.id ?? 'any alternative'} by at least 2×`,
    `${costly} of them costly to fake, ${dear - costly} moderate`,
  ];
  if (culpritFlips.length > 0) reasons.push(`removing ${culpritFlips.length} single item(s) or group(s) changes the culprit`);
  let level: Confidence = 'low';
  if (top.probability >= 0.8 && supporting.length >= 3 && costly >= 1 && dear >= 2 && culpritFlips.length === 0) level = 'high';
  else if (top.probability >= 0.55 && supporting.length >= 2 && dear >= 1) level = 'moderate';
  return { level, reasons };
}
