/**
 * The detect stage's extension of the store's dialect seam (src/store/dialect.ts): string tests, JSON presence,
 * IP ranges, date parts and a row handle, for DuckDB and ClickHouse. Compiled rules use only these and the base seam.
 * DuckDB needs a few temporary macros (`prelude`), installed once per connection by the runner.
 */
import type { Dialect } from '../store/index.js';
import type { TimePart } from './sigma/rule/index.js';

export interface DetectDialect extends Dialect {
  lower(e: string): string;
  /** String tests; the second argument is an SQL expression (a literal through `str`, or another column). */
  contains(e: string, needle: string): string;
  startsWith(e: string, prefix: string): string;
  endsWith(e: string, suffix: string): string;
  /** True when the key chain exists in the JSON (even with a null value). */
  jsonExists(column: string, path: readonly string[]): string;
  /** Several fields of one JSON value with a single parse: a list of texts, 1-based. */
  jsonTexts(column: string, paths: readonly (readonly string[])[]): string;
  listAt(list: string, index1: string | number): string;
  /** A JSON value as a list of texts: the elements of an array, else a one-element list (NULL element when absent). */
  jsonTextList(column: string, path: readonly string[], scalar: string): string;
  /** True when `body` (over lambda variable `v`) holds for some element of `list`. */
  anyElement(list: string, v: string, body: string): string;
  /** The raw JSON as text (for keyword search). */
  rawText(column: string): string;
  datePart(part: TimePart, e: string): string;
  /** IPv4 or IPv6 text in a CIDR network; `ip4`/`ip6` are the text's numeric forms when precomputed (`ip4Of`, `ip6Of`). */
  ipInCidr(e: string, cidr: string, pre?: { ip4: string; ip6: string }): string;
  /** IPv4 text → integer, IPv6 text → 32 hex digits (NULL when not that family). */
  ip4Of(e: string): string;
  ip6Of(e: string): string;
  /** A stable handle of a row of `events` within one run. */
  rowId: string;
  sha256Hex(e: string): string;
  /** A JSON array text of text expressions (NULL elements as null). */
  jsonArrayText(xs: readonly string[]): string;
  prelude: readonly string[];
}

function cidrParts(cidr: string): { ip: string; bits: number } {
  const [ip, b] = cidr.split('/');
  return { ip: ip!, bits: Number(b) };
}

/** IPv6 text → 32 lowercase hex digits (null when not IPv6). Exported for the tests. */
export function ipv6Hex(text: string): string | null {
  const t = text.toLowerCase().split('%')[0]!;
  if (!t.includes(':')) return null;
  let groups: string[];
  if (t.split('::').length > 2) return null;
  if (t.includes('::')) {
    const [l, r] = t.split('::');
    const lg = l ? l.split(':') : [];
    const rg = r ? r.split(':') : [];
    groups = [...lg, ...Array<string>(Math.max(0, 8 - lg.length - rg.length)).fill('0'), ...rg];
  } else groups = t.split(':');
  if (groups.length !== 8 || groups.some((g) => !/^[0-9a-f]{1,4}$/.test(g))) return null;
  return groups.map((g) => g.padStart(4, '0')).join('');
}

function ipv4Int(text: string): number | null {
  const m = /^(\d{1,3})\.(\d{1,3})\.(\d{1,3})\.(\d{1,3})$/.exec(text);
  if (!m) return null;
  const o = m.slice(1).map(Number);
  if (o.some((x) => x > 255)) return null;
  return ((o[0]! * 256 + o[1]!) * 256 + o[2]!) * 256 + o[3]!;
}

export const DUCKDB_PRELUDE = [
  `CREATE OR REPLACE TEMP MACRO vt_ip4(s) AS (TRY_CAST(split_part(s, '.', 1) AS UTINYINT)::BIGINT * 16777216 + TRY_CAST(split_part(s, '.', 2) AS UTINYINT)::BIGINT * 65536 + TRY_CAST(split_part(s, '.', 3) AS UTINYINT)::BIGINT * 256 + TRY_CAST(split_part(s, '.', 4) AS UTINYINT)::BIGINT + CASE WHEN split_part(s, '.', 5) = '' AND regexp_full_match(s, '[0-9.]+') THEN 0 END)`,
  `CREATE OR REPLACE TEMP MACRO vt_ip6_side(t) AS (CASE WHEN t = '' THEN []::VARCHAR[] ELSE string_split(t, ':') END)`,
  `CREATE OR REPLACE TEMP MACRO vt_ip6_groups(t) AS (CASE WHEN contains(t, '::') THEN vt_ip6_side(split_part(t, '::', 1)) || list_transform(range(8 - len(vt_ip6_side(split_part(t, '::', 1))) - len(vt_ip6_side(split_part(t, '::', 2)))), x -> '0') || vt_ip6_side(split_part(t, '::', 2)) ELSE string_split(t, ':') END)`,
  `CREATE OR REPLACE TEMP MACRO vt_ip6_hex(s) AS (CASE WHEN contains(s, ':') AND len(string_split(s, '::')) <= 2 AND len(vt_ip6_groups(lower(split_part(s, '%', 1)))) = 8 AND regexp_full_match(lower(split_part(s, '%', 1)), '[0-9a-f:]+') THEN array_to_string(list_transform(vt_ip6_groups(lower(split_part(s, '%', 1))), x -> lpad(x, 4, '0')), '') END)`,
];

export function detectDialect(d: Dialect): DetectDialect {
  if (d.name === 'clickhouse') {
    return {
      ...d,
      lower: (e) => `lowerUTF8(${e})`,
      contains: (e, n) => `(position(${e}, ${n}) > 0)`,
      startsWith: (e, p) => `startsWith(${e}, ${p})`,
      endsWith: (e, s) => `endsWith(${e}, ${s})`,
      jsonExists: (c, p) => `JSONHas(${c}, ${p.map((x) => d.str(x)).join(', ')})`,
      jsonTexts: (c, ps) => `[${ps.map((p) => d.jsonText(c, p)).join(', ')}]`,
      listAt: (l, i) => `${l}[${i}]`,
      jsonTextList: (c, p, scalar) => `if(JSONType(${c}, ${p.map((x) => d.str(x)).join(', ')}) = 'Array', JSONExtract(${c}, ${p.map((x) => d.str(x)).join(', ')}, 'Array(Nullable(String))'), [${scalar}])`,
      anyElement: (l, v, body) => `arrayExists(${v} -> ${body}, ${l})`,
      rawText: (c) => c,
      datePart: (part, e) => {
        const f = { minute: 'toMinute', hour: 'toHour', day: 'toDayOfMonth', week: 'toISOWeek', month: 'toMonth', year: 'toYear' }[part];
        return `${f}(parseDateTimeBestEffortOrNull(${e}))`;
      },
      ipInCidr: (e, cidr) => `isIPAddressInRange(${e}, ${d.str(cidr)})`,
      ip4Of: (e) => `toIPv4OrNull(${e})`,
      ip6Of: (e) => `toIPv6OrNull(${e})`,
      rowId: '_part_offset',
      sha256Hex: (e) => `lower(hex(SHA256(${e})))`,
      jsonArrayText: (xs) => `toJSONString([${xs.map((x) => `CAST(${x} AS Nullable(String))`).join(', ')}])`,
      prelude: [],
    };
  }
  return {
    ...d,
    lower: (e) => `lower(${e})`,
    contains: (e, n) => `contains(${e}, ${n})`,
    startsWith: (e, p) => `starts_with(${e}, ${p})`,
    endsWith: (e, s) => `suffix(${e}, ${s})`,
    jsonExists: (c, p) => `json_exists(${c}, ${d.str('$' + p.map((x) => '.' + JSON.stringify(x)).join(''))})`,
    jsonTexts: (c, ps) => `json_extract_string(${c}, [${ps.map((p) => d.str('$' + p.map((x) => '.' + JSON.stringify(x)).join(''))).join(', ')}])`,
    listAt: (l, i) => `${l}[${i}]`,
    jsonTextList: (c, p, scalar) => {
      const path = d.str('$' + p.map((x) => '.' + JSON.stringify(x)).join(''));
      const all = d.str('$' + p.map((x) => '.' + JSON.stringify(x)).join('') + '[*]');
      return `(CASE WHEN json_type(${c}, ${path}) = 'ARRAY' THEN json_extract_string(${c}, ${all}) ELSE [${scalar}] END)`;
    },
    anyElement: (l, v, body) => `(len(list_filter(${l}, ${v} -> ${body})) > 0)`,
    rawText: (c) => `CAST(${c} AS VARCHAR)`,
    datePart: (part, e) => `date_part(${d.str(part === 'week' ? 'week' : part)}, TRY_CAST(${e} AS TIMESTAMP))`,
    ip4Of: (e) => `vt_ip4(${e})`,
    ip6Of: (e) => `vt_ip6_hex(${e})`,
    ipInCidr: (e, cidr, pre) => {
      const { ip, bits } = cidrParts(cidr);
      const v4 = ipv4Int(ip);
      if (v4 !== null) {
        const size = 2 ** (32 - bits);
        const lo = Math.floor(v4 / size) * size;
        return `(${pre?.ip4 ?? `vt_ip4(${e})`} BETWEEN ${lo} AND ${lo + size - 1})`;
      }
      const hex = ipv6Hex(ip);
      if (hex === null) return 'FALSE';
      const k = Math.floor(bits / 4);
      const r = bits % 4;
      const h = pre?.ip6 ?? `vt_ip6_hex(${e})`;
      const parts = [`starts_with(${h}, ${d.str(hex.slice(0, k))})`];
      if (r > 0) {
        const span = 2 ** (4 - r);
        const lo = Math.floor(parseInt(hex[k]!, 16) / span) * span;
        parts.push(`substr(${h}, ${k + 1}, 1) BETWEEN '${lo.toString(16)}' AND '${(lo + span - 1).toString(16)}'`);
      }
      return `(${parts.join(' AND ')})`;
    },
    rowId: 'rowid',
    sha256Hex: (e) => `sha256(${e})`,
    jsonArrayText: (xs) => (xs.length === 0 ? `'[]'` : `CAST(to_json([${xs.map((x) => `CAST(${x} AS VARCHAR)`).join(', ')}]) AS VARCHAR)`),
    prelude: DUCKDB_PRELUDE,
  };
}
