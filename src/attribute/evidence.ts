/**
 * The evidence model: typed items that the case (trace, examine, detect) or an analyst hands to the attribution
 * engine. Every item names its source (events, samples, analyst) and a dependence group: items that share a
 * source are not independent observations (one sample's hundred strings are one observation) and are counted once.
 */

import { canonicalJson, contentHash } from './ids.js';

export type EvidenceKind =
  | 'activity-time' | 'compile-time' | 'language' | 'rich-header' | 'certificate'
  | 'infrastructure' | 'code-reuse' | 'ttp' | 'victimology' | 'other';

export const EVIDENCE_KINDS: readonly EvidenceKind[] = [
  'activity-time', 'compile-time', 'language', 'rich-header', 'certificate',
  'infrastructure', 'code-reuse', 'ttp', 'victimology', 'other',
];

/** Where an item came from, so every claim leads back to raw evidence. */
export interface EvidenceSource {
  /** Case event ids. */
  events?: string[];
  /** SHA-256 of examined samples. */
  samples?: string[];
  /** Analyst or report that entered the item. */
  analyst?: string;
}

interface Item<K extends EvidenceKind, V> {
  /** Stable, content-derived id (see `evidenceId`). */
  id: string;
  kind: K;
  source: EvidenceSource;
  /** Items with the same group are dependent and count once (see score.ts). Default: `dependenceGroupFor`. */
  dependenceGroup: string;
  value: V;
  description?: string;
}

/** Start times (ISO 8601 UTC) of human operator sessions; automated/beaconing sessions must be excluded upstream. */
export type ActivityTimeItem = Item<'activity-time', { timestamps: string[] }>;
/** Compile, signing or debug-directory times (ISO 8601 UTC) of samples. */
export type CompileTimeItem = Item<'compile-time', { timestamps: string[]; field?: 'pe-timestamp' | 'signing-time' | 'debug-time' | 'other' }>;
/** Languages (BCP 47) seen in strings, resources, keyboard layouts or metadata, with counts. */
export type LanguageItem = Item<'language', {
  artefact: 'strings' | 'resource' | 'keyboard-layout' | 'code-page' | 'metadata';
  languages: { tag: string; count: number }[];
}>;
export type RichHeaderItem = Item<'rich-header', { richHash: string; toolchain?: string }>;
export type CertificateItem = Item<'certificate', { sha256: string; issuer?: string; subject?: string }>;
/**
 * Infrastructure seen in the intrusion. `firstSeen`/`lastSeen` (ISO) say how long the overlap lasted: a server
 * used over weeks is costlier to borrow than one rented yesterday. `hostingCountry` is the VPS location (ISO 3166).
 */
export type InfrastructureItem = Item<'infrastructure', {
  ips?: string[]; asns?: number[]; domains?: string[]; certSha256?: string[];
  ja3?: string[]; ja4?: string[]; sshHostKeys?: string[];
  hostingCountry?: string; firstSeen?: string; lastSeen?: string;
}>;
/**
 * Tooling: hashes, similarity digests and family names of examined samples. `publicTooling` marks tools anyone
 * can download (Mimikatz, Cobalt Strike cracks), whose reuse says little about who used them.
 */
export type CodeReuseItem = Item<'code-reuse', {
  sha256?: string[]; imphash?: string[]; tlsh?: string[]; yara?: string[]; families?: string[]; publicTooling?: boolean;
}>;
/** ATT&CK technique ids; `ordered` when they were observed as a sequence in one intrusion. */
export type TtpItem = Item<'ttp', { techniques: string[]; ordered?: boolean }>;
export type VictimologyItem = Item<'victimology', { sectors?: string[]; countries?: string[] }>;

export type AdmiraltyReliability = 'A' | 'B' | 'C' | 'D' | 'E' | 'F';
export type AdmiraltyCredibility = 1 | 2 | 3 | 4 | 5 | 6;
/** Analyst-entered: a statement that points to actors, graded on the Admiralty (NATO AJP-2.1) scale. */
export type OtherItem = Item<'other', {
  statement: string; pointsTo: string[]; reliability: AdmiraltyReliability; credibility: AdmiraltyCredibility;
}>;

export type EvidenceItem =
  | ActivityTimeItem | CompileTimeItem | LanguageItem | RichHeaderItem | CertificateItem
  | InfrastructureItem | CodeReuseItem | TtpItem | VictimologyItem | OtherItem;

/** The default dependence group: one source and one kind. Different kinds from one sample are written by
 * different processes (the linker writes the Rich header, the author the strings) and are weighed separately;
 * their mutual consistency is exactly what the false-flag check examines. */
export function dependenceGroupFor(kind: EvidenceKind, source: EvidenceSource): string {
  const key = [...(source.samples ?? []), ...(source.events ?? [])].sort().join(',') || source.analyst || 'unsourced';
  return `${kind}:${key}`;
}

export type ValueOf<K extends EvidenceKind> = Extract<EvidenceItem, { kind: K }>['value'];

/** Builds an item with a content-derived id: the same observation from the same source always gets the same id. */
export function makeEvidence<K extends EvidenceKind>(
  kind: K, value: ValueOf<K>, source: EvidenceSource, dependenceGroup?: string, description?: string,
): Extract<EvidenceItem, { kind: K }> {
  const id = `${kind}-${contentHash(canonicalJson({ kind, value, source })).slice(0, 12)}`;
  const item = { id, kind, source, dependenceGroup: dependenceGroup ?? dependenceGroupFor(kind, source), value };
  // TypeScript cannot relate a generic K to the union member it selects; the fields above are exactly that member's.
  return (description === undefined ? item : { ...item, description }) as unknown as Extract<EvidenceItem, { kind: K }>;
}
