import { monthNumber, parseIsoTime, validCivil, fractionToNs, type IsoTime } from '../../linux/index.js';

/** A syslog line split into its header and message; the time is either complete (ISO) or without year/zone (3164). */
export interface SyslogHeader {
  kind: 'rfc3164' | 'rfc5424' | 'iso';
  pri?: number;
  /** RFC 3164: month/day/time without year or zone. */
  local?: { month: number; day: number; h: number; mi: number; s: number; fracNs: number };
  /** RFC 5424 and ISO: an absolute time (or one in an assumed zone when `hasZone` is false). */
  iso?: IsoTime;
  host?: string;
  program?: string;
  pid?: string;
  msgid?: string;
  /** RFC 5424 STRUCTURED-DATA: `{ "id@pen": { param: value } }`. */
  sd?: Record<string, Record<string, string>>;
  message: string;
}

const RE_3164 = /^(?:<(\d{1,3})>)?([A-Z][a-z]{2}) {1,2}(\d{1,2}) (\d{2}):(\d{2}):(\d{2})(?:\.(\d{1,9}))? +(.*)$/;
const RE_5424 = /^<(\d{1,3})>(\d{1,2}) (\S+) (\S+) (\S+) (\S+) (\S+)(?: (.*))?$/;
const RE_ISO = /^(?:<(\d{1,3})>)?(\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(?:[.,]\d{1,12})?(?:Z|z|[+-]\d{2}:?\d{2})?) +(.*)$/;
const RE_TAG = /^([^\s[\]:]{1,128})(?:\[([^\]\s]{0,32})\])?: ?/;

/** Parses one line; null when it is no syslog line at all. `assumedOffset` applies to ISO times without a zone. */
export function parseHeader(line: string, assumedOffset: number): SyslogHeader | null {
  const c0 = line.charCodeAt(0);
  if (c0 === 60 /* < */) {
    const m = RE_5424.exec(line);
    if (m && m[2] !== '0') return parse5424(m, assumedOffset);
  }
  if (c0 >= 48 && c0 <= 57 || c0 === 60) {
    const m = RE_ISO.exec(line);
    if (m) {
      const iso = parseIsoTime(m[2]!, assumedOffset);
      if (!iso) return null;
      return withTag({ kind: 'iso', ...pri(m[1]), iso, message: '' }, m[3]!, true);
    }
  }
  const m = RE_3164.exec(line);
  if (!m) return null;
  const month = monthNumber(m[2]!);
  const day = +m[3]!, h = +m[4]!, mi = +m[5]!, s = +m[6]!;
  // Day validity against the month needs the year, which the caller resolves; 2000 admits Feb 29.
  if (month === undefined || !validCivil(2000, month, day, h, mi, s)) return null;
  const local = { month, day, h, mi, s, fracNs: fractionToNs(m[7]) };
  return withTag({ kind: 'rfc3164', ...pri(m[1]), local, message: '' }, m[8]!, true);
}

function pri(text: string | undefined): { pri?: number } {
  if (text === undefined) return {};
  const n = +text;
  return n <= 191 ? { pri: n } : {};
}

/** `host tag[pid]: message`; a line whose first word is already a tag (`sshd[1]:`) has no host. */
function withTag(h: SyslogHeader, rest: string, hasHost: boolean): SyslogHeader {
  let body = rest;
  if (hasHost) {
    const sp = body.indexOf(' ');
    const first = sp < 0 ? body : body.slice(0, sp);
    if (!first.endsWith(':') && !first.includes('[')) {
      h.host = first;
      body = sp < 0 ? '' : body.slice(sp + 1);
    }
  }
  const t = RE_TAG.exec(body);
  if (t) {
    h.program = t[1]!;
    if (t[2]) h.pid = t[2];
    h.message = body.slice(t[0].length);
  } else {
    h.message = body;
  }
  return h;
}

function parse5424(m: RegExpExecArray, assumedOffset: number): SyslogHeader | null {
  const h: SyslogHeader = { kind: 'rfc5424', ...pri(m[1]), message: '' };
  if (m[3] !== '-') {
    const iso = parseIsoTime(m[3]!, assumedOffset);
    if (!iso) return null;
    h.iso = iso;
  }
  if (m[4] !== '-') h.host = m[4]!;
  if (m[5] !== '-') h.program = m[5]!;
  if (m[6] !== '-') h.pid = m[6]!;
  if (m[7] !== '-') h.msgid = m[7]!;
  let rest = m[8] ?? '';
  if (rest.startsWith('-')) {
    rest = rest.slice(1);
  } else if (rest.startsWith('[')) {
    const parsed = parseStructuredData(rest);
    if (!parsed) return null;
    h.sd = parsed.sd;
    rest = rest.slice(parsed.end);
  }
  if (rest.startsWith(' ')) rest = rest.slice(1);
  if (rest.startsWith('\uFEFF')) rest = rest.slice(1);
  h.message = rest;
  return h;
}

/** `[id k="v" …][id2 …]` with `\"`, `\\` and `\]` escapes (RFC 5424 §6.3); null when malformed. */
function parseStructuredData(text: string): { sd: Record<string, Record<string, string>>; end: number } | null {
  const sd: Record<string, Record<string, string>> = {};
  let i = 0;
  while (text[i] === '[') {
    const idEnd = text.slice(i + 1).search(/[ \]]/);
    if (idEnd <= 0) return null;
    const id = text.slice(i + 1, i + 1 + idEnd);
    const params: Record<string, string> = {};
    i += 1 + idEnd;
    while (text[i] === ' ') {
      const eq = text.indexOf('="', i);
      if (eq < 0) return null;
      const name = text.slice(i + 1, eq);
      let j = eq + 2, value = '';
      while (j < text.length && text[j] !== '"') {
        if (text[j] === '\\' && j + 1 < text.length && '"\\]'.includes(text[j + 1]!)) j++;
        value += text[j];
        j++;
      }
      if (j >= text.length) return null;
      params[name] = value;
      i = j + 1;
    }
    if (text[i] !== ']') return null;
    i++;
    sd[id] = params;
  }
  return { sd, end: i };
}
