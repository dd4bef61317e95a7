import { linkerVersionOf, type PeInfo } from '../pe/index.js';
import { MSVC_LINKER_MAJORS } from './linkers.js';
import type { CheckFinding } from './types.js';

/**
 * Rich-header checks: the header is cheap to copy from another binary (Olympic Destroyer carried one from a Lazarus
 * sample), and a copy rarely fits the file it was pasted into — its key, its linker, its import count, the linker
 * that actually produced the layout.
 */
export function richChecks(pe: PeInfo): CheckFinding[] {
  const rich = pe.rich;
  if (!rich) return [];
  const out: CheckFinding[] = [];
  if (!rich.keyValid) {
    out.push({ check: 'rich-key-invalid', severity: 'high', reason: `the Rich header key ${rich.key} does not match the checksum of this file's DOS header and entries (${rich.computedKey}): it was edited or copied from another file`, evidence: { key: rich.key, computedKey: rich.computedKey } });
  }
  const { majorLinkerVersion: major, minorLinkerVersion: minor } = pe.headers;
  const header = `${major}.${minor}`;
  const linkers = rich.entries.map((e) => ({ e, v: linkerVersionOf(e.tool, e.build) })).filter((x) => x.v !== undefined);
  if (linkers.length > 0 && !linkers.some(({ v }) => v!.major === major && v!.minor === minor)) {
    const named = linkers.map(({ e, v }) => `${e.tool} build ${e.build} (${v!.major}.${v!.minor})`);
    out.push({ check: 'rich-linker-mismatch', severity: 'high', reason: `the Rich header names ${named.join(', ')} but the optional header says linker ${header}`, evidence: { richLinkers: named, headerLinker: header } });
  }
  const gnuSigns = gnuLayout(pe);
  if (!MSVC_LINKER_MAJORS.has(major) || gnuSigns.length > 0) {
    out.push({ check: 'rich-in-non-msvc-binary', severity: 'high', reason: `a Rich header (written only by Microsoft's linker) sits in a binary laid out by another linker: ${[`linker version ${header}`, ...gnuSigns].join('; ')}`, evidence: { headerLinker: header, signs: gnuSigns, richHash: rich.richHash } });
  }
  const imp0 = rich.entries.find((e) => e.productId === 1);
  const imported = pe.imports.reduce((n, l) => n + l.functions.length, 0);
  // Import0 counts the import-library symbols the linker resolved; it is never below what the file imports.
  if (imp0 && imported > imp0.count) {
    out.push({ check: 'rich-import-count', severity: 'medium', reason: `the Rich header records ${imp0.count} imported symbols but the file imports ${imported} functions`, evidence: { richImports: imp0.count, fileImports: imported } });
  }
  return out;
}

/** Traits of GNU ld / lld-mingw output that Microsoft's linker does not produce. */
function gnuLayout(pe: PeInfo): string[] {
  const signs: string[] = [];
  const names = pe.sections.map((s) => s.name);
  const longNames = names.filter((n) => /^\/\d+$/.test(n));
  if (longNames.length > 0) signs.push(`COFF string-table section names ${longNames.join(', ')} (GNU ld's long debug section names)`);
  if (names.includes('.eh_frame')) signs.push('an .eh_frame section');
  if (pe.headers.pointerToSymbolTable !== 0 && pe.headers.numberOfSymbols > 0) signs.push('a COFF symbol table in an image');
  return signs;
}
