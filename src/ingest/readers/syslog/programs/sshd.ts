import type { NormalizedEvent } from '../../../../model/index.js';
import { setPeer } from './util.js';

/**
 * OpenSSH server messages (`sshd`, and `sshd-session`/`sshd-auth` since OpenSSH 9.8/10). Fields: `action`
 * (accepted, failed, invalid_user, disconnected, connection_closed, received_disconnect, too_many_failures,
 * no_identification,
 * connection, max_auth_attempts, listening, postponed), `method`, `user`, `invalid_user`, `src_ip`, `src_port`,
 * `dst_ip`, `dst_port`, `protocol`, `key_type`, `key_fingerprint`, `reason`, `preauth`.
 */
const USER_FROM = String.raw`(?:(invalid|illegal|authenticating) user )?(.*?) from (\S+) port (\d+)`;
const PATTERNS: [string, RegExp][] = [
  ['accepted', new RegExp(String.raw`^Accepted (\S+) for (.*?) from (\S+) port (\d+)(?: (ssh\d?))?(?:: (\S+) (\S+))?`)],
  ['failed', new RegExp(String.raw`^Failed (\S+) for ${USER_FROM}(?: (ssh\d?))?`)],
  ['postponed', new RegExp(String.raw`^Postponed (\S+) for ${USER_FROM}`)],
  ['invalid_user', /^(?:Invalid|Illegal) user (.*?) from (\S+)(?: port (\d+))?\s*$/],
  ['disconnected', new RegExp(String.raw`^Disconnected from (?:(invalid|authenticating) user (.*?) |user (.*?) )?(\S+) port (\d+)`)],
  ['connection_closed', new RegExp(String.raw`^Connection (?:closed|reset) by (?:(invalid|authenticating) user (.*?) |user (.*?) )?(\S+)(?: port (\d+))?`)],
  ['received_disconnect', /^Received disconnect from (\S+?)(?: port (\d+))?: ?(\d+): ?(.*?)(?: \[preauth\])?$/],
  ['too_many_failures', /^Disconnecting(?: (?:invalid|authenticating) user (\S+) (\S+) port (\d+))?: Too many authentication failures(?: for (?:invalid user )?(\S+))?/],
  ['no_identification', /^Did not receive identification string from (\S+)(?: port (\d+))?/],
  ['connection', /^Connection from (\S+) port (\d+) on (\S+) port (\d+)/],
  ['max_auth_attempts', new RegExp(String.raw`^error: maximum authentication attempts exceeded for ${USER_FROM}`)],
  ['listening', /^Server listening on (\S+) port (\d+)/],
];

export function parseSshd(msg: string, ev: NormalizedEvent): void {
  const f = ev.fields;
  if (msg.endsWith('[preauth]')) f.preauth = true;
  for (const [action, re] of PATTERNS) {
    const m = re.exec(msg);
    if (!m) continue;
    f.action = action;
    switch (action) {
      case 'accepted':
        f.method = m[1]; setUser(ev, m[2]!); setPeer(ev, m[3]!, m[4]!);
        if (m[5]) f.protocol = m[5];
        if (m[6]) { f.key_type = m[6]; f.key_fingerprint = m[7]; }
        break;
      case 'failed': case 'postponed':
        f.method = m[1];
        if (m[2]) f.invalid_user = true;
        setUser(ev, m[3]!); setPeer(ev, m[4]!, m[5]!);
        if (m[6]) f.protocol = m[6];
        break;
      case 'max_auth_attempts':
        if (m[1]) f.invalid_user = true;
        setUser(ev, m[2]!); setPeer(ev, m[3]!, m[4]!);
        break;
      case 'invalid_user':
        f.invalid_user = true; setUser(ev, m[1]!); setPeer(ev, m[2]!, m[3]);
        break;
      case 'disconnected': case 'connection_closed':
        if (m[1] === 'invalid') f.invalid_user = true;
        if (m[2] !== undefined || m[3] !== undefined) setUser(ev, (m[2] ?? m[3])!);
        setPeer(ev, m[4]!, m[5]);
        break;
      case 'received_disconnect':
        setPeer(ev, m[1]!, m[2]); f.reason_code = Number(m[3]); f.reason = m[4];
        break;
      case 'too_many_failures':
        if (m[1] !== undefined || m[4] !== undefined) setUser(ev, (m[1] ?? m[4])!);
        if (m[2] !== undefined) setPeer(ev, m[2], m[3]);
        break;
      case 'no_identification':
        setPeer(ev, m[1]!, m[2]);
        break;
      case 'connection':
        setPeer(ev, m[1]!, m[2]!);
        f.dst_ip = m[3]; ev.dstIp = m[3]!; f.dst_port = Number(m[4]); ev.dstPort = Number(m[4]);
        break;
      case 'listening':
        f.dst_ip = m[1]; f.dst_port = Number(m[2]);
        break;
    }
    return;
  }
}

function setUser(ev: NormalizedEvent, user: string): void {
  ev.fields.user = user;
  ev.user = user;
}
