import { test } from 'node:test';
import assert from 'node:assert/strict';
import { auditdReader, decodeSockaddr, syscallName } from '../../src/ingest/readers/auditd/index.js';
import { IngestError } from '../../src/model/index.js';
import { fuzz, readAll } from './syslog-helpers.test.js';

const hex = (s: string) => Buffer.from(s, 'utf8').toString('hex').toUpperCase();
const LONG = 'x'.repeat(40) + 'é' + 'y'.repeat(40);
const LONG_HEX = hex(LONG);

const EXECVE_EVENT = [
  'type=SYSCALL msg=audit(1700000000.123:501): arch=c000003e syscall=59 success=yes exit=0 a0=55d0c2a1b2c0 a1=55d0c2a1b300 a2=55d0c2a1b340 a3=8 items=2 ppid=4000 pid=4001 auid=1000 uid=0 gid=0 euid=0 suid=0 fsuid=0 egid=0 sgid=0 fsgid=0 tty=pts0 ses=3 comm="sh" exe="/usr/bin/dash" subj=unconfined key="exec"',
  `type=EXECVE msg=audit(1700000000.123:501): argc=4 a0="sh" a1="-c" a2=${hex('echo "time is a lie"; id')} a3_len=${LONG.length} a3[0]=${LONG_HEX.slice(0, 82)} a3[1]=${LONG_HEX.slice(82)}`,
  'type=CWD msg=audit(1700000000.123:501): cwd="/tmp/.x"',
  'type=PATH msg=audit(1700000000.123:501): item=0 name="/bin/sh" inode=12 dev=08:01 mode=0100755 ouid=0 ogid=0 rdev=00:00 nametype=NORMAL',
  `type=PATH msg=audit(1700000000.123:501): item=1 name=${hex('/lib64/ld linux.so.2')} inode=13 dev=08:01 mode=0100755 ouid=0 ogid=0 rdev=00:00 nametype=NORMAL`,
  `type=PROCTITLE msg=audit(1700000000.123:501): proctitle=${hex('sh\0-c\0echo')}`,
  'type=EOE msg=audit(1700000000.123:501): ',
].join('\n');

test('auditd: the records of one execve event become one process_creation event with argv rebuilt', async () => {
  const { events, anomalies } = await readAll(auditdReader, 'audit.log', EXECVE_EVENT + '\n');
  assert.equal(anomalies.length, 0);
  assert.equal(events.length, 1);
  const e = events[0]!;
  assert.equal(e.tsNs, 1700000000123000000n);
  assert.deepEqual([e.product, e.service, e.category, e.format, e.offset], ['linux', 'auditd', 'process_creation', 'auditd', 1]);
  assert.deepEqual(e.fields.type, ['SYSCALL', 'EXECVE', 'CWD', 'PATH', 'PROCTITLE']);
  // EXECVE's a0..aN take the plain names Sigma's execve rules use; SYSCALL's registers stay reachable by prefix.
  assert.deepEqual([e.fields.a0, e.fields.a1, e.fields.a2, e.fields.a3], ['sh', '-c', 'echo "time is a lie"; id', LONG]);
  assert.equal(e.fields['SYSCALL.a0'], '55d0c2a1b2c0');
  assert.equal(e.fields.SYSCALL, 'execve', 'named from the x86_64 table');
  assert.deepEqual(e.fields.name, ['/bin/sh', '/lib64/ld linux.so.2']);
  assert.equal(e.fields.proctitle, 'sh -c echo');
  assert.equal(e.fields.key, 'exec');
  assert.equal(e.commandLine, `sh -c echo "time is a lie"; id ${LONG}`);
  assert.deepEqual([e.image, e.user], ['/usr/bin/dash', '1000'], 'the login user (auid) behind the process');
  assert.deepEqual([e.fields.Image, e.fields.CommandLine, e.fields.CurrentDirectory, e.fields.ProcessId, e.fields.ParentProcessId],
    ['/usr/bin/dash', e.commandLine, '/tmp/.x', '4001', '4000']);
});

test('auditd: interleaved events are grouped by serial and emitted in order of their first line', async () => {
  const text = [
    'type=SYSCALL msg=audit(1700000001.000:10): arch=c000003e syscall=2 success=yes exit=3 a0=1 a1=0 a2=0 a3=0 items=1 ppid=1 pid=2 auid=4294967295 uid=0 comm="cat" exe="/usr/bin/cat" key="shadow"',
    'type=USER_LOGIN msg=audit(1700000001.100:11): pid=9 uid=0 auid=1000 ses=4 msg=\'op=login acct="alice" exe="/usr/sbin/sshd" hostname=? addr=203.0.113.5 terminal=ssh res=failed\'',
    'type=PATH msg=audit(1700000001.000:10): item=0 name="/etc/shadow" nametype=NORMAL',
    'type=EOE msg=audit(1700000001.000:10): ',
  ].join('\n');
  const { events } = await readAll(auditdReader, 'audit.log', text);
  assert.equal(events.length, 2);
  const [open, login] = events;
  assert.deepEqual([open!.offset, open!.fields.type, open!.fields.SYSCALL, open!.fields.name, open!.category], [1, ['SYSCALL', 'PATH'], 'open', '/etc/shadow', undefined]);
  assert.equal(open!.user, '0', 'auid unset (4294967295) falls back to uid');
  assert.deepEqual([login!.offset, login!.fields.type, login!.fields.op, login!.user, login!.srcIp, login!.image, login!.fields.res], [2, 'USER_LOGIN', 'login', 'alice', '203.0.113.5', '/usr/sbin/sshd', 'failed']);
});

test('auditd: enriched format, node prefix, SOCKADDR of connect, dmesg form', async () => {
  const saddr = '02000050C6336404' + '0000000000000000';
  const text = [
    `node=ntp-core-1 type=SYSCALL msg=audit(1700000002.5:20): arch=c000003e syscall=42 success=no exit=-115 a0=3 a1=7ffd a2=10 a3=0 items=0 ppid=1 pid=77 auid=1000 uid=1000 comm="curl" exe="/usr/bin/curl" key=(null)\x1dARCH=x86_64 SYSCALL=connect AUID="alice" UID="alice"`,
    `node=ntp-core-1 type=SOCKADDR msg=audit(1700000002.5:20): saddr=${saddr}\x1dSADDR={ fam=inet laddr=198.51.100.4 lport=80 }`,
    'node=ntp-core-1 type=EOE msg=audit(1700000002.5:20): ',
    'audit: type=1400 audit(1700000003.250:21): apparmor="DENIED" operation="open" profile="chronyd" name="/etc/shadow" pid=5 comm="chronyd"',
  ].join('\n');
  const { events } = await readAll(auditdReader, 'audit.log', text);
  assert.equal(events.length, 2);
  const c = events[0]!;
  assert.deepEqual([c.host, c.fields.node, c.fields.SYSCALL, c.fields.AUID, c.user], ['ntp-core-1', 'ntp-core-1', 'connect', 'alice', 'alice']);
  assert.deepEqual([c.dstIp, c.dstPort, c.fields.saddr_fam], ['198.51.100.4', 80, 'inet']);
  assert.equal(c.tsNs, 1700000002500000000n);
  assert.deepEqual([events[1]!.fields.type, events[1]!.fields.profile, events[1]!.tsNs], ['AVC', 'chronyd', 1700000003250000000n]);
});

test('auditd: values that only look like hex stay as they are; old/new qualifiers; key lists', async () => {
  const text = [
    "type=ADD_GROUP msg=audit(1610903553.686:584): pid=2940 uid=0 auid=1000 ses=14 msg='op=adding group to /etc/group id=1004 exe=\"/usr/sbin/groupadd\" hostname=h addr=127.0.0.1 terminal=pts/2 res=success'",
    'type=CONFIG_CHANGE msg=audit(1610903553.700:585): audit_backlog_limit=8192 old=64 auid=4294967295 ses=4294967295 res=1',
    'type=LOGIN msg=audit(1489636960.072:19623791): pid=28281 uid=0 old auid=700 new auid=700 old ses=6793 new ses=12286',
    `type=SYSCALL msg=audit(1610903553.800:586): arch=c000003e syscall=257 success=yes exit=3 items=1 pid=1 uid=0 comm="x" exe="/x" key=${hex('time-change\x01T1070')}`,
  ].join('\n');
  const { events } = await readAll(auditdReader, 'audit.log', text);
  assert.deepEqual([events[0]!.fields.id, events[0]!.fields.op], ['1004', 'adding group to /etc/group']);
  assert.equal(events[1]!.fields.old, '64');
  assert.deepEqual([events[2]!.fields['old-auid'], events[2]!.fields['new-ses']], ['700', '12286']);
  assert.deepEqual(events[3]!.fields.key, ['time-change', 'T1070']);
  assert.equal(events[3]!.fields.SYSCALL, 'openat');
});

test('auditd: helpers decode sockaddr and syscall numbers', () => {
  assert.deepEqual(decodeSockaddr('0A0001BB00000000' + '20010DB8000000000000000000000001' + '00000000'), { family: 'inet6', port: 443, ip: '2001:db8::1' });
  assert.deepEqual(decodeSockaddr('01002F72756E2F6E7363642F736F636B657400'), { family: 'local', path: '/run/nscd/socket' });
  assert.equal(syscallName('c00000b7', '221'), 'execve');
  assert.equal(syscallName('40000003', '11'), 'execve');
  assert.equal(syscallName('deadbeef', '1'), undefined);
});

test('auditd: stray lines are anomalies; a file without audit records is an IngestError naming file and line', async () => {
  const { events, anomalies } = await readAll(auditdReader, 'audit.log', `${EXECVE_EVENT}\ngarbage here\n`);
  assert.equal(events.length, 1);
  assert.deepEqual(anomalies.map((a) => [a.offset, a.kind]), [[8, 'auditd-unparsed']]);
  const junk = Array.from({ length: 25 }, (_, i) => `line ${i}`).join('\n');
  await assert.rejects(readAll(auditdReader, 'notes.txt', junk), (e: unknown) => e instanceof IngestError && /notes\.txt:1: /.test(e.message));
});

test('auditd: sniffing', () => {
  assert.ok(auditdReader.sniff(Buffer.from(EXECVE_EVENT), 'x') >= 0.9);
  assert.equal(auditdReader.sniff(Buffer.from('Jan  1 00:00:00 h sshd[1]: hello\n'), 'audit.log'), 0);
});

test('auditd fuzz: truncated, bit-flipped and random input never crashes or hangs', { timeout: 60_000 }, async () => {
  const r = await fuzz(auditdReader, 'fuzz-audit.log', Buffer.from(EXECVE_EVENT), 11, 80);
  assert.equal(r.runs, 80);
  assert.ok(r.errors > 0);
});
