import type { PeInfo } from '../pe/index.js';
import { MSVC_LINKER_MAJORS, msvcLinker } from './linkers.js';
import type { CheckFinding } from './types.js';

const DAY = 86400;
const iso = (t: number): string => new Date(t * 1000).toISOString();

/** Compile-time checks: future, before the linker existed, unlike the debug / export / resource timestamps. */
export function timeChecks(pe: PeInfo, now: number): CheckFinding[] {
  const out: CheckFinding[] = [];
  const t = pe.headers.timeDateStamp;
  // /Brepro (REPRO debug entry) turns every timestamp into a content hash: nothing to compare then.
  if (pe.debug.some((d) => d.type === 16)) {
    return [{ check: 'timestamp-reproducible', severity: 'info', reason: 'built with /Brepro: the COFF timestamp is a content hash, not a time', evidence: { timeDateStamp: t } }];
  }
  if (t === 0) return out;
  if (t > now + DAY) {
    out.push({ check: 'compile-time-future', severity: 'high', reason: `compile time ${iso(t)} is after the reference time ${iso(now)}`, evidence: { timeDateStamp: t, compileTime: iso(t), reference: iso(now) } });
  }
  const { majorLinkerVersion: major, minorLinkerVersion: minor } = pe.headers;
  const linker = msvcLinker(major, minor);
  if (linker && MSVC_LINKER_MAJORS.has(major)) {
    const release = Date.parse(`${linker.release}T00:00:00Z`) / 1000;
    // Previews ship a few months ahead of release; allow 120 days before the date in the table.
    if (t < release - 120 * DAY) {
      out.push({ check: 'compile-time-before-linker', severity: 'high', reason: `compile time ${iso(t)} is before linker ${major}.${minor} (${linker.product}) was released on ${linker.release}`, evidence: { timeDateStamp: t, compileTime: iso(t), linkerVersion: `${major}.${minor}`, linkerRelease: linker.release, product: linker.product } });
    }
  }
  for (const d of pe.debug) {
    // The linker stamps them together, but the clock may tick between the writes (seen: 1 s on a signed MSVC build).
    if (d.timeDateStamp === 0 || d.timeDateStamp === 0xffffffff || Math.abs(d.timeDateStamp - t) <= 600) continue;
    out.push({ check: 'compile-time-vs-debug', severity: 'medium', reason: `the ${d.typeName} debug entry is stamped ${iso(d.timeDateStamp)}, the COFF header ${iso(t)}; the linker writes both at once`, evidence: { coffTime: iso(t), debugTime: iso(d.timeDateStamp), debugType: d.typeName, differenceSeconds: d.timeDateStamp - t } });
  }
  const exp = pe.exports?.timeDateStamp;
  if (exp !== undefined && exp !== 0 && exp !== 0xffffffff && Math.abs(exp - t) > DAY) {
    out.push({ check: 'compile-time-vs-exports', severity: 'medium', reason: `the export directory is stamped ${iso(exp)}, the COFF header ${iso(t)}`, evidence: { coffTime: iso(t), exportTime: iso(exp) } });
  }
  const res = pe.resourceTimeDateStamp;
  if (res !== undefined && (res > t + DAY || t - res > 365 * DAY)) {
    out.push({ check: 'compile-time-vs-resources', severity: 'low', reason: `the resource directory is stamped ${iso(res)}, the COFF header ${iso(t)}: resources are compiled shortly before linking`, evidence: { coffTime: iso(t), resourceTime: iso(res) } });
  }
  return out;
}
