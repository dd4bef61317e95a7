/**
 * Parser for the output of `yara -e -g -m -s -L`: a rule line `namespace:rule [tags] [meta] path` followed by one
 * line per string match `0xOFFSET:LENGTH:$id: data`. The path is whatever follows the meta list, so file names with
 * spaces parse; meta strings come C-escaped (`\"`, `\n`, octal for other bytes) and are decoded back to text.
 */
import type { YaraMatch, YaraMetaValue } from './types.js';

export interface RuleLine {
  file: string;
  match: YaraMatch;
}

export interface StringLine {
  identifier: string;
  offset: number;
  length: number;
  /** The matched bytes as hex, decoded from the printed data; '' when that cannot be done exactly. */
  data: string;
}

const HEX_DUMP = /^[0-9A-F]{2}(?: [0-9A-F]{2})*$/;
const IDENTIFIER = /^\$[A-Za-z0-9_]*$/;

/** `0xOFFSET:LENGTH:$id: data` (tens of thousands per batch, so split by hand rather than by one big regex). */
export function parseStringLine(line: string): StringLine | null {
  if (!line.startsWith('0x')) return null;
  const c1 = line.indexOf(':', 2);
  const c2 = c1 < 0 ? -1 : line.indexOf(':', c1 + 1);
  if (c2 < 0) return null;
  const c3 = line.indexOf(':', c2 + 1);
  const identifier = line.slice(c2 + 1, c3 < 0 ? line.length : c3);
  const offsetText = line.slice(2, c1), lengthText = line.slice(c1 + 1, c2);
  if (!IDENTIFIER.test(identifier) || !/^[0-9a-f]+$/.test(offsetText) || !/^\d+$/.test(lengthText)) return null;
  const length = Number(lengthText);
  const printed = c3 < 0 ? '' : line.slice(c3 + 2);
  return { offset: parseInt(offsetText, 16), length, identifier, data: decodePrinted(printed, length) };
}

/**
 * yara prints a hex string's match as a hex dump and any other match as text with bytes outside 0x20-0x7E written
 * `\xHH` (a literal backslash is not escaped). Decoding is exact when the result has the match's length: a literal
 * `\xHH` in the data would decode shorter, and long matches are printed truncated. Otherwise '' (caller re-reads).
 */
function decodePrinted(printed: string, length: number): string {
  if (printed.length === 3 * length - 1 && HEX_DUMP.test(printed)) return printed.replace(/ /g, '').toLowerCase();
  const text = printed.includes('\\')
    ? printed.replace(/\\x([0-9A-Fa-f]{2})/g, (_, h: string) => String.fromCharCode(parseInt(h, 16)))
    : printed;
  return text.length === length ? Buffer.from(text, 'latin1').toString('hex') : '';
}

/** A cursor over one line; each reader throws on text it does not expect, so a format change fails loudly. */
class Cursor {
  pos = 0;
  constructor(readonly s: string) {}
  expect(ch: string): void {
    if (this.s[this.pos] !== ch) throw new Error(`expected '${ch}' at column ${this.pos} of yara output: ${this.s}`);
    this.pos++;
  }
  until(stop: RegExp): string {
    const start = this.pos;
    while (this.pos < this.s.length && !stop.test(this.s[this.pos]!)) this.pos++;
    return this.s.slice(start, this.pos);
  }
}

export function parseRuleLine(line: string): RuleLine {
  const c = new Cursor(line);
  const namespace = c.until(/:/);
  c.expect(':');
  const rule = c.until(/ /);
  c.expect(' ');
  c.expect('[');
  const tagText = c.until(/\]/);
  c.expect(']');
  c.expect(' ');
  c.expect('[');
  const meta = parseMeta(c);
  c.expect(' ');
  const file = line.slice(c.pos);
  const tags = tagText === '' ? [] : tagText.split(',');
  return { file, match: { rule, namespace, tags, meta, strings: [] } };
}

function parseMeta(c: Cursor): { key: string; value: YaraMetaValue }[] {
  const out: { key: string; value: YaraMetaValue }[] = [];
  if (c.s[c.pos] === ']') {
    c.pos++;
    return out;
  }
  for (;;) {
    // yara 4.2 prints integer meta as `key =value`; strings and booleans as `key=value`.
    const key = c.until(/[ =]/);
    if (c.s[c.pos] === ' ') c.pos++;
    c.expect('=');
    let value: YaraMetaValue;
    if (c.s[c.pos] === '"') value = readQuoted(c);
    else {
      const word = c.until(/[,\]]/);
      if (word === 'true' || word === 'false') value = word === 'true';
      else if (/^-?\d+$/.test(word)) value = Number(word);
      else throw new Error(`unexpected meta value '${word}' in yara output: ${c.s}`);
    }
    out.push({ key, value });
    if (c.s[c.pos] === ',') {
      c.pos++;
      continue;
    }
    c.expect(']');
    return out;
  }
}

const SIMPLE_ESCAPES: Record<string, number> = { n: 10, t: 9, r: 13, '"': 34, '\\': 92 };

function readQuoted(c: Cursor): string {
  c.expect('"');
  const bytes: number[] = [];
  for (;;) {
    const ch = c.s[c.pos];
    if (ch === undefined) throw new Error(`unterminated meta string in yara output: ${c.s}`);
    c.pos++;
    if (ch === '"') break;
    if (ch !== '\\') {
      bytes.push(...Buffer.from(ch, 'utf8'));
      continue;
    }
    const e = c.s[c.pos]!;
    if (e in SIMPLE_ESCAPES) {
      bytes.push(SIMPLE_ESCAPES[e]!);
      c.pos++;
    } else if (e === 'x') {
      bytes.push(parseInt(c.s.slice(c.pos + 1, c.pos + 3), 16));
      c.pos += 3;
    } else {
      const oct = /^[0-7]{1,3}/.exec(c.s.slice(c.pos))?.[0];
      if (!oct) throw new Error(`unknown escape '\\${e}' in yara output: ${c.s}`);
      bytes.push(parseInt(oct, 8));
      c.pos += oct.length;
    }
  }
  return Buffer.from(bytes).toString('utf8');
}
