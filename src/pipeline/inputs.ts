import { open } from 'node:fs/promises';
import { expandInputs } from '../ingest/files.js';

/** The user's inputs split into telemetry (to ingest) and binaries (to examine), by their first bytes. */
export interface SplitInputs {
  logs: string[];
  binaries: string[];
}

async function magic(path: string): Promise<Buffer> {
  const fh = await open(path, 'r');
  try {
    const b = Buffer.alloc(4);
    const { bytesRead } = await fh.read(b, 0, 4, 0);
    return b.subarray(0, bytesRead);
  } finally {
    await fh.close();
  }
}

/** PE starts with `MZ`, ELF with `\x7fELF`; everything else is telemetry for the readers to recognise. */
export function isBinary(head: Buffer): boolean {
  return (head.length >= 2 && head[0] === 0x4d && head[1] === 0x5a) || (head.length >= 4 && head.readUInt32BE(0) === 0x7f454c46);
}

export async function splitInputs(inputs: readonly string[], exclude: readonly string[]): Promise<SplitInputs> {
  const files = await expandInputs(inputs, exclude);
  const out: SplitInputs = { logs: [], binaries: [] };
  for (const f of files) (isBinary(await magic(f)) ? out.binaries : out.logs).push(f);
  return out;
}
