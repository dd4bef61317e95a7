/** Real auth.log / secure samples (Elastic filebeat's system module test files): zero errors, fields parsed. */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { openInput } from '../../src/ingest/input.js';
import { syslogReader, type SyslogReaderOptions } from '../../src/ingest/readers/syslog/index.js';
import type { Anomaly, NormalizedEvent } from '../../src/model/index.js';
import { SHARED_DATA, SKIP_NO_SHARED } from '../helpers/paths.js';

/** The syslog reader's own options, typed (ReaderOptions, shared by all readers, does not name them). */
const opts = (o: SyslogReaderOptions): SyslogReaderOptions => o;
const DIR = join(SHARED_DATA, 'linux/filebeat/module/system/auth/test');

async function read(file: string, year?: number) {
  const events: NormalizedEvent[] = [];
  const anomalies: Anomaly[] = [];
  for await (const b of syslogReader.read(openInput(join(DIR, file), false), opts(year === undefined ? {} : { year }))) {
    events.push(...b.events);
    anomalies.push(...(b.anomalies ?? []));
  }
  return { events, anomalies };
}

test('syslog real: every auth test file ingests with zero errors and no unparsed line', { skip: SKIP_NO_SHARED }, async () => {
  const files = readdirSync(DIR).filter((f) => f.endsWith('.log')).sort();
  assert.deepEqual(files, ['secure-rhel7.log', 'test.log', 'timestamp.log']);
  const counts: Record<string, number> = {};
  for (const f of files) {
    const { events, anomalies } = await read(f);
    counts[f] = events.length;
    assert.deepEqual(anomalies.filter((a) => a.kind === 'syslog-unparsed' || a.kind === 'syslog-bad-date'), [], f);
    for (const e of events) assert.ok(e.tsNs !== null && e.fields.program !== undefined, `${f}:${e.offset}`);
  }
  assert.deepEqual(counts, { 'secure-rhel7.log': 1000, 'test.log': 10, 'timestamp.log': 2 });
});

test('syslog real: secure-rhel7 SSH brute force, accepted logins and sudo commands', { skip: SKIP_NO_SHARED }, async () => {
  const { events } = await read('secure-rhel7.log', 2017);
  const by = (action: string) => events.filter((e) => e.fields.action === action);
  assert.equal(by('failed').length, 352);
  assert.equal(by('requirement_not_met').length, 351);
  assert.equal(by('auth_failure').length, 76);
  assert.equal(by('received_disconnect').length, 23);
  assert.equal(by('too_many_failures').length, 13);
  const accepted = by('accepted');
  assert.deepEqual(accepted.map((e) => [e.user, e.srcIp, e.srcPort, e.fields.method]), [
    ['drewr', '69.245.39.97', 34202, 'publickey'], ['drewr', '69.245.39.97', 42136, 'publickey'], ['tsg', '78.52.112.222', 57936, 'publickey'],
  ]);
  const first = events[0]!;
  assert.deepEqual([first.fields.action, first.user, first.srcIp, first.srcPort, first.host, first.service], ['failed', 'root', '202.109.143.106', 1786, 'slave22', 'sshd']);
  assert.equal(first.tsNs, BigInt(Date.parse('2017-02-22T16:45:20Z')) * 1_000_000n);
  const failedIps = new Set(by('failed').map((e) => e.srcIp));
  assert.ok(failedIps.has('116.31.116.27') && failedIps.has('202.109.143.106'));
  const sudo = by('command');
  assert.deepEqual(sudo.map((e) => [e.user, e.fields.USER, e.image, e.commandLine]), [
    ['tsg', 'root', '/bin/cat', '/bin/cat /var/log/secure'], ['tsg', 'root', '/bin/cp', '/bin/cp /var/log/secure .'],
  ]);
});

test('syslog real: test.log and timestamp.log', { skip: SKIP_NO_SHARED }, async () => {
  const { events } = await read('test.log');
  assert.deepEqual(events.map((e) => e.fields.action), ['accepted', 'accepted', 'invalid_user', 'failed', 'command', 'no_identification', 'command', 'denied', 'new_group', 'new_user']);
  assert.deepEqual([events[0]!.fields.key_type, events[0]!.fields.key_fingerprint], ['RSA', '39:33:99:e9:a0:dc:f2:33:a3:e5:72:3b:7c:3a:56:84']);
  assert.deepEqual([events[7]!.user, events[7]!.fields.sudo_error, events[7]!.host], ['tsg', 'user NOT in sudoers', 'precise32']);
  assert.deepEqual([events[9]!.fields.name, events[9]!.fields.UID, events[9]!.fields.home], ['apache', '48', '/usr/share/httpd']);
  const ts = await read('timestamp.log');
  assert.equal(ts.events[0]!.tsNs, 1560508820912134000n);
  assert.equal(ts.events[1]!.tsNs, BigInt(Date.parse('2019-06-14T11:31:15.412Z')) * 1_000_000n, '+01:30 applied');
  assert.deepEqual([ts.events[0]!.fields.action, ts.events[0]!.fields.pam_service, ts.events[0]!.user], ['session_opened', 'sudo-i', 'root']);
});
