/** veritrace's own time-infrastructure rules (rules/): each loads, fires on its events and not on the look-alikes. */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { REPO_ROOT } from '../helpers/paths.js';
import { checkRules, loadRuleFiles, runRuleSet } from '../../src/detect/sigma-test-exports.js';
import { duckdb } from '../../src/store/index.js';
import { ev, withCase, type Ev } from './helpers.js';

const chrony = (f: Record<string, unknown>): Ev => ({ product: 'linux', service: 'chronyd', category: 'time', fields: f });
const ntpd = (f: Record<string, unknown>): Ev => ({ product: 'linux', service: 'ntpd', category: 'time', fields: f });
const audit = (f: Record<string, unknown>): Ev => ({ product: 'linux', service: 'auditd', fields: { type: ['SYSCALL', 'PROCTITLE'], ...f } });
const zeekNtp = (orig: string, mode: number): Ev => ({ product: 'zeek', service: 'ntp', fields: { 'id.orig_h': orig, 'id.resp_h': '192.0.2.123', mode } });

const cases: [string, Ev, boolean][] = [
  ['Chrony Time Source Replaced', chrony({ time_event: 'source_replaced', source: '192.0.2.1', source_name: '203.0.113.9' }), true],
  ['Chrony Time Source Replaced', chrony({ time_event: 'source_selected', source: '192.0.2.1' }), false],
  ['Chrony Clock Step Or Jump Of One Second Or More', chrony({ time_event: 'clock_stepped', offset_s: -3.25 }), true],
  ['Chrony Clock Step Or Jump Of One Second Or More', chrony({ time_event: 'clock_wrong', offset_s: 12.5 }), true],
  ['Chrony Clock Step Or Jump Of One Second Or More', chrony({ time_event: 'time_jump', direction: 'forward' }), true],
  ['Chrony Clock Step Or Jump Of One Second Or More', chrony({ time_event: 'clock_stepped', offset_s: 0.002 }), false],
  ['NTPd Clock Step Or Time Reset', ntpd({ time_event: 'clock_step', offset_s: -0.512 }), true],
  ['NTPd Clock Step Or Time Reset', ntpd({ time_event: 'time_reset', offset_s: 0.3 }), true],
  ['NTPd Clock Step Or Time Reset', ntpd({ time_event: 'no_servers' }), false],
  ['NTPd Synchronised To A Source', ntpd({ time_event: 'synchronized', source: '192.0.2.1', stratum: 2 }), true],
  ['System Clock Set By A Process Other Than The Time Daemon', audit({ SYSCALL: 'settimeofday', exe: '/usr/bin/date' }), true],
  ['System Clock Set By A Process Other Than The Time Daemon', audit({ SYSCALL: 'clock_settime', exe: '/tmp/.x/faketime' }), true],
  ['System Clock Set By A Process Other Than The Time Daemon', audit({ SYSCALL: 'adjtimex', exe: '/usr/sbin/chronyd' }), false],
  ['System Clock Set By A Process Other Than The Time Daemon', audit({ SYSCALL: 'openat', exe: '/usr/bin/date' }), false],
  ['NTP Control Or Private Mode Query From Outside The Network', zeekNtp('198.51.100.7', 6), true],
  ['NTP Control Or Private Mode Query From Outside The Network', zeekNtp('2001:db8::7', 7), true],
  ['NTP Control Or Private Mode Query From Outside The Network', zeekNtp('10.1.1.1', 7), false],
  ['NTP Control Or Private Mode Query From Outside The Network', zeekNtp('fe80::1', 6), false],
  ['NTP Control Or Private Mode Query From Outside The Network', zeekNtp('198.51.100.7', 3), false],
];

test('own rules: all load (rules check)', async () => {
  const r = await checkRules([join(REPO_ROOT, 'rules')], duckdb);
  assert.equal(r.rejected, 0, JSON.stringify(r.byReason));
  assert.ok(r.loaded >= 6);
});

test('own rules: each fires on its positive events and not on the negatives', async () => {
  const set = await loadRuleFiles([join(REPO_ROOT, 'rules')], { placeholders: {} });
  await withCase(cases.map(([, e], i) => ev(e, i)), async (store, ids) => {
    await runRuleSet(store, set, {});
    const rows = await store.query<{ title: string; event_id: string }>(`SELECT f.title, fe.event_id FROM findings f JOIN finding_events fe ON fe.finding_id = f.id`);
    const got = new Set(rows.map((r) => `${r.title}#${ids.indexOf(r.event_id)}`));
    cases.forEach(([title, , positive], i) => assert.equal(got.has(`${title}#${i}`), positive, `${title} on case ${i}`));
    assert.equal(rows.length, cases.filter((c) => c[2]).length, 'no other rule fires');
  });
});
