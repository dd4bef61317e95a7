import { createHash } from 'node:crypto';
import { ActorProfileError } from './errors.js';
import type { ActorProfile } from './profile.js';
import { validateProfile } from './validate.js';
import type { Locator } from './validate.js';

/**
 * Actor profiles as STIX 2.1: an `intrusion-set` carries the fields STIX lacks (time zone, work week, holidays,
 * languages, infrastructure and tool indicators, techniques) in a property extension that veritrace defines
 * here. Ids are UUIDv5 of fixed names, so the same profile always gives the same objects.
 */

/** RFC 4122 UUIDv5 (SHA-1, name-based), as STIX 2.1 §2.9 uses for deterministic identifiers. */
export function uuidv5(name: string, namespace: string): string {
  const ns = Buffer.from(namespace.replace(/-/g, ''), 'hex');
  const h = createHash('sha1').update(ns).update(name, 'utf8').digest();
  h[6] = ((h[6] ?? 0) & 0x0f) | 0x50;
  h[8] = ((h[8] ?? 0) & 0x3f) | 0x80;
  const x = h.subarray(0, 16).toString('hex');
  return `${x.slice(0, 8)}-${x.slice(8, 12)}-${x.slice(12, 16)}-${x.slice(16, 20)}-${x.slice(20, 32)}`;
}

/** The STIX 2.1 namespace for deterministic identifiers (STIX 2.1 §2.9). */
const STIX_NS = '00abedb4-aa42-466c-9c01-fed23315a9b7';
export const VERITRACE_IDENTITY_ID = `identity--${uuidv5('veritrace', STIX_NS)}`;
export const ACTOR_EXTENSION_ID = `extension-definition--${uuidv5('veritrace/actor-profile/1.0', STIX_NS)}`;
const FIXED_TIME = '2026-01-01T00:00:00.000Z';

export function actorExtensionDefinition(): Record<string, unknown> {
  return {
    type: 'extension-definition', spec_version: '2.1', id: ACTOR_EXTENSION_ID, created_by_ref: VERITRACE_IDENTITY_ID,
    created: FIXED_TIME, modified: FIXED_TIME, name: 'veritrace actor profile', version: '1.0.0',
    description: 'Attribution fields of an intrusion set: actor_id, timezone (IANA), workweek, holidays (country[-region]), languages (BCP 47), infrastructure {ips,cidrs,asns,domains,certSha256,ja3,ja4,sshHostKeys}, tools {sha256,imphash,tlsh,richHash,yara,families}, ttps (ATT&CK ids), victimology {sectors,countries}.',
    schema: 'veritrace actor profile 1.0: see src/intel/actors/profile.ts (ActorProfile)',
    extension_types: ['property-extension'],
  };
}

export function veritraceIdentity(): Record<string, unknown> {
  return { type: 'identity', spec_version: '2.1', id: VERITRACE_IDENTITY_ID, created: FIXED_TIME, modified: FIXED_TIME, name: 'veritrace', identity_class: 'system' };
}

/** One profile as an intrusion-set with the veritrace extension. */
export function profileToIntrusionSet(p: ActorProfile): Record<string, unknown> {
  const ext: Record<string, unknown> = {
    extension_type: 'property-extension', actor_id: p.id, languages: p.languages, infrastructure: p.infrastructure, tools: p.tools, ttps: p.ttps,
  };
  if (p.timezone) ext.timezone = p.timezone;
  if (p.workweek) ext.workweek = p.workweek;
  if (p.holidays) ext.holidays = p.holidays;
  if (p.victimology) ext.victimology = p.victimology;
  return {
    type: 'intrusion-set', spec_version: '2.1', id: `intrusion-set--${uuidv5(`veritrace/actor/${p.id}`, STIX_NS)}`,
    created: FIXED_TIME, modified: FIXED_TIME, name: p.name, extensions: { [ACTOR_EXTENSION_ID]: ext },
  };
}

export function profilesToStixBundle(profiles: readonly ActorProfile[]): Record<string, unknown> {
  const objects = [veritraceIdentity(), actorExtensionDefinition(), ...profiles.map(profileToIntrusionSet)];
  return { type: 'bundle', id: `bundle--${uuidv5(objects.map((o) => String(o.id)).join(','), STIX_NS)}`, objects };
}

type Obj = Record<string, unknown>;
const isObj = (v: unknown): v is Obj => typeof v === 'object' && v !== null && !Array.isArray(v);

function externalId(o: Obj | undefined): string | undefined {
  const refs = o?.external_references;
  if (!Array.isArray(refs)) return undefined;
  const r = refs.find((x) => isObj(x) && x.source_name === 'mitre-attack' && typeof x.external_id === 'string');
  return isObj(r) ? String(r.external_id) : undefined;
}

const slug = (s: string): string => s.toLowerCase().replace(/[^a-z0-9]+/g, '-').replace(/^-|-$/g, '') || 'actor';

/**
 * Profiles from the intrusion-sets of a bundle. Fields come from the veritrace extension; techniques and
 * software named by `uses` relationships inside the bundle are added, so a plain ATT&CK-style bundle works too.
 */
export function profilesFromStix(bundle: unknown, loc: Locator): ActorProfile[] {
  if (!isObj(bundle) || !Array.isArray(bundle.objects)) throw new ActorProfileError({ file: loc.file, path: 'objects' }, 'a STIX bundle needs an objects list');
  const objects = bundle.objects;
  const byId = new Map<string, Obj>();
  objects.forEach((o) => { if (isObj(o) && typeof o.id === 'string') byId.set(o.id, o); });
  const uses = new Map<string, Obj[]>();
  for (const o of objects) {
    if (!isObj(o) || o.type !== 'relationship' || o.relationship_type !== 'uses' || o.revoked === true) continue;
    const target = byId.get(String(o.target_ref));
    if (target) uses.set(String(o.source_ref), [...(uses.get(String(o.source_ref)) ?? []), target]);
  }
  const out: ActorProfile[] = [];
  objects.forEach((o, i) => {
    if (!isObj(o) || o.type !== 'intrusion-set' || o.revoked === true) return;
    const exts = isObj(o.extensions) ? o.extensions : {};
    const ext = isObj(exts[ACTOR_EXTENSION_ID]) ? { ...(exts[ACTOR_EXTENSION_ID] as Obj) } : {};
    const name = typeof o.name === 'string' ? o.name : String(o.id);
    const used = uses.get(String(o.id)) ?? [];
    const ttps = used.filter((u) => u.type === 'attack-pattern').map(externalId).filter((t): t is string => t !== undefined);
    const families = used.filter((u) => u.type === 'malware' || u.type === 'tool').map((u) => String(u.name));
    const tools = isObj(ext.tools) ? { ...ext.tools } : {};
    tools.families = [...(Array.isArray(tools.families) ? tools.families : []), ...families];
    const raw: Obj = {
      ...ext, id: typeof ext.actor_id === 'string' ? ext.actor_id : externalId(o) ?? slug(name), name,
      ttps: [...new Set([...(Array.isArray(ext.ttps) ? ext.ttps : []), ...ttps])], tools,
    };
    delete raw.actor_id; delete raw.extension_type;
    const p = validateProfile(raw, loc, ['objects', i, 'extensions', ACTOR_EXTENSION_ID]);
    p.tools.families = [...new Set(p.tools.families)];
    out.push({ ...p, origin: String(o.id) });
  });
  return out;
}
