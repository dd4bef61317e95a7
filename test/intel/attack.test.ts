import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { buildAttack, findGroup, groupToProfile, KnowledgeBaseError, loadAttack, techniqueBaseRates } from '../../src/intel/attack/index.js';
import { mergeProfiles, parseActorProfiles } from '../../src/intel/actors/index.js';
import { SHARED_DATA, SKIP_NO_SHARED } from '../helpers/paths.js';

test('a small bundle: groups get techniques directly and through attributed campaigns; revoked objects are ignored', () => {
  const ref = (id: string) => [{ source_name: 'mitre-attack', external_id: id }];
  const kb = buildAttack({
    type: 'bundle', objects: [
      { type: 'intrusion-set', id: 'intrusion-set--g', name: 'Sandworm Team', aliases: ['Sandworm Team', 'ELECTRUM'], external_references: ref('G0034') },
      { type: 'campaign', id: 'campaign--c', name: '2016 Ukraine Electric Power Attack' },
      { type: 'attack-pattern', id: 'attack-pattern--a', name: 'Valid Accounts', external_references: ref('T1078'), kill_chain_phases: [{ phase_name: 'initial-access' }] },
      { type: 'attack-pattern', id: 'attack-pattern--b', name: 'Remote Services', external_references: ref('T1021') },
      { type: 'attack-pattern', id: 'attack-pattern--old', name: 'Old', external_references: ref('T0000'), revoked: true },
      { type: 'malware', id: 'malware--i', name: 'Industroyer', x_mitre_aliases: ['Industroyer', 'CRASHOVERRIDE'], external_references: ref('S0604') },
      { type: 'relationship', relationship_type: 'uses', source_ref: 'intrusion-set--g', target_ref: 'attack-pattern--a' },
      { type: 'relationship', relationship_type: 'uses', source_ref: 'intrusion-set--g', target_ref: 'attack-pattern--old' },
      { type: 'relationship', relationship_type: 'attributed-to', source_ref: 'campaign--c', target_ref: 'intrusion-set--g' },
      { type: 'relationship', relationship_type: 'uses', source_ref: 'campaign--c', target_ref: 'attack-pattern--b' },
      { type: 'relationship', relationship_type: 'uses', source_ref: 'campaign--c', target_ref: 'malware--i' },
    ],
  }, 'mini.json');
  const g = findGroup(kb, 'electrum');
  assert.ok(g);
  assert.deepEqual(g.techniques, ['T1021', 'T1078']);
  assert.deepEqual(g.software, ['S0604']);
  const p = groupToProfile(kb, g, 'sandworm');
  assert.deepEqual(p.tools.families, ['crashoverride', 'industroyer']);
  const [own] = parseActorProfiles('actors: [{id: sandworm, name: Sandworm, timezone: Europe/Moscow, ttps: [T1190]}]', 'own.yaml');
  assert.ok(own);
  const merged = mergeProfiles(own, p);
  assert.equal(merged.timezone, 'Europe/Moscow');
  assert.deepEqual(merged.ttps, ['T1021', 'T1078', 'T1190']);
  assert.throws(() => buildAttack({ type: 'not-a-bundle' }, 'x.json'), KnowledgeBaseError);
  assert.throws(() => loadAttack('/nonexistent/attack.json'), KnowledgeBaseError);
});

test('MITRE ATT&CK enterprise 18.1: groups, techniques, software and base rates', { skip: SKIP_NO_SHARED }, () => {
  const kb = loadAttack(join(SHARED_DATA, 'attack', 'enterprise-attack-18.1.json'));
  assert.ok(kb.groups.size > 150, `groups: ${kb.groups.size}`);
  assert.ok(kb.techniques.size > 600);
  const apt28 = findGroup(kb, 'Fancy Bear');
  assert.equal(apt28?.id, 'G0007');
  assert.ok(apt28.techniques.includes('T1003.003'));
  assert.ok(apt28.techniques.length > 50);
  const p = groupToProfile(kb, apt28);
  assert.ok(p.tools.families.includes('wevtutil'));
  const rates = techniqueBaseRates(kb);
  // Command and scripting (T1059.001, PowerShell) is far more common among groups than NTDS dumping.
  assert.ok((rates.get('T1059.001') ?? 0) > (rates.get('T1003.003') ?? 1));
  assert.ok([...rates.values()].every((r) => r > 0 && r < 1));
});

test('a truncated or corrupted bundle is a KnowledgeBaseError naming the file', () => {
  const dir = mkdtempSync(join(tmpdir(), 'vt-attack-'));
  const bundle = JSON.stringify({ type: 'bundle', objects: [{ type: 'intrusion-set', id: 'intrusion-set--1', name: 'G', external_references: [{ source_name: 'mitre-attack', external_id: 'G1' }] }] });
  let s = 7;
  for (let i = 0; i < 50; i++) {
    s = (s * 1103515245 + 12345) % 2147483648;
    const file = join(dir, `b${i}.json`);
    const cut = bundle.slice(0, s % bundle.length);
    writeFileSync(file, i % 2 === 0 ? cut : cut.replace(/"/g, "'"));
    try { loadAttack(file); } catch (e) {
      assert.ok(e instanceof KnowledgeBaseError, String(e));
      assert.ok((e as Error).message.startsWith(file));
    }
  }
});
