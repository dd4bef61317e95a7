import { test } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { parseElf } from '../../src/examine/elf/index.js';

/** ELF fields against binutils' readelf on this machine's own binaries. */
function readelf(args: string[], file: string): string {
  return execFileSync('readelf', ['-W', ...args, file], { encoding: 'utf8', maxBuffer: 1 << 26 });
}
let skip: string | false = false;
try {
  execFileSync('readelf', ['--version'], { stdio: 'ignore' });
} catch {
  skip = 'readelf (binutils) is not installed';
}

const FILES = ['/usr/bin/ls', '/usr/lib/x86_64-linux-gnu/libc.so.6', '/usr/lib/x86_64-linux-gnu/libz.so.1'];

for (const file of FILES) {
  test(`${file} reads as readelf reads it`, { skip }, () => {
    const info = parseElf(readFileSync(file), file);
    const hdr = readelf(['-h'], file);
    assert.equal(info.header.class, /Class:\s+ELF64/.test(hdr) ? 'ELF64' : 'ELF32');
    assert.equal(info.header.entry, BigInt(/Entry point address:\s+(0x[0-9a-f]+)/.exec(hdr)![1]!).toString());
    assert.equal(info.sections.length, Number(/Number of section headers:\s+(\d+)/.exec(hdr)![1]));
    assert.equal(info.segments.length, Number(/Number of program headers:\s+(\d+)/.exec(hdr)![1]));
    const dyn = readelf(['-d'], file);
    assert.deepEqual(info.needed, [...dyn.matchAll(/\(NEEDED\)\s+Shared library: \[([^\]]+)\]/g)].map((m) => m[1]));
    assert.equal(info.soname, /\(SONAME\)\s+Library soname: \[([^\]]+)\]/.exec(dyn)?.[1]);
    assert.equal(info.buildId, /Build ID: ([0-9a-f]+)/.exec(readelf(['-n'], file))?.[1]);
    const dynsym = readelf(['--dyn-syms'], file);
    const count = /Symbol table '\.dynsym' contains (\d+) entries/.exec(dynsym);
    assert.equal(info.dynamicSymbols.length + 1, Number(count![1]), 'dynsym entries (readelf counts the null symbol)');
    const names = readelf(['-S'], file);
    for (const s of info.sections.slice(1)) assert.ok(names.includes(` ${s.name} `) || names.includes(`] ${s.name}`), `section ${s.name}`);
    const interp = /Requesting program interpreter: ([^\]]+)\]/.exec(readelf(['-l'], file))?.[1];
    assert.equal(info.interpreter, interp);
  });
}

test('a compiled ELF carries its .comment compiler string and symbols', { skip }, (t) => {
  let path = '';
  try {
    path = execFileSync('sh', ['-c', 'ls /usr/lib/jvm/*/lib/server/libjsig.so 2>/dev/null | head -1'], { encoding: 'utf8' }).trim();
  } catch {
    path = '';
  }
  if (!path) return t.skip('no unstripped sample with .comment on this machine');
  const info = parseElf(readFileSync(path), path);
  const comment = readelf(['-p', '.comment'], path);
  for (const c of info.comment) assert.ok(comment.includes(c), c);
  assert.ok(info.comment.some((c) => c.startsWith('GCC:')));
});
