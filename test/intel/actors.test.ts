import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  ACTOR_EXTENSION_ID, ActorProfileError, loadActorProfiles, mergeProfiles, parseActorProfiles, profilesToStixBundle,
} from '../../src/intel/actors/index.js';

const ISSUE_EXAMPLE = `actors:
  - id: actor-a                  # stable id used in every output
    name: Example Group
    timezone: America/New_York   # IANA zone of the operators' working day
    workweek: [mon, tue, wed, thu, fri]
    holidays: US                 # holiday calendar: country[-region]
    languages: [en]              # BCP 47
    infrastructure: { ips: [], cidrs: [], asns: [], domains: [], certSha256: [], ja3: [], ja4: [], sshHostKeys: [] }
    tools: { sha256: [], imphash: [], tlsh: [], richHash: [], yara: [], families: [] }
    ttps: [T1078, T1021.004]
`;

test('the profile of issue 6 reads as written', () => {
  const [a] = parseActorProfiles(ISSUE_EXAMPLE, 'actors.yaml');
  assert.ok(a);
  assert.equal(a.id, 'actor-a');
  assert.equal(a.timezone, 'America/New_York');
  assert.deepEqual(a.workweek, ['mon', 'tue', 'wed', 'thu', 'fri']);
  assert.equal(a.holidays, 'US');
  assert.deepEqual(a.ttps, ['T1021.004', 'T1078']);
  assert.equal(a.origin, 'actors.yaml');
});

test('JSON and a bare list are accepted; lists are normalised', () => {
  const json = JSON.stringify([{ id: 'b', name: 'B', languages: ['ZH-hans'], infrastructure: { asns: ['AS4134', 9808], ips: ['10.0.0.2', '10.0.0.1'] }, tools: { families: ['PlugX'] } }]);
  const [b] = parseActorProfiles(json, 'b.json');
  assert.ok(b);
  assert.deepEqual(b.languages, ['zh-Hans']);
  assert.deepEqual(b.infrastructure.asns, [4134, 9808]);
  assert.deepEqual(b.infrastructure.ips, ['10.0.0.1', '10.0.0.2']);
  assert.deepEqual(b.tools.families, ['plugx']);
});

function errorOf(text: string): ActorProfileError {
  try { parseActorProfiles(text, 'bad.yaml'); } catch (e) {
    assert.ok(e instanceof ActorProfileError, String(e));
    return e;
  }
  assert.fail('expected an ActorProfileError');
}

test('bad profiles fail with file, path and line', () => {
  const tz = errorOf(ISSUE_EXAMPLE.replace('America/New_York', 'Mars/Olympus'));
  assert.equal(tz.position.path, 'actors[0].timezone');
  assert.equal(tz.position.line, 4);
  assert.match(tz.message, /^bad\.yaml:4: actors\[0\]\.timezone: unknown IANA time zone/);
  assert.equal(errorOf(ISSUE_EXAMPLE.replace('T1078', 'X1078')).position.path, 'actors[0].ttps[0]');
  assert.equal(errorOf(ISSUE_EXAMPLE.replace('holidays: US', 'holidays: ZZ')).position.path, 'actors[0].holidays');
  assert.equal(errorOf(ISSUE_EXAMPLE.replace('workweek: [mon', 'workweek: [moon')).position.path, 'actors[0].workweek[0]');
  assert.equal(errorOf(ISSUE_EXAMPLE.replace('ips: []', 'ips: [300.1.1.1]')).position.path, 'actors[0].infrastructure.ips[0]');
  assert.equal(errorOf(ISSUE_EXAMPLE.replace('tlsh: []', 'tlsh: [abc]')).position.path, 'actors[0].tools.tlsh[0]');
  assert.match(errorOf(ISSUE_EXAMPLE.replace('ttps:', 'tactics:')).message, /unknown field/);
  assert.match(errorOf(`${ISSUE_EXAMPLE}${ISSUE_EXAMPLE.replace('actors:\n', '')}`).message, /duplicate|Map keys must be unique/);
  assert.match(errorOf('actors: [{id: unknown}]').message, /reserved/);
  assert.match(errorOf('actors: [{id: a}, {id: a}]').message, /duplicate actor id: a/);
  assert.equal(errorOf('actors: [ {id: a').position.line !== undefined, true);
});

test('corrupted profile files give ActorProfileError, never a crash (seeded fuzz)', () => {
  let s = 12345;
  const rnd = (): number => { s = (s * 1103515245 + 12345) % 2147483648; return s / 2147483648; };
  for (let i = 0; i < 300; i++) {
    const bytes = Buffer.from(ISSUE_EXAMPLE);
    const mode = i % 3;
    let text: string;
    if (mode === 0) text = ISSUE_EXAMPLE.slice(0, Math.floor(rnd() * ISSUE_EXAMPLE.length));
    else if (mode === 1) {
      for (let k = 0; k < 4; k++) { const j = Math.floor(rnd() * bytes.length); bytes[j] = (bytes[j] ?? 0) ^ (1 << Math.floor(rnd() * 8)); }
      text = bytes.toString('utf8');
    } else text = Buffer.from(Array.from({ length: 200 }, () => Math.floor(rnd() * 256))).toString('latin1');
    try { parseActorProfiles(text, 'fuzz.yaml'); } catch (e) {
      assert.ok(e instanceof ActorProfileError, `case ${i}: ${String(e)}`);
    }
  }
});

test('STIX 2.1: profiles round-trip through intrusion-sets with the veritrace extension', () => {
  const profiles = parseActorProfiles(ISSUE_EXAMPLE, 'actors.yaml');
  const bundle = profilesToStixBundle(profiles);
  const again = profilesToStixBundle(profiles);
  assert.deepEqual(bundle, again, 'ids are deterministic');
  assert.match(ACTOR_EXTENSION_ID, /^extension-definition--[0-9a-f]{8}-[0-9a-f]{4}-5[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
  const back = parseActorProfiles(JSON.stringify(bundle), 'bundle.json');
  assert.equal(back.length, 1);
  const { origin: _o1, ...a } = profiles[0] ?? assert.fail();
  const { origin: _o2, ...b } = back[0] ?? assert.fail();
  assert.deepEqual(b, a);
});

test('STIX intrusion-sets without the extension take techniques and software from uses relationships', () => {
  const bundle = {
    type: 'bundle', id: 'bundle--1', objects: [
      { type: 'intrusion-set', id: 'intrusion-set--1', name: 'Plain Group', external_references: [{ source_name: 'mitre-attack', external_id: 'G9999' }] },
      { type: 'attack-pattern', id: 'attack-pattern--1', name: 'Valid Accounts', external_references: [{ source_name: 'mitre-attack', external_id: 'T1078' }] },
      { type: 'malware', id: 'malware--1', name: 'Industroyer' },
      { type: 'relationship', id: 'relationship--1', relationship_type: 'uses', source_ref: 'intrusion-set--1', target_ref: 'attack-pattern--1' },
      { type: 'relationship', id: 'relationship--2', relationship_type: 'uses', source_ref: 'intrusion-set--1', target_ref: 'malware--1' },
    ],
  };
  const [p] = parseActorProfiles(JSON.stringify(bundle), 'plain.json');
  assert.equal(p?.id, 'G9999');
  assert.deepEqual(p?.ttps, ['T1078']);
  assert.deepEqual(p?.tools.families, ['industroyer']);
});

test('--actors files load together; ids must be unique across files; merge unites lists', () => {
  const dir = mkdtempSync(join(tmpdir(), 'vt-actors-'));
  writeFileSync(join(dir, 'a.yaml'), ISSUE_EXAMPLE);
  writeFileSync(join(dir, 'b.json'), JSON.stringify({ actors: [{ id: 'actor-b', name: 'B', ttps: ['T1078', 'T1190'] }] }));
  const all = loadActorProfiles([join(dir, 'a.yaml'), join(dir, 'b.json')]);
  assert.deepEqual(all.map((a) => a.id), ['actor-a', 'actor-b']);
  assert.throws(() => loadActorProfiles([join(dir, 'a.yaml'), join(dir, 'a.yaml')]), /duplicate actor id/);
  assert.throws(() => loadActorProfiles([join(dir, 'missing.yaml')]), ActorProfileError);
  const [a, b] = all;
  assert.ok(a && b);
  const m = mergeProfiles(a, b);
  assert.equal(m.id, 'actor-a');
  assert.deepEqual(m.ttps, ['T1021.004', 'T1078', 'T1190']);
});
