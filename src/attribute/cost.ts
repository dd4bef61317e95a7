import type { AdmiraltyReliability, EvidenceItem } from './evidence.js';

/**
 * Cost to fake: how much it takes another actor to plant (or borrow) an item so that it points somewhere else.
 * Each class carries `pPlanted`, the probability that an observed item of that class was planted or borrowed
 * rather than left by the actor who did the intrusion. The public cases that set the classes:
 *
 * - Strings and resource language are cheap. The Vault 7 "Marble" framework (WikiLeaks, March 2017) existed to
 *   obfuscate strings and could insert Chinese, Russian, Korean, Arabic and Farsi text on purpose; Olympic
 *   Destroyer (Pyeongchang 2018) carried code and strings that pointed at three different countries.
 * - A single timestamp is one field. PE TimeDateStamp is written by the linker and trivially rewritten
 *   (reproducible builds zero it; Olympic Destroyer and many others carry forged or zeroed times), so compile
 *   times are cheap however many samples share the build machine's setting.
 * - VPS location, IP and ASN are cheap: servers are rented anywhere in minutes.
 * - The Rich header is moderate: Olympic Destroyer copied the Rich header of a Lazarus sample, and Kaspersky
 *   found the forgery only because it did not match the actual linker (Kaspersky GReAT, "The devil's in the Rich
 *   header", March 2018). It takes intent and skill, not access.
 * - Code-signing certificates are moderate: stolen certificates are bought and used by others; Stuxnet signed its
 *   drivers with certificates stolen from Realtek and JMicron (2010).
 * - Tool hashes, imphash, YARA hits and family names are moderate: samples leak, and tools are shared or sold.
 * - Months of consistent working hours across many human operator sessions are costly: a false flag would need a
 *   team to work another country's office hours, weekends and holidays for months. Working-hours studies of
 *   compile and operation times (Mandiant APT1 2013, FireEye APT28 2014, Kaspersky on Lazarus) held up in
 *   later indictments where operator-time evidence, not single timestamps, was the basis.
 * - Shared private code (code similarity to a non-public family) is costly: it needs access to another actor's
 *   source (WannaCry's code overlap with Lazarus' Contopee, Google/Kaspersky 2017).
 * - Infrastructure overlapping over time is costly but not impossible: Turla operated through OilRig's
 *   compromised servers for months (NCSC/NSA advisory, October 2019), which is why even costly infrastructure
 *   keeps a non-zero pPlanted.
 * - A TTP sequence observed as one chain is costly; isolated techniques are moderate (many groups share them).
 */
export type CostClass = 'cheap' | 'moderate' | 'costly';

export const P_PLANTED: Record<CostClass, number> = { cheap: 0.3, moderate: 0.1, costly: 0.03 };

/**
 * Under an explicit "X framed as Y" hypothesis the framer chose what to plant: the probability that an item of
 * each class was planted in that operation. Cheap artefacts are the framer's first tool; costly ones are rare.
 */
export const P_FRAMED: Record<CostClass, number> = { cheap: 0.7, moderate: 0.3, costly: 0.03 };

/** Sessions and span that make operator hours costly (months of consistent hours) or at least moderate. */
export const ACTIVITY_COSTLY = { sessions: 40, spanDays: 30 };
export const ACTIVITY_MODERATE = { sessions: 12, spanDays: 7 };
/** Infrastructure used over at least this many days counts as overlapping over time. */
export const INFRA_COSTLY_DAYS = 30;

/** Reliability of an analyst's source maps to the chance the report is planted or wrong (Admiralty scale). */
const RELIABILITY_P: Record<AdmiraltyReliability, number> = { A: 0.02, B: 0.05, C: 0.1, D: 0.2, E: 0.4, F: 0.3 };

export interface ItemCost { cost: CostClass; pPlanted: number; why: string }

function spanDays(timestamps: readonly string[]): number {
  if (timestamps.length < 2) return 0;
  const ms = timestamps.map((t) => Date.parse(t)).filter(Number.isFinite);
  return (Math.max(...ms) - Math.min(...ms)) / 86_400_000;
}

function cls(cost: CostClass, why: string): ItemCost {
  return { cost, pPlanted: P_PLANTED[cost], why };
}

/** The cost class of one item, from its kind and what it carries. */
export function costOf(item: EvidenceItem): ItemCost {
  switch (item.kind) {
    case 'activity-time': {
      const n = item.value.timestamps.length;
      const span = spanDays(item.value.timestamps);
      if (n >= ACTIVITY_COSTLY.sessions && span >= ACTIVITY_COSTLY.spanDays) return cls('costly', `${n} operator sessions over ${Math.round(span)} days`);
      if (n >= ACTIVITY_MODERATE.sessions && span >= ACTIVITY_MODERATE.spanDays) return cls('moderate', `${n} operator sessions over ${Math.round(span)} days`);
      return cls('cheap', `only ${n} operator sessions over ${Math.round(span)} days`);
    }
    case 'compile-time': return cls('cheap', 'timestamps are one field each, set by the build');
    case 'language': return cls('cheap', `${item.value.artefact} are inserted at will (Vault 7 Marble)`);
    case 'victimology': return cls('cheap', 'victims are chosen by the operator');
    case 'rich-header': return cls('moderate', 'Rich headers can be copied (Olympic Destroyer)');
    case 'certificate': return cls('moderate', 'certificates are stolen and reused (Stuxnet: Realtek, JMicron)');
    case 'infrastructure': {
      const v = item.value;
      const days = v.firstSeen && v.lastSeen ? spanDays([v.firstSeen, v.lastSeen]) : 0;
      const strong = (v.domains?.length ?? 0) + (v.certSha256?.length ?? 0) + (v.sshHostKeys?.length ?? 0) + (v.ja3?.length ?? 0) + (v.ja4?.length ?? 0);
      if (days >= INFRA_COSTLY_DAYS && (strong > 0 || (v.ips?.length ?? 0) > 0)) return cls('costly', `infrastructure overlapping for ${Math.round(days)} days (Turla on OilRig)`);
      if (strong > 0) return cls('moderate', 'domains, keys and fingerprints can be borrowed or hijacked');
      return cls('cheap', 'addresses, ASNs and hosting location are rented anywhere');
    }
    case 'code-reuse': {
      const v = item.value;
      if (v.publicTooling) return cls('cheap', 'publicly available tooling');
      if ((v.tlsh?.length ?? 0) > 0) return cls('costly', 'code similarity to private code needs its source');
      return cls('moderate', 'hashes and family names of leaked or shared tools');
    }
    case 'ttp':
      return item.value.ordered && item.value.techniques.length >= 5
        ? cls('costly', `an ordered sequence of ${item.value.techniques.length} techniques`)
        : cls('moderate', 'isolated techniques are shared by many groups');
    case 'other': {
      const p = RELIABILITY_P[item.value.reliability];
      return { cost: p <= P_PLANTED.costly ? 'costly' : p <= P_PLANTED.moderate ? 'moderate' : 'cheap', pPlanted: p, why: `source reliability ${item.value.reliability}` };
    }
  }
}

/**
 * The bound. With probability p the item's value was chosen by someone who wanted it to point at its best
 * match (the actor m with the largest raw ratio), whatever actor did the intrusion. So for hypothesis h
 *   P(e | h) ∝ (1 − p)·LR_h + p·LR_m,   and the ratio to "unknown" is  [(1 − p)·LR_h + p·LR_m] / [(1 − p) + p·LR_m].
 * Consequences: the best match never gains more than 1/p; a mismatch never costs more than a factor p; an item
 * that matches nobody reduces to the textbook (1 − p)·LR + p.
 */
export function boundedRatio(rawH: number, rawBest: number, p: number): number {
  const best = Math.max(1, rawBest);
  return ((1 - p) * rawH + p * best) / ((1 - p) + p * best);
}
