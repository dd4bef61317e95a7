/** Real audit.log samples (Elastic filebeat's auditd module test files): zero errors, records grouped, hex decoded. */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { openInput } from '../../src/ingest/input.js';
import { auditdReader } from '../../src/ingest/readers/auditd/index.js';
import type { Anomaly, NormalizedEvent } from '../../src/model/index.js';
import { SHARED_DATA, SKIP_NO_SHARED } from '../helpers/paths.js';

const DIR = join(SHARED_DATA, 'linux/filebeat/module/auditd/log/test');

async function read(file: string) {
  const events: NormalizedEvent[] = [];
  const anomalies: Anomaly[] = [];
  for await (const b of auditdReader.read(openInput(join(DIR, file), false), {})) {
    events.push(...b.events);
    anomalies.push(...(b.anomalies ?? []));
  }
  return { events, anomalies };
}

test('auditd real: every auditd test file ingests with zero errors and zero anomalies', { skip: SKIP_NO_SHARED }, async () => {
  const files = readdirSync(DIR).filter((f) => f.endsWith('.log')).sort();
  const counts: Record<string, number> = {};
  for (const f of files) {
    const { events, anomalies } = await read(f);
    counts[f] = events.length;
    assert.deepEqual(anomalies, [], f);
    for (const e of events) assert.ok(e.tsNs !== null && e.fields.type !== undefined, `${f}:${e.offset}`);
  }
  assert.deepEqual(counts, {
    'audit-cent7-node.log': 10, 'audit-rhel6.log': 11, 'audit-rhel7_2.log': 1, 'execve-hex-arg.log': 1, 'test.log': 15, 'useradd.log': 8,
  });
});

test('auditd real: hex-encoded execve argument, exe, cmd and proctitle decoded', { skip: SKIP_NO_SHARED }, async () => {
  const hexArg = (await read('execve-hex-arg.log')).events[0]!;
  assert.deepEqual([hexArg.fields.a0, hexArg.fields.a1, hexArg.fields.a2], ['sh', '-c', 'echo \\"arg hex encoded\\"']);
  assert.equal(hexArg.commandLine, 'sh -c echo \\"arg hex encoded\\"');
  assert.deepEqual([hexArg.category, hexArg.tsNs], ['process_creation', 1669615313901000000n]);

  const { events } = await read('test.log');
  const syscall = events.find((e) => e.fields.type === 'SYSCALL' && e.fields.comm === 'charon')!;
  assert.deepEqual([syscall.image, syscall.fields.SYSCALL, syscall.fields.a1], ['/usr/libexec/strongswan/charon (deleted)', 'sendto', '7f564b2672a0']);
  const cmd = events.find((e) => e.fields.type === 'USER_CMD')!;
  assert.equal(cmd.fields.cmd, '/usr/lib64/nagios/plugins/check_asterisk_sip_peers -p 202');
  const titles = events.filter((e) => e.fields.type === 'PROCTITLE').map((e) => e.fields.proctitle);
  assert.deepEqual(titles, ['bash', 'sshd: burn [priv]']);
  const tty = events.find((e) => e.fields.type === 'TTY')!;
  assert.ok(String(tty.fields.data).includes('sudo su'));
  const session = events.find((e) => e.fields.type === 'CRYPTO_SESSION')!;
  assert.deepEqual([session.srcIp, session.fields.cipher, session.fields.lport], ['96.241.146.97', 'chacha20-poly1305@openssh.com', '22']);
});

test('auditd real: records sharing a serial merge; user-space msg pairs flattened', { skip: SKIP_NO_SHARED }, async () => {
  const { events } = await read('audit-rhel6.log');
  const merged = events.find((e) => Array.isArray(e.fields.type))!;
  assert.deepEqual(merged.fields.type, ['MAC_IPSEC_EVENT', 'SYSCALL']);
  assert.deepEqual([merged.fields.op, merged.fields.src, merged.fields.comm, merged.fields.SYSCALL], ['SPD-add', '10.100.0.0', 'charon', 'sendto']);
  const login = events.find((e) => e.fields.type === 'LOGIN')!;
  assert.deepEqual([login.fields['old-auid'], login.fields['new-ses']], ['700', '12286']);
  const auth = events.filter((e) => e.fields.type === 'USER_AUTH');
  assert.deepEqual(auth.map((e) => [e.user, e.image, e.fields.res]), [['admin', '/usr/sbin/sshd', 'success'], ['root', '/bin/su', 'success']]);
  const node = (await read('audit-cent7-node.log')).events;
  assert.ok(node.every((e) => e.host === 'localhost.localdomain'));
  const useradd = (await read('useradd.log')).events;
  assert.deepEqual(useradd.slice(0, 2).map((e) => [e.fields.type, e.fields.op, e.fields.id, e.image]),
    [['ADD_GROUP', 'adding group to /etc/group', '1004', '/usr/sbin/groupadd'], ['ADD_GROUP', 'adding group to /etc/gshadow', '1004', '/usr/sbin/groupadd']]);
  assert.equal(useradd.find((e) => e.fields.type === 'USER_CHAUTHTOK')!.user, 'charlie');
});
