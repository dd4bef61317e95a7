/** What veritrace knows about one threat actor: where its operators work, what they write in, what they use. */

export type Weekday = 'sun' | 'mon' | 'tue' | 'wed' | 'thu' | 'fri' | 'sat';
export const WEEKDAYS: readonly Weekday[] = ['sun', 'mon', 'tue', 'wed', 'thu', 'fri', 'sat'];

export interface ActorInfrastructure {
  ips: string[]; cidrs: string[]; asns: number[]; domains: string[];
  certSha256: string[]; ja3: string[]; ja4: string[]; sshHostKeys: string[];
}

export interface ActorTools {
  sha256: string[]; imphash: string[]; tlsh: string[]; richHash: string[]; yara: string[]; families: string[];
}

export interface ActorProfile {
  /** Stable id used in every output. */
  id: string;
  name: string;
  /** IANA zone of the operators' working day; absent when unknown (then timing says nothing for or against). */
  timezone?: string;
  workweek?: Weekday[];
  /** Holiday calendar as date-holidays names it: country or country-region (`US`, `DE-BY`). */
  holidays?: string;
  /** BCP 47 tags, canonicalised. */
  languages: string[];
  infrastructure: ActorInfrastructure;
  tools: ActorTools;
  /** ATT&CK technique ids (`T1078`, `T1021.004`). */
  ttps: string[];
  victimology?: { sectors: string[]; countries: string[] };
  /** Where the profile was read from (file, STIX object id, ATT&CK group id). */
  origin?: string;
}

export function emptyInfrastructure(): ActorInfrastructure {
  return { ips: [], cidrs: [], asns: [], domains: [], certSha256: [], ja3: [], ja4: [], sshHostKeys: [] };
}

export function emptyTools(): ActorTools {
  return { sha256: [], imphash: [], tlsh: [], richHash: [], yara: [], families: [] };
}

function union(a: readonly string[], b: readonly string[]): string[] {
  return [...new Set([...a, ...b])].sort();
}

/**
 * Merges a partial profile (an ATT&CK group's techniques and software, say) into a profile the user wrote.
 * Lists are united; scalar fields of `base` win.
 */
export function mergeProfiles(base: ActorProfile, extra: ActorProfile): ActorProfile {
  const infrastructure = emptyInfrastructure();
  for (const k of Object.keys(infrastructure) as (keyof ActorInfrastructure)[]) {
    if (k === 'asns') infrastructure.asns = [...new Set([...base.infrastructure.asns, ...extra.infrastructure.asns])].sort((x, y) => x - y);
    else infrastructure[k] = union(base.infrastructure[k], extra.infrastructure[k]);
  }
  const tools = emptyTools();
  for (const k of Object.keys(tools) as (keyof ActorTools)[]) tools[k] = union(base.tools[k], extra.tools[k]);
  return {
    ...extra, ...base,
    languages: union(base.languages, extra.languages), ttps: union(base.ttps, extra.ttps), infrastructure, tools,
  };
}
