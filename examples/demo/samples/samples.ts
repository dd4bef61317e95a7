import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { buildTool } from './build.js';
import { GRANITE_LYNX, GRANITE_LYNX_EARLIER, GRANITE_LYNX_TOOLS } from './granite-lynx.js';
import { PAPER_CRANE, PAPER_CRANE_TOOL, SSHTERM, SSHTERM_TOOL } from './others.js';

export interface Sample { name: string; bytes: Buffer }

/** The samples of the demo case, sorted by name: granite-lynx's six tools and the benign terminal. */
export function generateSamples(): Sample[] {
  const out = GRANITE_LYNX_TOOLS.map((t) => ({ name: t.name, bytes: buildTool(GRANITE_LYNX, t) }));
  out.push({ name: SSHTERM_TOOL.name, bytes: buildTool(SSHTERM, SSHTERM_TOOL) });
  return out.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
}

/**
 * Tools from earlier (fictional) reporting whose hashes the actor profiles in `../actors.yaml` quote: two older
 * granite-lynx builds and one of paper-crane's. Names are prefixed with the actor; not part of the evidence.
 */
export function generateReferenceTools(): Sample[] {
  const { family, tools } = GRANITE_LYNX_EARLIER;
  return [
    ...tools.map((t) => ({ name: `granite-lynx/${t.name}`, bytes: buildTool(family, t) })),
    { name: `paper-crane/${PAPER_CRANE_TOOL.name}`, bytes: buildTool(PAPER_CRANE, PAPER_CRANE_TOOL) },
  ];
}

/** Writes the demo samples into `dir` (created if needed). */
export async function writeSamples(dir: string): Promise<void> {
  await mkdir(dir, { recursive: true });
  for (const s of generateSamples()) await writeFile(join(dir, s.name), s.bytes);
}
