import { isIP } from 'node:net';
import Holidays from 'date-holidays';
import { ActorProfileError } from './errors.js';
import { emptyInfrastructure, emptyTools, WEEKDAYS } from './profile.js';
import type { ActorInfrastructure, ActorProfile, ActorTools, Weekday } from './profile.js';

/** Says where a value sits: the file and a path such as `actors[0].tools.tlsh[2]`, with the line when known. */
export interface Locator { file: string; lineOf?: (path: (string | number)[]) => number | undefined }

type Path = (string | number)[];
const fmt = (p: Path): string => p.map((s, i) => (typeof s === 'number' ? `[${s}]` : i === 0 ? s : `.${s}`)).join('');

class Ctx {
  constructor(readonly loc: Locator) {}
  fail(path: Path, message: string): never {
    throw new ActorProfileError({ file: this.loc.file, path: fmt(path), line: this.loc.lineOf?.(path) }, message);
  }
}

const HEX = (n: number): RegExp => new RegExp(`^[0-9a-f]{${n}}$`, 'i');
const PATTERNS: Record<string, RegExp> = {
  sha256: HEX(64), certSha256: HEX(64), imphash: HEX(32), ja3: HEX(32), richHash: /^[0-9a-f]{32,64}$/i,
  tlsh: /^(T1)?[0-9a-f]{70}$/i, ja4: /^[tqd][0-9a-z_]{9,}$/i, sshHostKeys: /^(SHA256:[A-Za-z0-9+/=]{43,44}|[0-9a-f]{2}(:[0-9a-f]{2}){15}|[A-Za-z0-9+/=]{16,})$/,
  domains: /^(?=.{1,253}$)([a-z0-9_]([a-z0-9-]{0,61}[a-z0-9])?\.)+[a-z]{2,63}\.?$/i,
  ttps: /^T\d{4}(\.\d{3})?$/,
};

function strings(c: Ctx, v: unknown, path: Path, key?: string): string[] {
  if (v === undefined || v === null) return [];
  if (!Array.isArray(v)) c.fail(path, 'expected a list');
  return v.map((x, i) => {
    if (typeof x !== 'string' || x.trim() === '') c.fail([...path, i], 'expected a non-empty string');
    const s = x.trim();
    const re = key ? PATTERNS[key] : undefined;
    if (re && !re.test(s)) c.fail([...path, i], `not a valid ${key} value: ${JSON.stringify(s)}`);
    return key && key !== 'ttps' && key !== 'sshHostKeys' ? s.toLowerCase() : s;
  });
}

/** Lists are stored sorted (deterministic output); validate first so error paths use the file's own indices. */
const sorted = (xs: string[]): string[] => [...xs].sort();

function obj(c: Ctx, v: unknown, path: Path): Record<string, unknown> {
  if (v === undefined || v === null) return {};
  if (typeof v !== 'object' || Array.isArray(v)) c.fail(path, 'expected a mapping');
  return v as Record<string, unknown>;
}

function infrastructure(c: Ctx, v: unknown, path: Path): ActorInfrastructure {
  const o = obj(c, v, path);
  const out = emptyInfrastructure();
  for (const k of Object.keys(o)) if (!(k in out)) c.fail([...path, k], `unknown field (expected one of ${Object.keys(out).join(', ')})`);
  out.ips = sorted(strings(c, o.ips, [...path, 'ips']));
  out.ips.forEach((ip, i) => { if (!isIP(ip)) c.fail([...path, 'ips', i], `not an IP address: ${ip}`); });
  out.cidrs = sorted(strings(c, o.cidrs, [...path, 'cidrs']));
  out.cidrs.forEach((cidr, i) => {
    const [ip, len, extra] = cidr.split('/');
    const max = isIP(ip ?? '') === 4 ? 32 : 128;
    if (extra !== undefined || !isIP(ip ?? '') || !/^\d{1,3}$/.test(len ?? '') || Number(len) > max) c.fail([...path, 'cidrs', i], `not a CIDR block: ${cidr}`);
  });
  const asns = o.asns ?? [];
  if (!Array.isArray(asns)) c.fail([...path, 'asns'], 'expected a list');
  out.asns = asns.map((a, i) => {
    const n = typeof a === 'number' ? a : typeof a === 'string' && /^(AS)?\d+$/i.test(a) ? Number(a.replace(/^AS/i, '')) : NaN;
    if (!Number.isInteger(n) || n < 0 || n > 4294967295) c.fail([...path, 'asns', i], `not an AS number: ${JSON.stringify(a)}`);
    return n;
  }).sort((x, y) => x - y);
  for (const k of ['domains', 'certSha256', 'ja3', 'ja4', 'sshHostKeys'] as const) out[k] = sorted(strings(c, o[k], [...path, k], k));
  return out;
}

function tools(c: Ctx, v: unknown, path: Path): ActorTools {
  const o = obj(c, v, path);
  const out = emptyTools();
  for (const k of Object.keys(o)) if (!(k in out)) c.fail([...path, k], `unknown field (expected one of ${Object.keys(out).join(', ')})`);
  for (const k of ['sha256', 'imphash', 'tlsh', 'richHash'] as const) out[k] = sorted(strings(c, o[k], [...path, k], k));
  out.yara = sorted(strings(c, o.yara, [...path, 'yara']));
  out.families = sorted(strings(c, o.families, [...path, 'families']).map((f) => f.toLowerCase()));
  return out;
}

let holidayIndex: Holidays | undefined;
function validCalendar(code: string): boolean {
  holidayIndex ??= new Holidays();
  const [country, region] = code.split('-');
  const countries = holidayIndex.getCountries() ?? {};
  if (!country || !(country.toUpperCase() in countries)) return false;
  if (region === undefined) return true;
  return region.toUpperCase() in (holidayIndex.getStates(country.toUpperCase()) ?? {});
}

function timezone(c: Ctx, v: unknown, path: Path): string | undefined {
  if (v === undefined || v === null) return undefined;
  if (typeof v !== 'string') c.fail(path, 'expected an IANA time zone name');
  try { return new Intl.DateTimeFormat('en-US', { timeZone: v }).resolvedOptions().timeZone; } catch {
    return c.fail(path, `unknown IANA time zone: ${v}`);
  }
}

const KNOWN = new Set(['id', 'name', 'timezone', 'workweek', 'holidays', 'languages', 'infrastructure', 'tools', 'ttps', 'victimology', 'description', 'aliases']);

/** Checks one raw profile (from YAML, JSON or STIX) and returns it normalised: sorted lists, canonical tags. */
export function validateProfile(raw: unknown, loc: Locator, path: Path): ActorProfile {
  const c: Ctx = new Ctx(loc);
  const o = obj(c, raw, path);
  for (const k of Object.keys(o)) if (!KNOWN.has(k)) c.fail([...path, k], `unknown field (expected one of ${[...KNOWN].join(', ')})`);
  if (typeof o.id !== 'string' || !/^[A-Za-z0-9][A-Za-z0-9._:-]*$/.test(o.id)) c.fail([...path, 'id'], 'expected an id of letters, digits, ".", "_", ":" or "-"');
  const name = o.name === undefined ? o.id : o.name;
  if (typeof name !== 'string' || name.trim() === '') c.fail([...path, 'name'], 'expected a name');
  const workweek = o.workweek === undefined ? undefined : strings(c, o.workweek, [...path, 'workweek']).map((d, i) => {
    const day = d.toLowerCase().slice(0, 3) as Weekday;
    if (!WEEKDAYS.includes(day)) c.fail([...path, 'workweek', i], `not a weekday: ${d}`);
    return day;
  });
  if (workweek) workweek.sort((a, b) => WEEKDAYS.indexOf(a) - WEEKDAYS.indexOf(b));
  let holidays: string | undefined;
  if (o.holidays !== undefined && o.holidays !== null) {
    if (typeof o.holidays !== 'string' || !validCalendar(o.holidays)) c.fail([...path, 'holidays'], `unknown holiday calendar: ${JSON.stringify(o.holidays)} (country[-region] as date-holidays names it)`);
    holidays = o.holidays.toUpperCase();
  }
  const languages = sorted(strings(c, o.languages, [...path, 'languages']).map((l, i) => {
    try { return Intl.getCanonicalLocales(l)[0] ?? l; } catch { return c.fail([...path, 'languages', i], `not a BCP 47 language tag: ${l}`); }
  }));
  const v = obj(c, o.victimology, [...path, 'victimology']);
  const profile: ActorProfile = {
    id: o.id, name: name.trim(), languages,
    infrastructure: infrastructure(c, o.infrastructure, [...path, 'infrastructure']),
    tools: tools(c, o.tools, [...path, 'tools']),
    ttps: sorted(strings(c, o.ttps, [...path, 'ttps'], 'ttps').map((t) => t.toUpperCase())),
  };
  const tz = timezone(c, o.timezone, [...path, 'timezone']);
  if (tz) profile.timezone = tz;
  if (workweek) profile.workweek = workweek;
  if (holidays) profile.holidays = holidays;
  if (o.victimology !== undefined) {
    profile.victimology = { sectors: sorted(strings(c, v.sectors, [...path, 'victimology', 'sectors']).map((s) => s.toLowerCase())), countries: sorted(strings(c, v.countries, [...path, 'victimology', 'countries']).map((s) => s.toUpperCase())) };
  }
  return profile;
}
