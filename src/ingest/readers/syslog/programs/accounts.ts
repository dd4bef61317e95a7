import type { NormalizedEvent } from '../../../../model/index.js';
import { commaPairs } from './util.js';

/**
 * Account changes by shadow-utils (`useradd`, `groupadd`, `usermod`, `userdel`, `groupdel`, `gpasswd`, `passwd`,
 * `chpasswd`, `chage`) and `su`. Fields: `action` (new_user, new_group, add_to_group, delete_user, delete_group,
 * password_changed, change_user, su, su_failed), shadow-utils' own keys (`name`, `UID`, `GID`, `home`, `shell`,
 * `from`), `group`, `user`, `target_user`, `tty`.
 */
export function parseAccounts(msg: string, ev: NormalizedEvent): void {
  const f = ev.fields;
  let m: RegExpExecArray | null;
  if ((m = /^new (user|group): (.*)$/.exec(msg))) {
    f.action = `new_${m[1]}`;
    commaPairs(m[2]!, f);
    if (m[1] === 'user' && typeof f.name === 'string') ev.user = f.name;
  } else if ((m = /^(?:add|adding user) '([^']*)' to (?:shadow )?group '([^']*)'/.exec(msg))) {
    f.action = 'add_to_group'; f.user = m[1]; f.group = m[2]; ev.user = m[1]!;
  } else if ((m = /^(?:delete|deleting) user '([^']*)'/.exec(msg))) {
    f.action = 'delete_user'; f.user = m[1]; ev.user = m[1]!;
  } else if ((m = /^(?:group '([^']*)' removed|removed group '([^']*)')/.exec(msg))) {
    f.action = 'delete_group'; f.group = m[1] ?? m[2];
  } else if ((m = /^(?:password for '([^']*)' changed by '([^']*)'|password changed for (\S+))/.exec(msg))) {
    f.action = 'password_changed'; f.user = m[1] ?? m[3]; ev.user = (m[1] ?? m[3])!;
    if (m[2]) f.by_user = m[2];
  } else if ((m = /^change user '([^']*)' (.*)$/.exec(msg))) {
    f.action = 'change_user'; f.user = m[1]; f.change = m[2]; ev.user = m[1]!;
  }
}

export function parseSu(msg: string, ev: NormalizedEvent): void {
  const f = ev.fields;
  let m: RegExpExecArray | null;
  if ((m = /^(FAILED SU|Successful su)? ?(?:\(to (\S+)\) (\S+) on (\S+)|for (\S+) by (\S+))$/.exec(msg))) {
    f.action = m[1] === 'FAILED SU' ? 'su_failed' : 'su';
    f.target_user = m[2] ?? m[5];
    f.user = m[3] ?? m[6];
    if (m[4]) f.tty = m[4];
    ev.user = (m[3] ?? m[6])!;
  } else if ((m = /^([+-]) (\S+) (\S+):(\S+)$/.exec(msg))) {
    // Debian's `+ pts/0 alice:root` (success) / `- pts/0 alice:root` (failure).
    f.action = m[1] === '+' ? 'su' : 'su_failed';
    f.tty = m[2]; f.user = m[3]; f.target_user = m[4]; ev.user = m[3]!;
  }
}

/** systemd-logind: `New session 3 of user alice.`, `Session 3 logged out. …`, `Removed session 3.` */
export function parseLogind(msg: string, ev: NormalizedEvent): void {
  const f = ev.fields;
  let m: RegExpExecArray | null;
  if ((m = /^New session (\S+) of user (\S+?)\.?$/.exec(msg))) {
    f.action = 'session_new'; f.session = m[1]; f.user = m[2]; ev.user = m[2]!;
  } else if ((m = /^Session (\S+) logged out\./.exec(msg))) {
    f.action = 'session_logged_out'; f.session = m[1];
  } else if ((m = /^Removed session (\S+?)\.?$/.exec(msg))) {
    f.action = 'session_removed'; f.session = m[1];
  } else if (/^System is (rebooting|powering down)/.test(msg)) {
    f.action = 'shutdown';
  }
}
