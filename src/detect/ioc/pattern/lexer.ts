/**
 * The STIX pattern lexer, token for token after `STIXPattern.g4`: longest match wins, a keyword beats an
 * identifier of the same length, whitespace and both comment styles are skipped, anything else is an error.
 */
import { PatternSyntaxError } from './errors.js';

export const KEYWORDS = [
  'AND', 'OR', 'NOT', 'FOLLOWEDBY', 'LIKE', 'MATCHES', 'ISSUPERSET', 'ISSUBSET', 'EXISTS', 'LAST', 'IN',
  'START', 'STOP', 'SECONDS', 'WITHIN', 'REPEATS', 'TIMES',
] as const;
export type Keyword = (typeof KEYWORDS)[number];

export type Token =
  | { kind: 'keyword'; value: Keyword; offset: number; end: number }
  | { kind: 'ident'; value: string; hyphen: boolean; offset: number; end: number }
  | { kind: 'int'; value: number; offset: number; end: number; negative: boolean }
  | { kind: 'float'; value: number; offset: number; end: number; negative: boolean }
  | { kind: 'string' | 'hex' | 'binary' | 'timestamp'; value: string; offset: number; end: number }
  | { kind: 'bool'; value: boolean; offset: number; end: number }
  | { kind: 'punct'; value: string; offset: number; end: number }
  | { kind: 'eof'; offset: number; end: number };

const KEYWORD_SET: ReadonlySet<string> = new Set(KEYWORDS);
const WS = new Set([...' \t\r\n\u000B\u000C\u0085\u00a0\u1680\u2000\u2001\u2002\u2003\u2004\u2005\u2006\u2007\u2008\u2009\u200a\u2028\u2029\u202f\u205f\u3000']);
const PUNCT2 = ['==', '!=', '<>', '<=', '>='];
const PUNCT1 = '=<>:.,()[]*^/+-';
const TIMESTAMP_RE = /^[0-9]{4}-(0[1-9]|1[012])-(0[1-9]|[12][0-9]|3[01])T([01][0-9]|2[0-3]):[0-5][0-9]:([0-5][0-9]|60)(\.[0-9]+)?Z$/;
const BASE64_RE = /^(?:[A-Za-z0-9+/]{4})*(?:[A-Za-z0-9+/]{4}|[A-Za-z0-9+/]{3}=|[A-Za-z0-9+/]{2}==)$/;
const HEX_RE = /^(?:[0-9A-Fa-f]{2})*$/;

const isIdentStart = (c: string): boolean => /[A-Za-z_]/.test(c);
const isIdentPart = (c: string): boolean => /[A-Za-z0-9_-]/.test(c);
const isDigit = (c: string | undefined): boolean => c !== undefined && c >= '0' && c <= '9';

export function tokenize(text: string, where: { indicatorId?: string; source?: string }): Token[] {
  const fail = (offset: number, msg: string): never => {
    throw new PatternSyntaxError(where, offset, msg);
  };
  const out: Token[] = [];
  let i = 0;
  const n = text.length;
  while (i < n) {
    const c = text[i]!;
    if (WS.has(c)) { i++; continue; }
    if (c === '/' && text[i + 1] === '*') {
      const close = text.indexOf('*/', i + 2);
      if (close < 0) fail(i, 'unterminated comment');
      i = close + 2;
      continue;
    }
    if (c === '/' && text[i + 1] === '/') {
      while (i < n && text[i] !== '\n' && text[i] !== '\r') i++;
      continue;
    }
    const start = i;
    if ((c === 'h' || c === 'b' || c === 't') && text[i + 1] === "'") {
      const close = text.indexOf("'", i + 2);
      if (close < 0) fail(start, `unterminated ${c}'…' literal`);
      const body = text.slice(i + 2, close);
      const [kind, re] = c === 'h' ? ['hex', HEX_RE] as const : c === 'b' ? ['binary', BASE64_RE] as const : ['timestamp', TIMESTAMP_RE] as const;
      if (!re.test(body)) fail(start, `invalid ${kind} literal ${JSON.stringify(text.slice(i, close + 1))}`);
      i = close + 1;
      out.push({ kind, value: body, offset: start, end: i });
      continue;
    }
    if (isIdentStart(c)) {
      while (i < n && isIdentPart(text[i]!)) i++;
      const word = text.slice(start, i);
      if (word === 'true' || word === 'false') out.push({ kind: 'bool', value: word === 'true', offset: start, end: i });
      else if (KEYWORD_SET.has(word)) out.push({ kind: 'keyword', value: word as Keyword, offset: start, end: i });
      else out.push({ kind: 'ident', value: word, hyphen: word.includes('-'), offset: start, end: i });
      continue;
    }
    if (isDigit(c) || ((c === '+' || c === '-' || c === '.') && (isDigit(text[i + 1]) || (text[i + 1] === '.' && isDigit(text[i + 2]))))) {
      out.push(lexNumber(text, start, fail));
      i = out[out.length - 1]!.end;
      continue;
    }
    if (c === "'") {
      let value = '';
      i++;
      for (;;) {
        if (i >= n) fail(start, 'unterminated string literal');
        const d = text[i]!;
        if (d === "'") { i++; break; }
        if (d === '\\') {
          const e = text[i + 1];
          if (e !== "'" && e !== '\\') fail(i, `invalid escape \\${e ?? ''} in string literal (only \\' and \\\\ are allowed)`);
          value += e;
          i += 2;
          continue;
        }
        value += d;
        i++;
      }
      out.push({ kind: 'string', value, offset: start, end: i });
      continue;
    }
    const two = text.slice(i, i + 2);
    if (PUNCT2.includes(two)) {
      out.push({ kind: 'punct', value: two === '==' ? '=' : two === '<>' ? '!=' : two, offset: start, end: i + 2 });
      i += 2;
      continue;
    }
    if (PUNCT1.includes(c)) {
      out.push({ kind: 'punct', value: c, offset: start, end: i + 1 });
      i++;
      continue;
    }
    fail(start, `unexpected character ${JSON.stringify(c)}`);
  }
  out.push({ kind: 'eof', offset: n, end: n });
  return out;
}

/** IntPos/IntNeg/FloatPos/FloatNeg with the grammar's longest-match: `01` is `0` then `1`, `01.5` is one float. */
function lexNumber(text: string, start: number, fail: (o: number, m: string) => never): Token {
  let i = start;
  const sign = text[i] === '+' || text[i] === '-' ? text[i++] : '';
  const digitsStart = i;
  while (isDigit(text[i])) i++;
  const digits = text.slice(digitsStart, i);
  const negative = sign === '-';
  if (text[i] === '.' && isDigit(text[i + 1])) {
    i++;
    while (isDigit(text[i])) i++;
    const value = Number(text.slice(start, i));
    return { kind: 'float', value, offset: start, end: i, negative };
  }
  if (digits.length === 0) fail(start, 'expected a number');
  const intText = digits[0] === '0' ? '0' : digits;
  const end = digitsStart + intText.length;
  const value = Number((negative ? '-' : '') + intText);
  if (!Number.isSafeInteger(value)) fail(start, `integer ${sign}${intText} is out of range`);
  return { kind: 'int', value: value === 0 ? 0 : value, offset: start, end, negative };
}
