import { pdbChecks, languageChecks, signingChecks } from './provenance.js';
import { richChecks } from './rich.js';
import { timeChecks } from './time.js';
import type { CheckContext, CheckFinding, SampleInfo } from './types.js';

function referenceSeconds(now: string | number): number {
  const s = typeof now === 'number' ? now : Date.parse(now) / 1000;
  if (!Number.isFinite(s)) throw new RangeError(`reference time ${String(now)} is not a time`);
  return Math.floor(s);
}

/**
 * Cross-artefact consistency checks over one examined sample. Each finding names the check, how much it weighs,
 * why, and the values that show it. Sorted by check then reason, so equal input gives equal output.
 */
export function checkSample(info: SampleInfo, ctx: CheckContext): CheckFinding[] {
  const now = referenceSeconds(ctx.now);
  const out: CheckFinding[] = [];
  if (info.pe) {
    out.push(...timeChecks(info.pe, now), ...richChecks(info.pe), ...languageChecks(info.pe, ctx.stringsLanguage), ...pdbChecks(info.pe, ctx.stringsLanguage));
  }
  out.push(...signingChecks(info.authenticode));
  return out.sort((a, b) => (a.check === b.check ? (a.reason < b.reason ? -1 : a.reason > b.reason ? 1 : 0) : a.check < b.check ? -1 : 1));
}
