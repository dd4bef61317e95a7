/**
 * Value modifiers (Sigma spec v2.1 appendix): the transformation modifiers rewrite a value into one or more
 * values (contains, windash, base64offset, utf16…); the type modifiers turn it into a typed value the SQL
 * compiler handles (re, cidr, lt…, hour…, fieldref, exists). Applied in the order written, as the spec says.
 */
import { ANY, SigmaString } from './sigma-string.js';
import { Reject, type CmpOp, type Pos, type SigmaValue, type TimePart } from './types.js';

/** A YAML scalar as written: its parsed value and, for plain scalars, the source text (`0x17` stays `0x17`). */
export interface RawValue {
  readonly value: string | number | boolean | null;
  readonly text: string;
  readonly pos: Pos;
}

export const FLAG_MODIFIERS = new Set(['all', 'cased', 'neq']);
const WILDCARD_MODS = new Set(['contains', 'startswith', 'endswith']);
const TRANSFORMS = new Set(['windash', 'base64', 'base64offset', 'utf16le', 'utf16be', 'wide', 'utf16', 'expand']);
const RE_FLAGS = new Set(['i', 'm', 's']);
const CMP = new Set<string>(['lt', 'lte', 'gt', 'gte']);
const TIME = new Set<string>(['minute', 'hour', 'day', 'week', 'month', 'year']);
export const KNOWN_MODIFIERS = new Set([
  ...FLAG_MODIFIERS, ...WILDCARD_MODS, ...TRANSFORMS, ...RE_FLAGS, ...CMP, ...TIME, 're', 'cidr', 'fieldref', 'exists',
]);

export interface ModifierContext {
  placeholders: Readonly<Record<string, readonly string[]>>;
}

type Work = SigmaString | Uint8Array;

const WINDASH = ['-', '/', '\u2013', '\u2014', '\u2015'];

/** Every permutation of the dash characters at the places pySigma's windash takes (`\B[-/]\b`: a flag's leading dash). */
function windash(s: SigmaString): SigmaString[] {
  let variants: (typeof s.parts[number])[][] = [[]];
  for (const p of s.parts) {
    if (typeof p !== 'string') {
      variants = variants.map((v) => [...v, p]);
      continue;
    }
    const pieces: string[][] = [];
    let last = 0;
    for (const m of p.matchAll(/\B[-/]\b/g)) {
      pieces.push([p.slice(last, m.index)]);
      pieces.push(WINDASH);
      last = m.index! + 1;
    }
    pieces.push([p.slice(last)]);
    for (const choice of pieces) variants = variants.flatMap((v) => choice.map((c) => [...v, c]));
  }
  return variants.map((v) => SigmaString.of(v));
}

function bytesOf(w: Work, mod: string, pos: Pos): Uint8Array {
  if (w instanceof Uint8Array) return w;
  const plain = w.plain();
  if (plain === null) throw new Reject('modifier-value', `|${mod} cannot encode a value with wildcards (${w})`, pos);
  return new Uint8Array(Buffer.from(plain, 'utf8'));
}

function utf16(w: Work, mod: string, pos: Pos): Uint8Array {
  const text = w instanceof Uint8Array ? Buffer.from(w).toString('latin1') : w.plain();
  if (text === null) throw new Reject('modifier-value', `|${mod} cannot encode a value with wildcards`, pos);
  const le = Buffer.from(text, 'utf16le');
  if (mod === 'utf16be') return new Uint8Array(le.swap16());
  if (mod === 'utf16') return new Uint8Array(Buffer.concat([Buffer.from([0xff, 0xfe]), le]));
  return new Uint8Array(le);
}

/** pySigma's three shifted encodings: the stable middle of base64(value) at byte offsets 0, 1 and 2. */
export function base64offsets(b: Uint8Array): string[] {
  const start = [0, 2, 3];
  const end = [undefined, -3, -2];
  const out: string[] = [];
  for (let i = 0; i < 3; i++) {
    const enc = Buffer.concat([Buffer.alloc(i, 0x20), b]).toString('base64');
    out.push(enc.slice(start[i], end[(b.length + i) % 3]));
  }
  return out;
}

function expandPlaceholders(text: string, ctx: ModifierContext, pos: Pos): string[] {
  let outs = [''];
  const re = /\\%|%([A-Za-z0-9_.-]+)%/g;
  let last = 0;
  for (const m of text.matchAll(re)) {
    const lit = text.slice(last, m.index);
    outs = outs.map((o) => o + lit);
    if (m[0] === '\\%') outs = outs.map((o) => o + '%');
    else {
      const vals = ctx.placeholders[m[1]!];
      if (!vals || vals.length === 0) throw new Reject('placeholder-undefined', `placeholder %${m[1]}% has no values (give them in the placeholders option)`, pos);
      outs = outs.flatMap((o) => vals.map((v) => o + v));
    }
    last = m.index! + m[0].length;
  }
  return outs.map((o) => o + text.slice(last));
}

function num(raw: RawValue, mod: string): number {
  const n = typeof raw.value === 'number' ? raw.value : Number(raw.text);
  if (!Number.isFinite(n)) throw new Reject('modifier-value', `|${mod} needs a number, got ${JSON.stringify(raw.text)}`, raw.pos);
  return n;
}

function checkCidr(text: string, pos: Pos): void {
  const m = /^([^/]+)\/(\d{1,3})$/.exec(text);
  const ok = m && (m[1]!.includes(':') ? Number(m[2]) <= 128 : /^\d{1,3}(\.\d{1,3}){3}$/.test(m[1]!) && Number(m[2]) <= 32);
  if (!ok) throw new Reject('invalid-cidr', `not a CIDR network: ${JSON.stringify(text)}`, pos);
}

/** A Sigma (PCRE-flavoured) regex as a JS RegExp: leading inline flags `(?ims)` become RegExp flags. */
export function toJsRegExp(pattern: string, flags: string): RegExp {
  let p = pattern;
  let f = flags;
  const m = /^\(\?([imsx]+)\)/.exec(p);
  if (m) {
    f += m[1]!.replace('x', '');
    p = p.slice(m[0].length);
  }
  return new RegExp(anchorsForJs(p), [...new Set(f)].join(''));
}

/**
 * RE2 / PCRE text anchors in JavaScript, whatever the flags: \A start of text, \z end of text, \Z end of text or
 * before a final newline (JavaScript has none of them; `^`/`$` change meaning under `m`).
 */
function anchorsForJs(p: string): string {
  let out = '';
  let inClass = false;
  for (let i = 0; i < p.length; i++) {
    const c = p[i]!;
    if (c !== '\\' || i + 1 >= p.length) {
      if (c === '[') inClass = true;
      else if (c === ']') inClass = false;
      out += c;
      continue;
    }
    const e = p[++i]!;
    if (inClass) out += `\\${e}`;
    else out += e === 'A' ? '(?<![\\s\\S])' : e === 'z' ? '(?![\\s\\S])' : e === 'Z' ? '(?=\\n?(?![\\s\\S]))' : `\\${e}`;
  }
  return out;
}

/** Apply `mods` (flags removed) to one listed value; the result alternatives are ORed. */
export function applyModifiers(mods: readonly string[], raw: RawValue, ctx: ModifierContext): SigmaValue[] {
  const typeMods = mods.filter((m) => m === 're' || m === 'cidr' || m === 'fieldref' || m === 'exists' || CMP.has(m) || TIME.has(m));
  if (typeMods.length > 1) throw new Reject('modifier-value', `modifiers ${typeMods.join(', ')} cannot be combined`, raw.pos);
  const typeMod = typeMods[0];
  const flags = mods.filter((m) => RE_FLAGS.has(m));
  if (flags.length && typeMod !== 're') throw new Reject('modifier-value', `|${flags[0]} only applies after |re`, raw.pos);
  const text = typeof raw.value === 'string' ? raw.value : raw.text;

  if (typeMod === 'exists') {
    if (typeof raw.value !== 'boolean') throw new Reject('modifier-value', '|exists needs true or false', raw.pos);
    return [{ kind: 'exists', exists: raw.value }];
  }
  if (raw.value === null) {
    if (mods.length) throw new Reject('modifier-value', `null cannot take modifiers (${mods.join('|')})`, raw.pos);
    return [{ kind: 'null' }];
  }
  if (typeMod === 're') {
    if (mods.some((m) => WILDCARD_MODS.has(m) || TRANSFORMS.has(m))) throw new Reject('modifier-value', '|re cannot be combined with string transformations', raw.pos);
    try {
      toJsRegExp(text, flags.join(''));
    } catch (e) {
      throw new Reject('invalid-regex', `bad regular expression ${JSON.stringify(text)}: ${(e as Error).message}`, raw.pos);
    }
    return [{ kind: 're', pattern: text, flags: flags.join('') }];
  }
  if (typeMod === 'cidr') {
    checkCidr(text, raw.pos);
    return [{ kind: 'cidr', text }];
  }
  if (typeMod && CMP.has(typeMod)) return [{ kind: 'cmp', op: typeMod as CmpOp, n: num(raw, typeMod) }];
  if (typeMod && TIME.has(typeMod)) return [{ kind: 'timepart', part: typeMod as TimePart, n: num(raw, typeMod) }];
  if (typeMod === 'fieldref') {
    const w = mods.find((m) => WILDCARD_MODS.has(m));
    return [{ kind: 'fieldref', field: text, match: (w ?? 'exact') as 'exact' }];
  }
  if (typeof raw.value === 'number' && mods.length === 0) return [{ kind: 'num', text: raw.text, n: raw.value }];

  let work: Work[] = mods.includes('expand')
    ? expandPlaceholders(text, ctx, raw.pos).map((t) => SigmaString.parse(t))
    : [SigmaString.parse(text)];
  for (const m of mods) {
    switch (m) {
      case 'contains': case 'startswith': case 'endswith':
        work = work.map((w) => {
          let s = w instanceof Uint8Array ? SigmaString.literal(Buffer.from(w).toString('latin1')) : w;
          if (m !== 'endswith' && !s.endsWithAny()) s = s.append(ANY);
          if (m !== 'startswith' && !s.startsWithAny()) s = s.prepend(ANY);
          return s;
        });
        break;
      case 'windash':
        work = work.flatMap((w): Work[] => (w instanceof Uint8Array ? [w] : windash(w)));
        break;
      case 'base64':
        work = work.map((w) => SigmaString.literal(Buffer.from(bytesOf(w, m, raw.pos)).toString('base64')));
        break;
      case 'base64offset':
        work = work.flatMap((w) => base64offsets(bytesOf(w, m, raw.pos)).map((s) => SigmaString.literal(s)));
        break;
      case 'utf16le': case 'wide': case 'utf16be': case 'utf16':
        work = work.map((w) => utf16(w, m, raw.pos));
        break;
      default:
        break; // flags and expand handled above
    }
  }
  return work.map((w) => ({ kind: 'str', s: w instanceof Uint8Array ? SigmaString.literal(Buffer.from(w).toString('latin1')) : w }));
}
