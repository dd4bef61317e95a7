import { evaluate, generateScenarios, HARD_KINDS } from './index.js';
const { metrics: m } = evaluate(generateScenarios(30, 2, HARD_KINDS), {});
console.log(m.top1, m.falseFlags.recall, m.flips, m.brier);
const { metrics: m2 } = evaluate(generateScenarios(70, 1), { flipTargets: 1 });
console.log(m2.top1, m2.top1NonSparse, m2.falseFlags, m2.flips.flips, m2.brier);
