/**
 * Attribution over generated scenarios: the full metric table (top-1 accuracy per kind, false-flag recall and
 * precision, flips by one planted cheap item, Brier score, reliability table, UTC offset accuracy), for the
 * engine and, as the reference measured in the same run, a naive engine that takes every item at face value
 * and counts dependent items separately. Time is printed as a ratio to the naive engine.
 *
 *   npx tsx bench/attribute.ts [scenarios=210] [seed=1]     (plus n/7, at least 30, framed-rich scenarios)
 */
import { evaluate, generateScenarios, HARD_KINDS } from '../examples/scenarios/index.js';
import type { EvaluateOptions, Metrics } from '../examples/scenarios/index.js';

const n = Number(process.argv[2] ?? 210);
const seed = Number(process.argv[3] ?? 1);
// The default cycle of seven kinds, plus Olympic-Destroyer-style framing (copied Rich header, leaked tool).
const scenarios = [...generateScenarios(n, seed), ...generateScenarios(Math.max(30, Math.round(n / 7)), seed + 1, HARD_KINDS)];

function run(label: string, engine: EvaluateOptions['engine']): { m: Metrics; ms: number; label: string } {
  const t = performance.now();
  const { metrics } = evaluate(scenarios, { engine });
  return { m: metrics, ms: performance.now() - t, label };
}

const naive = run('naive (face value, no dependence groups, no deception hypotheses)', { planting: 'ignored', groupDamping: 1, deceptionPrior: 0 });
const bounded = run('veritrace (cost-to-fake bound, groups)', {});
const pct = (x: number): string => `${(100 * x).toFixed(1)}%`;

console.log(`attribution over ${scenarios.length} scenarios (seed ${seed}): ${n} in the default cycle, ${scenarios.length - n} framed-rich\n`);
for (const { m, ms, label } of [bounded, naive]) {
  console.log(`== ${label}`);
  console.log(`top-1 accuracy           ${pct(m.top1)}   non-sparse ${pct(m.top1NonSparse)}`);
  for (const [kind, k] of Object.entries(m.byKind)) {
    const conf = Object.entries(k.confidence).sort().map(([c, x]) => `${c} ${x}`).join(', ');
    console.log(`  ${kind.padEnd(14)} n=${String(k.n).padStart(3)}  top-1 ${pct(k.top1 / k.n).padStart(6)}  flagged ${String(k.falseFlagged).padStart(3)}  "X framed as Y" on top ${String(k.deceptionOnTop).padStart(3)}  confidence: ${conf}`);
  }
  const f = m.falseFlags;
  console.log(`false flags              recall ${pct(f.recall)}  precision ${pct(f.precision)}  (TP ${f.truePositive}, FP ${f.falsePositive}, FN ${f.falseNegative}); consistent called false flag: ${m.consistentCalledFalseFlag}`);
  console.log(`one planted cheap item   flips ${m.flips.flips}/${m.flips.trials} (${pct(m.flips.rate)})  ${Object.entries(m.flips.byKind).map(([k, x]) => `${k} ${x.flips}/${x.trials}`).join(', ')}`);
  console.log(`  when the answer was at least "likely" before: ${m.flips.decidedFlips}/${m.flips.decidedTrials}`);
  console.log(`Brier score              ${m.brier.toFixed(4)} (multi-class over actors + unknown; 0 is perfect)`);
  console.log(`UTC offset               exact ${m.offset.exact}/${m.offset.n} (${pct(m.offset.exact / (m.offset.n || 1))}), within 1 h ${m.offset.within60}/${m.offset.n}`);
  console.log('reliability              predicted bin   n     mean predicted  observed');
  for (const b of m.reliability) console.log(`                         [${b.from.toFixed(1)}, ${b.to.toFixed(1)})  ${String(b.n).padStart(5)}  ${b.meanPredicted.toFixed(3).padStart(14)}  ${b.observed.toFixed(3).padStart(8)}`);
  console.log(`time                     ${(ms / 1000).toFixed(1)} s\n`);
}
console.log(`time ratio veritrace / naive: ${(bounded.ms / naive.ms).toFixed(2)}×`);
