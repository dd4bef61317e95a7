import { holidayDays, icuOffset } from '../../src/attribute/activity/index.js';
import type { Weekday } from '../../src/intel/actors/index.js';
import { WEEKDAYS } from '../../src/intel/actors/index.js';
import type { Rng } from './prng.js';

/**
 * Raw session candidates as the trace stage will see them: human operator sessions (office hours in the
 * operators' zone, work week and holidays) mixed with automated ones (beacons round the clock).
 */
export interface SessionCandidate {
  startMs: number;
  endMs: number;
  /** Source → destination of the session; beacons repeat on one channel. */
  channel: string;
  srcIp: string;
  host: string;
  user: string;
  /** Interactive commands typed in the session (0 for a beacon check-in). */
  commands: number;
}

const DAY = 86_400_000;
const HOUR = 3_600_000;

/** UTC instant of a local wall-clock time in `zone` (DST-correct, two passes over the offset). */
export function localToUtc(zone: string, localMs: number): number {
  const first = localMs - icuOffset(zone, localMs) * 60_000;
  return localMs - icuOffset(zone, first) * 60_000;
}

export interface OperatorPlan {
  zone: string; workweek: readonly Weekday[]; holidays?: string;
  startDay: number; days: number; perDay: number; srcIps: string[]; hosts: string[]; users: string[];
}

/** Human sessions: on working days (not holidays) a Poisson number of sessions in office hours, rarely overtime. */
export function operatorSessions(rng: Rng, plan: OperatorPlan): SessionCandidate[] {
  const out: SessionCandidate[] = [];
  const years = [...new Set([0, plan.days].map((d) => new Date((plan.startDay + d) * DAY).getUTCFullYear()))];
  const hol = plan.holidays ? holidayDays(plan.holidays, years) : new Set<number>();
  for (let d = 0; d < plan.days; d++) {
    const day = plan.startDay + d;
    const wd = WEEKDAYS[(((day + 4) % 7) + 7) % 7] as Weekday;
    const working = plan.workweek.includes(wd) && !hol.has(day);
    const n = working ? rng.poisson(plan.perDay) : rng.chance(0.04) ? 1 : 0;
    // Each day the operator starts between 08:30 and 09:45 and stops between 17:00 and 18:30; lunch is quieter.
    const from = 8.5 + rng.next() * 1.25;
    const to = 17 + rng.next() * 1.5;
    for (let k = 0; k < n; k++) {
      let hour = from + rng.next() * (to - from);
      if (hour >= 12.5 && hour < 13.5 && rng.chance(0.5)) hour = from + rng.next() * (to - from);
      if (rng.chance(0.06)) hour = 18.5 + rng.next() * 3.5;
      const startMs = localToUtc(plan.zone, day * DAY + hour * HOUR);
      const src = rng.pick(plan.srcIps);
      out.push({ startMs, endMs: startMs + rng.int(5, 90) * 60_000, channel: `ssh ${src}`, srcIp: src, host: rng.pick(plan.hosts), user: rng.pick(plan.users), commands: rng.int(3, 60) });
    }
  }
  return out.sort((a, b) => a.startMs - b.startMs);
}

/** Automated check-ins every `periodS` seconds with small jitter, round the clock, on one channel. */
export function beaconSessions(rng: Rng, startDay: number, days: number, periodS: number, srcIp: string, host: string): SessionCandidate[] {
  const out: SessionCandidate[] = [];
  for (let t = startDay * DAY + rng.next() * periodS * 1000; t < (startDay + days) * DAY; t += periodS * 1000 * (0.95 + rng.next() * 0.1)) {
    out.push({ startMs: t, endMs: t + 2000, channel: `https ${srcIp}`, srcIp, host, user: 'SYSTEM', commands: 0 });
  }
  return out;
}

/**
 * The classification rule the attribution engine expects from trace: a channel is automated when it has at
 * least `minCount` sessions whose inter-arrival times vary little (coefficient of variation below `maxCv`),
 * or when its sessions carry no interactive commands; everything else is interactive. The trace engineer's
 * classifier replaces this function; the generator only needs one with the same contract.
 */
export type SessionClassifier = (candidates: readonly SessionCandidate[]) => { interactive: SessionCandidate[]; automated: SessionCandidate[] };

export const classifySessions: SessionClassifier = (candidates) => {
  const byChannel = new Map<string, SessionCandidate[]>();
  for (const c of candidates) {
    const list = byChannel.get(c.channel);
    if (list) list.push(c); else byChannel.set(c.channel, [c]);
  }
  const automatedChannels = new Set<string>();
  for (const [ch, ss] of byChannel) {
    const t = ss.map((s) => s.startMs).sort((a, b) => a - b);
    const gaps = t.slice(1).map((x, i) => x - (t[i] ?? x));
    const mean = gaps.reduce((a, b) => a + b, 0) / (gaps.length || 1);
    const sd = Math.sqrt(gaps.reduce((a, g) => a + (g - mean) ** 2, 0) / (gaps.length || 1));
    const periodic = ss.length >= 6 && mean > 0 && sd / mean < 0.25;
    if (periodic || ss.every((s) => s.commands === 0)) automatedChannels.add(ch);
  }
  return {
    interactive: candidates.filter((c) => !automatedChannels.has(c.channel)),
    automated: candidates.filter((c) => automatedChannels.has(c.channel)),
  };
};
