import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import {
  canonicalJson, contentId, createStixValidator, pointerToPath, scoId, uuidv5,
  type Indicator, type Ipv4Addr, type Relationship, type Bundle,
} from '../../src/intel/stix/index.js';
import { SHARED_DATA, SKIP_NO_SHARED } from '../helpers/paths.js';

const SCHEMAS = join(SHARED_DATA, 'stix2-json-schemas', 'schemas');
const EXAMPLES = join(SHARED_DATA, 'stix2-json-schemas', 'examples');
const HAVE_PYTHON = spawnSync('python3', ['-c', 'import uuid, json'], { encoding: 'utf8' }).status === 0;

describe('deterministic ids', () => {
  test('UUIDv5 matches RFC 4122 / Python uuid5 (DNS namespace, "python.org")', () => {
    assert.equal(uuidv5('6ba7b810-9dad-11d1-80b4-00c04fd430c8', 'python.org'), '886313e1-3b8a-5372-9b90-0c9aee199e5d');
  });
  test('JCS canonical JSON: sorted keys, no whitespace, undefined dropped', () => {
    assert.equal(canonicalJson({ b: [1, 'x', { d: null, c: true }], a: 1.5, z: undefined }), '{"a":1.5,"b":[1,"x",{"c":true,"d":null}]}');
  });
  test('SCO ids use only the contributing properties, and only one hash (MD5 first)', () => {
    const a = scoId({ type: 'email-addr', value: 'john@example.com', display_name: 'John Doe' });
    assert.equal(a, scoId({ type: 'email-addr', value: 'john@example.com' }));
    assert.equal(a, `email-addr--${uuidv5('00abedb4-aa42-466c-9c01-fed23315a9b7', '{"value":"john@example.com"}')}`);
    assert.equal(scoId({ type: 'file', hashes: { 'SHA-256': 'aa', MD5: 'bb' }, size: 3 }), scoId({ type: 'file', hashes: { MD5: 'bb' } }));
    assert.notEqual(scoId({ type: 'file', hashes: { MD5: 'bb' }, name: 'x' }), scoId({ type: 'file', hashes: { MD5: 'bb' } }));
    assert.match(scoId({ type: 'process', pid: 4 }), /^process--[0-9a-f-]{36}$/);
  });
  test('SCO ids agree with Python uuid5 over sort_keys JSON (the python-stix2 method)', { skip: HAVE_PYTHON ? false : 'python3 absent' }, () => {
    const objs = [
      { type: 'ipv4-addr', value: '198.51.100.3' },
      { type: 'domain-name', value: 'bücher.example' },
      { type: 'x509-certificate', hashes: { 'SHA-256': 'ab'.repeat(32) }, serial_number: '4c:0b' },
      { type: 'network-traffic', src_ref: 'ipv4-addr--1', dst_port: 443, protocols: ['ipv4', 'tcp'] },
      { type: 'user-account', account_login: 'alice', user_id: '1001', account_type: 'unix' },
    ];
    const py = spawnSync('python3', ['-c', `
import json, sys, uuid
ns = uuid.UUID('00abedb4-aa42-466c-9c01-fed23315a9b7')
for c in json.load(sys.stdin):
    print(uuid.uuid5(ns, json.dumps(c, sort_keys=True, separators=(',', ':'), ensure_ascii=False)))
`], { input: JSON.stringify(objs.map(({ type: _t, ...rest }) => rest)), encoding: 'utf8' });
    assert.equal(py.status, 0, py.stderr);
    assert.deepEqual(objs.map((o) => scoId(o).split('--')[1]), py.stdout.trim().split('\n'));
  });
  test('content ids: same content, same id; any change, another id', () => {
    const r = { type: 'relationship', spec_version: '2.1', created: '2024-01-01T00:00:00.000Z', modified: '2024-01-01T00:00:00.000Z',
      relationship_type: 'indicates', source_ref: 'indicator--a', target_ref: 'malware--b' };
    assert.equal(contentId(r), contentId({ ...r, id: 'relationship--whatever' }));
    assert.notEqual(contentId(r), contentId({ ...r, relationship_type: 'uses' }));
    assert.match(contentId(r), /^relationship--[0-9a-f]{8}-[0-9a-f]{4}-5[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
  });
});

function jsonFiles(dir: string): string[] {
  return readdirSync(dir).sort().flatMap((n) => {
    const p = join(dir, n);
    return statSync(p).isDirectory() ? jsonFiles(p) : n.endsWith('.json') ? [p] : [];
  });
}

describe('validation against the OASIS schemas', { skip: SKIP_NO_SHARED }, () => {
  const v = SKIP_NO_SHARED ? null : createStixValidator(SCHEMAS);
  const now = '2024-01-01T00:00:00.000Z';
  const indicator: Indicator = {
    type: 'indicator', spec_version: '2.1', id: 'indicator--8e2e2d2b-17d4-4cbf-938f-98ee46b3cd3f', created: now, modified: now,
    name: 'C2', pattern: "[ipv4-addr:value = '203.0.113.7']", pattern_type: 'stix', valid_from: now,
  };

  test('every example validates', () => {
    let objects = 0;
    for (const f of jsonFiles(EXAMPLES)) {
      const doc = JSON.parse(readFileSync(f, 'utf8')) as { type: string; objects?: unknown[] };
      const problems = doc.type === 'bundle' ? v!.validateBundle(doc) : v!.validateObject(doc);
      assert.deepEqual(problems, [], f);
      objects += doc.objects?.length ?? 1;
    }
    assert.ok(objects > 250, `${objects} objects`);
  });
  test('every type veritrace exports has a schema', () => {
    for (const t of ['indicator', 'malware', 'tool', 'intrusion-set', 'threat-actor', 'campaign', 'attack-pattern', 'infrastructure',
      'observed-data', 'sighting', 'relationship', 'report', 'identity', 'note', 'extension-definition', 'ipv4-addr', 'domain-name',
      'file', 'x509-certificate', 'network-traffic']) assert.ok(v!.types.includes(t), t);
  });
  test('objects built with the types and ids validate', () => {
    const ip: Ipv4Addr = { type: 'ipv4-addr', spec_version: '2.1', id: 'ipv4-addr--00000000-0000-5000-8000-000000000000', value: '203.0.113.7' };
    ip.id = scoId({ ...ip }) as Ipv4Addr['id'];
    const rel: Relationship = { type: 'relationship', spec_version: '2.1', id: 'relationship--00000000-0000-5000-8000-000000000000',
      created: now, modified: now, relationship_type: 'based-on', source_ref: indicator.id, target_ref: ip.id };
    rel.id = contentId({ ...rel }) as Relationship['id'];
    const bundle: Bundle = { type: 'bundle', id: `bundle--${uuidv5('00abedb4-aa42-466c-9c01-fed23315a9b7', 'b')}`, objects: [indicator, ip, rel] };
    assert.deepEqual(v!.validateBundle(bundle), []);
  });
  test('broken objects are rejected with the JSON path', () => {
    const broken = {
      type: 'bundle', id: 'bundle--not-a-uuid',
      objects: [
        { ...indicator, valid_from: 'yesterday' },
        { ...indicator, id: 'malware--8e2e2d2b-17d4-4cbf-938f-98ee46b3cd3f', created: '2024-01-01T00:00:00Z' },
        { type: 'ipv4-addr', id: 'ipv4-addr--8e2e2d2b-17d4-4cbf-938f-98ee46b3cd3f', value: '999.1.1.1' },
        { type: 'file', id: 'file--8e2e2d2b-17d4-4cbf-938f-98ee46b3cd3f', hashes: { 'SHA-256': 'xyz' } },
        { type: 'relationship', spec_version: '2.1', id: 'relationship--8e2e2d2b-17d4-4cbf-938f-98ee46b3cd3f', created: now, modified: now, source_ref: indicator.id },
        'not an object',
      ],
    };
    const byPath = new Map<string, string[]>();
    for (const p of v!.validateBundle(broken)) byPath.set(p.path, [...(byPath.get(p.path) ?? []), p.message]);
    const paths = [...byPath.keys()];
    for (const want of ['$.id', '$.objects[0].valid_from', '$.objects[1].id', '$.objects[1].created', '$.objects[2].value',
      "$.objects[3].hashes[\"SHA-256\"]", '$.objects[4]', '$.objects[5]']) {
      assert.ok(paths.includes(want), `${want} not in ${paths.join(', ')}`);
    }
    assert.ok(byPath.get('$.objects[4]')!.some((m) => /missing required property (relationship_type|target_ref)/.test(m)));
    assert.ok(!paths.some((p) => p.startsWith('$.objects[6]')));
  });
  test('the default schema folder is the shared OASIS one', () => {
    assert.ok(createStixValidator().types.includes('indicator'));
  });
  test('a schema folder that is missing is an error, not an empty validator', () => {
    assert.throws(() => createStixValidator(join(SHARED_DATA, 'no-such-folder')), /cannot read STIX schemas/);
  });
});

test('JSON pointers become JSON paths', () => {
  assert.equal(pointerToPath('$', '/objects/3/hashes/SHA-256'), '$.objects[3].hashes["SHA-256"]');
  assert.equal(pointerToPath('$.x', ''), '$.x');
  assert.equal(pointerToPath('$', '/a~1b/c~0d'), '$["a/b"]["c~d"]');
});
