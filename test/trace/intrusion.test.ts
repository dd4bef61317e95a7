import { test } from 'node:test';
import assert from 'node:assert/strict';
import { intrusionScenario } from '../../examples/trace-scenarios/generate.js';
import { humanSessions, trace } from '../../src/trace/index.js';
import { withCaseFrom } from './helpers.js';

const lower = (s: string) => s.toLowerCase();

test('two-hop intrusion: entry, chain, beacon, exfiltration, operator hours, and the decoys stay out', async () => {
  const { files, truth } = intrusionScenario();
  await withCaseFrom(files, async (store) => {
    const s = await trace(store);
    assert.equal(s.entry?.host, truth.entryHost);
    assert.equal(s.entry?.fromAddr, truth.entryFrom);
    assert.equal(s.entry?.user, truth.entryAccount);
    assert.equal(s.entry?.failuresBefore, 6);
    assert.deepEqual(s.path.map((p) => p.host), truth.path.map(lower));
    const onChain = s.movement.filter((m) => m.hop !== null).map((m) => [m.srcHost, m.dstHost, m.hop]);
    assert.deepEqual(onChain, [['web01', 'fs01', 1], ['web01', 'fs01', 1], ['fs01', 'dc01', 2]]);
    assert.ok(s.movement.some((m) => m.srcHost === 'adm01' && m.hop === null), "the administrator's RDP is an edge but not on the chain");
    assert.equal(s.beacons.length, 1);
    const b = s.beacons[0]!;
    assert.deepEqual([b.src, b.dst], [truth.beacon.src, truth.beacon.dst]);
    assert.ok(Math.abs(b.periodS - truth.beacon.periodSeconds) <= 0.05 * truth.beacon.periodSeconds, `period ${b.periodS}`);
    assert.ok(Math.abs(b.jitter - truth.beacon.jitter) <= 0.08, `jitter ${b.jitter}`);
    assert.deepEqual(s.exfil.map((x) => [x.src, x.dst, x.bytes]), [[truth.exfil.src, truth.exfil.dst, truth.exfil.bytes]]);

    const human = await humanSessions(store);
    const ssh = human.filter((h) => h.host === 'web01');
    assert.deepEqual(ssh.map((h) => new Date(Number(h.startNs / 1000000n)).toISOString()), truth.sessions.map((x) => x.startUtc));
    assert.deepEqual(ssh.map((h) => h.from), truth.sessions.map((x) => x.from));
    // Operator hours: every human session of the intrusion starts in the operators' working day (UTC+8, no DST).
    for (const h of human) {
      const hour = (new Date(Number(h.startNs / 1000000n)).getUTCHours() + 8) % 24;
      assert.ok(hour >= truth.operatorHours[0] && hour < truth.operatorHours[1], `${h.host} ${h.user} at ${hour}:00 local`);
    }
    assert.ok(human.some((h) => h.host === 'dc01' && h.user === 'da_ops'), 'the RDP sessions on the DC from FS01 are the intruder\'s');
    assert.ok(!human.some((h) => h.user === 'admin.lee' || h.user === truth.automatedUser));
    const all = await humanSessions(store, { scope: 'all' });
    assert.ok(all.some((h) => h.user === 'admin.lee'), 'the administrator is a person, just not the intruder');
    const [backup] = await store.query<{ classes: string[] }>(`SELECT list(DISTINCT class) AS classes FROM trace_sessions WHERE user_name = 'backup'`);
    assert.deepEqual(backup!.classes, ['automated']);
  });
});

test('findings join the timeline with the tactics of their Sigma tags and their events', async () => {
  const { ensureFindingTables } = await import('../../src/detect/index.js');
  await withCaseFrom(intrusionScenario().files, async (store) => {
    await ensureFindingTables(store);
    const [ev] = await store.query<{ id: string }>(`SELECT id FROM events WHERE command_line = 'whoami /priv'`);
    await store.exec(`INSERT INTO findings VALUES ('f1', 'sigma', 'r1', 'Whoami privileges', 'medium', 'test', 'tester',
      '["attack.discovery", "attack.t1033"]', '["T1033"]', 'test', TIMESTAMP '2025-09-03 07:52:40', TIMESTAMP '2025-09-03 07:52:40', 1, NULL)`);
    await store.exec(`INSERT INTO finding_events VALUES ('f1', '${ev!.id}')`);
    const s = await trace(store);
    assert.equal(s.findingsUsed, true);
    const [row] = await store.query<{ host: string; tactics: string[]; techniques: string[]; event_ids: string[]; summary: string }>(
      `SELECT host, tactics, techniques, event_ids, summary FROM trace_timeline WHERE kind = 'finding'`);
    assert.deepEqual([row!.host, row!.tactics, row!.techniques, row!.event_ids], ['fs01', ['discovery'], ['T1033'], [ev!.id]]);
    assert.equal(row!.summary, 'medium: Whoami privileges');
  });
});
