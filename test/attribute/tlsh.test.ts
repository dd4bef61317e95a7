import { test } from 'node:test';
import assert from 'node:assert/strict';
import { cidrContains, tlshDistance } from '../../src/attribute/index.js';

// Digests and expected distances from the TLSH reference test suite (trendmicro/tlsh Testing/exp,
// example_data.128.1.len: 021106_yossivassa.txt, 0Alice.txt, 11-17-06_Academy.txt, 1english-only.txt).
const YOSSI = '1FA1B357F78913B236924271569EA6D1FB2C451C33668484552C812D33138B8C73FFCE';
const ALICE = '45D18407A78523B35A030267671FA2C2F725402973629B25545EB43C3356679477F7FC';
const ACADEMY = 'C8E1E8277B98A6255FA70063B70FBAE1F6618229332C9438084FB331178ADEE53B41D5';
const ENGLISH = 'E951784702042376169012B1BA5A76EAF36092FC3311A595B4856235278F9F973763EF';

test('TLSH distance matches the reference implementation', () => {
  assert.equal(tlshDistance(YOSSI, ALICE), 150);
  assert.equal(tlshDistance(YOSSI, ACADEMY), 265);
  assert.equal(tlshDistance(ALICE, ACADEMY), 213);
  assert.equal(tlshDistance(ALICE, ENGLISH), 251);
  assert.equal(tlshDistance(ALICE, YOSSI), 150, 'symmetric');
  assert.equal(tlshDistance(`T1${ALICE}`, ALICE), 0, 'T1 prefix accepted');
  assert.equal(tlshDistance(ALICE, 'TNULL'), undefined);
  assert.equal(tlshDistance(ALICE, ALICE.slice(0, 60)), undefined);
});

test('CIDR containment for IPv4 and IPv6', () => {
  assert.ok(cidrContains('10.1.0.0/16', '10.1.200.3'));
  assert.ok(!cidrContains('10.1.0.0/16', '10.2.0.1'));
  assert.ok(cidrContains('0.0.0.0/0', '8.8.8.8'));
  assert.ok(cidrContains('2001:db8::/32', '2001:db8:ffff::1'));
  assert.ok(!cidrContains('2001:db8::/32', '2001:db9::1'));
  assert.ok(!cidrContains('10.0.0.0/8', '2001:db8::1'));
  assert.ok(cidrContains('::ffff:0:0/96', '::ffff:192.0.2.1'));
});
