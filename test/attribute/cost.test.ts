import { test } from 'node:test';
import assert from 'node:assert/strict';
import { boundedRatio, costOf, likelihoodWord, makeEvidence, P_PLANTED } from '../../src/attribute/index.js';

test('the bound: the best match gains at most 1/p, a mismatch loses at most a factor p', () => {
  for (const p of Object.values(P_PLANTED)) {
    assert.ok(boundedRatio(1e9, 1e9, p) <= 1 / p + 1e-9);
    assert.ok(boundedRatio(1e-9, 1, p) >= p - 1e-9);
    assert.equal(boundedRatio(1, 1, p), 1);
    // Monotone in the raw ratio.
    assert.ok(boundedRatio(10, 10, p) > boundedRatio(3, 10, p));
  }
  // Cheap evidence is bounded harder than costly evidence.
  assert.ok(boundedRatio(1000, 1000, P_PLANTED.cheap) < boundedRatio(1000, 1000, P_PLANTED.costly));
});

test('cost classes follow the public cases', () => {
  const src = { samples: ['a'.repeat(64)] };
  assert.equal(costOf(makeEvidence('language', { artefact: 'strings', languages: [{ tag: 'ru', count: 9 }] }, src)).cost, 'cheap');
  assert.equal(costOf(makeEvidence('compile-time', { timestamps: ['2025-01-01T10:00:00Z'] }, src)).cost, 'cheap');
  assert.equal(costOf(makeEvidence('rich-header', { richHash: 'ab'.repeat(16) }, src)).cost, 'moderate');
  assert.equal(costOf(makeEvidence('certificate', { sha256: 'cd'.repeat(32) }, src)).cost, 'moderate');
  assert.equal(costOf(makeEvidence('code-reuse', { tlsh: [`T1${'A'.repeat(70)}`] }, src)).cost, 'costly');
  assert.equal(costOf(makeEvidence('code-reuse', { families: ['mimikatz'], publicTooling: true }, src)).cost, 'cheap');
  assert.equal(costOf(makeEvidence('infrastructure', { ips: ['192.0.2.1'], hostingCountry: 'NL' }, { events: ['e1'] })).cost, 'cheap');
  assert.equal(costOf(makeEvidence('infrastructure', { domains: ['x.example'] }, { events: ['e1'] })).cost, 'moderate');
  assert.equal(costOf(makeEvidence('infrastructure', { domains: ['x.example'], firstSeen: '2025-01-01T00:00:00Z', lastSeen: '2025-03-01T00:00:00Z' }, { events: ['e1'] })).cost, 'costly');
  const day = (d: number, h: number): string => new Date(Date.UTC(2025, 0, 1 + d, h)).toISOString();
  const many = Array.from({ length: 60 }, (_, i) => day(i, 9 + (i % 8)));
  assert.equal(costOf(makeEvidence('activity-time', { timestamps: many }, { events: ['s'] })).cost, 'costly');
  assert.equal(costOf(makeEvidence('activity-time', { timestamps: many.slice(0, 4) }, { events: ['s'] })).cost, 'cheap');
  const other = makeEvidence('other', { statement: 'partner report', pointsTo: ['actor-a'], reliability: 'A', credibility: 1 }, { analyst: 'cert-x' });
  assert.ok(costOf(other).pPlanted <= P_PLANTED.costly);
});

test('evidence ids are content-derived and stable; the default dependence group is kind + source', () => {
  const a = makeEvidence('language', { artefact: 'strings', languages: [{ tag: 'ru', count: 9 }] }, { samples: ['s1'] });
  const b = makeEvidence('language', { languages: [{ count: 9, tag: 'ru' }], artefact: 'strings' }, { samples: ['s1'] });
  const c = makeEvidence('language', { artefact: 'resource', languages: [{ tag: 'ru', count: 1 }] }, { samples: ['s1'] });
  assert.equal(a.id, b.id);
  assert.notEqual(a.id, c.id);
  assert.equal(a.dependenceGroup, c.dependenceGroup);
  assert.equal(a.dependenceGroup, 'language:s1');
});

test('ICD 203 bands', () => {
  assert.equal(likelihoodWord(0.01), 'almost no chance');
  assert.equal(likelihoodWord(0.1), 'very unlikely');
  assert.equal(likelihoodWord(0.3), 'unlikely');
  assert.equal(likelihoodWord(0.5), 'roughly even chance');
  assert.equal(likelihoodWord(0.7), 'likely');
  assert.equal(likelihoodWord(0.86), 'very likely');
  assert.equal(likelihoodWord(0.97), 'almost certainly');
});
