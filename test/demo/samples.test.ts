import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'node:test';
import assert from 'node:assert/strict';
import Holidays from 'date-holidays';
import {
  FALSE_FLAG_TOOLS, GRANITE_LYNX_TOOLS, SSHTERM_TOOL, buildTime, generateReferenceTools, generateSamples, richKey,
  type Sample,
} from '../../examples/demo/samples/index.js';
import { WORLD } from '../../examples/demo/world.js';
import { checkSample } from '../../src/examine/checks/index.js';
import { tlsh, tlshDiff } from '../../src/examine/hashes/index.js';
import { parsePe, peChecksum, richChecksum, type PeInfo } from '../../src/examine/pe/index.js';
import { loadActorProfiles } from '../../src/intel/actors/index.js';
import { REPO_ROOT } from '../helpers/paths.js';

const samples = generateSamples();
const parsed = new Map(samples.map((s) => [s.name, parsePe(s.bytes, s.name)]));
const pe = (name: string): PeInfo => parsed.get(name)!;
const toolkit = GRANITE_LYNX_TOOLS.map((t) => t.name);
const DEBIAN_PYTHON = '/usr/bin/python3';

test('the sample set is stable: same names and bytes on every generation', () => {
  assert.deepEqual(samples.map((s) => s.name), ['ntpstep.exe', 'sshterm.exe', 'tzclean.exe', 'tzdump.exe', 'tzload.exe', 'tzrelay.exe', 'tzsync.dll']);
  const again = generateSamples();
  for (const [i, s] of samples.entries()) assert.ok(s.bytes.equals(again[i]!.bytes), `${s.name} differs between generations`);
});

test('every sample is a clean PE32+ with the intended compile and debug times, checksum and PDB path', () => {
  for (const def of [...GRANITE_LYNX_TOOLS, SSHTERM_TOOL]) {
    const p = pe(def.name);
    assert.equal(p.headers.format, 'PE32+');
    assert.equal(p.headers.machineName, 'AMD64');
    assert.deepEqual(p.anomalies, [], def.name);
    assert.equal(p.headers.timeDateStamp, buildTime(def), def.name);
    assert.equal(p.debug.length, 1);
    assert.equal(p.debug[0]!.timeDateStamp, p.headers.timeDateStamp);
    assert.equal(p.headers.checkSum, p.headers.computedCheckSum, `${def.name} checksum`);
    assert.equal(p.headers.checkSum, peChecksum(samples.find((s) => s.name === def.name)!.bytes, p.headers.peOffset + 24 + 64));
    assert.equal(p.resources.find((r) => r.type === 16)?.language, def.version.langId, `${def.name} version resource language`);
    assert.equal(p.versionInfo?.stringTables[0]?.strings.OriginalFilename, def.name);
    assert.match(p.manifest ?? '', /requestedExecutionLevel level='asInvoker'/);
    assert.equal(p.headers.subsystem, def.subsystem);
    assert.equal(p.headers.characteristicsFlags.includes('DLL'), def.kind === 'dll');
  }
  const stem = (n: string): string => n.replace(/\..*$/, '');
  for (const name of toolkit) assert.equal(pe(name).debug[0]!.codeView?.pdbPath, `D:\\dev\\tz\\${stem(name)}\\x64\\Release\\${stem(name)}.pdb`);
  assert.deepEqual(pe('tzsync.dll').exports?.symbols.map((s) => s.name), ['Start']);
  // 16 Oct 2024 is CEST (UTC+2), 20 Feb 2025 is CET (UTC+1).
  assert.equal(new Date(pe('tzclean.exe').headers.timeDateStamp * 1000).toISOString(), '2024-10-16T07:41:27.000Z');
  assert.equal(new Date(pe('tzsync.dll').headers.timeDateStamp * 1000).toISOString(), '2025-02-20T13:37:12.000Z');
});

test('the Rich header key is the linker checksum, and editing the header breaks it', () => {
  for (const s of samples) {
    const rich = pe(s.name).rich!;
    assert.equal(rich.keyValid, true, s.name);
    assert.equal(parseInt(rich.key, 16), richChecksum(s.bytes, 0x80, rich.entries));
    assert.equal(parseInt(rich.key, 16), richKey(s.bytes.subarray(0, 0x80), rich.entries));
  }
  // Bump the first entry's count in place (XORed data): the stored key no longer fits.
  const copy = Buffer.from(samples[0]!.bytes);
  copy.writeUInt32LE((copy.readUInt32LE(0x80 + 20) ^ 1) >>> 0, 0x80 + 20);
  assert.equal(parsePe(copy, 'edited').rich?.keyValid, false);
});

test('the toolkit shares one toolchain consistent with its linker version; the benign tool has another', () => {
  const hashes = new Set(toolkit.map((n) => pe(n).rich!.richHash));
  assert.equal(hashes.size, 1);
  assert.notEqual(pe('sshterm.exe').rich!.richHash, [...hashes][0]);
  for (const s of samples) {
    const findings = checkSample({ pe: pe(s.name) }, { now: '2025-04-19T00:00:00Z' });
    assert.deepEqual(findings.map((f) => f.check), [], `${s.name}: ${findings.map((f) => f.reason).join('; ')}`);
  }
  assert.deepEqual([pe('tzsync.dll').headers.majorLinkerVersion, pe('tzsync.dll').headers.minorLinkerVersion], [14, 40]);
  assert.deepEqual([pe('sshterm.exe').headers.majorLinkerVersion, pe('sshterm.exe').headers.minorLinkerVersion], [14, 29]);
});

test('granite-lynx built on Berlin office weekdays, never on German public holidays', () => {
  const de = new Holidays('DE');
  const local = new Intl.DateTimeFormat('en-GB', { timeZone: 'Europe/Berlin', weekday: 'short', hour: '2-digit', hourCycle: 'h23' });
  for (const name of toolkit) {
    const at = new Date(pe(name).headers.timeDateStamp * 1000);
    const parts = Object.fromEntries(local.formatToParts(at).map((p) => [p.type, p.value]));
    assert.ok(!['Sat', 'Sun'].includes(parts.weekday!), `${name} built on ${parts.weekday}`);
    assert.ok(Number(parts.hour) >= 9 && Number(parts.hour) < 17, `${name} built at ${parts.hour}h Berlin`);
    assert.equal(de.isHoliday(at), false, `${name} built on a holiday`);
    assert.ok(at.getTime() < Date.parse(WORLD.span.from), `${name} built before the intrusion`);
  }
  const sunday = new Date(pe('sshterm.exe').headers.timeDateStamp * 1000);
  assert.equal(sunday.getUTCDay(), 0);
});

/**
 * Runs of three or more kana in the section read as UTF-16LE at even offsets (where the writer aligns wide
 * strings). Kana runs mark Japanese text; ASCII or table bytes decoded this way do not form them.
 */
function kanaRuns(s: Sample, section: string): string[] {
  const sec = pe(s.name).sections.find((x) => x.name === section)!;
  const text = s.bytes.subarray(sec.pointerToRawData, sec.pointerToRawData + sec.sizeOfRawData).toString('utf16le');
  return [...text.matchAll(/[\u3041-\u30ff]{3,}/g)].map((m) => m[0]);
}

test('the false flag: Japanese messages and ja-JP resources in exactly two tools', () => {
  for (const s of samples) {
    const flagged = FALSE_FLAG_TOOLS.includes(s.name);
    const runs = kanaRuns(s, '.rdata');
    assert.equal(runs.length >= 4, flagged, `${s.name}: ${runs.join(' | ')}`);
    if (!flagged) assert.deepEqual(runs, [], s.name);
    assert.equal(pe(s.name).resources.some((r) => r.language === 0x411), flagged, s.name);
  }
  const usage = Buffer.from('使用法: ntpstep.exe <サーバー> <オフセット秒>\0', 'utf16le');
  assert.ok(samples.find((s) => s.name === 'ntpstep.exe')!.bytes.includes(usage));
  for (const name of toolkit.filter((n) => !FALSE_FLAG_TOOLS.includes(n))) assert.equal(pe(name).resources.find((r) => r.type === 16)?.language, 0x407);
});

test('imports resolve: the executables\' entry calls ExitProcess through its IAT slot', () => {
  for (const name of toolkit.filter((n) => n.endsWith('.exe'))) {
    const p = pe(name);
    const bytes = samples.find((s) => s.name === name)!.bytes;
    const text = p.sections.find((s) => s.name === '.text')!;
    const entryOff = text.pointerToRawData + p.headers.addressOfEntryPoint - text.virtualAddress;
    const call = bytes.indexOf(Buffer.from([0xff, 0x15]), entryOff);
    assert.ok(call > entryOff && call < entryOff + 32);
    const target = text.virtualAddress + (call - text.pointerToRawData) + 6 + bytes.readInt32LE(call + 2);
    const iat = p.dataDirectories[12]!;
    assert.ok(target >= iat.virtualAddress && target < iat.virtualAddress + iat.size);
    // The slot holds (on disk) the RVA of the hint/name entry for ExitProcess.
    const rdata = p.sections.find((s) => s.name === '.rdata')!;
    const slot = bytes.readUInt32LE(rdata.pointerToRawData + target - rdata.virtualAddress);
    const nameAt = rdata.pointerToRawData + slot - rdata.virtualAddress + 2;
    assert.equal(bytes.toString('latin1', nameAt, bytes.indexOf(0, nameAt)), 'ExitProcess');
    assert.deepEqual(p.imports.map((l) => l.dll), ['KERNEL32.dll', 'ADVAPI32.dll', 'WS2_32.dll', 'WININET.dll']);
  }
});

test('TLSH: the toolkit is one cluster, the benign tool far from it', () => {
  const digest = new Map(samples.map((s) => [s.name, tlsh(s.bytes)!]));
  for (const a of toolkit) {
    for (const b of toolkit) if (a < b) assert.ok(tlshDiff(digest.get(a)!, digest.get(b)!) < 100, `${a}–${b}: ${tlshDiff(digest.get(a)!, digest.get(b)!)}`);
    assert.ok(tlshDiff(digest.get(a)!, digest.get('sshterm.exe')!) > 120, `${a}–sshterm.exe`);
  }
});

test('actors.yaml loads and quotes the reference tools it claims to', () => {
  const profiles = loadActorProfiles([join(REPO_ROOT, 'examples', 'demo', 'actors.yaml')]);
  assert.deepEqual(profiles.map((p) => p.id), ['granite-lynx', 'harbor-owl', 'paper-crane']);
  const gl = profiles.find((p) => p.id === 'granite-lynx')!;
  const pc = profiles.find((p) => p.id === 'paper-crane')!;
  assert.equal(gl.timezone, WORLD.operators.timezone);
  assert.deepEqual(gl.infrastructure.domains, [WORLD.infra.c2.sni]);
  assert.deepEqual(gl.infrastructure.ja3, [WORLD.infra.c2.ja3]);
  assert.deepEqual(gl.infrastructure.asns, []);
  const ref = generateReferenceTools();
  const refOf = (prefix: string): Sample[] => ref.filter((r) => r.name.startsWith(prefix));
  assert.deepEqual(gl.tools.tlsh, refOf('granite-lynx/').map((r) => tlsh(r.bytes)!.toLowerCase()).sort());
  assert.deepEqual(pc.tools.tlsh, refOf('paper-crane/').map((r) => tlsh(r.bytes)!.toLowerCase()));
  assert.deepEqual(pc.tools.richHash, refOf('paper-crane/').map((r) => parsePe(r.bytes, r.name).rich!.richHash));
  // The profile's toolchain is the demo toolkit's; its earlier tools are near the demo's, not equal to them.
  assert.deepEqual(gl.tools.richHash, [pe('tzsync.dll').rich!.richHash]);
  for (const t of gl.tools.tlsh) {
    const nearest = Math.min(...toolkit.map((n) => tlshDiff(t, tlsh(samples.find((s) => s.name === n)!.bytes)!)));
    assert.ok(nearest > 0 && nearest < 100, `earlier granite-lynx tool at ${nearest}`);
  }
  for (const t of pc.tools.tlsh) for (const s of samples) assert.ok(tlshDiff(t, tlsh(s.bytes)!) > 150, `paper-crane tool near ${s.name}`);
});

function pefileSkip(): string | false {
  try {
    execFileSync(DEBIAN_PYTHON, ['-c', 'import pefile'], { stdio: 'ignore' });
    return false;
  } catch {
    return 'python3-pefile (Debian) is not installed';
  }
}

const PEFILE_SCRIPT = `
import json, sys, pefile
out = {}
for path in sys.argv[1:]:
    pe = pefile.PE(path)
    dbg = [d.entry.PdbFileName.rstrip(b'\\0').decode() for d in pe.DIRECTORY_ENTRY_DEBUG if d.entry is not None]
    langs = sorted({l.data.lang | (l.data.sublang << 10) for t in pe.DIRECTORY_ENTRY_RESOURCE.entries for n in t.directory.entries for l in n.directory.entries})
    out[path.rsplit('/', 1)[-1]] = {'imphash': pe.get_imphash(), 'rich': pe.get_rich_header_hash(), 'checksum': pe.verify_checksum(),
        'warnings': pe.get_warnings(), 'pdb': dbg, 'langs': langs, 'time': pe.FILE_HEADER.TimeDateStamp}
print(json.dumps(out))
`;

test('Debian pefile reads the samples the same way', { skip: pefileSkip() }, () => {
  const dir = mkdtempSync(join(tmpdir(), 'veritrace-demo-samples-'));
  try {
    for (const s of samples) writeFileSync(join(dir, s.name), s.bytes);
    const out = JSON.parse(execFileSync(DEBIAN_PYTHON, ['-c', PEFILE_SCRIPT, ...samples.map((s) => join(dir, s.name))], { encoding: 'utf8' })) as
      Record<string, { imphash: string; rich: string; checksum: boolean; warnings: string[]; pdb: string[]; langs: number[]; time: number }>;
    for (const s of samples) {
      const p = pe(s.name);
      const py = out[s.name]!;
      assert.deepEqual(py.warnings, [], s.name);
      assert.equal(py.imphash, p.imphash, s.name);
      assert.equal(py.rich, p.rich!.richHash, s.name);
      assert.equal(py.checksum, true, s.name);
      assert.equal(py.time, p.headers.timeDateStamp);
      assert.deepEqual(py.pdb, [p.debug[0]!.codeView!.pdbPath]);
      assert.deepEqual(py.langs, [...new Set(p.resources.map((r) => r.language))].sort((a, b) => a - b));
    }
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});
