import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { attribute } from '../../src/attribute/index.js';
import type { EvidenceItem } from '../../src/attribute/index.js';
import { loadActorProfiles } from '../../src/intel/actors/index.js';
import {
  beaconSessions, classifySessions, generateScenario, generateScenarios, operatorSessions, Rng, sessionEvents, sshAuthLogLines, writeScenario,
} from '../../examples/scenarios/index.js';

test('the generator is deterministic by seed and covers every kind', () => {
  const a = generateScenarios(14, 3);
  const b = generateScenarios(14, 3);
  assert.deepEqual(JSON.stringify(a), JSON.stringify(b));
  assert.deepEqual([...new Set(a.map((s) => s.kind))].sort(), ['beacons', 'consistent', 'dst', 'framed', 'genuine', 'sparse', 'unknown-actor']);
  const unknown = a.find((s) => s.kind === 'unknown-actor');
  assert.equal(unknown?.truth.actor, 'unknown');
  assert.ok(unknown && !unknown.actors.some((x) => x.id === unknown.truth.actor));
  const framed = a.find((s) => s.kind === 'framed');
  assert.ok(framed?.truth.framedAs && framed.expect.falseFlag);
});

test('the session classifier separates beacons from operators', () => {
  const rng = new Rng(9);
  const human = operatorSessions(rng, { zone: 'Europe/Kiev', workweek: ['mon', 'tue', 'wed', 'thu', 'fri'], startDay: 20000, days: 30, perDay: 2, srcIps: ['198.51.100.1', '198.51.100.2'], hosts: ['h'], users: ['u'] });
  const bot = beaconSessions(rng, 20000, 30, 900, '203.0.113.50', 'h');
  const { interactive, automated } = classifySessions([...human, ...bot]);
  assert.equal(interactive.length, human.length);
  assert.equal(automated.length, bot.length);
});

test('sessions become case events: sshd in syslog shape, Windows 4624/4688, beacons as Zeek conn', () => {
  const s = generateScenario(5, 'beacons');
  const ssh = sessionEvents(s.sessions, 'ssh');
  const login = ssh.find((e) => e.service === 'sshd');
  assert.match(String(login?.fields.message), /^Accepted publickey for \S+ from [\d.]+ port \d+ ssh2$/);
  assert.equal(login?.format, 'syslog');
  assert.ok(ssh.some((e) => e.service === 'conn' && e.fields['id.resp_p'] === 443));
  const win = sessionEvents(s.sessions, 'windows');
  const logon = win.find((e) => e.eventId === 4624);
  assert.equal(logon?.fields.LogonType, 10);
  const proc = win.find((e) => e.eventId === 4688);
  assert.equal(proc?.category, 'process_creation');
  assert.equal(proc?.fields.SubjectLogonId, logon?.fields.TargetLogonId);
  for (let i = 1; i < win.length; i++) assert.ok((win[i - 1]?.tsNs ?? 0n) <= (win[i]?.tsNs ?? 0n));
  const lines = sshAuthLogLines(s.sessions);
  assert.match(lines[0] ?? '', /^[A-Z][a-z]{2} [ \d]\d \d\d:\d\d:\d\d \S+ sshd\[\d+\]: /);
});

test('scenarios written as files read back: actors through the profile loader, evidence as JSON', () => {
  const dir = mkdtempSync(join(tmpdir(), 'vt-scen-'));
  const s = generateScenario(8, 'framed');
  writeScenario(dir, s);
  const actors = loadActorProfiles([join(dir, 'actors.yaml')]);
  assert.deepEqual(actors.map((a) => a.id), s.actors.map((a) => a.id));
  const evidence = JSON.parse(readFileSync(join(dir, 'evidence.json'), 'utf8')) as EvidenceItem[];
  const a = attribute({ evidence, actors, options: { skipSensitivity: true } });
  const b = attribute({ evidence: s.evidence, actors: s.actors, options: { skipSensitivity: true } });
  assert.deepEqual(a.hypotheses.map((h) => [h.id, h.probability]), b.hypotheses.map((h) => [h.id, h.probability]));
  assert.ok(readFileSync(join(dir, 'auth.log'), 'utf8').includes('Accepted publickey'));
});
