/**
 * bench/evtx-parse: events/s of veritrace's EVTX reader (parse + render to flat fields + normalise) over all
 * regression EVTX files of SigmaHQ, repeated to about `--events` events, against `@ts-evtx/core` on the same files
 * in the same run (its `evtx(path).toArray()`, which parses and resolves System and EventData). Three runs each;
 * prints the medians and the ratio. Files are read into memory first for veritrace; @ts-evtx reads its files itself
 * (64 KiB each, from the page cache), a cost that is small beside its per-event time.
 *
 *   node dist/bench/evtx-parse.js [--events 1000000] [--ref-events 20000]
 */
import { readFileSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { evtx } from '@ts-evtx/core';
import { bufferInput } from '../src/ingest/input.js';
import { evtxReader } from '../src/ingest/readers/evtx/index.js';
import { SHARED_DATA } from '../test/helpers/paths.js';

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

async function ours(files: { path: string; data: Buffer }[], target: number): Promise<{ events: number; seconds: number }> {
  let events = 0;
  const t0 = performance.now();
  while (events < target) {
    for (const f of files) {
      for await (const b of evtxReader.read(bufferInput(f.path, f.data), {})) events += b.events.length;
    }
  }
  return { events, seconds: (performance.now() - t0) / 1000 };
}

async function reference(files: string[], target: number): Promise<{ events: number; seconds: number }> {
  let events = 0;
  const t0 = performance.now();
  while (events < target) {
    for (const f of files) events += (await evtx(f).toArray()).length;
  }
  return { events, seconds: (performance.now() - t0) / 1000 };
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
  const mine: number[] = [];
  const theirs: number[] = [];
  for (let run = 1; run <= 3; run++) {
    const a = await ours(files, target);
    const b = await reference(paths, refTarget);
    mine.push(a.events / a.seconds);
    theirs.push(b.events / b.seconds);
    console.log(`run ${run}: veritrace ${a.events} events in ${a.seconds.toFixed(2)} s = ${(a.events / a.seconds).toFixed(0)}/s; ` +
      `@ts-evtx/core ${b.events} events in ${b.seconds.toFixed(2)} s = ${(b.events / b.seconds).toFixed(0)}/s`);
  }
  const m = median(mine);
  const r = median(theirs);
  console.log(`files: ${paths.length}; median veritrace ${m.toFixed(0)} events/s; median @ts-evtx/core ${r.toFixed(0)} events/s; ratio ${(m / r).toFixed(1)}x`);
}

await main();
