/**
 * Deterministic STIX identifiers. SCOs: UUIDv5 in the STIX namespace over the JCS-canonical JSON of the type's
 * ID-contributing properties (STIX 2.1 §2.9), so two tools that see the same address produce the same id. SDOs,
 * SROs and SCOs without contributing properties (process): UUIDv5 in veritrace's own namespace over the object's
 * content, so re-running an export yields the same ids (the spec allows any UUID; we want reproducible output).
 */
import { createHash } from 'node:crypto';

/** The namespace STIX 2.1 §2.9 fixes for SCO ids. */
export const STIX_SCO_NAMESPACE = '00abedb4-aa42-466c-9c01-fed23315a9b7';
/** veritrace's namespace for content-derived SDO/SRO ids: uuidv5(DNS namespace, 'veritrace.stix'). */
export const VERITRACE_NAMESPACE = uuidv5('6ba7b810-9dad-11d1-80b4-00c04fd430c8', 'veritrace.stix');

/** RFC 4122 version-5 UUID. */
export function uuidv5(namespace: string, name: string): string {
  const ns = Buffer.from(namespace.replace(/-/g, ''), 'hex');
  if (ns.length !== 16) throw new Error(`bad UUID namespace ${namespace}`);
  const h = createHash('sha1').update(ns).update(Buffer.from(name, 'utf8')).digest();
  h[6] = (h[6]! & 0x0f) | 0x50;
  h[8] = (h[8]! & 0x3f) | 0x80;
  const x = h.subarray(0, 16).toString('hex');
  return `${x.slice(0, 8)}-${x.slice(8, 12)}-${x.slice(12, 16)}-${x.slice(16, 20)}-${x.slice(20, 32)}`;
}

/** RFC 8785 (JCS) canonical JSON: sorted keys by UTF-16 code units, ECMAScript number and string forms. */
export function canonicalJson(v: unknown): string {
  if (v === null || typeof v === 'boolean' || typeof v === 'number' || typeof v === 'string') {
    if (typeof v === 'number' && !Number.isFinite(v)) throw new Error('JCS cannot encode a non-finite number');
    return JSON.stringify(v);
  }
  if (Array.isArray(v)) return `[${v.map(canonicalJson).join(',')}]`;
  if (typeof v === 'object') {
    const o = v as Record<string, unknown>;
    const keys = Object.keys(o).filter((k) => o[k] !== undefined).sort();
    return `{${keys.map((k) => `${JSON.stringify(k)}:${canonicalJson(o[k])}`).join(',')}}`;
  }
  throw new Error(`JCS cannot encode ${typeof v}`);
}

/** STIX 2.1 §6: the ID-contributing properties of each SCO type. */
export const SCO_ID_PROPERTIES: Readonly<Record<string, readonly string[]>> = {
  'artifact': ['hashes', 'payload_bin'],
  'autonomous-system': ['number'],
  'directory': ['path'],
  'domain-name': ['value'],
  'email-addr': ['value'],
  'email-message': ['from_ref', 'subject', 'body'],
  'file': ['hashes', 'name', 'extensions', 'parent_directory_ref'],
  'ipv4-addr': ['value'],
  'ipv6-addr': ['value'],
  'mac-addr': ['value'],
  'mutex': ['name'],
  'network-traffic': ['start', 'end', 'src_ref', 'dst_ref', 'src_port', 'dst_port', 'protocols', 'extensions'],
  'software': ['name', 'cpe', 'swid', 'vendor', 'version'],
  'url': ['value'],
  'user-account': ['account_type', 'user_id', 'account_login'],
  'windows-registry-key': ['key', 'values'],
  'x509-certificate': ['hashes', 'serial_number'],
};

/** §2.9: of several hashes only one contributes, the first present of MD5, SHA-1, SHA-256, SHA-512. */
const HASH_PREFERENCE = ['MD5', 'SHA-1', 'SHA-256', 'SHA-512'];

function oneHash(h: Record<string, string>): Record<string, string> {
  for (const k of HASH_PREFERENCE) if (h[k] !== undefined) return { [k]: h[k] };
  const first = Object.keys(h).sort()[0];
  return first === undefined ? {} : { [first]: h[first]! };
}

/** The id of an SCO (without `id`), deterministic per §2.9. */
export function scoId(obj: { type: string } & Record<string, unknown>): string {
  const props = SCO_ID_PROPERTIES[obj.type];
  const contributing: Record<string, unknown> = {};
  for (const p of props ?? []) {
    const v = obj[p];
    if (v === undefined) continue;
    contributing[p] = p === 'hashes' && typeof v === 'object' && v !== null ? oneHash(v as Record<string, string>) : v;
  }
  if (Object.keys(contributing).length === 0) return contentId(obj);
  return `${obj.type}--${uuidv5(STIX_SCO_NAMESPACE, canonicalJson(contributing))}`;
}

/** A content-derived id for SDOs/SROs (and SCOs without contributing properties): same content, same id. */
export function contentId(obj: { type: string } & Record<string, unknown>): string {
  const { id: _id, ...rest } = obj;
  return `${obj.type}--${uuidv5(VERITRACE_NAMESPACE, canonicalJson(rest))}`;
}
