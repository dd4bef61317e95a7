/**
 * The demo's captured attack tools: Windows PE32+ binaries written byte for byte by a small PE writer (no compiler
 * needed), telling the attribution story of `../world.ts` — granite-lynx's toolkit with a planted false flag, and
 * one unrelated benign tool. Same code, same bytes. The reference tools behind the actor profiles live here too.
 */
export { generateSamples, writeSamples, generateReferenceTools, type Sample } from './samples.js';
export { writePe, imagehlpChecksum, type PeSpec } from './pe-writer.js';
export { richHeader, richKey, type CompId } from './rich.js';
export { buildTime, type Family, type ToolDef } from './build.js';
export { GRANITE_LYNX, GRANITE_LYNX_TOOLS, GRANITE_LYNX_EARLIER, FALSE_FLAG_TOOLS } from './granite-lynx.js';
export { SSHTERM, SSHTERM_TOOL, PAPER_CRANE, PAPER_CRANE_TOOL } from './others.js';
