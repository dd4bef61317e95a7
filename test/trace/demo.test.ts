import { test } from 'node:test';
import assert from 'node:assert/strict';
import { generateDemo } from '../../examples/demo/generate.js';
import { humanSessions, timeline, timesketchLine, trace } from '../../src/trace/index.js';
import { withCaseFrom } from './helpers.js';

test('demo case: entry from the rented servers, movement, the 600 s beacon, exfiltrated bytes, operator sessions', async () => {
  const { files, truth } = generateDemo();
  await withCaseFrom(files, async (store) => {
    const s = await trace(store);
    assert.equal(s.entry?.host, truth.entryHost);
    assert.equal(s.entry?.user, truth.entryAccount);
    assert.deepEqual(s.entry?.otherSources, [...truth.entryFrom].sort());
    assert.equal(s.entry?.fromAddr, truth.sessions[0]!.from);
    assert.ok((s.entry?.failuresBefore ?? 0) > 0, 'failed passwords before the first success');
    assert.deepEqual(s.path.map((p) => p.host), truth.movement.map((h) => h.toLowerCase()));
    const onChain = s.movement.filter((m) => m.hop !== null).map((m) => `${m.srcHost}→${m.dstHost}:${m.kind}`);
    assert.deepEqual(onChain, ['jump01→win-ops01:rdp', 'jump01→ntp-mgmt01:ssh']);

    assert.equal(s.beacons.length, 1);
    const b = s.beacons[0]!;
    assert.deepEqual([b.src, b.dst, b.count], [truth.beacon.src, truth.beacon.dst, truth.beacon.count]);
    assert.ok(Math.abs(b.periodS - truth.beacon.periodSeconds) <= 0.02 * truth.beacon.periodSeconds, `period ${b.periodS}`);
    assert.ok(Math.abs(b.jitter - truth.beacon.jitter) <= 0.03, `jitter ${b.jitter}`);
    assert.deepEqual(s.benignPeriodic.map((x) => x.reason).sort(), ['NTP polling (udp/123)', 'NTP polling (udp/123)', 'known polling service settings-win.data.microsoft.com']);

    assert.equal(s.exfil.length, 1);
    assert.equal(s.exfil[0]!.bytes, truth.exfilBytes, 'Zeek and Suricata both saw the transfers; counted once');

    const human = await humanSessions(store);
    const jump = human.filter((h) => h.host === 'jump01');
    assert.equal(jump.length, truth.sessions.length);
    for (const [i, t] of truth.sessions.entries()) {
      assert.equal(new Date(Number(jump[i]!.startNs / 1000000n)).toISOString(), t.startUtc);
      assert.equal(new Date(Number(jump[i]!.endNs / 1000000n)).toISOString(), t.endUtc);
      assert.equal(jump[i]!.from, t.from);
      assert.ok(jump[i]!.eventIds.length >= 2);
    }
    assert.ok(human.some((h) => h.host === 'ntp-mgmt01' && h.user === 'timeadm'));
    assert.ok(!human.some((h) => h.from?.startsWith('10.10.4.')), "staff logins are people, not the intrusion's");

    const [infra] = await store.query<{ n: number; dated: number }>(`SELECT count(*) AS n, count(*) FILTER (WHERE dataset LIKE '@ip-location-db/asn@%' AND dataset_date IS NOT NULL) AS dated FROM trace_infrastructure`);
    assert.equal(infra!.dated, infra!.n, 'every enrichment names its dataset and date');
    const asn = s.clusters.find((c) => c.kind === 'asn' && c.intrusionAddresses.length >= 3);
    assert.ok(asn, 'entry relays and C2 share a provider');
    assert.deepEqual(asn.intrusionAddresses, ['139.180.201.6', '45.77.12.34', '95.179.140.5']);
    for (const kind of ['certificate', 'ja3', 'domain']) assert.ok(s.clusters.some((c) => c.kind === kind && c.addresses.includes(truth.beacon.dst)), kind);

    const [edges] = await store.query<{ kinds: string[]; empty: number }>(`SELECT list(DISTINCT kind ORDER BY kind) AS kinds, count(*) FILTER (WHERE len(event_ids) = 0 AND kind <> 'has_address') AS empty FROM trace_edges`);
    assert.deepEqual(edges!.kinds, ['connected_to', 'has_address', 'logged_on_to', 'presented_certificate', 'resolved', 'spawned', 'wrote']);
    assert.equal(edges!.empty, 0);

    const rows = await timeline(store, { host: 'WIN-OPS01', to: '2025-03-12T14:00:00Z' });
    const kinds = new Set(rows.map((r) => r.kind));
    for (const k of ['logon', 'process', 'beacon', 'operator_session']) assert.ok(kinds.has(k), k);
    assert.ok(rows.every((r) => r.host === 'win-ops01' && r.eventIds.length > 0 && r.ts <= '2025-03-12T14:00:00'));
    assert.ok(rows.some((r) => r.tactics.includes('persistence') && /schtasks/.test(r.summary)));
    const all = await timeline(store);
    assert.ok(all.some((r) => r.kind === 'time_service' && r.host === 'ntp-mgmt01'));
    assert.ok(all.some((r) => r.kind === 'exfiltration'));
    const line = JSON.parse(timesketchLine(rows[0]!)) as Record<string, unknown>;
    for (const k of ['message', 'datetime', 'timestamp_desc', 'timestamp']) assert.ok(k in line, k);

    // Idempotent: a second run gives the same tables.
    const before = await store.query(`SELECT id, ts, summary FROM trace_timeline ORDER BY id`);
    const again = await trace(store);
    assert.deepEqual(again, s);
    assert.deepEqual(await store.query(`SELECT id, ts, summary FROM trace_timeline ORDER BY id`), before);
  });
});
