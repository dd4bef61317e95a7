import type { Weekday } from '../intel/actors/index.js';
import type { ActivityBasis } from './activity/index.js';
import type { CostClass } from './cost.js';
import type { EvidenceKind, EvidenceSource } from './evidence.js';
import type { FalseFlag } from './false-flags.js';
import type { FramingUnit } from './framing.js';
import type { Pivot } from './sensitivity.js';
import type { Confidence, Likelihood } from './words.js';

/** The JSON an analyst or partner reads. Every number can be recomputed from `contributions` and `evidence`. */
export interface Contribution {
  evidence: string;
  /** Likelihood ratio against "unknown" after the cost-to-fake bound. */
  ratio: number;
  /** Before the bound: what matched, at face value. */
  rawRatio: number;
  /** False when another item of the same dependence group carried the group for this hypothesis. */
  counted: boolean;
  matched: string[];
}

export interface HypothesisResult {
  id: string;
  actor: string;
  framedAs?: string;
  prior: number;
  probability: number;
  likelihood: Likelihood;
  /** Natural log of the product of counted ratios (against "unknown"). */
  logLikelihoodRatio: number;
  /** Per item; for a framing hypothesis, the ratios of the likelier branch of each framing decision. */
  contributions: Contribution[];
  /** For "X framed as Y": each framing decision (kind, cost class) with both branches, whose mixture is the log ratio. */
  framing?: FramingUnit[];
}

export interface ActivitySummary {
  utcOffsetMinutes: number | null;
  workweek: Weekday[] | null;
  holidays: string | null;
  basis: ActivityBasis;
  zone: string | null;
  count: number;
  spanDays: number;
  pNoRhythm: number;
  confidence: Confidence;
  offsets: { utcOffsetMinutes: number; probability: number }[];
  workweeks: { workweek: string; probability: number }[];
  calendars: { holidays: string; probability: number }[];
}

export interface EvidenceSummary {
  id: string; kind: EvidenceKind; dependenceGroup: string; cost: CostClass; pPlanted: number; why: string;
  pointsTo: string | null; source: EvidenceSource;
}

export interface AttributionResult {
  hypotheses: HypothesisResult[];
  /** Probability per responsible actor: acting openly plus framing others. */
  actors: { actor: string; probability: number; likelihood: Likelihood }[];
  confidence: Confidence;
  confidenceReasons: string[];
  activity: ActivitySummary | null;
  compileActivity: ActivitySummary | null;
  falseFlags: FalseFlag[];
  pivotal: Pivot[];
  hangsOn: (Pivot & { change: number }) | null;
  evidence: EvidenceSummary[];
}

/** Rounding used everywhere in results, so equal inputs give byte-identical JSON. */
export const roundP = (p: number): number => Math.round(p * 1e4) / 1e4;
export const roundR = (r: number): number => (Number.isFinite(r) && r !== 0 ? Number(r.toPrecision(4)) : r);
export const roundL = (l: number): number => Math.round(l * 1e3) / 1e3;

/**
 * Rounds a distribution to 4 decimals so that it still sums to one (largest-remainder method: units of 1e-4 go
 * to the largest remainders, earlier entries first on ties, so a sorted distribution stays sorted).
 */
export function roundDistribution(ps: readonly number[]): number[] {
  const total = ps.reduce((s, x) => s + x, 0) || 1;
  const units = ps.map((p) => (p / total) * 1e4);
  const floors = units.map(Math.floor);
  let left = 1e4 - floors.reduce((s, x) => s + x, 0);
  const order = units.map((u, i) => ({ i, r: u - Math.floor(u) })).sort((a, b) => b.r - a.r || a.i - b.i);
  for (const { i } of order) {
    if (left <= 0) break;
    floors[i] = (floors[i] ?? 0) + 1;
    left--;
  }
  return floors.map((f) => f / 1e4);
}
