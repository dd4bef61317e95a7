/**
 * bench/evtx-parse: events/s of veritrace's EVTX reader (parse + render to flat fields + normalise) over all
 * regression EVTX files of SigmaHQ, repeated to about `--events` events, against `@ts-evtx/core` on the same files
 * in the same run (its `evtx(path).toArray()`, which parses and resolves System and EventData). Three runs each;
 * prints the medians and the ratio. Files are read into memory first for veritrace; @ts-evtx reads its files itself
 * (64 KiB each, from the page cache), a cost that is small beside its per-event time.
 * Rates are given per wall-clock second and per CPU second of this process: on a shared machine the second is the
 * steadier one. Each regression file is one 64 KiB chunk holding one or two events, so every event pays for a whole
 * chunk (checksums, template definitions, names): the worst case for a template-caching parser. The last line
 * measures the steady state on a generated file with many Sysmon-shaped records per chunk (veritrace only).
 *
 *   node dist/bench/evtx-parse.js [--events 1000000] [--ref-events 20000]
 */
import { readFileSync, readdirSync, statSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { evtx } from '@ts-evtx/core';
import { bufferInput } from '../src/ingest/input.js';
import { evtxReader } from '../src/ingest/readers/evtx/index.js';
import { SHARED_DATA } from '../test/helpers/paths.js';
import { val, writeEvtx, type TContent, type WRecord, type WTemplate } from '../test/ingest/evtx-writer.test.js';

function arg(name: string, def: number): number {
  const i = process.argv.indexOf(`--${name}`);
  return i >= 0 ? Number(process.argv[i + 1]) : def;
}

function evtxFiles(dir: string): string[] {
  const out: string[] = [];
  for (const e of readdirSync(dir)) {
    const p = join(dir, e);
    if (statSync(p).isDirectory()) out.push(...evtxFiles(p));
    else if (e.endsWith('.evtx')) out.push(p);
  }
  return out.sort();
}

interface Rate { events: number; seconds: number; cpuSeconds: number }

function cpuSince(c0: NodeJS.CpuUsage): number {
  const c = process.cpuUsage(c0);
  return (c.user + c.system) / 1e6;
}

async function ours(files: { path: string; data: Buffer }[], target: number): Promise<Rate> {
  let events = 0;
  const c0 = process.cpuUsage();
  const t0 = performance.now();
  while (events < target) {
    for (const f of files) {
      for await (const b of evtxReader.read(bufferInput(f.path, f.data), {})) events += b.events.length;
    }
  }
  return { events, seconds: (performance.now() - t0) / 1000, cpuSeconds: cpuSince(c0) };
}

async function reference(files: string[], target: number): Promise<Rate> {
  let events = 0;
  const c0 = process.cpuUsage();
  const t0 = performance.now();
  while (events < target) {
    for (const f of files) events += (await evtx(f).toArray()).length;
  }
  return { events, seconds: (performance.now() - t0) / 1000, cpuSeconds: cpuSince(c0) };
}

function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.floor(s.length / 2)]!;
}

async function main(): Promise<void> {
  const dir = join(SHARED_DATA, 'sigma', 'regression_data');
  const paths = evtxFiles(dir);
  if (paths.length === 0) { console.log(`no EVTX files under ${dir}`); return; }
  const files = paths.map((path) => ({ path, data: readFileSync(path) }));
  const target = arg('events', 1_000_000);
  const refTarget = arg('ref-events', 20_000);
  await ours(files, 1); // warm-up: JIT and the page cache
  await reference(paths.slice(0, 20), 1);
  const mine: Rate[] = [];
  const theirs: Rate[] = [];
  const show = (x: Rate) => `${x.events} events in ${x.seconds.toFixed(2)} s (${x.cpuSeconds.toFixed(2)} s CPU) = ` +
    `${(x.events / x.seconds).toFixed(0)}/s wall, ${(x.events / x.cpuSeconds).toFixed(0)}/s CPU`;
  for (let run = 1; run <= 3; run++) {
    const a = await ours(files, target);
    const b = await reference(paths, refTarget);
    mine.push(a);
    theirs.push(b);
    console.log(`run ${run}: veritrace ${show(a)}; @ts-evtx/core ${show(b)}`);
  }
  const wall = (xs: Rate[]) => median(xs.map((x) => x.events / x.seconds));
  const cpu = (xs: Rate[]) => median(xs.map((x) => x.events / x.cpuSeconds));
  console.log(`files: ${paths.length}; median veritrace ${wall(mine).toFixed(0)} events/s wall, ${cpu(mine).toFixed(0)} events/s CPU; ` +
    `median @ts-evtx/core ${wall(theirs).toFixed(0)} events/s wall, ${cpu(theirs).toFixed(0)} events/s CPU; ` +
    `ratio ${(wall(mine) / wall(theirs)).toFixed(1)}x wall, ${(cpu(mine) / cpu(theirs)).toFixed(1)}x CPU`);
  const steady: Rate[] = [];
  const synthetic = { path: 'synthetic.evtx', data: syntheticSysmon(20000) };
  for (let run = 1; run <= 3; run++) steady.push(await ours([synthetic], 60000));
  console.log(`steady state (generated file, ${(synthetic.data.length / 1048576).toFixed(0)} MiB, many records per chunk): ` +
    `median veritrace ${wall(steady).toFixed(0)} events/s wall, ${cpu(steady).toFixed(0)} events/s CPU`);
}

/** Sysmon-1-shaped records (one template, 38 substitutions) written by the test writer, many per chunk. */
export function syntheticSysmon(n: number): Buffer {
  const sub = (i: number): TContent => ({ sub: i });
  const names = ['RuleName', 'UtcTime', 'ProcessGuid', 'ProcessId', 'Image', 'FileVersion', 'Description', 'Product', 'Company',
    'OriginalFileName', 'CommandLine', 'CurrentDirectory', 'User', 'LogonGuid', 'LogonId', 'TerminalSessionId', 'IntegrityLevel',
    'Hashes', 'ParentProcessGuid', 'ParentProcessId', 'ParentImage', 'ParentCommandLine', 'ParentUser'];
  const template = { guid: Buffer.alloc(16, 9), root: { el: 'Event', children: [
    { el: 'System', children: [
      { el: 'Provider', attrs: [['Name', [sub(0)]], ['Guid', [sub(1)]]] }, { el: 'EventID', children: [sub(2)] },
      { el: 'Version', children: [sub(3)] }, { el: 'Level', children: [sub(4)] }, { el: 'Task', children: [sub(5)] },
      { el: 'Opcode', children: [sub(6)] }, { el: 'Keywords', children: [sub(7)] }, { el: 'TimeCreated', attrs: [['SystemTime', [sub(8)]]] },
      { el: 'EventRecordID', children: [sub(9)] }, { el: 'Execution', attrs: [['ProcessID', [sub(10)]], ['ThreadID', [sub(11)]]] },
      { el: 'Channel', children: [sub(12)] }, { el: 'Computer', children: [sub(13)] }, { el: 'Security', attrs: [['UserID', [sub(14)]]] },
    ] },
    { el: 'EventData', children: names.map((name, i) => ({ el: 'Data', attrs: [['Name', [{ text: name }]]], children: [sub(15 + i)] })) },
  ] } } as WTemplate;
  const records: WRecord[] = [];
  for (let i = 1; i <= n; i++) {
    records.push({ id: BigInt(i), template, values: [
      val.str('Microsoft-Windows-Sysmon'), val.guid('{5770385F-C22A-43E0-BF4C-06F5698FFBD9}'), val.u16(1), val.u8(5), val.u8(4),
      val.u16(1), val.u8(0), val.hex64(0x8000000000000000n), val.filetime(134087028101653249n + BigInt(i)), val.u64(BigInt(i)),
      val.u32(3544), val.u32(4264), val.str('Microsoft-Windows-Sysmon/Operational'), val.str('ws01'), val.sid('S-1-5-18'),
      ...names.map((name, k) => (k === 3 || k === 19 ? val.u32(1000 + i) : k === 2 || k === 13 || k === 18
        ? val.guid('{0197231E-5645-6929-C410-000000000D00}') : val.str(`${name} ${i} C:\\Windows\\System32\\cmd.exe /c x`))),
    ] });
  }
  return writeEvtx(records);
}

if (process.argv[1] && fileURLToPath(import.meta.url) === resolve(process.argv[1])) await main();
