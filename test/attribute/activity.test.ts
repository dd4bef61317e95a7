import { test } from 'node:test';
import assert from 'node:assert/strict';
import { ActivityData, icuOffset, inferActivity } from '../../src/attribute/activity/index.js';
import type { ActorProfile, Weekday } from '../../src/intel/actors/index.js';
import { emptyInfrastructure, emptyTools } from '../../src/intel/actors/index.js';
import { beaconSessions, operatorSessions, Rng } from '../../examples/scenarios/index.js';

const MF: Weekday[] = ['mon', 'tue', 'wed', 'thu', 'fri'];
const DAY = 86_400_000;
const dayOf = (iso: string): number => Math.floor(Date.parse(iso) / DAY);

function sessions(seed: number, zone: string, workweek: Weekday[], start: string, days: number, perDay: number, holidays?: string): string[] {
  return operatorSessions(new Rng(seed), { zone, workweek, holidays, startDay: dayOf(start), days, perDay, srcIps: ['198.51.100.7'], hosts: ['h'], users: ['u'] })
    .map((s) => new Date(s.startMs).toISOString());
}

const actor = (id: string, timezone: string, workweek: Weekday[] = MF, holidays?: string): ActorProfile => ({
  id, name: id, timezone, workweek, ...(holidays ? { holidays } : {}), languages: [], infrastructure: emptyInfrastructure(), tools: emptyTools(), ttps: [],
});

test('operators in New York: offset, zone and work week', () => {
  const ts = sessions(1, 'America/New_York', MF, '2025-05-05T00:00:00Z', 90, 2, 'US');
  const data = new ActivityData(ts, { zones: ['America/New_York'] });
  const r = inferActivity(data, 'operator-sessions');
  const median = Date.parse(ts[Math.floor(ts.length / 2)] ?? '');
  assert.equal(r.utcOffsetMinutes, icuOffset('America/New_York', median));
  assert.deepEqual(r.workweek, MF);
  assert.notEqual(r.confidence, 'low');
  assert.ok(r.pNoRhythm < 0.01);
  // The right actor gains against the unknown actor; an actor eight hours away loses.
  assert.ok(data.actorRatio(actor('ny', 'America/New_York', MF, 'US')) > 3);
  assert.ok(data.actorRatio(actor('msk', 'Europe/Moscow')) < 1e-3);
});

test('hours across a daylight-saving change pick the zone with the right DST rules', () => {
  const ts = sessions(2, 'Europe/Berlin', MF, '2025-02-24T00:00:00Z', 70, 4, 'DE');
  const data = new ActivityData(ts, { zones: ['Europe/Berlin'] });
  const r = inferActivity(data, 'operator-sessions');
  const p = new Map(r.zones.map((z) => [z.value, z.probability]));
  assert.ok((p.get('Europe/Berlin') ?? 0) > (p.get('UTC+01:00') ?? 0), JSON.stringify(r.zones));
  assert.ok((p.get('Europe/Berlin') ?? 0) > (p.get('UTC+02:00') ?? 0), JSON.stringify(r.zones));
  // A DST-aware actor beats its own zone without DST.
  assert.ok(data.actorRatio(actor('ber', 'Europe/Berlin')) > data.actorRatio(actor('fixed', 'Etc/GMT-1')));
});

test('a Sunday-to-Thursday work week is recognised', () => {
  const sunThu: Weekday[] = ['sun', 'mon', 'tue', 'wed', 'thu'];
  const r = inferActivity(new ActivityData(sessions(3, 'Asia/Jerusalem', sunThu, '2025-06-01T00:00:00Z', 80, 2)), 'operator-sessions');
  assert.equal(r.workweeks[0]?.value, 'sun-thu');
});

test('the holiday calendar whose gaps fit', () => {
  const ts = sessions(4, 'America/New_York', MF, '2024-01-01T00:00:00Z', 366, 4, 'US');
  const r = inferActivity(new ActivityData(ts, { zones: ['America/New_York'] }), 'operator-sessions', ['US']);
  assert.equal(r.holidays, 'US', JSON.stringify(r.calendars));
});

test('round-the-clock activity gives no offset and says nothing for or against an actor', () => {
  const rng = new Rng(5);
  const beacons = beaconSessions(rng, dayOf('2025-03-01T00:00:00Z'), 30, 3600, '203.0.113.9', 'h').map((s) => new Date(s.startMs).toISOString());
  const data = new ActivityData(beacons);
  const r = inferActivity(data, 'operator-sessions');
  assert.equal(r.utcOffsetMinutes, null);
  assert.ok(r.pNoRhythm > 0.5);
  const ratio = data.actorRatio(actor('ny', 'America/New_York'));
  assert.ok(ratio > 0.5 && ratio < 2, `ratio ${ratio}`);
});

test('sparse data: a flat posterior and low confidence', () => {
  const ts = sessions(6, 'Europe/Moscow', MF, '2025-03-03T00:00:00Z', 3, 1.2).slice(0, 4);
  const r = inferActivity(new ActivityData(ts), 'operator-sessions');
  assert.equal(r.confidence, 'low');
  assert.ok((r.offsets[0]?.probability ?? 0) < 0.5, JSON.stringify(r.offsets));
  const two = new ActivityData(ts.slice(0, 2));
  assert.equal(inferActivity(two, 'operator-sessions').utcOffsetMinutes, null);
  assert.equal(two.actorRatio(actor('msk', 'Europe/Moscow')), 1);
});
