/**
 * Scenarios for the trace stage with known truth. Usage: `node dist/examples/trace-scenarios/generate.js OUT_DIR`
 * writes `beacon-sweep/` and `intrusion/`, each with `logs/` and `truth.json`. Same seed, same bytes.
 */
import { mkdir, writeFile } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { beaconSweep } from './beacon-sweep.js';
import { intrusionScenario } from './intrusion.js';

export { beaconSweep, SWEEP_PERIODS_S, SWEEP_JITTERS, type SweepPair, type SweepTruth, type PairKind } from './beacon-sweep.js';
export { intrusionScenario, type IntrusionTruth } from './intrusion.js';

export async function writeScenario(dir: string, s: { files: Record<string, string>; truth: unknown }): Promise<string> {
  for (const [rel, body] of Object.entries(s.files)) {
    const p = join(dir, 'logs', rel);
    await mkdir(join(p, '..'), { recursive: true });
    await writeFile(p, body);
  }
  await writeFile(join(dir, 'truth.json'), JSON.stringify(s.truth, null, 2) + '\n');
  return join(dir, 'logs');
}

if (process.argv[1] && fileURLToPath(import.meta.url) === resolve(process.argv[1])) {
  const out = process.argv[2] ?? 'examples/trace-scenarios/out';
  await writeScenario(join(out, 'beacon-sweep'), beaconSweep());
  await writeScenario(join(out, 'intrusion'), intrusionScenario());
  process.stdout.write(`trace scenarios written to ${out}\n`);
}
