import { attribute, makeEvidence } from '../../src/attribute/index.js';
import type { AttributionOptions, AttributionResult, EvidenceItem } from '../../src/attribute/index.js';
import type { ActorProfile } from '../../src/intel/actors/index.js';
import { TEMPLATES } from './actors.js';
import { Rng } from './prng.js';
import type { Scenario, ScenarioKind } from './scenario.js';
import { localToUtc } from './sessions.js';

/**
 * The evaluation over generated scenarios: top-1 accuracy, false-flag recall and precision, how often one
 * planted cheap item flips the answer while costly evidence agrees, calibration (Brier score, reliability
 * table) and the accuracy of the inferred UTC offset.
 */
export interface ReliabilityBin { from: number; to: number; n: number; meanPredicted: number; observed: number }

export interface Metrics {
  scenarios: number;
  top1: number;
  top1NonSparse: number;
  byKind: Record<string, { n: number; top1: number; falseFlagged: number; deceptionOnTop: number; confidence: Record<string, number> }>;
  falseFlags: { truePositive: number; falsePositive: number; falseNegative: number; recall: number; precision: number };
  /** Genuine actors whose consistent cheap artefacts were called a false flag. */
  consistentCalledFalseFlag: number;
  flips: {
    trials: number; flips: number; rate: number; byKind: Record<string, { trials: number; flips: number }>;
    /** The same, counting only answers that were at least "likely" (≥ 0.55) before the plant. */
    decidedTrials: number; decidedFlips: number;
  };
  brier: number;
  reliability: ReliabilityBin[];
  offset: { n: number; exact: number; within60: number };
}

export interface ScenarioOutcome { scenario: Scenario; result: AttributionResult; top: string }

const DAY = 86_400_000;

/** One cheap item pointing at `y`, from a sample or server nobody else shares: what a planter would add. */
export function plantedCheapItem(rng: Rng, y: ActorProfile, kind: 'language' | 'compile-time' | 'infrastructure', nearMs: number): EvidenceItem {
  const t = TEMPLATES.find((x) => `actor-${x.key}` === y.id);
  const sample = rng.hex(64);
  if (kind === 'language') return makeEvidence('language', { artefact: 'strings', languages: [{ tag: y.languages[0] ?? 'en', count: 50 }] }, { samples: [sample] });
  if (kind === 'compile-time') {
    const day = Math.floor(nearMs / DAY) - rng.int(3, 30);
    return makeEvidence('compile-time', { timestamps: [new Date(localToUtc(y.timezone ?? 'UTC', day * DAY + 11 * 3_600_000)).toISOString()] }, { samples: [sample] });
  }
  const net = (y.infrastructure.cidrs[0] ?? '192.0.2.0/24').split('.').slice(0, 3).join('.');
  return makeEvidence('infrastructure', { ips: [`${net}.${rng.int(1, 254)}`], ...(t ? { hostingCountry: t.country } : {}) }, { events: [`planted-${sample.slice(0, 8)}`] });
}

function brierOf(r: AttributionResult, truth: string, actorIds: readonly string[]): number {
  const p = new Map(r.actors.map((a) => [a.actor, a.probability]));
  return [...actorIds, 'unknown'].reduce((s, id) => s + ((p.get(id) ?? 0) - (id === truth ? 1 : 0)) ** 2, 0);
}

export interface EvaluateOptions {
  seed?: number;
  /** How many other actors each scenario plants a cheap item for (default: all of them). */
  flipTargets?: number;
  /** Passed to the engine (the bench compares with `{planting: 'ignored', groupDamping: 1}`). */
  engine?: AttributionOptions;
}

export function evaluate(scenarios: readonly Scenario[], options: EvaluateOptions = {}): { metrics: Metrics; outcomes: ScenarioOutcome[] } {
  const rng = new Rng(options.seed ?? 7);
  const byKind: Metrics['byKind'] = {};
  const flipsByKind: Metrics['flips']['byKind'] = {};
  const pairs: { p: number; hit: boolean }[] = [];
  const outcomes: ScenarioOutcome[] = [];
  let ok = 0, okNS = 0, nNS = 0, tp = 0, fp = 0, fn = 0, consistentFF = 0, brier = 0, trials = 0, flips = 0, decidedTrials = 0, decidedFlips = 0;
  const offset = { n: 0, exact: 0, within60: 0 };
  for (const s of scenarios) {
    const result = attribute({ evidence: s.evidence, actors: s.actors, options: options.engine });
    const top = result.actors[0]?.actor ?? 'unknown';
    outcomes.push({ scenario: s, result, top });
    const k = (byKind[s.kind] ??= { n: 0, top1: 0, falseFlagged: 0, deceptionOnTop: 0, confidence: {} });
    if (result.hypotheses[0]?.framedAs !== undefined) k.deceptionOnTop++;
    k.n++;
    k.confidence[result.confidence] = (k.confidence[result.confidence] ?? 0) + 1;
    const hit = top === s.truth.actor;
    if (hit) { ok++; k.top1++; }
    if (s.kind !== 'sparse') { nNS++; if (hit) okNS++; }
    const flagged = result.falseFlags.some((f) => !s.truth.framedAs || f.pointsTo === s.truth.framedAs);
    const anyFlag = result.falseFlags.length > 0;
    if (anyFlag) k.falseFlagged++;
    if (s.expect.falseFlag) { if (flagged) tp++; else fn++; } else if (anyFlag) fp++;
    if (s.kind === 'consistent' && anyFlag) consistentFF++;
    brier += brierOf(result, s.truth.actor, s.actors.map((a) => a.id));
    for (const id of [...s.actors.map((a) => a.id), 'unknown']) {
      pairs.push({ p: result.actors.find((a) => a.actor === id)?.probability ?? 0, hit: id === s.truth.actor });
    }
    if (s.expect.utcOffsetMinutes !== null && result.activity?.basis === 'operator-sessions' && s.kind !== 'sparse') {
      offset.n++;
      const got = result.activity.utcOffsetMinutes;
      if (got === s.expect.utcOffsetMinutes) offset.exact++;
      if (got !== null && Math.abs(got - s.expect.utcOffsetMinutes) <= 60) offset.within60++;
    }
    // One planted cheap item, pointing at each other actor in turn, while the costly evidence agrees.
    if (s.expect.costlyAgrees && hit) {
      const nearMs = Date.parse(s.evidence.find((e) => e.kind === 'activity-time')?.value.timestamps[0] as string ?? '2025-01-01');
      for (const y of s.actors.filter((a) => a.id !== s.truth.actor && a.id !== s.truth.framedAs).slice(0, options.flipTargets ?? Infinity)) {
        for (const kind of ['language', 'compile-time', 'infrastructure'] as const) {
          const planted = plantedCheapItem(rng, y, kind, nearMs);
          const r2 = attribute({ evidence: [...s.evidence, planted], actors: s.actors, options: { ...options.engine, skipSensitivity: true } });
          trials++;
          const f = (flipsByKind[kind] ??= { trials: 0, flips: 0 });
          f.trials++;
          const flipped = (r2.actors[0]?.actor ?? 'unknown') !== top;
          if (flipped) { flips++; f.flips++; }
          if ((result.actors[0]?.probability ?? 0) >= 0.55) { decidedTrials++; if (flipped) decidedFlips++; }
        }
      }
    }
  }
  const reliability: ReliabilityBin[] = [];
  for (let b = 0; b < 10; b++) {
    const from = b / 10, to = (b + 1) / 10;
    const inBin = pairs.filter((x) => x.p >= from && (b === 9 ? x.p <= to : x.p < to));
    if (inBin.length === 0) continue;
    reliability.push({ from, to, n: inBin.length, meanPredicted: inBin.reduce((s, x) => s + x.p, 0) / inBin.length, observed: inBin.filter((x) => x.hit).length / inBin.length });
  }
  const n = scenarios.length || 1;
  return {
    outcomes,
    metrics: {
      scenarios: scenarios.length, top1: ok / n, top1NonSparse: okNS / (nNS || 1), byKind,
      falseFlags: { truePositive: tp, falsePositive: fp, falseNegative: fn, recall: tp / ((tp + fn) || 1), precision: tp / ((tp + fp) || 1) },
      consistentCalledFalseFlag: consistentFF,
      flips: { trials, flips, rate: flips / (trials || 1), byKind: flipsByKind, decidedTrials, decidedFlips },
      brier: brier / n, reliability, offset,
    },
  };
}

export type { ScenarioKind };
