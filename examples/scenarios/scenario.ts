import { icuOffset } from '../../src/attribute/activity/index.js';
import { makeEvidence } from '../../src/attribute/index.js';
import type { EvidenceItem } from '../../src/attribute/index.js';
import type { ActorProfile } from '../../src/intel/actors/index.js';
import { DST_TEMPLATES, ipIn, makeActor, nearTlsh, TEMPLATES } from './actors.js';
import type { Template } from './actors.js';
import { Rng } from './prng.js';
import { beaconSessions, classifySessions, localToUtc, operatorSessions } from './sessions.js';
import type { SessionCandidate, SessionClassifier } from './sessions.js';

/**
 * Cases with known truth: who did it, whom they framed, and what a sound engine must say. Each scenario
 * carries the actor profiles the analyst has, the typed evidence, and the raw sessions (beacons included)
 * from which the activity evidence was taken.
 */
export type ScenarioKind = 'genuine' | 'framed' | 'consistent' | 'sparse' | 'dst' | 'beacons' | 'unknown-actor' | 'framed-rich';
export const SCENARIO_KINDS: ScenarioKind[] = ['genuine', 'framed', 'consistent', 'sparse', 'dst', 'beacons', 'unknown-actor'];
/**
 * Harder, outside the default cycle: Olympic Destroyer style. Besides cheap artefacts the framer copies Y's
 * Rich header and reuses Y's leaked tool (imphash), both moderate; X's own evidence is one costly code match
 * and a few weeks of operator hours.
 */
export const HARD_KINDS: ScenarioKind[] = ['framed-rich'];

export interface Scenario {
  id: string;
  kind: ScenarioKind;
  seed: number;
  truth: { actor: string; framedAs?: string };
  actors: ActorProfile[];
  evidence: EvidenceItem[];
  sessions: SessionCandidate[];
  expect: {
    falseFlag: boolean;
    /** Dear evidence (hours over months, private code) points at the true actor. */
    costlyAgrees: boolean;
    /** The operators' true UTC offset at the median interactive session. */
    utcOffsetMinutes: number | null;
  };
}

const DAY = 86_400_000;
const DAY_2024_01_15 = 19737;

function mkTemplates(rng: Rng, kind: ScenarioKind): { truth: Template; other: Template; pool: Template[] } {
  const dstKey = kind === 'dst' ? rng.pick(DST_TEMPLATES) : undefined;
  const truth = dstKey ? (TEMPLATES.find((t) => t.key === dstKey) as Template) : rng.pick(TEMPLATES);
  const others = rng.sample(TEMPLATES.filter((t) => t !== truth), 4);
  return { truth, other: others[0] as Template, pool: [truth, ...others] };
}

/** Compile times on random working days before the intrusion, in a zone's office hours. */
function compileTimes(rng: Rng, t: Template, beforeDay: number, n: number): string[] {
  const out: string[] = [];
  while (out.length < n) {
    const day = beforeDay - rng.int(5, 120);
    const wd = ['sun', 'mon', 'tue', 'wed', 'thu', 'fri', 'sat'][(((day + 4) % 7) + 7) % 7];
    if (!t.workweek.includes(wd as Template['workweek'][number])) continue;
    out.push(new Date(localToUtc(t.timezone, day * DAY + (10 + rng.next() * 7) * 3_600_000)).toISOString());
  }
  return out.sort();
}

export function generateScenario(seed: number, kind: ScenarioKind, classify: SessionClassifier = classifySessions): Scenario {
  const rng = new Rng(seed);
  const { truth, other, pool } = mkTemplates(rng, kind);
  const profiles = new Map(pool.map((t) => [t.key, makeActor(rng, t)]));
  const x = profiles.get(truth.key) as ActorProfile;
  const y = profiles.get(other.key) as ActorProfile;
  const id = `${kind}-${seed}`;
  const framed = kind === 'framed' || kind === 'framed-rich';
  const rich = kind === 'framed-rich';
  const sparse = kind === 'sparse';
  const startDay = kind === 'dst' ? (rng.chance(0.5) ? 20139 : 19773) + rng.int(0, 6) : DAY_2024_01_15 + rng.int(0, 600);
  const days = sparse ? rng.int(2, 4) : kind === 'dst' ? 70 : rich ? rng.int(14, 28) : rng.int(50, 110);
  const srcIps = [ipIn(rng, `198.51.${rng.int(0, 255)}`)];
  const sessions = operatorSessions(rng, {
    zone: truth.timezone, workweek: truth.workweek, holidays: truth.holidays, startDay, days, perDay: sparse ? 1 : 1.4,
    srcIps, hosts: ['ts-gw01', 'grid-ops-07'], users: ['svc_maint', 'root'],
  });
  if (kind === 'beacons') {
    for (let k = rng.int(1, 2); k > 0; k--) sessions.push(...beaconSessions(rng, startDay, days, rng.pick([300, 900, 3600]), ipIn(rng, `203.0.${rng.int(0, 255)}`), 'grid-ops-07'));
    sessions.sort((a, b) => a.startMs - b.startMs);
  }
  const interactive = classify(sessions).interactive;
  const ev: EvidenceItem[] = [];
  const times = interactive.map((s) => new Date(s.startMs).toISOString());
  if (times.length > 0) ev.push(makeEvidence('activity-time', { timestamps: times }, { events: [`${id}:sessions`] }));
  // Samples: each gives strings (cheap), perhaps Rich header and code similarity (dearer).
  const cheapFrom = framed ? other : truth;
  const nSamples = sparse ? 1 : rng.int(2, 3);
  const samples = Array.from({ length: nSamples }, () => rng.hex(64));
  const lang = kind === 'genuine' && rng.chance(0.5) ? 'en' : cheapFrom.language;
  for (const s of samples) {
    if (!sparse || rng.chance(0.6)) ev.push(makeEvidence('language', { artefact: 'strings', languages: [{ tag: lang, count: rng.int(5, 200) }, { tag: 'en', count: rng.int(20, 300) }] }, { samples: [s] }));
    if (framed || kind === 'consistent') ev.push(makeEvidence('language', { artefact: 'resource', languages: [{ tag: cheapFrom.language, count: 1 }] }, { samples: [s] }));
    if (sparse) continue;
    if (rich) {
      ev.push(makeEvidence('rich-header', { richHash: rng.pick(y.tools.richHash) }, { samples: [s] }));
      ev.push(makeEvidence('code-reuse', { imphash: [rng.pick(y.tools.imphash)] }, { samples: [`${s.slice(0, 60)}0000`] }));
      if (s === samples[0]) ev.push(makeEvidence('code-reuse', { tlsh: [nearTlsh(rng, rng.pick(x.tools.tlsh), rng.int(2, 8))] }, { samples: [s] }));
      continue;
    }
    if (rng.chance(0.7)) ev.push(makeEvidence('code-reuse', { tlsh: [nearTlsh(rng, rng.pick(x.tools.tlsh), rng.int(2, 8))] }, { samples: [s] }));
    else if (rng.chance(0.6)) ev.push(makeEvidence('code-reuse', { imphash: [rng.pick(x.tools.imphash)] }, { samples: [s] }));
    if (rng.chance(0.4)) ev.push(makeEvidence('rich-header', { richHash: rng.pick(x.tools.richHash) }, { samples: [s] }));
  }
  if (!sparse && (framed || kind === 'consistent' || rng.chance(0.5))) {
    ev.push(makeEvidence('compile-time', { timestamps: compileTimes(rng, cheapFrom, startDay, rng.int(3, 6)), field: 'pe-timestamp' }, { samples }));
  }
  if (!sparse && rng.chance(0.6)) {
    const first = new Date(startDay * DAY).toISOString();
    const last = new Date((startDay + rng.int(35, 60)) * DAY).toISOString();
    ev.push(makeEvidence('infrastructure', { domains: [rng.pick(x.infrastructure.domains)], firstSeen: first, lastSeen: last }, { events: [`${id}:dns`] }));
  }
  if (framed ? rng.chance(0.5) : sparse ? rng.chance(0.5) : rng.chance(0.3)) {
    const cidr = (framed ? y : x).infrastructure.cidrs[0] ?? '192.0.2.0/24';
    ev.push(makeEvidence('infrastructure', { ips: [ipIn(rng, cidr.split('.').slice(0, 3).join('.'))], hostingCountry: cheapFrom.country }, { events: [`${id}:vps`] }));
  }
  if (!sparse && rng.chance(0.6)) {
    ev.push(makeEvidence('ttp', { techniques: [...rng.sample(x.ttps, 4), 'T1059'].sort(), ordered: rng.chance(0.5) }, { events: [`${id}:chain`] }));
  }
  const actors = kind === 'unknown-actor' ? [...profiles.values()].filter((p) => p.id !== x.id) : [...profiles.values()];
  const median = interactive[Math.floor(interactive.length / 2)];
  return {
    id, kind, seed,
    truth: kind === 'unknown-actor' ? { actor: 'unknown' } : framed ? { actor: x.id, framedAs: y.id } : { actor: x.id },
    actors: actors.sort((a, b) => (a.id < b.id ? -1 : 1)),
    evidence: ev,
    sessions,
    expect: {
      falseFlag: framed,
      costlyAgrees: !sparse && kind !== 'unknown-actor',
      utcOffsetMinutes: median ? icuOffset(truth.timezone, median.startMs) : null,
    },
  };
}

/** `n` scenarios cycling through the kinds, seeds derived from `seed`. */
export function generateScenarios(n: number, seed = 1, kinds: readonly ScenarioKind[] = SCENARIO_KINDS): Scenario[] {
  return Array.from({ length: n }, (_, i) => generateScenario(seed * 100_003 + i, kinds[i % kinds.length] as ScenarioKind));
}
