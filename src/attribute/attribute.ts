import type { ActorProfile } from '../intel/actors/index.js';
import { ActivityData, inferActivity } from './activity/index.js';
import type { ActivityBasis, ActivityOptions } from './activity/index.js';
import { assess } from './assess.js';
import { confidenceOf } from './confidence.js';
import type { EvidenceItem } from './evidence.js';
import { detectFalseFlags } from './false-flags.js';
import { baseRatesFromActors } from './match.js';
import type { MatchContext } from './match.js';
import { roundDistribution, roundL, roundP, roundR } from './result.js';
import type { ActivitySummary, AttributionResult, HypothesisResult } from './result.js';
import { byActor, score } from './score.js';
import type { ScoreOptions } from './score.js';
import { sensitivity } from './sensitivity.js';
import { likelihoodWord } from './words.js';

export interface AttributionOptions extends ScoreOptions {
  /** Share of actors using each technique (e.g. `techniqueBaseRates(attack)`); default: from the actor profiles. */
  techniqueBaseRates?: Map<string, number>;
  /** Holiday calendars to test in the activity inference besides the default set and the actors'. */
  calendars?: string[];
  /** Prior share of "no daily rhythm" in activity times. */
  pUniform?: number;
  /** Skip the leave-one-out analysis (the evaluation's flip test runs its own). Default: run it. */
  skipSensitivity?: boolean;
  /** `ignored` takes every item at face value (pPlanted ≈ 0): only for ablation, to show what the bound buys. */
  planting?: 'bounded' | 'ignored';
}

export interface AttributionInput { evidence: EvidenceItem[]; actors: ActorProfile[]; options?: AttributionOptions }

function summary(data: ActivityData | undefined, basis: ActivityBasis, calendars: string[]): ActivitySummary | null {
  if (!data || data.ms.length === 0) return null;
  const r = inferActivity(data, basis, calendars);
  return {
    utcOffsetMinutes: r.utcOffsetMinutes, workweek: r.workweek, holidays: r.holidays, basis, zone: r.zone,
    count: r.count, spanDays: roundL(r.spanDays), pNoRhythm: roundP(r.pNoRhythm), confidence: r.confidence,
    offsets: r.offsets.map((o) => ({ utcOffsetMinutes: o.value, probability: roundP(o.probability) })),
    workweeks: r.workweeks.map((o) => ({ workweek: o.value, probability: roundP(o.probability) })),
    calendars: r.calendars.map((o) => ({ holidays: o.value, probability: roundP(o.probability) })),
  };
}

/**
 * Weighs typed evidence against actor profiles and returns competing hypotheses with probabilities, the
 * activity-time inference, suspected false flags and the items the conclusion hangs on. Pure: never touches
 * the case; the same input gives the same output, byte for byte once serialised.
 */
export function attribute(input: AttributionInput): AttributionResult {
  const options = input.options ?? {};
  const actors = [...input.actors].sort((a, b) => (a.id < b.id ? -1 : 1));
  const zones = actors.map((a) => a.timezone).filter((z): z is string => z !== undefined);
  const calendars = [...new Set([...(options.calendars ?? []), ...actors.map((a) => a.holidays).filter((h): h is string => h !== undefined)])].sort();
  const actOpts: ActivityOptions = { zones, pUniform: options.pUniform };
  const ctx: MatchContext = { techniqueBaseRates: options.techniqueBaseRates ?? baseRatesFromActors(actors), activity: new Map() };
  // One ActivityData per distinct set of times: an item and the summary over the same times share their zone views.
  const byTimes = new Map<string, ActivityData>();
  const dataFor = (times: readonly string[]): ActivityData => {
    const key = [...times].sort().join(',');
    let d = byTimes.get(key);
    if (!d) { d = new ActivityData(times, actOpts); byTimes.set(key, d); }
    return d;
  };
  for (const e of input.evidence) if (e.kind === 'activity-time' || e.kind === 'compile-time') ctx.activity.set(e.id, dataFor(e.value.timestamps));
  const assessed = assess(input.evidence, actors, ctx);
  const assessments = options.planting === 'ignored' ? assessed.map((a) => ({ ...a, cost: { ...a.cost, pPlanted: 1e-9 } })) : assessed;
  const scored = score(actors, assessments, options);
  const top = scored[0];
  const sens = top && !options.skipSensitivity ? sensitivity(actors, assessments, top, options) : null;
  const conf = confidenceOf(scored, assessments, sens);
  const probs = roundDistribution(scored.map((s) => s.probability));
  const hypotheses: HypothesisResult[] = scored.map((s, i) => ({
    id: s.hypothesis.id, actor: s.hypothesis.actor, ...(s.hypothesis.framedAs ? { framedAs: s.hypothesis.framedAs } : {}),
    prior: roundP(s.prior), probability: probs[i] ?? 0, likelihood: likelihoodWord(s.probability), logLikelihoodRatio: roundL(s.logRatio),
    contributions: s.terms.map((t) => {
      const a = assessments.find((x) => x.item.id === t.evidence);
      const raw = a?.raw.get(s.hypothesis.actor);
      return { evidence: t.evidence, ratio: roundR(t.ratio), rawRatio: roundR(raw?.ratio ?? 1), counted: t.counted, matched: raw?.matched ?? [] };
    }).sort((x, y) => (x.evidence < y.evidence ? -1 : 1)),
    ...(s.framing ? { framing: s.framing.map((u) => ({ ...u, plantedLog: roundL(u.plantedLog), genuineLog: roundL(u.genuineLog) })) } : {}),
  }));
  const grouped = byActor(scored);
  const actorProbs = roundDistribution(grouped.map((g) => g.probability));
  const sessions = input.evidence.flatMap((e) => (e.kind === 'activity-time' ? e.value.timestamps : []));
  const compiles = input.evidence.flatMap((e) => (e.kind === 'compile-time' ? e.value.timestamps : []));
  const opSummary = summary(sessions.length > 0 ? dataFor(sessions) : undefined, 'operator-sessions', calendars);
  const compileSummary = summary(compiles.length > 0 ? dataFor(compiles) : undefined, 'compile-times', calendars);
  return {
    hypotheses,
    actors: grouped.map((g, i) => ({ actor: g.actor, probability: actorProbs[i] ?? 0, likelihood: likelihoodWord(g.probability) })),
    confidence: conf.level,
    confidenceReasons: conf.reasons,
    activity: opSummary ?? compileSummary,
    compileActivity: compileSummary,
    falseFlags: detectFalseFlags(assessments, actors.map((a) => a.id)),
    pivotal: (sens?.pivotal ?? []).map((p) => ({ ...p, probabilityWithout: roundP(p.probabilityWithout) })),
    hangsOn: sens?.hangsOn ? { ...sens.hangsOn, probabilityWithout: roundP(sens.hangsOn.probabilityWithout), change: roundP(sens.hangsOn.change) } : null,
    evidence: assessments.map((a) => ({
      id: a.item.id, kind: a.item.kind, dependenceGroup: a.item.dependenceGroup, cost: a.cost.cost, pPlanted: a.cost.pPlanted,
      why: a.cost.why, pointsTo: a.pointsTo, source: a.item.source,
    })),
  };
}
