import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { buildPeFixtures, fixtureToolsSkip } from './fixtures/build-pe.js';

/**
 * A small corpus for the examine-stage tests, built at test time (nothing committed): the planted-artefact PE
 * fixtures of build-pe.ts (mingw build, self-signed copy), two related builds of one beacon program (other server
 * and URL, other optimisation level), an unrelated ELF built with gcc, a PE truncated inside its section table, and
 * a file that is neither PE nor ELF.
 */
export interface SampleCorpus {
  dir: string;
  mingw: string;
  signed: string;
  beaconV1: string;
  beaconV2: string;
  elf: string;
  /** Cut at 700 bytes: section header 7 at byte 672 runs past the end. */
  truncated: string;
  notBinary: string;
}

const BEACON = `#include <windows.h>
#include <stdio.h>
static const char *server = "update.example.net";
int beacon(int n) { char buf[256]; snprintf(buf, sizeof buf, "GET /api/v1/check?id=%d HTTP/1.1\\r\\nHost: %s\\r\\n", n, server); return puts(buf); }
int main(int argc, char **argv) { HANDLE h = CreateFileA(argv[0], GENERIC_READ, 0, NULL, OPEN_EXISTING, 0, NULL); CloseHandle(h); Sleep(10); return beacon(argc); }
`;

const OTHER = `#include <stdio.h>
#include <string.h>
int main(int argc, char **argv) { for (int i = 0; i < argc; i++) printf("%zu %s\\n", strlen(argv[i]), argv[i]); return 0; }
`;

export function sampleCorpusSkip(): string | false {
  const missing = fixtureToolsSkip();
  if (missing) return missing;
  try {
    execFileSync('sh', ['-c', 'command -v gcc'], { stdio: 'ignore' });
    return false;
  } catch {
    return 'gcc is not installed (Debian package gcc)';
  }
}

let memo: SampleCorpus | undefined;

export function buildSampleCorpus(): SampleCorpus {
  if (memo) return memo;
  const pe = buildPeFixtures();
  const dir = mkdtempSync(join(tmpdir(), 'veritrace-samples-'));
  const run = (cmd: string, args: string[]): void => {
    execFileSync(cmd, args, { cwd: dir, stdio: ['ignore', 'ignore', 'pipe'], timeout: 120_000 });
  };
  writeFileSync(join(dir, 'beacon1.c'), BEACON);
  writeFileSync(join(dir, 'beacon2.c'), BEACON.replace('update.example.net', 'cdn.example.org').replace('/api/v1/check', '/api/v2/status'));
  writeFileSync(join(dir, 'other.c'), OTHER);
  run('x86_64-w64-mingw32-gcc', ['-O1', '-o', 'beacon1.exe', 'beacon1.c']);
  run('x86_64-w64-mingw32-gcc', ['-O2', '-o', 'beacon2.exe', 'beacon2.c']);
  run('gcc', ['-O1', '-o', 'other', 'other.c']);
  writeFileSync(join(dir, 'truncated.exe'), readFileSync(join(dir, 'beacon1.exe')).subarray(0, 700));
  writeFileSync(join(dir, 'notes.txt'), 'not a binary at all\n');
  memo = {
    dir, mingw: pe.mingw, signed: pe.signed, beaconV1: join(dir, 'beacon1.exe'), beaconV2: join(dir, 'beacon2.exe'),
    elf: join(dir, 'other'), truncated: join(dir, 'truncated.exe'), notBinary: join(dir, 'notes.txt'),
  };
  return memo;
}
