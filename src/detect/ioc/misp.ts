/**
 * MISP event JSON → STIX indicators. Each attribute flagged `to_ids` whose type veritrace can look for becomes one
 * indicator with a STIX pattern (so MISP and STIX input share one compiler and one export form). Attributes that
 * are not for detection, deleted, or of a type no source here records are rejected with the reason.
 * Attributes inside MISP objects are taken one by one, like MISP's own IDS export.
 */
import type { Indicator } from '../../intel/stix/index.js';
import { contentId } from '../../intel/stix/index.js';
import type { IndicatorRejected } from './indicator.js';

type Obj = Record<string, unknown>;

/** STIX string literal body: only `\` and `'` need escaping. */
export function stixString(s: string): string {
  return `'${s.replace(/\\/g, '\\\\').replace(/'/g, "\\'")}'`;
}

const HTTP_UA = "network-traffic:extensions.'http-request-ext'.request_header.'User-Agent'";
const eq = (path: string) => (v: string): string => `[${path} = ${stixString(v)}]`;
const withPort = (side: 'src' | 'dst') => (v: string): string | Error => {
  const [ip, port, ...rest] = v.split('|');
  if (rest.length > 0 || !ip || !port || !/^\d{1,5}$/.test(port) || Number(port) > 65535) return new Error(`"${v}" is not address|port`);
  return `[network-traffic:${side}_ref.value = ${stixString(ip)} AND network-traffic:${side}_port = ${Number(port)}]`;
};
const nameAndHash = (alg: string) => (v: string): string | Error => {
  const i = v.lastIndexOf('|');
  if (i <= 0) return new Error(`"${v}" is not filename|hash`);
  return `[file:name = ${stixString(v.slice(0, i))} AND file:hashes.'${alg}' = ${stixString(v.slice(i + 1))}]`;
};

/** MISP attribute type → STIX pattern. ip-src/ip-dst keep MISP's direction (attacker as source / as destination). */
export const MISP_PATTERNS: Readonly<Record<string, (value: string) => string | Error>> = {
  'ip-src': eq('network-traffic:src_ref.value'),
  'ip-dst': eq('network-traffic:dst_ref.value'),
  'ip-src|port': withPort('src'),
  'ip-dst|port': withPort('dst'),
  'domain': eq('domain-name:value'),
  'hostname': eq('domain-name:value'),
  'url': eq('url:value'),
  'uri': eq("network-traffic:extensions.'http-request-ext'.request_value"),
  'md5': eq('file:hashes.MD5'),
  'sha1': eq("file:hashes.'SHA-1'"),
  'sha256': eq("file:hashes.'SHA-256'"),
  'filename': eq('file:name'),
  'filename|md5': nameAndHash('MD5'),
  'filename|sha1': nameAndHash('SHA-1'),
  'filename|sha256': nameAndHash('SHA-256'),
  'x509-fingerprint-md5': eq('x509-certificate:hashes.MD5'),
  'x509-fingerprint-sha1': eq("x509-certificate:hashes.'SHA-1'"),
  'x509-fingerprint-sha256': eq("x509-certificate:hashes.'SHA-256'"),
  'ja3-fingerprint-md5': eq("network-traffic:extensions.'x-veritrace-tls'.ja3"),
  'user-agent': eq(HTTP_UA),
  'target-user': eq('user-account:account_login'),
};

const LEVELS: Record<string, string> = { '1': 'high', '2': 'medium', '3': 'low', '4': 'informational' };

export interface MispIndicator {
  indicator: Indicator;
  author?: string;
  tags: string[];
  techniques: string[];
  level: string;
}

const truthy = (v: unknown): boolean => v === true || v === 1 || v === '1' || v === 'true';
const tagNames = (v: unknown): string[] =>
  Array.isArray(v) ? v.flatMap((t: unknown) => (typeof (t as Obj)?.name === 'string' ? [String((t as Obj).name)] : [])) : [];
const techniquesOf = (tags: string[]): string[] => tags.flatMap((t) => [...t.matchAll(/\b(T\d{4}(?:\.\d{3})?)\b/g)].map((m) => m[1]!));

/** MISP timestamps are Unix seconds as text. */
function isoOf(sec: unknown): string | null {
  const n = typeof sec === 'string' && /^\d+$/.test(sec) ? Number(sec) : typeof sec === 'number' ? sec : NaN;
  // Up to year 9999: STIX timestamps have four-digit years.
  return Number.isFinite(n) && n >= 0 && n <= 253402300799 ? new Date(n * 1000).toISOString() : null;
}

/** `{"Event": …}` or `{"response": [{"Event": …}, …]}` → the events. */
export function mispEvents(doc: unknown): Obj[] | null {
  const o = doc as Obj;
  if (typeof o !== 'object' || o === null) return null;
  if (typeof o.Event === 'object' && o.Event !== null) return [o.Event as Obj];
  if (Array.isArray(o.response)) return o.response.flatMap((r: unknown) => (typeof (r as Obj)?.Event === 'object' ? [(r as Obj).Event as Obj] : []));
  return null;
}

export function mispToIndicators(event: Obj, source: string): { indicators: MispIndicator[]; rejected: IndicatorRejected[] } {
  const indicators: MispIndicator[] = [];
  const rejected: IndicatorRejected[] = [];
  const eventTags = tagNames(event.Tag);
  const author = typeof (event.Orgc as Obj)?.name === 'string' ? String((event.Orgc as Obj).name) : undefined;
  const level = LEVELS[String(event.threat_level_id)] ?? 'medium';
  const info = typeof event.info === 'string' ? event.info : 'MISP event';
  const attrs: { a: Obj; objectName?: string }[] = [];
  const isObj = (x: unknown): x is Obj => typeof x === 'object' && x !== null && !Array.isArray(x);
  for (const a of Array.isArray(event.Attribute) ? event.Attribute : []) {
    if (isObj(a)) attrs.push({ a });
    else rejected.push({ source, code: 'value', reason: 'MISP attribute is not a JSON object' });
  }
  for (const o of Array.isArray(event.Object) ? event.Object : []) {
    if (!isObj(o) || truthy(o.deleted)) continue;
    for (const a of Array.isArray(o.Attribute) ? o.Attribute : []) {
      if (isObj(a)) attrs.push({ a, objectName: typeof o.name === 'string' ? o.name : 'object' });
      else rejected.push({ source, code: 'value', reason: 'MISP attribute is not a JSON object' });
    }
  }
  for (const { a, objectName } of attrs) {
    const type = String(a.type ?? '');
    const value = typeof a.value === 'string' ? a.value : a.value === undefined ? '' : String(a.value);
    const uuid = typeof a.uuid === 'string' && /^[0-9a-f]{8}-[0-9a-f]{4}-[1-5][0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/i.test(a.uuid) ? a.uuid.toLowerCase() : null;
    const label = `MISP attribute ${uuid ?? `${type} ${value}`}`;
    const id = uuid ? `indicator--${uuid}` : undefined;
    const reject = (code: IndicatorRejected['code'], reason: string): void => {
      rejected.push({ source, ...(id ? { id } : {}), code, reason: `${label}: ${reason}` });
    };
    if (truthy(a.deleted)) continue;
    if (!truthy(a.to_ids)) { reject('to-ids', `${type} has to_ids off: MISP marks it as not for detection`); continue; }
    const build = MISP_PATTERNS[type];
    if (!build) { reject('misp-type', `type ${JSON.stringify(type)} has no mapping to the events veritrace stores`); continue; }
    const pattern = build(value);
    if (pattern instanceof Error) { reject('value', pattern.message); continue; }
    const when = isoOf(a.timestamp) ?? isoOf(event.timestamp) ?? '1970-01-01T00:00:00.000Z';
    const tags = [...new Set([...eventTags, ...tagNames(a.Tag), `misp:type="${type}"`, ...(typeof a.category === 'string' ? [`misp:category="${a.category}"`] : [])])].sort();
    const ind: Indicator = {
      type: 'indicator', spec_version: '2.1', id: 'indicator--00000000-0000-5000-8000-000000000000',
      created: when, modified: when,
      name: `${info}: ${objectName ? `${objectName}/` : ''}${type} ${value}`,
      ...(typeof a.comment === 'string' && a.comment !== '' ? { description: a.comment } : {}),
      indicator_types: ['malicious-activity'],
      pattern, pattern_type: 'stix', pattern_version: '2.1',
      // MISP attributes carry no validity window; an indicator learnt today applies to the case's past events too.
      valid_from: '1970-01-01T00:00:00Z',
      labels: tags,
    };
    ind.id = (id ?? contentId({ ...ind, id: undefined })) as Indicator['id'];
    indicators.push({ indicator: ind, ...(author !== undefined ? { author } : {}), tags, techniques: techniquesOf(tags), level });
  }
  return { indicators, rejected };
}
