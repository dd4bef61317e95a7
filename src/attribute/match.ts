import type { ActorProfile } from '../intel/actors/index.js';
import type { ActivityData } from './activity/index.js';
import type { EvidenceItem, LanguageItem, OtherItem, TtpItem } from './evidence.js';
import { cidrContains } from './net.js';
import { tlshDistance } from './tlsh.js';

/**
 * Raw likelihood ratios: how much more probable an item is if actor a did the intrusion than if an actor we
 * have no profile for did, before any allowance for planting (that is cost.ts). For indicator kinds the model
 * is: a's genuine artefact matches a's profile with probability c (coverage: profiles are incomplete), and an
 * unrelated actor's matches by coincidence with probability c/S (S: specificity of the indicator). So a match
 * gives S and a miss gives (1 − c)/(1 − c/S). An actor whose profile has nothing of that kind gets 1.
 */
export interface RawRatio { ratio: number; matched: string[] }

export interface MatchContext {
  /** Share of actors whose profiles list a technique (ATT&CK or the given actors); default from the actors. */
  techniqueBaseRates: Map<string, number>;
  /** Activity data per activity-time / compile-time item id. */
  activity: Map<string, ActivityData>;
}

/** Specificity of each indicator type: how much rarer a coincidental match is than a genuine one. */
export const SPECIFICITY = {
  sha256: 1000, imphash: 40, tlshClose: 300, tlshNear: 60, tlshFar: 8, yara: 20, family: 25, publicFamily: 2, richHash: 30,
  certSha256: 200, ip: 30, cidr: 8, asn: 2, domain: 60, ja3: 3, ja4: 6, sshHostKey: 200, hostingCountry: 1.5,
} as const;
const COVERAGE = { infrastructure: 0.3, code: 0.5, certificate: 0.2, rich: 0.4 } as const;

function indicator(hits: [string, number][], has: boolean, coverage: number, typicalS: number): RawRatio {
  if (!has) return { ratio: 1, matched: [] };
  if (hits.length === 0) return { ratio: (1 - coverage) / (1 - coverage / typicalS), matched: [] };
  const best = Math.max(...hits.map(([, s]) => s));
  return { ratio: best, matched: hits.map(([m]) => m).sort() };
}

const inter = (xs: readonly string[] | undefined, ys: readonly string[]): string[] => (xs ?? []).filter((x) => ys.includes(x.toLowerCase()));

/** Base rate of a language among actors in general: English is the lingua franca of tooling. */
const languageBase = (tag: string): number => (tag === 'en' ? 0.5 : 0.025);
const primary = (tag: string): string => tag.toLowerCase().split('-')[0] ?? tag;

function language(item: LanguageItem, a: ActorProfile): RawRatio {
  if (a.languages.length === 0) return { ratio: 1, matched: [] };
  const own = new Set(a.languages.map(primary));
  const total = item.value.languages.reduce((s, l) => s + Math.max(0, l.count), 0) || 1;
  let logSum = 0;
  const matched: string[] = [];
  for (const l of item.value.languages) {
    const t = primary(l.tag);
    const base = languageBase(t);
    const p = own.has(t) ? 0.8 / own.size + 0.2 * base : 0.2 * base;
    if (own.has(t)) matched.push(`language ${t}`);
    logSum += (Math.max(0, l.count) / total) * Math.log(p / base);
  }
  return { ratio: Math.exp(logSum), matched };
}

function ttp(item: TtpItem, a: ActorProfile, rates: Map<string, number>): RawRatio {
  if (a.ttps.length === 0) return { ratio: 1, matched: [] };
  const c = 0.6;
  const own = new Set(a.ttps);
  let log = 0;
  const matched: string[] = [];
  for (const t of [...new Set(item.value.techniques.map((x) => x.toUpperCase()))]) {
    const b = Math.min(0.9, Math.max(0.02, rates.get(t) ?? 0.2));
    const hit = own.has(t) || (t.includes('.') && own.has(t.split('.')[0] ?? ''));
    if (hit) matched.push(t);
    log += hit ? Math.log(Math.max(1, c / b)) : Math.log(Math.min(1, (1 - c) / (1 - b)));
  }
  // Techniques of one intrusion are correlated choices; count them as √n independent ones.
  const n = item.value.techniques.length || 1;
  return { ratio: Math.exp(log / Math.sqrt(n)), matched };
}

const CREDIBILITY_LR: Record<OtherItem['value']['credibility'], number> = { 1: 20, 2: 8, 3: 3, 4: 1.5, 5: 1, 6: 2 };

export function rawRatio(item: EvidenceItem, a: ActorProfile, ctx: MatchContext): RawRatio {
  const inf = a.infrastructure;
  const tools = a.tools;
  switch (item.kind) {
    case 'activity-time':
    case 'compile-time': {
      const data = ctx.activity.get(item.id);
      return { ratio: data ? data.actorRatio(a) : 1, matched: a.timezone ? [`working hours in ${a.timezone}`] : [] };
    }
    case 'language': return language(item, a);
    case 'rich-header': {
      const hit = tools.richHash.includes(item.value.richHash.toLowerCase());
      return indicator(hit ? [[`rich ${item.value.richHash}`, SPECIFICITY.richHash]] : [], tools.richHash.length > 0, COVERAGE.rich, SPECIFICITY.richHash);
    }
    case 'certificate': {
      const hit = inf.certSha256.includes(item.value.sha256.toLowerCase());
      return indicator(hit ? [[`certificate ${item.value.sha256}`, SPECIFICITY.certSha256]] : [], inf.certSha256.length > 0, COVERAGE.certificate, SPECIFICITY.certSha256);
    }
    case 'infrastructure': {
      const v = item.value;
      const hits: [string, number][] = [];
      for (const ip of v.ips ?? []) {
        if (inf.ips.includes(ip.toLowerCase())) hits.push([`ip ${ip}`, SPECIFICITY.ip]);
        else if (inf.cidrs.some((c) => cidrContains(c, ip))) hits.push([`ip ${ip} in actor range`, SPECIFICITY.cidr]);
      }
      for (const asn of v.asns ?? []) if (inf.asns.includes(asn)) hits.push([`AS${asn}`, SPECIFICITY.asn]);
      for (const d of inter(v.domains, inf.domains)) hits.push([`domain ${d}`, SPECIFICITY.domain]);
      for (const x of inter(v.certSha256, inf.certSha256)) hits.push([`certificate ${x}`, SPECIFICITY.certSha256]);
      for (const x of inter(v.ja3, inf.ja3)) hits.push([`ja3 ${x}`, SPECIFICITY.ja3]);
      for (const x of inter(v.ja4, inf.ja4)) hits.push([`ja4 ${x}`, SPECIFICITY.ja4]);
      for (const x of (v.sshHostKeys ?? []).filter((k) => inf.sshHostKeys.includes(k))) hits.push([`ssh host key ${x}`, SPECIFICITY.sshHostKey]);
      if (v.hostingCountry && a.holidays && a.holidays.split('-')[0] === v.hostingCountry.toUpperCase()) hits.push([`hosted in ${v.hostingCountry}`, SPECIFICITY.hostingCountry]);
      const has = Object.values(inf).some((xs: readonly unknown[]) => xs.length > 0);
      return indicator(hits, has, COVERAGE.infrastructure, v.domains?.length || v.sshHostKeys?.length ? SPECIFICITY.domain : SPECIFICITY.ip);
    }
    case 'code-reuse': {
      const v = item.value;
      const hits: [string, number][] = [];
      for (const x of inter(v.sha256, tools.sha256)) hits.push([`sha256 ${x}`, SPECIFICITY.sha256]);
      for (const x of inter(v.imphash, tools.imphash)) hits.push([`imphash ${x}`, SPECIFICITY.imphash]);
      for (const t of v.tlsh ?? []) {
        const d = Math.min(...tools.tlsh.map((u) => tlshDistance(t, u) ?? Infinity));
        if (d <= 30) hits.push([`tlsh distance ${d}`, SPECIFICITY.tlshClose]);
        else if (d <= 70) hits.push([`tlsh distance ${d}`, SPECIFICITY.tlshNear]);
        else if (d <= 120) hits.push([`tlsh distance ${d}`, SPECIFICITY.tlshFar]);
      }
      for (const x of inter(v.yara, tools.yara)) hits.push([`yara ${x}`, SPECIFICITY.yara]);
      for (const x of inter(v.families, tools.families)) hits.push([`family ${x}`, v.publicTooling ? SPECIFICITY.publicFamily : SPECIFICITY.family]);
      const has = Object.values(tools).some((xs: readonly unknown[]) => xs.length > 0);
      return indicator(hits, has, COVERAGE.code, v.publicTooling ? SPECIFICITY.publicFamily : SPECIFICITY.family);
    }
    case 'ttp': return ttp(item, a, ctx.techniqueBaseRates);
    case 'victimology': {
      if (!a.victimology) return { ratio: 1, matched: [] };
      const m = [...inter(item.value.sectors, a.victimology.sectors), ...(item.value.countries ?? []).filter((c) => a.victimology?.countries.includes(c.toUpperCase()))];
      return { ratio: m.length > 0 ? 2 : 0.8, matched: m };
    }
    case 'other':
      return item.value.pointsTo.includes(a.id) ? { ratio: CREDIBILITY_LR[item.value.credibility], matched: [`analyst: ${item.value.statement}`] } : { ratio: 1, matched: [] };
  }
}

/** Base rates of techniques among the given actors, smoothed, when no ATT&CK rates are supplied. */
export function baseRatesFromActors(actors: readonly ActorProfile[]): Map<string, number> {
  const withTtps = actors.filter((a) => a.ttps.length > 0);
  const counts = new Map<string, number>();
  for (const a of withTtps) for (const t of new Set(a.ttps)) counts.set(t, (counts.get(t) ?? 0) + 1);
  return new Map([...counts].map(([t, c]) => [t, (c + 0.5) / (withTtps.length + 2)]));
}
