/**
 * IP addresses and CIDR blocks as RE2 regular expressions over the text the sources write. Regexes instead of
 * integer arithmetic because DuckDB's `inet` type is an extension we cannot fetch at run time, and a regex runs the
 * same on DuckDB and ClickHouse through `Dialect.regexp`. IPv6 regexes accept every textual form of an address in
 * the block (leading zeros, any `::` compression, any case); IPv4-mapped tails (`::ffff:1.2.3.4`) are not matched.
 */

export type IpLiteral = { version: 4; octets: number[]; prefix: number } | { version: 6; hextets: number[]; prefix: number };

export function parseIpLiteral(text: string): IpLiteral | null {
  const slash = text.indexOf('/');
  const addr = slash < 0 ? text : text.slice(0, slash);
  const pText = slash < 0 ? null : text.slice(slash + 1);
  if (pText !== null && !/^(0|[1-9][0-9]{0,2})$/.test(pText)) return null;
  const v4 = parseV4(addr);
  if (v4) {
    const prefix = pText === null ? 32 : Number(pText);
    return prefix <= 32 ? { version: 4, octets: v4, prefix } : null;
  }
  const v6 = parseV6(addr);
  if (v6) {
    const prefix = pText === null ? 128 : Number(pText);
    return prefix <= 128 ? { version: 6, hextets: v6, prefix } : null;
  }
  return null;
}

function parseV4(s: string): number[] | null {
  const m = /^(\d{1,3})\.(\d{1,3})\.(\d{1,3})\.(\d{1,3})$/.exec(s);
  if (!m) return null;
  const o = m.slice(1).map(Number);
  return o.every((x) => x <= 255) ? o : null;
}

function parseV6(s: string): number[] | null {
  if (!/^[0-9A-Fa-f:.]+$/.test(s)) return null;
  const dbl = s.indexOf('::');
  if (dbl >= 0 && s.indexOf('::', dbl + 1) >= 0) return null;
  const part = (p: string): number[] | null => {
    if (p === '') return [];
    const out: number[] = [];
    const groups = p.split(':');
    for (let i = 0; i < groups.length; i++) {
      const g = groups[i]!;
      if (i === groups.length - 1 && g.includes('.')) {
        const v4 = parseV4(g);
        if (!v4) return null;
        out.push((v4[0]! << 8) | v4[1]!, (v4[2]! << 8) | v4[3]!);
      } else if (/^[0-9A-Fa-f]{1,4}$/.test(g)) out.push(parseInt(g, 16));
      else return null;
    }
    return out;
  };
  if (dbl < 0) {
    const all = part(s);
    return all && all.length === 8 ? all : null;
  }
  const head = part(s.slice(0, dbl));
  const tail = part(s.slice(dbl + 2));
  if (!head || !tail || head.length + tail.length > 7) return null;
  return [...head, ...new Array<number>(8 - head.length - tail.length).fill(0), ...tail];
}

/** Regex (anchored) matching the textual forms of every address inside the block. */
export function ipBlockRegex(ip: IpLiteral): string {
  return ip.version === 4 ? v4Regex(ip.octets, ip.prefix) : v6Regex(ip.hextets, ip.prefix);
}

/** True when the block is one address (no prefix or a full-length one). */
export function isSingleAddress(ip: IpLiteral): boolean {
  return ip.prefix === (ip.version === 4 ? 32 : 128);
}

/** Canonical text of a single IPv4 address, for a plain equality the engine can use instead of a regex. */
export function v4Text(ip: IpLiteral): string | null {
  return ip.version === 4 && ip.prefix === 32 ? ip.octets.join('.') : null;
}

function rangeAlternation(lo: number, hi: number): string {
  if (lo === 0 && hi === 255) return '\\d{1,3}';
  const vals: string[] = [];
  for (let v = lo; v <= hi; v++) vals.push(String(v));
  return vals.length === 1 ? vals[0]! : `(?:${vals.join('|')})`;
}

function v4Regex(octets: number[], prefix: number): string {
  const parts = octets.map((o, i) => {
    const bits = Math.max(0, Math.min(8, prefix - i * 8));
    const mask = bits === 0 ? 0 : (0xff << (8 - bits)) & 0xff;
    const lo = o & mask;
    return rangeAlternation(lo, lo | (~mask & 0xff));
  });
  return `^${parts.join('\\.')}$`;
}

/** Per hex digit of a zero-padded hextet: the digits allowed there. */
type DigitSets = string[][];
const HEX = '0123456789abcdef'.split('');

function hextetDigits(value: number, fixedBits: number): DigitSets {
  const padded = value.toString(16).padStart(4, '0');
  return [0, 1, 2, 3].map((pos) => {
    const bits = Math.max(0, Math.min(4, fixedBits - pos * 4));
    const mask = bits === 0 ? 0 : (0xf << (4 - bits)) & 0xf;
    const d = parseInt(padded[pos]!, 16) & mask;
    return HEX.filter((_, x) => (x & mask) === d);
  });
}

const cls = (set: string[]): string => (set.length === 16 ? '[0-9a-f]' : set.length === 1 ? set[0]! : `[${set.join('')}]`);

/** A hextet written with 1–4 digits: the omitted leading digits are zeros and must be allowed. */
function hextetRegex(ds: DigitSets): string | null {
  if (ds.every((s) => s.length === 16)) return '[0-9a-f]{1,4}';
  const alts: string[] = [];
  for (let len = 4; len >= 1; len--) {
    const z = 4 - len;
    if (ds.slice(0, z).every((s) => s.includes('0'))) alts.push(ds.slice(z).map(cls).join(''));
  }
  return alts.length === 0 ? null : alts.length === 1 ? alts[0]! : `(?:${alts.join('|')})`;
}

const allowsZero = (ds: DigitSets): boolean => ds.every((s) => s.includes('0'));

function v6Regex(hextets: number[], prefix: number): string {
  const sets = hextets.map((h, i) => hextetDigits(h, Math.max(0, Math.min(16, prefix - i * 16))));
  const res = sets.map((s) => hextetRegex(s)!);
  const alts = [res.join(':')];
  // `::` stands for the hextets i..j-1 (at least one), which must all be able to be zero.
  for (let i = 0; i < 8; i++) {
    for (let j = i + 1; j <= 8; j++) {
      if (!sets.slice(i, j).every(allowsZero)) break;
      alts.push(`${res.slice(0, i).join(':')}::${res.slice(j).join(':')}`);
    }
  }
  return `(?i)^(?:${alts.join('|')})$`;
}
