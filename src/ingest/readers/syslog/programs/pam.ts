import type { NormalizedEvent } from '../../../../model/index.js';
import { parseKv } from '../../../linux/index.js';
import { setPeer } from './util.js';

/**
 * Linux-PAM module messages, from any program: `pam_unix(sshd:session): session opened for user X(uid=0) by (uid=0)`.
 * Fields: `pam_module`, `pam_service`, `pam_type` (auth, account, session, password), `action` (session_opened,
 * session_closed, auth_failure, password_changed, user_unknown, requirement_not_met), `user`, `by_user`, `uid`,
 * and the `logname= uid= euid= tty= ruser= rhost= user=` pairs of a failure under their own names.
 */
const HEAD = /^(pam_[\w-]+)\(([^:)]+):(\w+)\): (.*)$/;

export function parsePam(msg: string, ev: NormalizedEvent): boolean {
  const m = HEAD.exec(msg);
  if (!m) return parsePamSummary(msg, ev);
  const f = ev.fields;
  f.pam_module = m[1]; f.pam_service = m[2]; f.pam_type = m[3];
  const rest = m[4]!;
  let r: RegExpExecArray | null;
  if ((r = /^session (opened|closed) for user (\S+?)(?:\(uid=(\d+)\))?(?: by (\S*?)(?:\(uid=(\d+)\))?)?$/.exec(rest))) {
    f.action = `session_${r[1]}`;
    setUser(ev, r[2]!);
    if (r[3]) f.uid = r[3];
    if (r[4]) f.by_user = r[4];
    if (r[5]) f.by_uid = r[5];
  } else if (rest.startsWith('authentication failure;')) {
    f.action = 'auth_failure';
    failurePairs(rest.slice(rest.indexOf(';') + 1), ev);
  } else if ((r = /^password changed for (\S+)/.exec(rest))) {
    f.action = 'password_changed'; setUser(ev, r[1]!);
  } else if ((r = /^check pass; user unknown/.exec(rest))) {
    f.action = 'user_unknown';
  } else if ((r = /^requirement "(.*)" not met by user "(.*)"$/.exec(rest))) {
    f.action = 'requirement_not_met'; f.requirement = r[1]; setUser(ev, r[2]!);
  }
  return true;
}

/** sshd's `PAM 4 more authentication failures; logname= … rhost=IP user=root`. */
function parsePamSummary(msg: string, ev: NormalizedEvent): boolean {
  const m = /^PAM (\d+) more authentication failures?; (.*)$/.exec(msg);
  if (!m) return false;
  ev.fields.action = 'auth_failures';
  ev.fields.count = Number(m[1]);
  failurePairs(m[2]!, ev);
  return true;
}

function failurePairs(text: string, ev: NormalizedEvent): void {
  for (const p of parseKv(text)) ev.fields[p.key] = p.value;
  const user = ev.fields.user;
  if (typeof user === 'string' && user !== '') ev.user = user;
  const rhost = ev.fields.rhost;
  if (typeof rhost === 'string' && rhost !== '') setPeer(ev, rhost, undefined);
}

function setUser(ev: NormalizedEvent, user: string): void {
  ev.fields.user = user;
  ev.user = user;
}
