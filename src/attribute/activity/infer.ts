import type { ActorProfile, Weekday } from '../../intel/actors/index.js';
import { DEFAULT_CALENDARS } from './calendar.js';
import { logLikelihood, logSumExp, uniformLogLikelihood, windowOf, zoneView } from './model.js';
import type { Window, ZoneView } from './model.js';
import { workMask, workweekName, WORKWEEKS } from './shape.js';
import { defaultCandidates, offsetAt } from './zones.js';
import type { ZoneCandidate } from './zones.js';

export type ActivityBasis = 'operator-sessions' | 'compile-times';
export type Level = 'low' | 'moderate' | 'high';

export interface ActivityOptions {
  /** Extra IANA zones to consider (the scorer adds the actors' zones). */
  zones?: readonly string[];
  /** Holiday calendars to test (default: a set of frequent ones plus the actors'). */
  calendars?: readonly string[];
  /** Prior share of "no daily rhythm" (automation or shifts); it also guards against beacons that slipped through. */
  pUniform?: number;
}

export interface Ranked<T> { value: T; probability: number }

export interface ActivityInference {
  basis: ActivityBasis;
  count: number;
  spanDays: number;
  /** Probability that the times have no daily rhythm at all; above one half no offset is given. */
  pNoRhythm: number;
  utcOffsetMinutes: number | null;
  zone: string | null;
  workweek: Weekday[] | null;
  holidays: string | null;
  offsets: Ranked<number>[];
  zones: Ranked<string>[];
  workweeks: Ranked<string>[];
  calendars: Ranked<string>[];
  confidence: Level;
}

/** Fewer times than this say nothing about a working day. */
export const MIN_TIMES = 3;

const toMs = (ts: readonly string[]): number[] => ts.map((t) => Date.parse(t)).filter(Number.isFinite).sort((a, b) => a - b);

/** Zone views over one set of times, shared by the inference and by every actor's likelihood ratio. */
export class ActivityData {
  readonly ms: number[];
  readonly window: Window | undefined;
  private readonly views = new Map<string, ZoneView>();
  readonly candidates: ZoneCandidate[];
  readonly pUniform: number;
  private unknownLog: number | undefined;

  constructor(timestamps: readonly string[], readonly options: ActivityOptions = {}) {
    this.ms = toMs(timestamps);
    this.window = this.ms.length >= MIN_TIMES ? windowOf(this.ms) : undefined;
    this.candidates = defaultCandidates(options.zones ?? []);
    this.pUniform = options.pUniform ?? 0.2;
  }

  view(c: ZoneCandidate): ZoneView | undefined {
    if (!this.window) return undefined;
    let v = this.views.get(c.zone);
    if (!v) { v = zoneView(c, this.ms, this.window); this.views.set(c.zone, v); }
    return v;
  }

  /** log P(times | an actor in zone/workweek/calendar), mixed with the no-rhythm share. */
  logHypothesis(c: ZoneCandidate, workweek: readonly Weekday[], calendar?: string): number {
    const v = this.view(c);
    if (!v || !this.window) return 0;
    const u = uniformLogLikelihood(this.ms.length, this.window);
    return logSumExp([Math.log(this.pUniform) + u, Math.log(1 - this.pUniform) + logLikelihood(v, workMask(workweek), calendar, this.window)]);
  }

  /** log P(times | an actor we have no profile for): every candidate zone and work week alike. */
  logUnknown(): number {
    if (this.unknownLog !== undefined) return this.unknownLog;
    if (!this.window) return 0;
    const lls: number[] = [];
    for (const c of this.candidates) for (const ww of Object.values(WORKWEEKS)) lls.push(this.logHypothesis(c, ww));
    this.unknownLog = logSumExp(lls) - Math.log(lls.length);
    return this.unknownLog;
  }

  /** Likelihood ratio of the times for one actor against the unknown actor; 1 when the actor has no time zone. */
  actorRatio(a: ActorProfile): number {
    if (!a.timezone || !this.window) return 1;
    const ww = a.workweek ?? WORKWEEKS['mon-fri'] ?? [];
    return Math.exp(this.logHypothesis({ zone: a.timezone }, ww, a.holidays) - this.logUnknown());
  }
}

function normalise<T>(entries: [T, number][]): Ranked<T>[] {
  const z = logSumExp(entries.map(([, l]) => l));
  return entries.map(([value, l]) => ({ value, probability: Math.exp(l - z) }));
}

function marginal<T>(rows: { key: T; p: number }[]): Ranked<T>[] {
  const m = new Map<T, number>();
  for (const r of rows) m.set(r.key, (m.get(r.key) ?? 0) + r.p);
  return [...m].map(([value, probability]) => ({ value, probability }))
    .sort((a, b) => b.probability - a.probability || String(a.value).localeCompare(String(b.value)));
}

/** Infers the operators' UTC offset, work week and holiday calendar from times of one basis. */
export function inferActivity(data: ActivityData, basis: ActivityBasis, extraCalendars: readonly string[] = []): ActivityInference {
  const n = data.ms.length;
  const spanDays = n > 1 ? ((data.ms[n - 1] ?? 0) - (data.ms[0] ?? 0)) / 86_400_000 : 0;
  const empty: ActivityInference = {
    basis, count: n, spanDays, pNoRhythm: 1, utcOffsetMinutes: null, zone: null, workweek: null, holidays: null,
    offsets: [], zones: [], workweeks: [], calendars: [], confidence: 'low',
  };
  if (!data.window) return empty;
  const median = data.ms[Math.floor(n / 2)] ?? 0;
  const rows: { c: ZoneCandidate; ww: string; ll: number }[] = [];
  for (const c of data.candidates) for (const [ww, days] of Object.entries(WORKWEEKS)) {
    rows.push({ c, ww, ll: logLikelihood(data.view(c) as ZoneView, workMask(days), undefined, data.window) });
  }
  const u = uniformLogLikelihood(n, data.window);
  const logRhythm = logSumExp(rows.map((r) => r.ll)) - Math.log(rows.length) + Math.log(1 - data.pUniform);
  const pNoRhythm = 1 / (1 + Math.exp(logRhythm - (u + Math.log(data.pUniform))));
  const post = normalise(rows.map((r) => [r, r.ll] as [typeof r, number]));
  const offsets = marginal(post.map((p) => ({ key: offsetAt(p.value.c, median), p: p.probability })));
  const zones = marginal(post.map((p) => ({ key: p.value.c.zone, p: p.probability })));
  const workweeks = marginal(post.map((p) => ({ key: p.value.ww, p: p.probability })));
  const best = [...post].sort((a, b) => b.probability - a.probability || a.value.c.zone.localeCompare(b.value.c.zone))[0];
  if (!best || pNoRhythm > 0.5) return { ...empty, pNoRhythm, offsets: offsets.slice(0, 5), zones: zones.slice(0, 5), workweeks };
  const bestDays = WORKWEEKS[best.value.ww] ?? [];
  const calNames = [...new Set([...DEFAULT_CALENDARS, ...extraCalendars])].sort();
  const calendars = marginal(normalise([['none', best.value.ll] as [string, number],
    ...calNames.map((cal) => [cal, logLikelihood(data.view(best.value.c) as ZoneView, workMask(bestDays), cal, data.window as Window)] as [string, number])])
    .map((r) => ({ key: r.value, p: r.probability })));
  const topOffset = offsets[0];
  const topCal = calendars[0];
  const confidence: Level = (topOffset?.probability ?? 0) >= 0.8 && n >= 40 ? 'high' : (topOffset?.probability ?? 0) >= 0.5 && n >= 12 ? 'moderate' : 'low';
  return {
    basis, count: n, spanDays, pNoRhythm,
    utcOffsetMinutes: topOffset?.value ?? null,
    zone: zones[0]?.value ?? null,
    workweek: WORKWEEKS[workweeks[0]?.value ?? ''] ?? null,
    // A calendar is named only when the gaps single it out; on a short span many calendars fit equally well.
    holidays: topCal && topCal.value !== 'none' && topCal.probability >= 0.5 ? topCal.value : null,
    offsets: offsets.slice(0, 5), zones: zones.slice(0, 5), workweeks, calendars: calendars.slice(0, 5), confidence,
  };
}

export { workweekName };
