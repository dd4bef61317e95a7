import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { compileIndicatorFiles, fieldTableMarkdown, mispEvents, mispToIndicators } from '../../src/detect/ioc/index.js';
import { createStixValidator } from '../../src/intel/stix/index.js';
import { duckdb, type CaseStore } from '../../src/store/index.js';
import { REPO_ROOT, SHARED_DATA, SKIP_NO_SHARED } from '../helpers/paths.js';
import { HASH, iso, matching, openFixtureCase } from './ioc-case.js';

let store: CaseStore;
let close: () => Promise<void>;
let dir: string;
before(async () => {
  ({ store, close } = await openFixtureCase());
  dir = await mkdtemp(join(tmpdir(), 'veritrace-ioc-files-'));
});
after(async () => {
  await close();
  await rm(dir, { recursive: true, force: true });
});

const attr = (uuid: string, type: string, value: string, to_ids = true, extra: Record<string, unknown> = {}): Record<string, unknown> =>
  ({ uuid: `5f0c${uuid.padStart(4, '0')}-0000-4000-8000-000000000000`, type, value, to_ids, category: 'Network activity', timestamp: '1704067200', ...extra });

const MISP_EVENT = {
  Event: {
    uuid: '5f0c0000-aaaa-4000-8000-000000000000', info: 'Operation Fixture', threat_level_id: '1', timestamp: '1704067200',
    Orgc: { name: 'CERT-Fixture' },
    Tag: [{ name: 'tlp:amber' }, { name: 'misp-galaxy:mitre-attack-pattern="Application Layer Protocol - T1071"' }],
    Attribute: [
      attr('1', 'ip-dst', '203.0.113.7'),
      attr('2', 'ip-src', '192.168.1.5'),
      attr('3', 'ip-dst|port', '198.51.100.99|8443'),
      attr('4', 'domain', 'bad.example.org'),
      attr('5', 'hostname', 'C2.example.net'),
      attr('6', 'url', 'http://www.evil.test/gate.php?id=1'),
      attr('7', 'md5', HASH.MD5_A),
      attr('8', 'sha256', 'e'.repeat(64)),
      attr('9', 'filename|sha256', `invoice.pdf|${HASH.SHA256_A}`),
      attr('10', 'x509-fingerprint-sha256', HASH.CERT_SHA256),
      attr('11', 'ja3-fingerprint-md5', HASH.JA3),
      attr('12', 'user-agent', 'EvilAgent/1.0'),
      attr('13', 'domain', 'benign.example', false),
      attr('14', 'email-src', 'x@evil.test'),
      attr('15', 'ip-dst|port', '203.0.113.7|http'),
      attr('16', 'sha1', HASH.SHA1_A, true, { deleted: true }),
      attr('17', 'ip-dst', 'not-an-ip'),
    ],
    Object: [{ name: 'file', uuid: '5f0c0000-bbbb-4000-8000-000000000000', Attribute: [attr('20', 'filename', 'payload.dll', true, { object_relation: 'filename' })] }],
  },
};

describe('MISP import', () => {
  test('attributes become indicators that find their events; the rest is rejected with reasons', async () => {
    const path = join(dir, 'misp.json');
    await writeFile(path, JSON.stringify(MISP_EVENT));
    const { compiled, rejected } = await compileIndicatorFiles([path], duckdb);
    const found: Record<string, string[]> = {};
    for (const c of compiled) found[c.title.replace('Operation Fixture: ', '')] = await matching(store, c.where);
    assert.deepEqual(found, {
      'ip-dst 203.0.113.7': ['w-net'],
      'ip-src 192.168.1.5': ['z-conn', 'z-dns'],
      'ip-dst|port 198.51.100.99|8443': ['z-conn'],
      'domain bad.example.org': ['z-dns'],
      'hostname C2.example.net': ['w-dns'],
      'url http://www.evil.test/gate.php?id=1': ['z-http'],
      [`md5 ${HASH.MD5_A}`]: ['w-proc', 'z-files'],
      [`sha256 ${'e'.repeat(64)}`]: ['s-file'],
      [`filename|sha256 invoice.pdf|${HASH.SHA256_A}`]: ['z-files'],
      [`x509-fingerprint-sha256 ${HASH.CERT_SHA256}`]: ['z-x509'],
      [`ja3-fingerprint-md5 ${HASH.JA3}`]: ['s-tls', 'z-ssl'],
      'user-agent EvilAgent/1.0': ['z-http'],
      'file/filename payload.dll': ['w-file'],
    });
    const c0 = compiled.find((c) => c.title.endsWith('ip-dst 203.0.113.7'))!;
    assert.equal(c0.id, 'indicator--5f0c0001-0000-4000-8000-000000000000');
    assert.equal(c0.kind, 'indicator');
    assert.equal(c0.level, 'high');
    assert.equal(c0.author, 'CERT-Fixture');
    assert.deepEqual(c0.techniques, ['T1071']);
    assert.ok(c0.tags.includes('tlp:amber') && c0.tags.includes('misp:type="ip-dst"'));
    assert.deepEqual(rejected.map((r) => [r.id?.slice(15, 19), r.code]), [
      ['0013', 'to-ids'], ['0014', 'misp-type'], ['0015', 'value'], ['0017', 'unsupported'],
    ]);
    assert.match(rejected[1]!.reason, /type "email-src" has no mapping/);
    assert.match(rejected[3]!.reason, /"not-an-ip" is not an IPv4\/IPv6 address/);
  });
  test('MISP indicators are valid STIX 2.1', { skip: SKIP_NO_SHARED }, () => {
    const v = createStixValidator(join(SHARED_DATA, 'stix2-json-schemas', 'schemas'));
    const { indicators } = mispToIndicators(mispEvents(MISP_EVENT)![0]!, 'm');
    assert.equal(indicators.length, 14);
    for (const i of indicators) assert.deepEqual(v.validateObject(i.indicator), [], i.indicator.pattern);
  });
  test('a MISP REST response with several events is read', () => {
    assert.equal(mispEvents({ response: [MISP_EVENT, MISP_EVENT] })!.length, 2);
  });
});

describe('STIX bundles', () => {
  test('indicators compile with author, techniques and validity; other pattern types are rejected', async () => {
    const bundle = {
      type: 'bundle', id: 'bundle--00000000-0000-4000-8000-000000000001',
      objects: [
        { type: 'identity', spec_version: '2.1', id: 'identity--00000000-0000-4000-8000-000000000002', created: iso(0), modified: iso(0), name: 'Fixture CERT' },
        { type: 'attack-pattern', spec_version: '2.1', id: 'attack-pattern--00000000-0000-4000-8000-000000000003', created: iso(0), modified: iso(0), name: 'DNS',
          external_references: [{ source_name: 'mitre-attack', external_id: 'T1071.004' }] },
        { type: 'indicator', spec_version: '2.1', id: 'indicator--00000000-0000-4000-8000-00000000000b', created: iso(0), modified: iso(0),
          created_by_ref: 'identity--00000000-0000-4000-8000-000000000002', name: 'Beacon domain', confidence: 85, indicator_types: ['malicious-activity'],
          kill_chain_phases: [{ kill_chain_name: 'mitre-attack', phase_name: 'command-and-control' }],
          pattern: "[domain-name:value = 'beacon.test']", pattern_type: 'stix', valid_from: iso(1005), valid_until: iso(1500) },
        { type: 'relationship', spec_version: '2.1', id: 'relationship--00000000-0000-4000-8000-000000000004', created: iso(0), modified: iso(0),
          relationship_type: 'indicates', source_ref: 'indicator--00000000-0000-4000-8000-00000000000b', target_ref: 'attack-pattern--00000000-0000-4000-8000-000000000003' },
        { type: 'indicator', spec_version: '2.1', id: 'indicator--00000000-0000-4000-8000-00000000000a', created: iso(0), modified: iso(0),
          pattern: 'rule x { condition: true }', pattern_type: 'yara', valid_from: iso(0) },
        { type: 'indicator', spec_version: '2.1', id: 'indicator--00000000-0000-4000-8000-00000000000c', created: iso(0), modified: iso(0),
          pattern: "[file:name = 'x'] AND", pattern_type: 'stix', valid_from: iso(0) },
      ],
    };
    const path = join(dir, 'bundle.json');
    await writeFile(path, JSON.stringify(bundle));
    const bad = join(dir, 'broken.json');
    await writeFile(bad, '{"type": "bundle", "objects": [');
    const { compiled, rejected } = await compileIndicatorFiles([path, bad, join(dir, 'missing.json')], duckdb);
    assert.equal(compiled.length, 1);
    const c = compiled[0]!;
    assert.deepEqual({ ...c, where: undefined }, {
      kind: 'indicator', id: 'indicator--00000000-0000-4000-8000-00000000000b', title: 'Beacon domain', level: 'high', author: 'Fixture CERT',
      tags: ['malicious-activity', 'mitre-attack:command-and-control'], techniques: ['T1071.004'], source: path, where: undefined,
    });
    assert.deepEqual(await matching(store, c.where), ['r2', 'r3']);
    assert.deepEqual(rejected.map((r) => [r.source === path ? 'bundle' : r.source === bad ? 'broken' : 'missing', r.code]),
      [['broken', 'file'], ['bundle', 'pattern-type'], ['bundle', 'syntax'], ['missing', 'file']]);
    assert.match(rejected[0]!.reason, /invalid JSON at character 31/);
    assert.match(rejected[2]!.reason, /indicator--00000000-0000-4000-8000-00000000000c: pattern character 21: expected '\['/);
  });
  test('the OASIS example bundles: every indicator compiles or says why', { skip: SKIP_NO_SHARED }, async () => {
    const ex = join(SHARED_DATA, 'stix2-json-schemas', 'examples');
    const files = ['indicator-for-c2-ip-address.json', 'indicators-for-C2-with-COA.json', 'malicious-email-indicator-with-attachment.json',
      'threat-reports/apt1.json', 'threat-reports/poisonivy.json'].map((f) => join(ex, f));
    const { compiled, rejected } = await compileIndicatorFiles(files, duckdb);
    assert.ok(compiled.length >= 40, `${compiled.length} compiled`);
    // Only the e-mail patterns have no source in a case (no mail telemetry is ingested).
    for (const r of rejected) assert.match(r.reason, /email-message:[a-z_.[\]*]+: no field/);
    for (const c of compiled) await matching(store, c.where);
  });
});

test('README.md carries the current field table', () => {
  const readme = readFileSync(join(REPO_ROOT, 'src', 'detect', 'ioc', 'README.md'), 'utf8');
  assert.ok(readme.includes(fieldTableMarkdown()), 'regenerate the table in src/detect/ioc/README.md from fieldTableMarkdown()');
});
