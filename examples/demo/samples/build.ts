import { createHash } from 'node:crypto';
import { Rng } from '../prng.js';
import { localToUtcMs } from '../timefmt.js';
import { CodeBuilder, type CodeStyle } from './code.js';
import { writePe } from './pe-writer.js';
import type { ImportSpec, RdataString } from './rdata.js';
import type { Toolchain } from './toolchains.js';

/**
 * Builds one tool of a family: the family's shared core (its library code, imports, strings and data, the same
 * bytes in every tool) plus the tool's own functions, imports and strings. Shared cores are what make a toolkit's
 * TLSH digests close; the per-tool parts keep them from being identical.
 */

export interface Family {
  id: string;
  style: CodeStyle;
  toolchain: Toolchain;
  coreSeed: number;
  coreFunctions: number;
  imports: ImportSpec[];
  strings: RdataString[];
  /** Shared initialised data (after the relocated pointer at offset 0). */
  data: Buffer;
  pdbPath: (tool: string) => string;
}

export interface ToolDef {
  /** File name of the sample. */
  name: string;
  kind: 'exe' | 'dll';
  subsystem: 2 | 3;
  /** Wall-clock build time in `zone`: [year, month, day, hour, minute, second]. */
  built: readonly [number, number, number, number, number, number];
  zone: string;
  seed: number;
  functions: number;
  imports: ImportSpec[];
  strings: RdataString[];
  /** Appended to the family's data (a tool's configuration). */
  data?: Buffer;
  exports?: string[];
  version: { langId: number; fileVersion: [number, number, number, number]; strings: [string, string][] };
}

/** The build's COFF TimeDateStamp: the wall-clock time in the builder's zone, DST-correct. */
export function buildTime(def: Pick<ToolDef, 'built' | 'zone'>): number {
  const [y, mo, d, h, mi, s] = def.built;
  return Math.floor(localToUtcMs(def.zone, y, mo, d, h, mi, s) / 1000);
}

/** Family imports first, then the tool's: a DLL both use gets the tool's functions appended to its list. */
export function mergeImports(a: readonly ImportSpec[], b: readonly ImportSpec[]): ImportSpec[] {
  const out = a.map((l) => ({ dll: l.dll, functions: [...l.functions] }));
  for (const lib of b) {
    const have = out.find((l) => l.dll.toLowerCase() === lib.dll.toLowerCase());
    if (have) have.functions.push(...lib.functions.filter((f) => !have.functions.includes(f)));
    else out.push({ dll: lib.dll, functions: [...lib.functions] });
  }
  return out;
}

const stem = (name: string): string => name.replace(/\.[^.]+$/, '');
const symbolsOf = (imports: readonly ImportSpec[]): string[] => imports.flatMap((l) => l.functions.map((f) => `iat:${l.dll}!${f}`));

export function buildTool(family: Family, def: ToolDef): Buffer {
  const time = buildTime(def);
  const imports = mergeImports(family.imports, def.imports);
  const code = new CodeBuilder(family.style);
  const coreImports = symbolsOf(family.imports);
  const coreStrings = family.strings.map((s) => `str:${s.id}`);
  const coreRng = new Rng(family.coreSeed);
  for (let i = 0; i < family.coreFunctions; i++) code.addFunction(coreRng, coreRng.int(6, 18), coreImports, coreStrings);
  const init = code.functions[0]!;
  const toolRng = new Rng(def.seed);
  const toolImports = [...coreImports, ...symbolsOf(def.imports)];
  const toolStrings = [...coreStrings, ...def.strings.map((s) => `str:${s.id}`)];
  let main = init;
  for (let i = 0; i < def.functions; i++) main = code.addFunction(toolRng, toolRng.int(6, 18), toolImports, toolStrings);
  const exitProcess = symbolsOf(imports).find((s) => s.endsWith('!ExitProcess'));
  if (def.kind === 'exe' && !exitProcess) throw new Error(`${def.name}: an executable needs ExitProcess`);
  const entry = def.kind === 'dll' ? code.addDllMain(init) : code.addExeEntry(init, main, exitProcess!);

  const data = Buffer.concat([Buffer.alloc(16), family.data, def.data ?? Buffer.alloc(0)]);
  const guid = createHash('sha256').update(`${family.id}/${def.name}/${time}`).digest().subarray(0, 16);
  return writePe({
    kind: def.kind, subsystem: def.subsystem, timeDateStamp: time, debugTimeDateStamp: time,
    linker: family.toolchain.linker, rich: family.toolchain.rich, code, entry,
    imports, strings: [...family.strings, ...def.strings],
    ...(def.exports ? { exports: { dllName: def.name, functions: def.exports.map((name) => ({ name, codeOffset: main })) } } : {}),
    data, dataPointers: [{ at: 0, symbol: coreStrings[0]! }],
    version: { langId: def.version.langId, fileType: def.kind === 'dll' ? 2 : 1, fileVersion: def.version.fileVersion, strings: def.version.strings },
    pdb: { path: family.pdbPath(stem(def.name)), guid: Buffer.from(guid), age: 1 },
  });
}
