/**
 * How two samples relate: similarity digests, shared build artefacts, shared content, times side by side, and a
 * verdict word. The verdict rules, strongest first (the thresholds are in VERDICT_THRESHOLDS):
 *
 * - identical: the same SHA-256.
 * - same family: TLSH distance ≤ 30 (the TLSH authors' low-false-positive cut-off, ~0.01% FP on their corpus),
 *   or ssdeep score ≥ 60, or at least two costly build artefacts in common (see below).
 * - related: TLSH distance ≤ 100 (the usual "likely related" reading), or any ssdeep score > 0, or one costly
 *   build artefact in common.
 * - unrelated: none of these.
 *
 * Costly build artefacts: the Rich hash, the PDB path, the signer certificate (by SHA-256, not by name: names are
 * free to choose), and the imphash when the import table has at least 10 functions (tiny import tables such as a
 * mingw hello-world's share imphashes by accident). Each can be copied, which is why the checks look for forgeries;
 * here they only say that two samples point to the same build environment.
 */
import { ssdeepCompare, tlshDiff } from '../hashes/index.js';
import type { SampleReport, SampleTimes } from './types.js';

export const VERDICT_THRESHOLDS = {
  tlshSameFamily: 30,
  tlshRelated: 100,
  ssdeepSameFamily: 60,
  ssdeepRelated: 1,
  artefactsSameFamily: 2,
  imphashMinFunctions: 10,
} as const;

export type Verdict = 'identical' | 'same family' | 'related' | 'unrelated';

/** Overlap of two sets: each side's size and how many they share. */
export interface Overlap {
  a: number;
  b: number;
  shared: number;
}

export interface SampleComparison {
  a: { sha256: string; file: string; type: string };
  b: { sha256: string; file: string; type: string };
  /** Null when either side has no TLSH digest (under 256 bytes or uniform content). */
  tlshDistance: number | null;
  ssdeepScore: number;
  /** true/false when both sides have the artefact; null when either lacks it (nothing to compare). */
  same: { imphash: boolean | null; richHash: boolean | null; pdbPath: boolean | null; signer: boolean | null; certificate: boolean | null };
  shared: { imports: Overlap; sections: Overlap; strings: Overlap };
  times: { a: SampleTimes; b: SampleTimes };
  verdict: Verdict;
  /** The facts the verdict rests on, in words. */
  reasons: string[];
}

function sameValue(a: string | null | undefined, b: string | null | undefined): boolean | null {
  if (!a || !b) return null;
  return a.toLowerCase() === b.toLowerCase();
}

function overlap(a: Set<string>, b: Set<string>): Overlap {
  let shared = 0;
  for (const x of a) if (b.has(x)) shared++;
  return { a: a.size, b: b.size, shared };
}

/** Imports as `dll!function` (PE) or needed library and undefined dynamic symbols (ELF), case-folded. */
function imports(r: SampleReport): Set<string> {
  const out = new Set<string>();
  for (const lib of r.pe?.imports ?? []) {
    for (const f of lib.functions) out.add(`${lib.dll.toLowerCase()}!${(f.name ?? `#${f.ordinal}`).toLowerCase()}`);
  }
  for (const n of r.elf?.needed ?? []) out.add(n);
  for (const s of r.elf?.dynamicSymbols ?? []) if (s.sectionIndex === 0 && s.name) out.add(s.name);
  return out;
}

function sections(r: SampleReport): Set<string> {
  return new Set((r.pe?.sections ?? r.elf?.sections ?? []).map((s) => s.name).filter(Boolean));
}

function importCount(r: SampleReport): number {
  return (r.pe?.imports ?? []).filter((l) => !l.delayLoad).reduce((n, l) => n + l.functions.length, 0);
}

export function compareSamples(a: SampleReport, b: SampleReport): SampleComparison {
  const T = VERDICT_THRESHOLDS;
  const tlshDistance = a.hashes.tlsh && b.hashes.tlsh ? tlshDiff(a.hashes.tlsh, b.hashes.tlsh) : null;
  const ssdeepScore = ssdeepCompare(a.hashes.ssdeep, b.hashes.ssdeep);
  const same = {
    imphash: sameValue(a.hashes.imphash, b.hashes.imphash),
    richHash: sameValue(a.hashes.richHash, b.hashes.richHash),
    pdbPath: sameValue(a.pdbPath, b.pdbPath),
    signer: a.signer && b.signer ? a.signer === b.signer : null,
    certificate: sameValue(a.signerCertificate, b.signerCertificate),
  };
  const artefacts: string[] = [];
  if (same.richHash) artefacts.push(`same Rich hash ${a.hashes.richHash}`);
  if (same.pdbPath) artefacts.push(`same PDB path ${a.pdbPath}`);
  if (same.certificate) artefacts.push(`same signer certificate (${a.signer})`);
  if (same.imphash && Math.min(importCount(a), importCount(b)) >= T.imphashMinFunctions) artefacts.push(`same imphash ${a.hashes.imphash}`);

  const reasons: string[] = [];
  if (tlshDistance !== null) reasons.push(`TLSH distance ${tlshDistance}`);
  reasons.push(`ssdeep score ${ssdeepScore}`);
  reasons.push(...artefacts);
  let verdict: Verdict;
  if (a.hashes.sha256 === b.hashes.sha256) {
    verdict = 'identical';
    reasons.unshift('same SHA-256');
  } else if ((tlshDistance !== null && tlshDistance <= T.tlshSameFamily) || ssdeepScore >= T.ssdeepSameFamily || artefacts.length >= T.artefactsSameFamily) {
    verdict = 'same family';
  } else if ((tlshDistance !== null && tlshDistance <= T.tlshRelated) || ssdeepScore >= T.ssdeepRelated || artefacts.length >= 1) {
    verdict = 'related';
  } else verdict = 'unrelated';

  const stringSet = (r: SampleReport): Set<string> => new Set(r.strings.interesting.map((s) => s.value));
  return {
    a: { sha256: a.hashes.sha256, file: a.file, type: a.type },
    b: { sha256: b.hashes.sha256, file: b.file, type: b.type },
    tlshDistance, ssdeepScore, same,
    shared: { imports: overlap(imports(a), imports(b)), sections: overlap(sections(a), sections(b)), strings: overlap(stringSet(a), stringSet(b)) },
    times: { a: a.times, b: b.times },
    verdict, reasons,
  };
}
