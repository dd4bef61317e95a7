import type { NormalizedEvent } from '../../../model/index.js';
import { buildEvent, parseAuditLine } from '../auditd/index.js';
import { parseChronydMessage } from '../chrony/messages.js';
import { parseNtpdMessage } from '../ntpd/messages.js';
import { parseAccounts, parseLogind, parseSu } from './programs/accounts.js';
import { parsePam } from './programs/pam.js';
import { parseSshd } from './programs/sshd.js';
import { parseSudo } from './programs/sudo.js';
import { isSysmonXml, parseSysmon } from './sysmon.js';

/**
 * Which Sigma `service` a syslog program belongs to and which parser reads its messages. Services follow SigmaHQ's
 * linux logsources: `sshd`, `sudo`, `cron`, `vsftpd`, `clamav`, `guacamole`, `auth` for the rest of auth.log's
 * writers, and `syslog` for everything else; `chronyd` and `ntpd` (category `time`) are veritrace's own.
 */
interface Program {
  service: string;
  category?: string;
  parse?: (msg: string, ev: NormalizedEvent) => void;
}

const SSHD: Program = { service: 'sshd', parse: parseSshd };
const ACCOUNTS: Program = { service: 'auth', parse: parseAccounts };
const AUTH: Program = { service: 'auth' };
const CRON: Program = { service: 'cron' };
const CHRONYD: Program = { service: 'chronyd', category: 'time', parse: timeParser(parseChronydMessage) };
const NTPD: Program = { service: 'ntpd', category: 'time', parse: timeParser(parseNtpdMessage) };

const PROGRAMS: Record<string, Program> = {
  sshd: SSHD, 'sshd-session': SSHD, 'sshd-auth': SSHD,
  sudo: { service: 'sudo', parse: parseSudo },
  su: { service: 'auth', parse: parseSu },
  'systemd-logind': { service: 'auth', parse: parseLogind },
  useradd: ACCOUNTS, groupadd: ACCOUNTS, usermod: ACCOUNTS, userdel: ACCOUNTS, groupdel: ACCOUNTS, groupmod: ACCOUNTS,
  gpasswd: ACCOUNTS, passwd: ACCOUNTS, chpasswd: ACCOUNTS, chage: ACCOUNTS, newusers: ACCOUNTS,
  login: AUTH, pkexec: AUTH, polkitd: AUTH, 'polkit-agent-helper-1': AUTH, unix_chkpwd: AUTH, chfn: AUTH, chsh: AUTH,
  'gdm-password': AUTH, lightdm: AUTH, pam: AUTH, runuser: AUTH, doas: AUTH, sssd: AUTH,
  cron: CRON, CRON: CRON, crond: CRON, anacron: CRON,
  vsftpd: { service: 'vsftpd' }, clamd: { service: 'clamav' }, freshclam: { service: 'clamav' }, guacd: { service: 'guacamole' },
  chronyd: CHRONYD, ntpd: NTPD, ntpdate: NTPD, sntp: NTPD,
};

function timeParser(parse: (msg: string) => Record<string, unknown> | null): (msg: string, ev: NormalizedEvent) => void {
  return (msg, ev) => {
    const f = parse(msg);
    if (f) Object.assign(ev.fields, f);
  };
}

const REPEATED = /^message repeated (\d+) times?: \[ ?(.*?) ?\]$/;

/** Adds what the program's message says to `ev` (fields, typed columns, logsource). */
export function interpretMessage(program: string | undefined, msg: string, ev: NormalizedEvent): void {
  const name = program === undefined ? '' : program.includes('/') ? program.slice(program.lastIndexOf('/') + 1) : program;
  const p = PROGRAMS[name];
  ev.service = p?.service ?? 'syslog';
  if (p?.category !== undefined) ev.category = p.category;
  // rsyslog folds duplicates into `message repeated 3 times: [ Failed password for root …]`: read the inner message.
  const rep = msg.charCodeAt(0) === 109 /* m */ ? REPEATED.exec(msg) : null;
  if (rep) {
    ev.fields.repeated = Number(rep[1]);
    msg = rep[2]!;
  }
  const c0 = msg.charCodeAt(0);
  if (c0 === 60 /* < */ && isSysmonXml(msg) && parseSysmon(msg, ev)) return;
  if ((c0 === 112 /* p */ || c0 === 80 /* P */) && parsePam(msg, ev)) {
    if (!p) ev.service = 'auth';
    return;
  }
  if (p?.parse) { p.parse(msg, ev); return; }
  if (!p && msg.includes('audit(')) interpretAudit(msg, ev);
}

/** Kernel or audispd audit records relayed by syslog keep auditd's fields and logsource. */
function interpretAudit(msg: string, ev: NormalizedEvent): void {
  const rec = parseAuditLine(msg);
  if (!rec) return;
  const a = buildEvent([rec], ev.offset);
  Object.assign(ev.fields, a.fields);
  ev.service = 'auditd';
  ev.tsNs = a.tsNs;
  for (const k of ['category', 'user', 'image', 'commandLine', 'srcIp', 'dstIp', 'srcPort', 'dstPort'] as const) {
    if (a[k] !== undefined) Object.assign(ev, { [k]: a[k] });
  }
}
