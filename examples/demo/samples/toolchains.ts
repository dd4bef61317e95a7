import type { CompId } from './rich.js';

/**
 * The Rich-header toolchains of the fictional builders. Product ids are Microsoft's `prodid` values for the
 * MSVC 14.x tools (0xff Cvtres, 0x101 Implib, 0x102 Linker, 0x103 Masm, 0x104 Utc C, 0x105 Utc C++; 1 Import0);
 * the build number names the toolset, and the linker version in the optional header must agree with it.
 */
export interface Toolchain {
  linker: { major: number; minor: number };
  rich: CompId[];
}

/**
 * granite-lynx: VS2022 17.10 (MSVC 14.40.33811, linker 14.40), static CRT from an earlier 14.38 build, the same
 * project template for every tool (so the counts, and the Rich hash, are the same across the toolkit).
 */
export const GRANITE_LYNX_TOOLCHAIN: Toolchain = {
  linker: { major: 14, minor: 40 },
  rich: [
    { productId: 0x103, build: 33140, count: 10 },
    { productId: 0x105, build: 33140, count: 27 },
    { productId: 0x104, build: 33140, count: 12 },
    { productId: 0x101, build: 33140, count: 5 },
    { productId: 0x001, build: 0, count: 96 },
    { productId: 0x105, build: 33811, count: 9 },
    { productId: 0x0ff, build: 33811, count: 1 },
    { productId: 0x102, build: 33811, count: 1 },
  ],
};

/** The benign terminal utility: a C code base built with VS2019 16.11 (14.29.30148, linker 14.29). */
export const SSHTERM_TOOLCHAIN: Toolchain = {
  linker: { major: 14, minor: 29 },
  rich: [
    { productId: 0x103, build: 30148, count: 4 },
    { productId: 0x104, build: 30148, count: 71 },
    { productId: 0x101, build: 30148, count: 9 },
    { productId: 0x001, build: 0, count: 231 },
    { productId: 0x0ff, build: 30148, count: 1 },
    { productId: 0x102, build: 30148, count: 1 },
  ],
};

/** paper-crane's own (unrelated) builds, for its profile: VS2017 15.9 (14.16.27045, linker 14.16). */
export const PAPER_CRANE_TOOLCHAIN: Toolchain = {
  linker: { major: 14, minor: 16 },
  rich: [
    { productId: 0x105, build: 27045, count: 18 },
    { productId: 0x104, build: 27045, count: 11 },
    { productId: 0x103, build: 27045, count: 7 },
    { productId: 0x101, build: 27045, count: 3 },
    { productId: 0x001, build: 0, count: 73 },
    { productId: 0x0ff, build: 27045, count: 1 },
    { productId: 0x102, build: 27045, count: 1 },
  ],
};
