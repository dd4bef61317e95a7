/**
 * Where each STIX object path lives in the case store, per source. One event is one observation; a path maps to
 * every field of every source that can hold that property, and a comparison holds when any of them holds
 * (STIX: "some object of that type in the observation"). `README.md` beside this file renders this table.
 */
import type { Dialect } from '../../store/index.js';
import { basename, jsonStringOnly, regexpExtract } from './sql-ext.js';

/** The readers behind each source, by `events.format`. `any` is the typed columns every reader fills. */
export type Source = 'any' | 'windows' | 'zeek' | 'suricata' | 'linux';
export const SOURCE_FORMATS: Record<Exclude<Source, 'any'>, readonly string[]> = {
  windows: ['evtx', 'winjson'],
  zeek: ['zeek'],
  suricata: ['suricata'],
  linux: ['syslog', 'auditd'],
};

/** How values are compared: as written, case-folded (DNS names), or as hex digits without `:` separators. */
export type Norm = 'none' | 'lower' | 'hex';
/** `ip` values take CIDR literals and ISSUBSET/ISSUPERSET. */
export type ValueKind = 'text' | 'number' | 'ip';

export interface FieldRef {
  source: Source;
  /** The native field (or derivation) as the documentation shows it. */
  label: string;
  sql: (d: Dialect) => string;
  /**
   * True when the compared value appears inside the `raw` JSON text as written (JSON-escaped; up to case for
   * case-folded paths). Equality tests on such fields first look for the value as a substring of `raw`, which
   * is far cheaper than parsing the JSON for every field. Typed columns and derived values (URL, fingerprints
   * written with `:`) are not, and are always tested in full.
   */
  inRaw: boolean;
}

export interface PathMapping {
  kind: ValueKind;
  norm: Norm;
  fields: FieldRef[];
}

const col = (source: Source, name: string): FieldRef => ({ source, label: `${name} (column)`, sql: () => name, inRaw: false });
/** A field that may hold a list (auditd PATH `name`): only its string form is compared; lists are left out. */
const rawString = (source: Source, ...path: string[]): FieldRef =>
  ({ source, label: `${path.join('.')} (when a string)`, sql: (d) => jsonStringOnly(d, 'raw', path), inRaw: true });
const raw = (source: Source, ...path: string[]): FieldRef => ({ source, label: path.join('.'), sql: (d) => d.jsonText('raw', path), inRaw: true });
const base = (f: FieldRef): FieldRef => ({ source: f.source, label: `basename(${f.label})`, sql: (d) => basename(d, f.sql(d)), inRaw: f.inRaw });
/** A field whose text may carry `:` separators the comparison removes: not findable in `raw` as compared. */
const colons = (f: FieldRef): FieldRef => ({ ...f, inRaw: false });
const sysmonHash = (alg: string): FieldRef => ({
  source: 'windows', label: `Hashes "${alg}=…"`, inRaw: true,
  sql: (d) => regexpExtract(d, d.jsonText('raw', ['Hashes']), `(?i)(?:^|,)\\s*${alg}=([0-9a-f]+)`),
});
/** Certificate fingerprints carry no algorithm name: tell them apart by length (32/40/64 hex digits). */
const fpOfLength = (f: FieldRef, hexDigits: number): FieldRef => ({
  source: f.source, label: `${f.label} (${hexDigits} hex digits)`, inRaw: false,
  sql: (d) => `CASE WHEN length(replace(${f.sql(d)}, ':', '')) = ${hexDigits} THEN ${f.sql(d)} END`,
});
const httpUrl = (source: Source, host: FieldRef, uri: FieldRef): FieldRef => ({
  source, inRaw: false, label: `'http://' || ${host.label} || ${uri.label}`, sql: (d) => `('http://' || ${host.sql(d)} || ${uri.sql(d)})`,
});

const IP_ANY = [
  col('any', 'src_ip'), col('any', 'dst_ip'),
  raw('windows', 'SourceIp'), raw('windows', 'DestinationIp'), raw('windows', 'IpAddress'), raw('windows', 'SourceAddress'), raw('windows', 'DestAddress'),
  raw('zeek', 'id.orig_h'), raw('zeek', 'id.resp_h'),
  raw('suricata', 'src_ip'), raw('suricata', 'dest_ip'),
  raw('linux', 'addr'), raw('linux', 'rhost'),
];
const IP_SRC = [col('any', 'src_ip'), raw('windows', 'SourceIp'), raw('windows', 'SourceAddress'), raw('windows', 'IpAddress'),
  raw('zeek', 'id.orig_h'), raw('suricata', 'src_ip'), raw('linux', 'addr'), raw('linux', 'rhost')];
const IP_DST = [col('any', 'dst_ip'), raw('windows', 'DestinationIp'), raw('windows', 'DestAddress'), raw('zeek', 'id.resp_h'), raw('suricata', 'dest_ip')];

const FILE_HASH = (stixAlg: string, sysmonAlg: string, lower: string): PathMapping => ({
  kind: 'text', norm: 'hex',
  fields: [sysmonHash(sysmonAlg), raw('zeek', lower), raw('suricata', 'fileinfo', lower)],
});
const CERT_HASH = (hexDigits: number): PathMapping => ({
  kind: 'text', norm: 'hex',
  fields: [fpOfLength(raw('zeek', 'fingerprint'), hexDigits), fpOfLength(raw('suricata', 'tls', 'fingerprint'), hexDigits)],
});

/** Canonical path text (see `canonicalPath`) → mapping. */
export const FIELD_MAP: Readonly<Record<string, PathMapping>> = {
  'ipv4-addr:value': { kind: 'ip', norm: 'none', fields: IP_ANY },
  'ipv6-addr:value': { kind: 'ip', norm: 'none', fields: IP_ANY },
  'domain-name:value': {
    kind: 'text', norm: 'lower',
    fields: [raw('windows', 'QueryName'), raw('windows', 'DestinationHostname'), raw('zeek', 'query'), raw('zeek', 'host'),
      raw('zeek', 'server_name'), raw('suricata', 'dns', 'rrname'), raw('suricata', 'http', 'hostname'), raw('suricata', 'tls', 'sni')],
  },
  'url:value': {
    kind: 'text', norm: 'none',
    fields: [httpUrl('zeek', raw('zeek', 'host'), raw('zeek', 'uri')), httpUrl('suricata', raw('suricata', 'http', 'hostname'), raw('suricata', 'http', 'url'))],
  },
  'file:hashes.MD5': FILE_HASH('MD5', 'MD5', 'md5'),
  'file:hashes.SHA-1': FILE_HASH('SHA-1', 'SHA1', 'sha1'),
  'file:hashes.SHA-256': FILE_HASH('SHA-256', 'SHA256', 'sha256'),
  'file:name': {
    kind: 'text', norm: 'none',
    fields: [base(col('any', 'image')), base(raw('windows', 'TargetFilename')), base(raw('windows', 'Image')), base(raw('windows', 'ImageLoaded')),
      raw('zeek', 'filename'), base(raw('suricata', 'fileinfo', 'filename')), base(rawString('linux', 'name'))],
  },
  'network-traffic:src_ref.value': { kind: 'ip', norm: 'none', fields: IP_SRC },
  'network-traffic:dst_ref.value': { kind: 'ip', norm: 'none', fields: IP_DST },
  'network-traffic:src_port': {
    kind: 'number', norm: 'none',
    fields: [col('any', 'src_port'), raw('windows', 'SourcePort'), raw('zeek', 'id.orig_p'), raw('suricata', 'src_port')],
  },
  'network-traffic:dst_port': {
    kind: 'number', norm: 'none',
    fields: [col('any', 'dst_port'), raw('windows', 'DestinationPort'), raw('windows', 'DestPort'), raw('zeek', 'id.resp_p'), raw('suricata', 'dest_port')],
  },
  'network-traffic:protocols[*]': {
    kind: 'text', norm: 'lower',
    fields: [col('any', 'proto'), raw('windows', 'Protocol'), raw('zeek', 'proto'), raw('zeek', 'service'), raw('suricata', 'proto'), raw('suricata', 'app_proto')],
  },
  "network-traffic:extensions.http-request-ext.request_header.User-Agent": {
    kind: 'text', norm: 'none', fields: [raw('zeek', 'user_agent'), raw('suricata', 'http', 'http_user_agent')],
  },
  'network-traffic:extensions.http-request-ext.request_value': {
    kind: 'text', norm: 'none', fields: [raw('zeek', 'uri'), raw('suricata', 'http', 'url')],
  },
  // JA3 has no STIX 2.1 property; this custom extension is what the MISP import writes for ja3-fingerprint-md5.
  'network-traffic:extensions.x-veritrace-tls.ja3': { kind: 'text', norm: 'hex', fields: [raw('zeek', 'ja3'), raw('suricata', 'tls', 'ja3', 'hash')] },
  'network-traffic:extensions.x-veritrace-tls.ja3s': { kind: 'text', norm: 'hex', fields: [raw('zeek', 'ja3s'), raw('suricata', 'tls', 'ja3s', 'hash')] },
  'process:name': {
    kind: 'text', norm: 'none',
    fields: [base(col('any', 'image')), base(raw('windows', 'Image')), base(raw('windows', 'NewProcessName')), base(raw('linux', 'exe')), raw('linux', 'comm')],
  },
  'process:command_line': { kind: 'text', norm: 'none', fields: [col('any', 'command_line'), raw('windows', 'CommandLine')] },
  'process:pid': { kind: 'number', norm: 'none', fields: [raw('windows', 'ProcessId'), raw('linux', 'pid')] },
  'process:parent_ref.name': { kind: 'text', norm: 'none', fields: [base(raw('windows', 'ParentImage')), base(raw('windows', 'ParentProcessName'))] },
  'process:parent_ref.command_line': { kind: 'text', norm: 'none', fields: [raw('windows', 'ParentCommandLine')] },
  'user-account:account_login': {
    kind: 'text', norm: 'none',
    fields: [col('any', 'user_name'), raw('windows', 'TargetUserName'), raw('windows', 'SubjectUserName'),
      { source: 'windows', label: 'User after "DOMAIN\\"', inRaw: true, sql: (d) => regexpExtract(d, d.jsonText('raw', ['User']), '([^\\\\]+)$') },
      raw('linux', 'acct'), raw('zeek', 'username'), raw('zeek', 'user')],
  },
  'user-account:user_id': {
    kind: 'text', norm: 'none',
    fields: [raw('windows', 'TargetUserSid'), raw('windows', 'SubjectUserSid'), raw('linux', 'uid'), raw('linux', 'auid')],
  },
  'x509-certificate:hashes.MD5': CERT_HASH(32),
  'x509-certificate:hashes.SHA-1': CERT_HASH(40),
  'x509-certificate:hashes.SHA-256': CERT_HASH(64),
  'x509-certificate:subject': {
    kind: 'text', norm: 'none', fields: [raw('zeek', 'certificate.subject'), raw('zeek', 'subject'), raw('suricata', 'tls', 'subject')],
  },
  'x509-certificate:issuer': {
    kind: 'text', norm: 'none', fields: [raw('zeek', 'certificate.issuer'), raw('zeek', 'issuer'), raw('suricata', 'tls', 'issuerdn')],
  },
  'x509-certificate:serial_number': {
    kind: 'text', norm: 'hex', fields: [colons(raw('zeek', 'certificate.serial')), colons(raw('suricata', 'tls', 'serial'))],
  },
};

const HASH_NAMES: Record<string, string> = { MD5: 'MD5', SHA1: 'SHA-1', SHA256: 'SHA-256', SHA512: 'SHA-512', SHA3256: 'SHA3-256', SHA3512: 'SHA3-512' };

/**
 * The lookup key of a path: keys joined with '.', list steps as `[*]` or `[n]`, hash algorithm names in the
 * spec's spelling (`hashes.md5`, `hashes.'SHA256'` and `hashes.'SHA-256'` are the same property in practice).
 */
export function canonicalPath(objectType: string, steps: readonly ({ kind: 'key'; name: string } | { kind: 'index'; index: number | '*' })[]): string {
  let s = `${objectType}:`;
  steps.forEach((st, i) => {
    if (st.kind === 'index') { s += `[${st.index}]`; return; }
    let name = st.name;
    const prev = steps[i - 1];
    if (prev?.kind === 'key' && prev.name === 'hashes') name = HASH_NAMES[name.toUpperCase().replace(/-/g, '')] ?? name;
    s += (i === 0 ? '' : '.') + name;
  });
  return s;
}

/** The documentation table: object path, source, native fields. */
export function fieldTableMarkdown(): string {
  const lines = ['| STIX object path | any (typed columns) | Windows | Zeek | Suricata | Linux |', '|---|---|---|---|---|---|'];
  for (const [path, m] of Object.entries(FIELD_MAP)) {
    const by = (s: Source): string => m.fields.filter((f) => f.source === s).map((f) => `\`${f.label.replace(/\|/g, '\\|')}\``).join(', ') || '—';
    lines.push(`| \`${path}\` | ${by('any')} | ${by('windows')} | ${by('zeek')} | ${by('suricata')} | ${by('linux')} |`);
  }
  return lines.join('\n');
}
