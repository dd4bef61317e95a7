/**
 * One observation expression (`[ … ]`) → one SQL predicate over a row of `events`. Each comparison becomes an OR
 * over every field that can hold its object path (fields.ts), each guarded by the source that writes it; AND/OR
 * inside the brackets map to SQL AND/OR on the same row. A comparison that cannot be evaluated faithfully
 * throws `Unsupported` with the reason and the character offset, so the indicator is rejected, never half-applied.
 */
import type { Dialect } from '../../store/index.js';
import { assertNever, comparisonChain, pathText, type Comparison, type Literal } from './pattern/ast.js';
import { canonicalPath, FIELD_MAP, SOURCE_FORMATS, type FieldRef, type PathMapping } from './fields.js';
import { ipBlockRegex, isSingleAddress, parseIpLiteral, v4Text, type IpLiteral } from './ip.js';

export class Unsupported extends Error {
  constructor(readonly offset: number, readonly reason: string) {
    super(`pattern character ${offset}: ${reason}`);
  }
}

export function compileComparison(c: Comparison, d: Dialect): string {
  switch (c.kind) {
    case 'and': case 'or':
      return `(${comparisonChain(c, c.kind).map((x) => compileComparison(x, d)).join(c.kind === 'and' ? ' AND ' : ' OR ')})`;
    case 'exists': {
      const m = mapping(c);
      const fam = family(c.path.objectType, d);
      const any = anyField(m.fields, d, (e) => (fam ? fam(e) : `${e} IS NOT NULL`));
      return c.negated ? `(NOT ${any})` : any;
    }
    case 'test': {
      const m = mapping(c);
      const test = c;
      // Address fields hold IPv4 and IPv6 alike; tests that do not pin the family by their literal must.
      const fam = ['=', 'IN', 'ISSUBSET', 'ISSUPERSET'].includes(test.op) && !test.negated ? null : family(test.path.objectType, d);
      const pred = (e: string, f: FieldRef): string => {
        const p = compileTest(test, m, f, e, d);
        const q = test.negated ? `(${e} IS NOT NULL AND NOT ${p})` : p;
        return fam ? `(${fam(e)} AND ${q})` : q;
      };
      const needles = rawNeedles(test, m);
      if (needles === null) return anyField(m.fields, d, pred);
      // Cheap first: fields whose value sits verbatim in `raw` are only parsed out when `raw` contains it.
      const direct = m.fields.filter((f) => !f.inRaw);
      const viaRaw = m.fields.filter((f) => f.inRaw);
      const found = `(${needles.map((n) => d.like('raw', `%${likeEscape(n)}%`, m.norm !== 'none')).join(' OR ')})`;
      const parts = [...(direct.length ? [anyField(direct, d, pred)] : []), ...(viaRaw.length ? [`(${found} AND ${anyField(viaRaw, d, pred)})`] : [])];
      return `(${parts.join(' OR ')})`;
    }
    default: return assertNever(c);
  }
}

function mapping(c: Comparison & { kind: 'test' | 'exists' }): PathMapping {
  const key = canonicalPath(c.path.objectType, c.path.steps);
  const m = FIELD_MAP[key];
  if (m) return m;
  if (/^network-traffic:protocols\[\d+\]$/.test(key)) {
    throw new Unsupported(c.path.offset, `${pathText(c.path)}: no source keeps the position of a protocol in the stack; use protocols[*]`);
  }
  throw new Unsupported(c.path.offset, `${pathText(c.path)}: no field of Windows, Zeek, Suricata or Linux events holds this property`);
}

/** For `ipv4-addr`/`ipv6-addr` paths: the value is an address of that family. */
function family(objectType: string, d: Dialect): ((e: string) => string) | null {
  if (objectType === 'ipv4-addr') return (e) => d.regexp(e, '^[0-9]{1,3}(\\.[0-9]{1,3}){3}$', '');
  if (objectType === 'ipv6-addr') return (e) => d.regexp(e, '^[0-9A-Fa-f:.]*:[0-9A-Fa-f:.]*$', '');
  return null;
}

function guard(f: FieldRef, d: Dialect): string | null {
  if (f.source === 'any') return null;
  return `format IN (${SOURCE_FORMATS[f.source].map((x) => d.str(x)).join(', ')})`;
}

function anyField(fields: readonly FieldRef[], d: Dialect, pred: (expr: string, f: FieldRef) => string): string {
  const parts = fields.map((f) => {
    const g = guard(f, d);
    const p = pred(f.sql(d), f);
    return g ? `(${g} AND ${p})` : p;
  });
  return `(${parts.join(' OR ')})`;
}

function normExpr(m: PathMapping, e: string): string {
  switch (m.norm) {
    case 'none': return e;
    case 'lower': return `lower(${e})`;
    case 'hex': return `lower(replace(${e}, ':', ''))`;
  }
}

function normText(m: PathMapping, s: string): string {
  switch (m.norm) {
    case 'none': return s;
    case 'lower': return s.toLowerCase();
    case 'hex': return s.toLowerCase().replace(/:/g, '');
  }
}

/** A literal as the text a field is compared with; type errors are reasons, not guesses. */
function textLit(m: PathMapping, l: Literal, path: string): string {
  switch (l.kind) {
    case 'string': return normText(m, l.value);
    case 'int': case 'float': return String(l.value);
    case 'hex': if (m.norm === 'hex') return l.value.toLowerCase(); break;
    case 'bool': case 'binary': case 'timestamp': break;
    default: return assertNever(l);
  }
  throw new Unsupported(l.offset, `${path} is text; a ${l.kind} literal cannot be compared with it`);
}

function numLit(l: Literal, path: string): number {
  if (l.kind === 'int' || l.kind === 'float') return l.value;
  if (l.kind === 'string' && /^[+-]?\d+(\.\d+)?$/.test(l.value.trim())) return Number(l.value);
  throw new Unsupported(l.offset, `${path} is a number; a ${l.kind} literal cannot be compared with it`);
}

function ipLit(l: Literal, objectType: string, path: string): IpLiteral {
  const ip = l.kind === 'string' ? parseIpLiteral(l.value) : null;
  const want = objectType === 'ipv4-addr' ? 4 : objectType === 'ipv6-addr' ? 6 : null;
  if (!ip || (want !== null && ip.version !== want)) {
    throw new Unsupported(l.offset, `${path}: ${JSON.stringify(l.kind === 'string' ? l.value : l.kind)} is not an IPv${want ?? '4/IPv6'} address or CIDR block`);
  }
  return ip;
}

function ipMatch(e: string, ip: IpLiteral, d: Dialect): string {
  const exact = v4Text(ip);
  return exact !== null ? `(${e} = ${d.str(exact)})` : d.regexp(e, ipBlockRegex(ip), '');
}

/** `%`, `_` and `\` taken literally in a LIKE pattern (the dialect's LIKE escapes with `\`). */
function likeEscape(s: string): string {
  return s.replace(/[\\%_]/g, (c) => `\\${c}`);
}

/**
 * The texts one of which must occur in `raw` for a positive `=`/`IN` test to hold on a field that is in `raw`
 * (JSON-escaped as the store writes it), or null when no such prefilter is sound (negation, ordering, patterns,
 * numbers, IPv6 and short CIDR prefixes, whose text varies).
 */
function rawNeedles(t: Comparison & { kind: 'test' }, m: PathMapping): string[] | null {
  if (t.negated || (t.op !== '=' && t.op !== 'IN') || m.kind === 'number') return null;
  const lits = Array.isArray(t.value) ? t.value : [t.value];
  if (lits.length === 0) return null;
  const out: string[] = [];
  for (const l of lits) {
    if (l.kind !== 'string') return null;
    let text = l.value;
    if (m.kind === 'ip') {
      const ip = parseIpLiteral(text);
      if (!ip || ip.version !== 4 || ip.prefix < 8) return null;
      const full = Math.floor(ip.prefix / 8);
      text = full === 4 ? ip.octets.join('.') : `${ip.octets.slice(0, full).join('.')}.`;
    } else if (m.norm === 'hex') {
      if (text.includes(':')) return null;
    }
    const json = JSON.stringify(text).slice(1, -1);
    if (json.length === 0) return null;
    out.push(json);
  }
  return out;
}

/** STIX LIKE has `%` and `_` and no escape character; the dialect's LIKE escapes with `\`, so a literal `\` is doubled. */
function likePattern(s: string): string {
  return s.replace(/\\/g, '\\\\');
}

function compileTest(t: Comparison & { kind: 'test' }, m: PathMapping, f: FieldRef, e: string, d: Dialect): string {
  const path = pathText(t.path);
  const lits = Array.isArray(t.value) ? t.value : [t.value];
  const single = Array.isArray(t.value) ? null : t.value;
  const num = f.source === 'any' ? e : d.tryDouble(e);
  const ne = normExpr(m, e);
  const op = t.op;
  switch (op) {
    case '=': case '!=': case '<': case '>': case '<=': case '>=': {
      const sqlOp = op === '!=' ? '<>' : op;
      if (m.kind === 'ip') {
        if (sqlOp !== '=' && sqlOp !== '<>') throw new Unsupported(t.offset, `${path}: ${op} does not order IP addresses`);
        const eq = ipMatch(e, ipLit(single!, t.path.objectType, path), d);
        return sqlOp === '=' ? eq : `(${e} IS NOT NULL AND NOT ${eq})`;
      }
      if (m.kind === 'number') return `(${num} ${sqlOp} ${numLit(single!, path)})`;
      return `(${ne} ${sqlOp} ${d.str(textLit(m, single!, path))})`;
    }
    case 'IN': {
      if (lits.length === 0) return 'FALSE';
      if (m.kind === 'ip') return `(${lits.map((l) => ipMatch(e, ipLit(l, t.path.objectType, path), d)).join(' OR ')})`;
      if (m.kind === 'number') return `(${num} IN (${lits.map((l) => numLit(l, path)).join(', ')}))`;
      return `(${ne} IN (${lits.map((l) => d.str(textLit(m, l, path))).join(', ')}))`;
    }
    case 'LIKE': {
      if (m.kind === 'number') throw new Unsupported(t.offset, `${path} is a number; LIKE needs text`);
      return d.like(ne, likePattern(textLit(m, single!, path)), false);
    }
    case 'MATCHES': {
      if (m.kind === 'number') throw new Unsupported(t.offset, `${path} is a number; MATCHES needs text`);
      const re = (single as Literal & { kind: 'string' }).value;
      checkRe2(re, t.offset);
      // Case-folded properties (DNS names) match case-insensitively, as their equality does.
      return m.norm === 'lower' ? d.regexp(e, re, 'i') : d.regexp(m.norm === 'hex' ? ne : e, re, '');
    }
    case 'ISSUBSET': case 'ISSUPERSET': {
      if (m.kind !== 'ip') throw new Unsupported(t.offset, `${path}: ${op} applies to IP addresses and CIDR blocks only`);
      const ip = ipLit(single!, t.path.objectType, path);
      // An event field holds one address: it is a subset of any block containing it, a superset only of itself.
      if (op === 'ISSUBSET') return ipMatch(e, ip, d);
      return isSingleAddress(ip) ? ipMatch(e, ip, d) : 'FALSE';
    }
    default: return assertNever(op);
  }
}

/**
 * STIX MATCHES is PCRE; the engines run RE2. Reject what RE2 cannot take (back-references, look-around,
 * possessive and atomic groups) with the reason instead of letting the database fail or change the meaning.
 */
const RE2_ESCAPES = 'dDsSwWbBAzfnrtvaxpPQEC01234567';

function checkRe2(re: string, offset: number): void {
  try {
    new RegExp(re.replace(/^\(\?[ims]+\)/, ''), 'u');
  } catch (e) {
    try { new RegExp(re.replace(/^\(\?[ims]+\)/, '')); } catch { throw new Unsupported(offset, `MATCHES: invalid regular expression: ${(e as Error).message}`); }
  }
  if (/\\[1-9]|\\k</.test(re)) throw new Unsupported(offset, 'MATCHES: back-references are not supported by RE2');
  // RE2 takes `\` before ASCII punctuation and a fixed set of letters; anything else is a syntax error there.
  for (let i = 0; i < re.length; i++) {
    if (re[i] !== '\\') continue;
    const c = re[i + 1] ?? '';
    if (c === '' || (!/^[!-/:-@[-`{-~]$/.test(c) && !RE2_ESCAPES.includes(c))) throw new Unsupported(offset, `MATCHES: RE2 has no escape \\${c}`);
    i++;
  }
  for (const m of re.matchAll(/\{(\d+)(?:,(\d*))?\}/g)) {
    if (Number(m[1]) > 1000 || Number(m[2] || 0) > 1000) throw new Unsupported(offset, 'MATCHES: RE2 allows at most 1000 repetitions');
  }
  if (/\(\?<?[=!]/.test(re)) throw new Unsupported(offset, 'MATCHES: look-around is not supported by RE2');
  if (/\(\?>|[*+?}]\+/.test(re)) throw new Unsupported(offset, 'MATCHES: atomic groups and possessive quantifiers are not supported by RE2');
}
