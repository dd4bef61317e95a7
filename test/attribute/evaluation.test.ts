import { test } from 'node:test';
import assert from 'node:assert/strict';
import { evaluate, generateScenarios, HARD_KINDS } from '../../examples/scenarios/index.js';

// Correctness floors over 210 generated scenarios (30 of each kind). The full table is printed by
// bench/attribute.ts; these assert what must hold, not how fast.
test('attribution over 210 generated scenarios meets its floors', () => {
  const { metrics: m } = evaluate(generateScenarios(210, 1), { flipTargets: 1 });
  assert.equal(m.scenarios, 210);
  assert.ok(m.top1NonSparse >= 0.9, `top-1 on non-sparse scenarios ${m.top1NonSparse}`);
  assert.equal(m.flips.flips, 0, `one planted cheap item flipped the answer ${m.flips.flips} times in ${m.flips.trials}`);
  assert.ok(m.flips.trials >= 300);
  assert.ok(m.falseFlags.recall >= 0.9, `false-flag recall ${m.falseFlags.recall}`);
  assert.ok(m.falseFlags.precision >= 0.8, `false-flag precision ${m.falseFlags.precision}`);
  assert.equal(m.consistentCalledFalseFlag, 0, 'consistent cheap evidence called a false flag');
  assert.ok(m.brier < 0.2, `Brier ${m.brier}`);
  assert.ok(m.offset.within60 / m.offset.n >= 0.9, `offset within an hour ${m.offset.within60}/${m.offset.n}`);
  for (const kind of ['genuine', 'consistent', 'dst', 'beacons']) {
    assert.ok((m.byKind[kind]?.top1 ?? 0) >= 0.9 * (m.byKind[kind]?.n ?? 1), kind);
  }
  // Sparse data must not breed high confidence.
  assert.equal(m.byKind.sparse?.confidence.high ?? 0, 0);
  // Calibration: in the confident bins, what is predicted is what happens (within 0.15).
  for (const b of m.reliability.filter((x) => x.n >= 30)) assert.ok(Math.abs(b.meanPredicted - b.observed) < 0.15, JSON.stringify(b));
});

test('Olympic-Destroyer-style framing (copied Rich header, leaked tool): the culprit and the plants are found', () => {
  const { metrics: m } = evaluate(generateScenarios(30, 2, HARD_KINDS), { flipTargets: 1 });
  assert.ok(m.top1 >= 0.8, `top-1 ${m.top1}`);
  // Here the costly evidence is thin (one code match); a plant may tip a roughly-even answer, never a likely one.
  assert.equal(m.flips.decidedFlips, 0, `flips of likely answers ${m.flips.decidedFlips}/${m.flips.decidedTrials}`);
  assert.ok(m.falseFlags.recall >= 0.9, `false-flag recall ${m.falseFlags.recall}`);
  // Taking every item at face value, as a naive scorer does, falls for it.
  const naive = evaluate(generateScenarios(30, 2, HARD_KINDS), { flipTargets: 0, engine: { planting: 'ignored', groupDamping: 1, deceptionPrior: 0 } }).metrics;
  assert.ok(naive.top1 < m.top1 - 0.3, `naive ${naive.top1} vs ${m.top1}`);
});
