import type { NormalizedEvent } from '../../../../model/index.js';

const IP_RE = /^(?:\d{1,3}(?:\.\d{1,3}){3}|[0-9A-Fa-f:]*:[0-9A-Fa-f:.]*(?:%\w+)?)$/;

/** The remote side of a login: `src_ip`/`src_port` fields and the typed columns, when the text is an address. */
export function setPeer(ev: NormalizedEvent, ip: string, port: string | undefined): void {
  ev.fields.src_ip = ip;
  if (IP_RE.test(ip)) ev.srcIp = ip;
  if (port !== undefined) {
    const n = Number(port);
    if (Number.isInteger(n) && n >= 0 && n <= 65535) { ev.fields.src_port = n; ev.srcPort = n; }
  }
}

export function isIp(text: string): boolean {
  return IP_RE.test(text);
}

/** `a=1, b=two, c=/x` (shadow-utils' style) into fields. */
export function commaPairs(text: string, into: Record<string, unknown>): void {
  for (const part of text.split(/,\s*/)) {
    const eq = part.indexOf('=');
    if (eq > 0) into[part.slice(0, eq).trim()] = part.slice(eq + 1).trim();
  }
}
