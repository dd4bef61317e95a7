import { test } from 'node:test';
import assert from 'node:assert/strict';
import { attribute, makeEvidence } from '../../src/attribute/index.js';
import type { AttributionResult } from '../../src/attribute/index.js';
import { generateScenario } from '../../examples/scenarios/index.js';

const ICD = ['almost no chance', 'very unlikely', 'unlikely', 'roughly even chance', 'likely', 'very likely', 'almost certainly'];

function checkShape(r: AttributionResult): void {
  const sum = r.hypotheses.reduce((s, h) => s + h.probability, 0);
  assert.ok(Math.abs(sum - 1) < 1e-9, `hypotheses sum to ${sum}`);
  assert.ok(Math.abs(r.actors.reduce((s, a) => s + a.probability, 0) - 1) < 1e-9);
  for (let i = 1; i < r.hypotheses.length; i++) assert.ok((r.hypotheses[i - 1]?.probability ?? 0) >= (r.hypotheses[i]?.probability ?? 0));
  assert.ok(r.hypotheses.some((h) => h.id === 'unknown'), 'unknown is always a hypothesis');
  for (const h of r.hypotheses) {
    assert.ok(ICD.includes(h.likelihood));
    assert.ok(!/confiden/.test(h.likelihood), 'likelihood words never carry confidence');
  }
  assert.ok(['low', 'moderate', 'high'].includes(r.confidence));
}

test('a genuine actor: the right culprit, high confidence, no false flag, contributions line by line', () => {
  const s = generateScenario(11, 'genuine');
  const r = attribute({ evidence: s.evidence, actors: s.actors });
  checkShape(r);
  assert.equal(r.hypotheses[0]?.actor, s.truth.actor);
  assert.deepEqual(r.falseFlags, []);
  assert.equal(r.confidence, 'high');
  assert.equal(r.activity?.basis, 'operator-sessions');
  assert.equal(r.activity?.utcOffsetMinutes !== null && Math.abs((r.activity?.utcOffsetMinutes ?? 0) - (s.expect.utcOffsetMinutes ?? 0)) <= 60, true);
  const top = r.hypotheses[0];
  assert.ok(top);
  // A partner can recompute the log ratio from the counted contributions.
  const fromTerms = top.contributions.filter((c) => c.counted).reduce((a, c) => a + Math.log(c.ratio), 0);
  assert.ok(Math.abs(fromTerms - top.logLikelihoodRatio) < 0.01 * Math.max(1, Math.abs(fromTerms)));
  assert.equal(top.contributions.length, s.evidence.length);
  assert.ok(r.hangsOn !== null);
});

test('framed through cheap artefacts: the real culprit wins and the plants are reported as false flags', () => {
  const s = generateScenario(12, 'framed');
  const r = attribute({ evidence: s.evidence, actors: s.actors });
  checkShape(r);
  assert.equal(r.actors[0]?.actor, s.truth.actor);
  assert.ok(r.falseFlags.length > 0);
  for (const f of r.falseFlags) {
    assert.equal(f.pointsTo, s.truth.framedAs);
    assert.ok(f.evidence.length > 0 && f.contradictedBy.length > 0);
    assert.ok(['language', 'compile-time', 'infrastructure'].includes(f.kind));
    assert.match(f.reason, /(cheap|moderate) .* points to/);
  }
  assert.ok(r.hypotheses.some((h) => h.id === `${s.truth.actor} framed as ${s.truth.framedAs}`), 'the deception hypothesis is on the table');
});

test('consistent cheap artefacts are not called a false flag', () => {
  for (const seed of [13, 14, 15]) {
    const s = generateScenario(seed, 'consistent');
    const r = attribute({ evidence: s.evidence, actors: s.actors });
    assert.equal(r.actors[0]?.actor, s.truth.actor);
    assert.deepEqual(r.falseFlags, [], `seed ${seed}`);
  }
});

test('sparse data: low confidence', () => {
  const s = generateScenario(16, 'sparse');
  const r = attribute({ evidence: s.evidence, actors: s.actors });
  checkShape(r);
  assert.equal(r.confidence, 'low');
});

test('no evidence: every hypothesis keeps its prior; priors are configurable', () => {
  const s = generateScenario(17, 'genuine');
  const r = attribute({ evidence: [], actors: s.actors });
  checkShape(r);
  assert.equal(r.hypotheses.length, s.actors.length + 1);
  for (const h of r.hypotheses) assert.ok(Math.abs(h.probability - 1 / (s.actors.length + 1)) < 1e-3);
  const skewed = attribute({ evidence: [], actors: s.actors, options: { priors: { unknown: 4 } } });
  assert.equal(skewed.hypotheses[0]?.id, 'unknown');
  assert.equal(r.confidence, 'low');
});

test('one sample\'s hundred strings count once', () => {
  const s = generateScenario(18, 'genuine');
  const y = s.actors.find((a) => a.id !== s.truth.actor);
  assert.ok(y);
  const sample = 'f'.repeat(64);
  const one = [makeEvidence('language', { artefact: 'strings', languages: [{ tag: y.languages[0] ?? 'en', count: 1 }] }, { samples: [sample] })];
  const hundred = Array.from({ length: 100 }, (_, i) => makeEvidence('language', { artefact: 'strings', languages: [{ tag: y.languages[0] ?? 'en', count: i + 1 }] }, { samples: [sample] }));
  const p1 = attribute({ evidence: one, actors: s.actors, options: { skipSensitivity: true } }).hypotheses.find((h) => h.id === y.id)?.probability;
  const p100 = attribute({ evidence: hundred, actors: s.actors, options: { skipSensitivity: true } }).hypotheses.find((h) => h.id === y.id)?.probability;
  assert.ok(p1 !== undefined && p100 !== undefined);
  assert.ok(Math.abs(p1 - p100) < 0.02, `${p1} vs ${p100}`);
  // Independent samples do add up.
  const three = [1, 2, 3].map((k) => makeEvidence('language', { artefact: 'strings', languages: [{ tag: y.languages[0] ?? 'en', count: 1 }] }, { samples: [String(k).repeat(64)] }));
  const p3 = attribute({ evidence: three, actors: s.actors, options: { skipSensitivity: true } }).hypotheses.find((h) => h.id === y.id)?.probability ?? 0;
  assert.ok(p3 > p1 + 0.05);
});

test('pivotal items: removing the only strong evidence changes the answer', () => {
  const s = generateScenario(19, 'genuine');
  const x = s.actors.find((a) => a.id === s.truth.actor);
  assert.ok(x);
  const strong = makeEvidence('code-reuse', { tlsh: [x.tools.tlsh[0] ?? ''] }, { samples: ['e'.repeat(64)] });
  const r = attribute({ evidence: [strong], actors: s.actors });
  assert.equal(r.hypotheses[0]?.id, x.id);
  assert.deepEqual(r.pivotal.map((p) => p.evidence), [strong.id]);
  assert.equal(r.pivotal[0]?.withoutIt, 'unknown');
  assert.equal(r.hangsOn?.evidence, strong.id);
});

test('deterministic: the same input gives byte-identical JSON, whatever the input order', () => {
  const s = generateScenario(20, 'framed');
  const a = JSON.stringify(attribute({ evidence: s.evidence, actors: s.actors }));
  const b = JSON.stringify(attribute({ evidence: [...s.evidence].reverse(), actors: [...s.actors].reverse() }));
  assert.equal(a, b);
});

test('beacons never shape the working hours', () => {
  const s = generateScenario(21, 'beacons');
  const r = attribute({ evidence: s.evidence, actors: s.actors });
  assert.equal(r.actors[0]?.actor, s.truth.actor);
  assert.ok(r.activity && r.activity.utcOffsetMinutes !== null);
  assert.ok(Math.abs(r.activity.utcOffsetMinutes - (s.expect.utcOffsetMinutes ?? 0)) <= 60);
  assert.ok(s.sessions.length > r.activity.count, 'automated sessions were left out');
});
