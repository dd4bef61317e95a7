import { Rng } from '../prng.js';
import { ByteWriter } from './bytes.js';

/**
 * Deterministic x64 code for `.text`: functions made of real instruction encodings (prologue, argument set-up,
 * calls through the import address table, RIP-relative string loads, tests and short branches over the next
 * instruction, epilogue), padded with `int3` to 16 bytes as MSVC does. Three house styles: MSVC /O2 (register
 * home spills, `push rdi`), a frame-pointer /Od style, and a /O1 style (`push rbx`, r8–r15, calls through
 * registers and global loads), so a different code base also looks different.
 */

export type CodeStyle = 'o2' | 'od' | 'o1';

/** A RIP-relative disp32 at `at` that must point at `symbol`; `tail` bytes of the instruction follow it. */
export interface Fixup { at: number; symbol: string; tail: number }

interface Op { b: number[]; sym?: { at: number; symbol: string; tail: number }; call?: number }

const imm32 = (v: number): number[] => [v & 0xff, (v >>> 8) & 0xff, (v >>> 16) & 0xff, (v >>> 24) & 0xff];

export class CodeBuilder {
  private readonly w = new ByteWriter();
  readonly fixups: Fixup[] = [];
  /** Offsets of the functions emitted so far (targets for `call rel32`). */
  readonly functions: number[] = [];

  constructor(private readonly style: CodeStyle) {}

  get length(): number {
    return this.w.length;
  }

  private emit(op: Op): void {
    const start = this.w.length;
    if (op.call !== undefined) {
      this.w.u8(0xe8).bytes(imm32(op.call - (start + 5)));
      return;
    }
    if (op.sym) this.fixups.push({ at: start + op.sym.at, symbol: op.sym.symbol, tail: op.sym.tail });
    this.w.bytes(op.b);
  }

  /** The /O1 style's instruction mix: extended registers, indirect calls, RIP-relative loads of globals. */
  private smallOp(rng: Rng, imports: readonly string[], strings: readonly string[]): Op {
    switch (rng.int(0, 9)) {
      case 0: return imports.length > 0 ? { b: [0x48, 0x8b, 0x05, 0, 0, 0, 0], sym: { at: 3, symbol: rng.pick(imports), tail: 0 } } : { b: [0x4c, 0x8b, 0xc0] };
      case 1: return { b: [0xff, 0xd0] };
      case 2: return strings.length > 0 ? { b: [0x4c, 0x8d, 0x05, 0, 0, 0, 0], sym: { at: 3, symbol: rng.pick(strings), tail: 0 } } : { b: [0x4d, 0x8b, 0xc8] };
      case 3: return { b: rng.pick([[0x4c, 0x8b, 0xc0], [0x4d, 0x8b, 0xc8], [0x41, 0x8b, 0xd0], [0x49, 0x8b, 0xce], [0x4c, 0x8b, 0xf1], [0x4d, 0x85, 0xf6]]) };
      case 4: return { b: [0x41, 0xb8, ...imm32(rng.pick([0x400, 0x1f4, 0x7d0, rng.int(0, 0xfff)]))] };
      case 5: return this.functions.length > 0 ? { b: [], call: rng.pick(this.functions) } : { b: [0xff, 0xd0] };
      case 6: return { b: [0x48, 0x83, 0xc1, rng.int(1, 0x7f)] };
      case 7: return { b: rng.pick([[0x0f, 0xb7, 0x01], [0x66, 0x89, 0x02], [0x8a, 0x04, 0x0a], [0x88, 0x04, 0x0a]]) };
      case 8: return { b: [0x41, 0x3b, 0xc0] };
      default: return { b: [0x49, 0x63, 0xc0] };
    }
  }

  private randomOp(rng: Rng, imports: readonly string[], strings: readonly string[]): Op {
    if (this.style === 'o1') return this.smallOp(rng, imports, strings);
    const od = this.style === 'od';
    const r = rng.int(0, od ? 13 : 11);
    const d8 = (rng.int(2, 14) * 8) & 0x7f;
    switch (r) {
      case 0: case 1:
        return imports.length > 0 ? { b: [0xff, 0x15, 0, 0, 0, 0], sym: { at: 2, symbol: rng.pick(imports), tail: 0 } } : { b: [0x33, 0xc9] };
      case 2:
        return strings.length > 0 ? { b: [0x48, 0x8d, rng.pick([0x0d, 0x15]), 0, 0, 0, 0], sym: { at: 3, symbol: rng.pick(strings), tail: 0 } } : { b: [0x33, 0xd2] };
      case 3: return { b: [rng.pick([0xb9, 0xba]), ...imm32(rng.pick([0, 1, 2, 0x10, 0x20, 0x80000000, 0x40000000, 0x104, 0x1000, rng.int(0, 0xffff)]))] };
      case 4: return { b: rng.pick([[0x33, 0xc9], [0x33, 0xd2], [0x45, 0x33, 0xc0], [0x45, 0x33, 0xc9]]) };
      case 5: return { b: rng.pick(od ? [[0x48, 0x8b, 0x4d, 0x10], [0x48, 0x89, 0x45, 0xf8], [0x8b, 0x45, 0xf0]] : [[0x48, 0x8b, 0xcb], [0x48, 0x8b, 0xd8], [0x48, 0x8b, 0xf8], [0x48, 0x8b, 0xcf], [0x8b, 0xd6]]) };
      case 6: return { b: od ? [0x89, 0x45, (0x100 - d8) & 0xff] : [0x89, 0x44, 0x24, d8] };
      case 7: return { b: od ? [0x8b, 0x45, (0x100 - d8) & 0xff] : [0x8b, 0x44, 0x24, d8] };
      case 8: return this.functions.length > 0 ? { b: [], call: rng.pick(this.functions) } : { b: [0x85, 0xc0] };
      case 9: return { b: [0x83, 0xf8, rng.int(0, 0x7f)] };
      case 10: return { b: [0x48, 0x89, 0x44, 0x24, 0x20] };
      case 11: return { b: [0x48, 0x85, 0xc0] };
      case 12: return { b: rng.pick([[0x0f, 0xb6, 0xc0], [0xc1, 0xe0, rng.int(1, 24)], [0x0f, 0xaf, 0xc1], [0x03, 0xc1], [0xff, 0xc0]]) };
      default: return { b: [0x48, 0x63, 0xc8] };
    }
  }

  /** Appends one function of about `ops` instructions. */
  addFunction(rng: Rng, ops: number, imports: readonly string[], strings: readonly string[]): number {
    const start = this.w.length;
    const frame = rng.pick([0x20, 0x30, 0x40, 0x50]);
    if (this.style === 'o2') this.w.bytes([0x48, 0x89, 0x5c, 0x24, 0x08, 0x48, 0x89, 0x74, 0x24, 0x10, 0x57, 0x48, 0x83, 0xec, frame]);
    else if (this.style === 'o1') this.w.bytes([0x40, 0x53, 0x48, 0x83, 0xec, frame]);
    else this.w.bytes([0x48, 0x89, 0x4c, 0x24, 0x08, 0x55, 0x48, 0x8b, 0xec, 0x48, 0x83, 0xec, frame]);
    for (let i = 0; i < ops; i++) {
      if (rng.next() < 0.18) {
        // test eax,eax / jz over the next instruction (a real branch target, not into its middle).
        this.w.bytes([0x85, 0xc0]);
        const next = this.randomOp(rng, imports, strings);
        const len = next.call !== undefined ? 5 : next.b.length;
        this.w.bytes([rng.pick([0x74, 0x75]), len]);
        this.emit(next);
      } else this.emit(this.randomOp(rng, imports, strings));
    }
    if (this.style === 'o2') this.w.bytes([0x48, 0x8b, 0x5c, 0x24, frame + 0x10, 0x48, 0x8b, 0x74, 0x24, frame + 0x18, 0x48, 0x83, 0xc4, frame, 0x5f, 0xc3]);
    else if (this.style === 'o1') this.w.bytes([0x48, 0x83, 0xc4, frame, 0x5b, 0xc3]);
    else this.w.bytes([0x48, 0x8b, 0xe5, 0x5d, 0xc3]);
    this.w.align(16, 0xcc);
    this.functions.push(start);
    return start;
  }

  /** DllMain: on DLL_PROCESS_ATTACH call `init`; return TRUE. */
  addDllMain(init: number): number {
    const start = this.w.length;
    this.w.bytes([0x48, 0x83, 0xec, 0x28, 0x83, 0xfa, 0x01, 0x75, 0x05]);
    this.emit({ b: [], call: init });
    this.w.bytes([0xb8, 0x01, 0x00, 0x00, 0x00, 0x48, 0x83, 0xc4, 0x28, 0xc3]).align(16, 0xcc);
    return start;
  }

  /** mainCRTStartup reduced to its shape: call `init`, call `main`, ExitProcess(eax). */
  addExeEntry(init: number, main: number, exitProcess: string): number {
    const start = this.w.length;
    this.w.bytes([0x48, 0x83, 0xec, 0x28]);
    this.emit({ b: [], call: init });
    this.emit({ b: [], call: main });
    this.w.bytes([0x8b, 0xc8]);
    this.emit({ b: [0xff, 0x15, 0, 0, 0, 0], sym: { at: 2, symbol: exitProcess, tail: 0 } });
    this.w.bytes([0xcc]).align(16, 0xcc);
    return start;
  }

  /** The code with every RIP-relative fixup resolved for a section at `textRva`. */
  link(textRva: number, resolve: (symbol: string) => number): Buffer {
    const out = this.w.toBuffer();
    for (const f of this.fixups) out.writeInt32LE(resolve(f.symbol) - (textRva + f.at + 4 + f.tail), f.at);
    return out;
  }
}
