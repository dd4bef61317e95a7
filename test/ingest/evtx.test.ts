import { test } from 'node:test';
import assert from 'node:assert/strict';
import { IngestError, type Anomaly, type NormalizedEvent } from '../../src/model/index.js';
import { bufferInput } from '../../src/ingest/input.js';
import { evtxReader } from '../../src/ingest/readers/evtx/index.js';
import { val, writeEvtx, type TContent, type TNode, type WRecord, type WTemplate } from './evtx-writer.test.js';

const sub = (i: number, opt = false): TContent => ({ sub: i, opt });
const data = (name: string, i: number, opt = false): TNode => ({ el: 'Data', attrs: [['Name', [{ text: name }]]], children: [sub(i, opt)] });

/** A Sysmon-like System section; substitutions 0..12. */
function system(): TNode {
  return {
    el: 'System', children: [
      { el: 'Provider', attrs: [['Name', [sub(0)]], ['Guid', [sub(1)]]] },
      { el: 'EventID', children: [sub(2)] },
      { el: 'Version', children: [sub(3)] },
      { el: 'Level', children: [sub(4)] },
      { el: 'Task', children: [sub(5)] },
      { el: 'Opcode', children: [{ value: val.u8(0) }] },
      { el: 'Keywords', children: [sub(6)] },
      { el: 'TimeCreated', attrs: [['SystemTime', [sub(7)]]] },
      { el: 'EventRecordID', children: [sub(8)] },
      { el: 'Correlation', attrs: [['ActivityID', [sub(9, true)]]] },
      { el: 'Execution', attrs: [['ProcessID', [sub(10)]], ['ThreadID', [sub(11)]]] },
      { el: 'Channel', children: [{ text: 'Microsoft-Windows-Sysmon/Operational' }] },
      { el: 'Computer', children: [{ text: 'ws01.corp' }] },
      { el: 'Security', attrs: [['UserID', [sub(12)]]] },
    ],
  };
}

const GUID = '{5770385F-C22A-43E0-BF4C-06F5698FFBD9}';
const FT = 134087028101653249n; // 2025-11-27T07:40:10.1653249Z
const sysValues = (eventId: number, rec: bigint) => [
  val.str('Microsoft-Windows-Sysmon'), val.guid(GUID), val.u16(eventId), val.u8(5), val.u8(4), val.u16(1),
  val.hex64(0x8000000000000000n), val.filetime(FT), val.u64(rec), val.nul(), val.u32(3544), val.u32(4264), val.sid('S-1-5-18'),
];

const PROC: WTemplate = {
  guid: Buffer.alloc(16, 1),
  root: {
    el: 'Event', attrs: [['xmlns', [{ text: 'http://schemas.microsoft.com/win/2004/08/events/event' }]]], children: [system(), {
      el: 'EventData', children: [
        data('Image', 13), data('CommandLine', 14), data('ProcessId', 15), data('IntegrityLevel', 16, true),
        data('LogonId', 17), data('Signed', 18), data('Hash', 19), data('Int8', 20), data('Int16', 21), data('Int32', 22),
        data('Int64', 23), data('Real32', 24), data('Real64', 25), data('SizeT', 26), data('SysTime', 27), data('Hex32', 28),
        data('Ansi', 29), data('Strings', 30), data('Ports', 31), data('Empty', 32), data('EventID', 33), data('Escaped', 34),
        { el: 'Data', attrs: [['Name', [{ text: 'Mixed' }]]], children: [{ text: 'a' }, { charref: 0x26 }, { entity: 'lt' }, { cdata: 'b' }] },
        data('FileTime', 35),
      ],
    }],
  },
};

function procRecord(id: bigint): WRecord {
  return {
    id, template: PROC, values: [...sysValues(1, id),
      val.str('C:\\Windows\\System32\\cmd.exe'), val.str('cmd.exe /c whoami '), val.u32(4460), val.nul(),
      val.hex64(0x3b5cb2n), val.bool(true), val.bin(Buffer.from([0xde, 0xad, 0xbe, 0xef])), val.i8(-5), val.i16(-300), val.i32(-70000),
      val.i64(-9007199254740993n), val.f32(1.5), val.f64(-2.25), val.sizet(0x1000n), val.systime(2024, 2, 29, 23, 59, 58, 7), val.hex32(0xff),
      val.ansi('latin é'), val.strArray(['one', 'two']), val.u16Array([80, 443]), val.nul(), val.str('clash'), val.str('x<y & "z"'),
      val.filetime(116444736000000001n)],
  };
}

const USERDATA: WTemplate = {
  guid: Buffer.alloc(16, 2),
  root: {
    el: 'Event', children: [system(), {
      el: 'UserData', children: [{ el: 'LogFileCleared', attrs: [['xmlns', [{ text: 'http://manifests.microsoft.com/win/2004/08/windows/eventlog' }]]], children: [
        { el: 'SubjectUserName', children: [sub(13)] }, { el: 'Nested', children: [{ el: 'Leaf', children: [sub(14)] }] },
      ] }],
    }],
  },
};

/** EventData delivered as a nested BinXml substitution, plus two unnamed Data elements. */
const NESTED: WTemplate = {
  guid: Buffer.alloc(16, 3),
  root: { el: 'Event', children: [system(), { el: 'EventData', children: [sub(13), { el: 'Data', children: [sub(14)] }, { el: 'Data', children: [sub(15)] }] }] },
};

function records(n: number): WRecord[] {
  const out: WRecord[] = [];
  for (let i = 1; i <= n; i++) {
    const id = BigInt(i);
    if (i % 3 === 1) out.push(procRecord(id));
    else if (i % 3 === 2) out.push({ id, template: USERDATA, values: [...sysValues(104, id), val.str('admin'), val.u32(7)] });
    else out.push({ id, template: NESTED, values: [...sysValues(3, id),
      val.binxml({ el: 'Data', attrs: [['Name', [{ text: 'DestinationIp' }]]], children: [{ text: '10.0.0.9' }] }), val.str('u1'), val.str('u2')] });
  }
  return out;
}

async function readAll(buf: Buffer, name = 'fixture.evtx'): Promise<{ events: NormalizedEvent[]; anomalies: Anomaly[] }> {
  const events: NormalizedEvent[] = [];
  const anomalies: Anomaly[] = [];
  for await (const b of evtxReader.read(bufferInput(name, buf), {})) { events.push(...b.events); anomalies.push(...(b.anomalies ?? [])); }
  return { events, anomalies };
}

test('evtx: sniff by the ElfFile signature', () => {
  assert.equal(evtxReader.sniff(writeEvtx(records(1)).subarray(0, 4096), 'x.log'), 1);
  assert.equal(evtxReader.sniff(Buffer.from('{"Event":{}}'), 'x.evtx'), 0);
});

test('evtx: System, EventData of every value type, full-precision time, typed columns', async () => {
  const { events, anomalies } = await readAll(writeEvtx(records(1)));
  assert.deepEqual(anomalies, []);
  assert.equal(events.length, 1);
  const e = events[0]!;
  assert.equal(e.tsNs, 1764229210165324900n);
  assert.deepEqual(e.fields, {
    Provider_Name: 'Microsoft-Windows-Sysmon', Provider_Guid: GUID, EventID: 1, Version: 5, Level: 4, Task: 1, Opcode: 0,
    Keywords: '0x8000000000000000', TimeCreated: '2025-11-27T07:40:10.1653249Z', EventRecordID: 1, ProcessID: 3544, ThreadID: 4264,
    Channel: 'Microsoft-Windows-Sysmon/Operational', Computer: 'ws01.corp', UserID: 'S-1-5-18',
    Image: 'C:\\Windows\\System32\\cmd.exe', CommandLine: 'cmd.exe /c whoami ', ProcessId: 4460, LogonId: '0x3b5cb2', Signed: 'true',
    Hash: 'DEADBEEF', Int8: -5, Int16: -300, Int32: -70000, Int64: '-9007199254740993', Real32: 1.5, Real64: -2.25,
    SizeT: '0x0000000000001000', SysTime: '2024-02-29T23:59:58.007Z', Hex32: '0xff', Ansi: 'latin é', Strings: ['one', 'two'],
    Ports: [80, 443], Empty: '', 'EventData.EventID': 'clash', Escaped: 'x<y & "z"', Mixed: 'a&<b', FileTime: '1970-01-01T00:00:00.0000001Z',
  });
  assert.equal(e.eventId, 1);
  assert.equal(e.host, 'ws01.corp');
  assert.equal(e.image, 'C:\\Windows\\System32\\cmd.exe');
  assert.equal(e.commandLine, 'cmd.exe /c whoami ');
  assert.deepEqual([e.product, e.service, e.category], ['windows', 'sysmon', 'process_creation']);
  assert.equal(e.offset, 4096 + 512);
});

test('evtx: UserData leaves, nested BinXml substitution, unnamed Data, template reuse across chunks', async () => {
  const recs = records(300);
  const buf = writeEvtx(recs, { recordsPerChunk: 50 });
  assert.equal(buf.length, 4096 + 6 * 0x10000);
  const { events, anomalies } = await readAll(buf);
  assert.deepEqual(anomalies, []);
  assert.equal(events.length, 300);
  assert.deepEqual(events.map((e) => e.fields.EventRecordID), recs.map((r) => Number(r.id)));
  const u = events[1]!;
  assert.equal(u.fields.SubjectUserName, 'admin');
  assert.equal(u.fields.Leaf, 7);
  assert.equal(u.fields.xmlns, undefined);
  const n = events[2]!;
  assert.equal(n.fields.DestinationIp, '10.0.0.9');
  assert.deepEqual(n.fields.Data, ['u1', 'u2']);
  assert.deepEqual([n.service, n.category, n.dstIp], ['sysmon', 'network_connection', '10.0.0.9']);
});

test('evtx: dirty flag and a chunk with a bad checksum are anomalies; the other chunks are read', async () => {
  const buf = writeEvtx(records(30), { recordsPerChunk: 10, dirty: true });
  buf[4096 + 0x10000 + 600] ^= 0xff; // a record byte of chunk 2: its data checksum no longer matches
  const { events, anomalies } = await readAll(buf);
  assert.equal(events.length, 20);
  assert.deepEqual(anomalies.map((a) => [a.kind, a.offset]), [["evtx.dirty", 120], ["evtx.chunk_data_checksum", 4096 + 0x10000]]);
});

test('evtx: truncated or foreign files are IngestErrors with file and offset', async () => {
  const buf = writeEvtx(records(5));
  await assert.rejects(readAll(buf.subarray(0, 4096 + 30000), 'cut.evtx'), (e: unknown) =>
    e instanceof IngestError && e.position.file === 'cut.evtx' && e.position.offset === 4096 && /truncated/.test(e.message));
  await assert.rejects(readAll(buf.subarray(0, 100), 'short.evtx'), (e: unknown) => e instanceof IngestError && e.position.offset === 100);
  await assert.rejects(readAll(Buffer.from('hello world'), 'x.evtx'), (e: unknown) => e instanceof IngestError && e.position.offset === 0);
});

/** Mulberry32: a fixed-seed generator so the fuzz cases are the same on every run. */
function rng(seed: number): () => number {
  return () => {
    seed = (seed + 0x6d2b79f5) | 0;
    let t = Math.imul(seed ^ (seed >>> 15), 1 | seed);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** Rewrites the chunk checksums so that flipped bits reach the BinXml parser instead of stopping at the CRC. */
function fixChecksums(b: Buffer): void {
  const { crc32 } = require_zlib();
  for (let at = 4096; at + 0x10000 <= b.length; at += 0x10000) {
    const c = b.subarray(at, at + 0x10000);
    const free = c.readUInt32LE(48);
    if (free >= 512 && free <= 0x10000) c.writeUInt32LE(crc32(c.subarray(512, free)), 52);
    c.writeUInt32LE(crc32(c.subarray(128, 512), crc32(c.subarray(0, 120))), 124);
  }
}
import * as zlib from 'node:zlib';
function require_zlib(): typeof zlib { return zlib; }

test('evtx: fuzzed input (truncation, bit flips past the checksums, random bytes) never crashes or hangs', async () => {
  const r = rng(20261122);
  const base = writeEvtx(records(12), { recordsPerChunk: 6 });
  let errors = 0;
  let anomalies = 0;
  for (let i = 0; i < 300; i++) {
    let b = Buffer.from(base);
    const mode = i % 3;
    if (mode === 0) b = b.subarray(0, Math.floor(r() * b.length));
    else if (mode === 1) {
      const flips = 1 + Math.floor(r() * 20);
      for (let k = 0; k < flips; k++) { const at = 4096 + 512 + Math.floor(r() * 3000) + (r() < 0.5 ? 0 : 0x10000); b[at] = b[at]! ^ (1 << Math.floor(r() * 8)); }
      fixChecksums(b);
    } else {
      const at = 4096 + Math.floor(r() * (b.length - 4096));
      for (let k = at; k < Math.min(b.length, at + 2000); k++) b[k] = Math.floor(r() * 256);
      if (r() < 0.5) fixChecksums(b);
    }
    try {
      const got = await readAll(b, `fuzz-${i}.evtx`);
      anomalies += got.anomalies.length;
    } catch (e) {
      assert.ok(e instanceof IngestError, `case ${i}: ${(e as Error).stack}`);
      assert.equal(e.position.file, `fuzz-${i}.evtx`);
      assert.equal(typeof e.position.offset, 'number');
      errors++;
    }
  }
  assert.ok(errors > 0 && anomalies > 0, `fuzzing reached both outcomes (errors ${errors}, anomalies ${anomalies})`);
});

test('evtx: the fixture writer is valid for an independent parser (@ts-evtx/core: checksums, records, names, templates)', async () => {
  const { EvtxFile } = await import('@ts-evtx/core');
  const { mkdtempSync, writeFileSync, rmSync } = await import('node:fs');
  const { join } = await import('node:path');
  const { tmpdir } = await import('node:os');
  const dir = mkdtempSync(join(tmpdir(), 'evtx-oracle-'));
  try {
    const path = join(dir, 'w.evtx');
    writeFileSync(path, writeEvtx(records(120), { recordsPerChunk: 50 }));
    const f = EvtxFile.openSync(path);
    assert.equal(f.header.verify(), true);
    const chunks = [...f.chunks()];
    assert.deepEqual(chunks.map((c) => c.verify()), [true, true, true]);
    const recs = [...f.records()];
    assert.equal(recs.length, 120);
    const xml = recs[0]!.renderXml();
    for (const name of ['<Event', '<System>', '<Provider', '<TimeCreated', '<EventData>', '<Data Name="CommandLine">']) assert.ok(xml.includes(name), name);
    assert.ok(recs[1]!.renderXml().includes('<SubjectUserName>'));
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});
