/**
 * A second intrusion with known truth, shaped unlike the demo so the trace is not tuned to one story: SSH password
 * guessing into a Linux web server, a network logon plus a remote service install to a file server (PsExec-style),
 * RDP from there to the domain controller (a two-hop chain), an hourly beacon with ±30 % jitter and missed beats,
 * exfiltration from the domain controller, operator sessions on weekdays 09:00–18:00 in Asia/Shanghai (UTC+8), and
 * decoys: an administrator's RDP to the domain controller from an admin workstation and a backup job that logs in
 * over SSH every six hours.
 */
import { Rng } from '../demo/prng.js';
import { localToUtcMs, syslogTime } from '../demo/timefmt.js';
import { winEvent } from '../demo/windows.js';
import { connLog, dnsLog, type ConnSpec, type DnsSpec } from './zeek.js';

export interface IntrusionTruth {
  entryHost: string;
  entryFrom: string;
  entryAccount: string;
  movement: [string, string][];
  path: string[];
  beacon: { src: string; dst: string; periodSeconds: number; jitter: number };
  exfil: { src: string; dst: string; bytes: number };
  operatorTimezone: string;
  operatorHours: [number, number];
  sessions: { host: string; startUtc: string; from: string }[];
  automatedUser: string;
}

const DAY = 86400000;
const HOST = {
  web: { name: 'web01', ip: '10.5.0.10' },
  fs: { name: 'FS01', fqdn: 'FS01.corp.example', ip: '10.5.1.20' },
  dc: { name: 'DC01', fqdn: 'DC01.corp.example', ip: '10.5.1.5' },
  adm: { name: 'ADM01', ip: '10.5.2.50' },
  backup: { ip: '10.5.0.99' },
};
const ATTACKER = ['5.188.10.20', '194.165.16.77'];
const C2 = '91.92.109.14';
const DROP = '46.246.84.9';
const UPDATE = '20.190.160.22';

export function intrusionScenario(seed = 4242): { files: Record<string, string>; truth: IntrusionTruth } {
  const rng = new Rng(seed);
  const start = Date.UTC(2025, 8, 1);
  const end = start + 21 * DAY;
  const auth: { ms: number; text: string }[] = [];
  const win: { ms: number; text: string }[] = [];
  const conns: ConnSpec[] = [];
  let rec = 1;
  let pid = 3000;
  const sshd = (ms: number, p: number, msg: string) => auth.push({ ms, text: `${syslogTime(ms)} ${HOST.web.name} sshd[${p}]: ${msg}` });
  const ev = (ms: number, computer: string, channel: 'Security' | 'Microsoft-Windows-Sysmon/Operational', eventId: number, data: Record<string, string | number>) =>
    win.push({ ms, text: winEvent({ ms, micros: 0, computer, channel, eventId, recordId: rec++, data }) });
  const logon = (ms: number, h: { fqdn: string }, type: number, user: string, ip: string, ws: string) =>
    ev(ms, h.fqdn, 'Security', 4624, { TargetUserName: user, TargetDomainName: 'CORP', LogonType: type, IpAddress: ip, IpPort: rng.int(50000, 60000), WorkstationName: ws, AuthenticationPackageName: 'NTLM', TargetLogonId: `0x${rng.hex(6)}` });
  const proc = (ms: number, h: { fqdn: string }, user: string, image: string, cmd: string) =>
    ev(ms, h.fqdn, 'Microsoft-Windows-Sysmon/Operational', 1, { Image: image, CommandLine: cmd, User: `CORP\\${user}`, ParentImage: 'C:\\Windows\\System32\\cmd.exe', ProcessId: rng.int(1000, 9000) });

  // Decoys: the backup job every six hours (automated), the administrator's daytime RDP to the DC.
  for (let t = start + 3600000; t < end; t += 6 * 3600000) {
    const p = pid++;
    sshd(t, p, `Accepted publickey for backup from ${HOST.backup.ip} port ${rng.int(40000, 60000)} ssh2: ED25519 SHA256:${rng.hex(12)}`);
    sshd(t + 45000, p, `Disconnected from user backup ${HOST.backup.ip} port 22`);
  }
  for (let day = start; day < end; day += DAY * rng.int(1, 3)) logon(day + rng.int(1, 8) * 3600000 + rng.int(0, 59) * 60000, HOST.dc, 10, 'admin.lee', HOST.adm.ip, HOST.adm.name);
  const dns: DnsSpec[] = [];
  for (let day = start; day < end; day += DAY) dns.push({ ms: day + 60000, src: HOST.dc.ip, query: 'settings-win.data.microsoft.com', answers: [UPDATE] });
  for (let day = start; day < end; day += DAY) conns.push({ ms: day + 60000 + rng.int(1, 3600) * 1000, src: HOST.dc.ip, srcPort: 50000, dst: UPDATE, dstPort: 443, proto: 'tcp', service: 'ssl', durationS: 2, origBytes: rng.int(20000, 40000), respBytes: 900000 });

  // Operator sessions: weekdays, 09:00–18:00 Shanghai time, from two rented addresses; the first after six failures.
  const sessions: IntrusionTruth['sessions'] = [];
  let first = true;
  let exfilBytes = 0;
  let day0: number | null = null;
  for (let day = start + 2 * DAY; day < end; day += DAY) {
    const d = new Date(day);
    const wd = d.getUTCDay();
    if (wd === 0 || wd === 6) continue;
    const s = localToUtcMs('Asia/Shanghai', d.getUTCFullYear(), d.getUTCMonth() + 1, d.getUTCDate(), rng.int(9, 15), rng.int(0, 59));
    const from = ATTACKER[sessions.length % 2]!;
    const p = pid++;
    if (first) for (let k = 0; k < 6; k++) sshd(s - (6 - k) * 4000, pid++, `Failed password for deploy from ${from} port ${rng.int(40000, 60000)} ssh2`);
    sshd(s, p, `Accepted password for deploy from ${from} port ${rng.int(40000, 60000)} ssh2`);
    const dur = rng.int(40, 150) * 60000;
    sshd(s + dur, p, `Disconnected from user deploy ${from} port 22`);
    sessions.push({ host: HOST.web.name, startUtc: new Date(s).toISOString(), from });
    if (first) {
      day0 = s;
      // Lateral movement to FS01: network logon and a service install from web01, then RDP from FS01 to the DC.
      logon(s + 600000, HOST.fs, 3, 'svc_backup', HOST.web.ip, 'WEB01');
      ev(s + 620000, HOST.fs.fqdn, 'Security', 4697, { ServiceName: 'PSEXESVC', ServiceFileName: '%SystemRoot%\\PSEXESVC.exe', SubjectUserName: 'svc_backup' });
      proc(s + 700000, HOST.fs, 'svc_backup', 'C:\\Windows\\System32\\whoami.exe', 'whoami /priv');
    }
    // RDP from FS01 to the DC later in each session (the second hop only once the first exists).
    logon(s + 1200000, HOST.dc, 10, 'da_ops', HOST.fs.ip, HOST.fs.name);
    proc(s + 1300000, HOST.dc, 'da_ops', 'C:\\Windows\\System32\\net.exe', 'net user /domain');
    proc(s + 1300000 + rng.int(30, 400) * 1000, HOST.dc, 'da_ops', 'C:\\Windows\\System32\\nltest.exe', 'nltest /domain_trusts');
    if (sessions.length % 3 === 0) {
      const bytes = rng.int(80, 400) * 1_048_576;
      exfilBytes += bytes;
      conns.push({ ms: s + dur - 600000, src: HOST.dc.ip, srcPort: 51000, dst: DROP, dstPort: 443, proto: 'tcp', service: 'ssl', durationS: 400, origBytes: bytes, respBytes: 40000 });
    }
    first = false;
  }
  // The beacon from FS01: hourly, ±30 %, one beat in ten missed.
  for (let t = (day0 ?? start) + 800000; t < end; t += rng.jitter(3600, 0.3) * 1000) {
    if (rng.next() < 0.1) continue;
    conns.push({ ms: Math.round(t), src: HOST.fs.ip, srcPort: rng.int(49152, 65535), dst: C2, dstPort: 8443, proto: 'tcp', service: 'ssl', durationS: 0.4, origBytes: 900 + rng.int(0, 30), respBytes: 1500 });
  }
  const text = (xs: { ms: number; text: string }[]) => xs.sort((a, b) => a.ms - b.ms || a.text.localeCompare(b.text)).map((x) => x.text).join('\n') + '\n';
  return {
    files: { 'linux/web01/auth.log': text(auth), 'windows/events.json': text(win), 'zeek/conn.log': connLog(conns), 'zeek/dns.log': dnsLog(dns) },
    truth: {
      entryHost: HOST.web.name, entryFrom: ATTACKER[0]!, entryAccount: 'deploy',
      movement: [[HOST.web.name, HOST.fs.name], [HOST.fs.name, HOST.dc.name]], path: [HOST.web.name, HOST.fs.name, HOST.dc.name],
      beacon: { src: HOST.fs.ip, dst: C2, periodSeconds: 3600, jitter: 0.3 },
      exfil: { src: HOST.dc.ip, dst: DROP, bytes: exfilBytes },
      operatorTimezone: 'Asia/Shanghai', operatorHours: [9, 18], sessions, automatedUser: 'backup',
    },
  };
}
