import type { Weekday } from '../intel/actors/index.js';
import type { ActivityBasis } from './activity/index.js';
import type { CostClass } from './cost.js';
import type { EvidenceKind, EvidenceSource } from './evidence.js';
import type { FalseFlag } from './false-flags.js';
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
  contributions: Contribution[];
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

/** Rounds probabilities to 4 decimals and gives the residue to the largest, so they still sum to one. */
export function roundDistribution(ps: readonly number[]): number[] {
  const r = ps.map(roundP);
  if (r.length === 0) return r;
  const residue = roundP(1 - r.reduce((s, x) => s + x, 0));
  let iMax = 0;
  r.forEach((x, i) => { if (x > (r[iMax] ?? 0)) iMax = i; });
  r[iMax] = roundP((r[iMax] ?? 0) + residue);
  return r;
}
