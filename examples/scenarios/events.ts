import type { NormalizedEvent } from '../../src/model/index.js';
import type { SessionCandidate } from './sessions.js';

/**
 * The sessions as case events, so the whole pipeline (ingest → trace → attribute) can be exercised:
 * interactive sessions as OpenSSH logins in syslog shape or as Windows 4624/4688, automated ones as Zeek conn
 * records (what a beacon looks like on the wire). Fields use the native names each source gives them.
 */
export type SessionShape = 'ssh' | 'windows';

const ns = (ms: number): bigint => BigInt(Math.round(ms)) * 1_000_000n;

function portOf(s: SessionCandidate, salt: number): number {
  return 32768 + ((Math.floor(s.startMs / 1000) + salt) % 28000);
}

/** One auth.log line per login and logout, as `sshd` writes them (RFC 3164 time stamp, local to UTC here). */
export function sshAuthLogLines(sessions: readonly SessionCandidate[]): string[] {
  const months = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];
  const stamp = (ms: number): string => {
    const d = new Date(ms);
    return `${months[d.getUTCMonth()]} ${String(d.getUTCDate()).padStart(2, ' ')} ${d.toISOString().slice(11, 19)}`;
  };
  return sessions.filter((s) => s.commands > 0).flatMap((s, i) => {
    const pid = 1000 + (i % 60000);
    return [
      { ms: s.startMs, line: `${stamp(s.startMs)} ${s.host} sshd[${pid}]: Accepted publickey for ${s.user} from ${s.srcIp} port ${portOf(s, i)} ssh2: ED25519 SHA256:AAAAC3NzaC1lZDI1NTE5AAAAIBq${i % 10}` },
      { ms: s.endMs, line: `${stamp(s.endMs)} ${s.host} sshd[${pid}]: pam_unix(sshd:session): session closed for user ${s.user}` },
    ];
  }).sort((a, b) => a.ms - b.ms).map((x) => x.line);
}

export function sessionEvents(sessions: readonly SessionCandidate[], shape: SessionShape): NormalizedEvent[] {
  const out: NormalizedEvent[] = [];
  sessions.forEach((s, i) => {
    const port = portOf(s, i);
    if (s.commands === 0) {
      out.push({
        tsNs: ns(s.startMs), format: 'zeek', product: 'zeek', service: 'conn', srcIp: s.host, srcPort: port, dstIp: s.srcIp, dstPort: 443, proto: 'tcp',
        fields: { 'id.orig_h': s.host, 'id.orig_p': port, 'id.resp_h': s.srcIp, 'id.resp_p': 443, proto: 'tcp', service: 'ssl', duration: (s.endMs - s.startMs) / 1000, conn_state: 'SF' },
        offset: out.length + 1,
      });
      return;
    }
    if (shape === 'ssh') {
      const message = `Accepted publickey for ${s.user} from ${s.srcIp} port ${port} ssh2`;
      out.push({
        tsNs: ns(s.startMs), format: 'syslog', product: 'linux', service: 'sshd', host: s.host, user: s.user, srcIp: s.srcIp, srcPort: port, dstPort: 22, proto: 'tcp',
        fields: { program: 'sshd', pid: 1000 + i, message }, offset: out.length + 1,
      });
      out.push({
        tsNs: ns(s.endMs), format: 'syslog', product: 'linux', service: 'sshd', host: s.host, user: s.user,
        fields: { program: 'sshd', pid: 1000 + i, message: `pam_unix(sshd:session): session closed for user ${s.user}` }, offset: out.length + 1,
      });
      return;
    }
    const logonId = `0x${(0x3e7000 + i).toString(16)}`;
    out.push({
      tsNs: ns(s.startMs), format: 'evtx', product: 'windows', service: 'security', host: s.host, user: s.user, srcIp: s.srcIp, srcPort: port, eventId: 4624,
      fields: { EventID: 4624, LogonType: 10, TargetUserName: s.user, TargetDomainName: 'GRID', TargetLogonId: logonId, IpAddress: s.srcIp, IpPort: String(port), WorkstationName: 'OPERATOR-PC', LogonProcessName: 'User32', AuthenticationPackageName: 'Negotiate' },
      offset: out.length + 1,
    });
    const commands = ['whoami /all', 'ipconfig /all', 'net group "domain admins" /domain', 'tasklist /v'];
    for (let k = 0; k < Math.min(3, s.commands); k++) {
      const cmd = commands[(i + k) % commands.length] ?? 'whoami';
      out.push({
        tsNs: ns(s.startMs + (k + 1) * 45_000), format: 'evtx', product: 'windows', service: 'security', category: 'process_creation', host: s.host, user: s.user,
        image: 'C:\\Windows\\System32\\cmd.exe', commandLine: `cmd.exe /c ${cmd}`, eventId: 4688,
        fields: { EventID: 4688, NewProcessName: 'C:\\Windows\\System32\\cmd.exe', CommandLine: `cmd.exe /c ${cmd}`, SubjectUserName: s.user, SubjectLogonId: logonId, ParentProcessName: 'C:\\Windows\\explorer.exe' },
        offset: out.length + 1,
      });
    }
  });
  return out.sort((a, b) => (a.tsNs ?? 0n) < (b.tsNs ?? 0n) ? -1 : (a.tsNs ?? 0n) > (b.tsNs ?? 0n) ? 1 : a.offset - b.offset);
}
