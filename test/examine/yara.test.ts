/**
 * YARA: results equal Debian's `yara` CLI run the plain way (one process per file, rules from source) on rules that
 * use text, wide and nocase strings, hex strings with jumps, wildcards and alternatives, regular expressions,
 * counts, offsets, ranges and the pe, elf and math modules, over ELF libraries, the npm Windows binaries when
 * available and generated files. Also: compile errors name file and line; unreadable files are errors.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync, spawnSync } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { compileYara, scanYara, type YaraMatch } from '../../src/examine/yara/index.js';
import { ExamineError, RuleError } from '../../src/model/errors.js';
import { npmSamples } from './fixtures/npm-samples.js';

const SKIP = spawnSync('sh', ['-c', 'command -v yara && command -v yarac']).status === 0
  ? false : "Debian's yara (package yara) is not installed";

const RULES = String.raw`
import "pe"
import "elf"
import "math"

rule ElfSharedObject : format elf {
  meta:
    author = "veritrace tests"
    score = 40
    reviewed = true
  strings:
    $magic = { 7F 45 4C 46 }
    $hdr = { 7F 45 [2-4] 01 ?? 00 }
  condition:
    $magic at 0 and $hdr and elf.type == elf.ET_DYN
}

rule GlibcVersions : toolchain {
  strings:
    $v = "GLIBC_2." ascii
    $re = /GLIBC_2\.[0-9]{1,2}(\.[0-9])?/
  condition:
    #v >= 3 and $re
}

rule WideOrNocase {
  meta:
    note = "escaped \"quotes\" and a backslash \\ here"
  strings:
    $w = "kernel32.dll" wide nocase
    $n = "KERNEL32.DLL" nocase
    $f = "free" fullword
  condition:
    any of them
}

rule HexAlternatives {
  strings:
    $alt = { 48 8B ( 05 | 0D | 15 ) ?? ?? ?? ?? }
    $jmp = { E8 ?? ?? ?? ?? [1-8] C3 }
  condition:
    #alt > 10 and $jmp in (0..filesize)
}

rule PeImports : pe {
  condition:
    pe.is_pe and pe.number_of_sections > 2 and (pe.imports("KERNEL32.dll") or pe.imports("kernel32.dll"))
}

rule HighEntropyTail {
  condition:
    filesize > 4096 and math.entropy(filesize - 4096, 4096) > 7.0
}

rule PrintedForms {
  strings:
    $t = "AB CD"
    $r = /ab.{0,16}END/s
  condition:
    any of them
}

rule PlantedMarker {
  strings:
    $m = "VERITRACE-MARKER-" ascii wide
    $x = "xor-secret" xor(1-20)
  condition:
    $m or $x
}
`;

/** An ELF sample of /usr/lib spread over sizes (capped for speed). */
function libraries(): string[] {
  const dir = '/usr/lib/x86_64-linux-gnu';
  let names: string[];
  try {
    names = readdirSync(dir).sort();
  } catch {
    return [];
  }
  const files = names.map((n) => join(dir, n)).filter((p) => {
    const st = statSync(p, { throwIfNoEntry: false });
    return st?.isFile() && st.size < 8_000_000;
  });
  const step = Math.max(1, Math.floor(files.length / 25));
  return files.filter((_, i) => i % step === 0);
}

function generated(): string[] {
  const dir = mkdtempSync(join(tmpdir(), 'veritrace yara '));
  const xored = Buffer.from('xor-secret').map((b) => b ^ 7);
  const files: Record<string, Buffer> = {
    'marker.bin': Buffer.concat([Buffer.alloc(100), Buffer.from('VERITRACE-MARKER-1'), Buffer.from('VERITRACE-MARKER-2', 'utf16le')]),
    'xored.bin': Buffer.concat([Buffer.alloc(33, 0x90), xored, Buffer.alloc(10)]),
    'empty.bin': Buffer.alloc(0),
    // A text match that looks like a hex dump, and match data holding control bytes and a literal backslash-x.
    'printed.bin': Buffer.concat([Buffer.from('xxAB CDxx'), Buffer.from('ab\x01\x00"q\\x41z\n\t\xffEND', 'latin1')]),
    'random.bin': Buffer.from(Array.from({ length: 65536 }, (_, i) => (Math.imul(i + 1, 2654435761) >>> 13) & 0xff)),
    'name with spaces.bin': Buffer.from('free kernel32.dll K\x00E\x00R\x00N\x00E\x00L\x003\x002\x00.\x00d\x00l\x00l\x00'),
  };
  return Object.entries(files).map(([n, b]) => {
    const p = join(dir, n);
    writeFileSync(p, b);
    return p;
  });
}

interface RefMatch {
  rule: string;
  namespace: string;
  tags: string[];
  strings: string[];
}

/** Expected matches from the plain CLI, parsed independently of the module under test. */
function reference(rules: string, file: string): RefMatch[] {
  const out = execFileSync('yara', ['-e', '-g', '-s', '-L', '-w', rules, file], { encoding: 'utf8', maxBuffer: 256 << 20 });
  const res: RefMatch[] = [];
  for (const line of out.split('\n')) {
    if (line === '') continue;
    const s = /^0x([0-9a-f]+):(\d+):(\$\w*)/.exec(line);
    if (s) {
      res.at(-1)!.strings.push(`${parseInt(s[1]!, 16)}:${s[2]}:${s[3]}`);
      continue;
    }
    const r = /^(\w+):(\w+) \[([^\]]*)\] /.exec(line)!;
    assert.ok(line.endsWith(` ${file}`), line);
    res.push({ namespace: r[1]!, rule: r[2]!, tags: r[3] ? r[3].split(',') : [], strings: [] });
  }
  return res;
}

const simplify = (ms: YaraMatch[]): RefMatch[] => ms.map((m) => ({
  rule: m.rule, namespace: m.namespace, tags: m.tags, strings: m.strings.map((s) => `${s.offset}:${s.length}:${s.identifier}`),
}));

test('scan results equal the yara CLI, rule by rule and string by string', { skip: SKIP }, async () => {
  const dir = mkdtempSync(join(tmpdir(), 'veritrace-yara-rules-'));
  const rulesPath = join(dir, 'rules.yar');
  writeFileSync(rulesPath, RULES);
  const npm = npmSamples();
  const files = [...libraries(), ...generated(), ...('samples' in npm ? npm.samples.map((s) => s.path) : [])];
  const compiled = await compileYara([rulesPath]);
  const got = await scanYara(compiled, files, { threads: 2 });
  assert.deepEqual([...got.keys()], files);
  const fired = new Set<string>();
  for (const f of files) {
    const mine = got.get(f)!;
    assert.deepEqual(simplify(mine), reference(rulesPath, f), f);
    const bytes = readFileSync(f);
    for (const m of mine) {
      fired.add(m.rule);
      for (const s of m.strings) assert.equal(s.data, bytes.subarray(s.offset, s.offset + s.length).toString('hex'));
    }
  }
  for (const r of ['ElfSharedObject', 'GlibcVersions', 'WideOrNocase', 'PlantedMarker', 'HexAlternatives', 'PrintedForms']) {
    assert.ok(fired.has(r), `${r} fired somewhere`);
  }
  if ('samples' in npm) assert.ok(fired.has('PeImports'), 'pe module rule fired on the Windows binaries');
  const elf = got.get(files[0]!)!.find((m) => m.rule === 'ElfSharedObject');
  if (elf) {
    assert.deepEqual(elf.meta, [
      { key: 'author', value: 'veritrace tests' }, { key: 'score', value: 40 }, { key: 'reviewed', value: true },
    ]);
  }
  const spaced = got.get(files.find((f) => f.endsWith('name with spaces.bin'))!)!;
  const wide = spaced.find((m) => m.rule === 'WideOrNocase')!;
  assert.deepEqual(wide.meta, [{ key: 'note', value: 'escaped "quotes" and a backslash \\ here' }]);
});

test('a rule file that does not compile is a RuleError naming file and line', { skip: SKIP }, async () => {
  const dir = mkdtempSync(join(tmpdir(), 'veritrace-yara-bad-'));
  const bad = join(dir, 'bad.yar');
  // YARA reports a rule's semantic errors at the rule's last line, so the broken rule sits on one line.
  writeFileSync(bad, 'rule ok { condition: true }\n\n\n\nrule broken { strings: $a = "x" condition: $b }\n');
  await assert.rejects(compileYara([bad]), (e: unknown) => {
    assert.ok(e instanceof RuleError);
    assert.equal(e.position.file, bad);
    assert.equal(e.position.line, 5);
    assert.match(e.message, /undefined string/);
    return true;
  });
  const syntax = join(dir, 'syntax.yar');
  writeFileSync(syntax, 'rule a { condition: true }\nrule b { condition: ( }\n');
  await assert.rejects(compileYara([syntax]), (e: unknown) => e instanceof RuleError && e.position.line === 2);
  await assert.rejects(compileYara([join(dir, 'missing.yar')]), RuleError);
});

test('an unreadable sample is an ExamineError naming it; no files is an empty result', { skip: SKIP }, async () => {
  const dir = mkdtempSync(join(tmpdir(), 'veritrace-yara-miss-'));
  const rules = join(dir, 'r.yar');
  writeFileSync(rules, 'rule any_file { condition: filesize >= 0 }\n');
  const compiled = await compileYara([rules]);
  const missing = join(dir, 'no-such-sample.bin');
  await assert.rejects(scanYara(compiled, [missing]), (e: unknown) => e instanceof ExamineError && e.position.file === missing);
  assert.equal((await scanYara(compiled, [])).size, 0);
});
