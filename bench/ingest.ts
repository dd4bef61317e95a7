/**
 * bench/ingest: events/s and peak memory per format, side by side in one run with DuckDB's own `read_json` over the
 * same bytes (the floor for JSON-shaped input). Each measurement runs in a fresh child process so that peak RSS is
 * its own. Memory flatness: the same format at 1× and 4× the input size; peak RSS should barely move once the input
 * passes one DuckDB row group (122,880 rows), which is written out during the transaction; below that the rows wait
 * for the commit, so at `--scale 1` the 4× run also pays for DuckDB's block cache and compression buffers.
 *
 * For EVTX also the write floor: the same rows laid out before the clock starts and only written (DuckDB alone).
 *
 *   node dist/bench/ingest.js [--scale N] [--only evtx,suricata,…]     (N × 100k events per format; default 2)
 */
import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { DuckDBInstance } from '@duckdb/node-api';
import { Rng } from '../examples/demo/prng.js';
import { syntheticSysmon } from './evtx-parse.js';
import type { EventRows } from '../src/store/index.js';

interface Measure { events: number; seconds: number; maxRssMb: number }

const SELF = fileURLToPath(import.meta.url);

/**
 * This process's own peak RSS. Not `resourceUsage().maxRSS`: Linux carries the parent's high-water mark into a
 * child across fork+exec, so every child reported at least the generator parent's RSS (1.8 GB after making a 4×
 * input). VmHWM belongs to the process's own address space.
 */
function peakRssMb(): number {
  const m = /VmHWM:\s+(\d+) kB/.exec(readFileSync('/proc/self/status', 'utf8'));
  return m ? Number(m[1]) / 1024 : process.resourceUsage().maxRSS / 1024;
}

/** Child mode: ingest one file into a fresh case, or read it with DuckDB's read_json, and print the measure. */
async function child(mode: string, file: string, dir: string): Promise<void> {
  let t0 = performance.now();
  let events = 0;
  if (mode === 'write-floor') {
    // DuckDB alone: the EVTX file's rows are laid out (parsed, `raw` built) before the clock starts, then written the
    // way an ingest writes them (one transaction, chunk writer, appender flushes). What an ingest cannot beat.
    const { openDuckDBCase, toEventRows } = await import('../src/store/index.js');
    const { evtxReader } = await import('../src/ingest/readers/evtx/index.js');
    const { openInput } = await import('../src/ingest/input.js');
    const prepared: EventRows[] = [];
    for await (const b of evtxReader.read(openInput(file, false), {})) if (b.events.length > 0) prepared.push(toEventRows(b.events));
    const store = await openDuckDBCase(dir, { create: true });
    t0 = performance.now();
    async function* batches() { for (const rows of prepared) yield { events: [], rows }; }
    const r = await store.writeFile({ evidence: { sha256: '0'.repeat(64), path: file, size: 1, format: 'evtx', gzip: false }, batches: batches() });
    events = r.events;
    await store.close();
  } else if (mode === 'veritrace') {
    const { openDuckDBCase } = await import('../src/store/index.js');
    const { ingest } = await import('../src/ingest/index.js');
    const store = await openDuckDBCase(dir, { create: true });
    const r = await ingest(store, [file]);
    if (r.failed) throw new Error(JSON.stringify(r.files));
    events = r.events;
    await store.close();
  } else {
    const inst = await DuckDBInstance.create(join(dir, 'floor.duckdb'));
    const c = await inst.connect();
    await c.run(`CREATE TABLE t AS SELECT * FROM read_json('${file}', format='newline_delimited', union_by_name=true, maximum_object_size=16777216)`);
    events = Number((await c.runAndReadAll('SELECT count(*) FROM t')).getRows()[0]![0]);
    c.closeSync();
    inst.closeSync();
  }
  const seconds = (performance.now() - t0) / 1000;
  process.stdout.write(JSON.stringify({ events, seconds, maxRssMb: peakRssMb() }));
}

function measure(mode: string, file: string): Measure {
  // execArgv: run under tsx (`npx tsx bench/ingest.ts`), the child needs the same loader to import TypeScript.
  const runs: Measure[] = [];
  for (let i = 0; i < 3; i++) {
    const dir = execFileSync('mktemp', ['-d']).toString().trim();
    try {
      runs.push(JSON.parse(execFileSync(process.execPath, [...process.execArgv, SELF, '--child', mode, file, dir], { maxBuffer: 1 << 20 }).toString()) as Measure);
    } finally {
      execFileSync('rm', ['-rf', dir]);
    }
  }
  runs.sort((a, b) => a.seconds - b.seconds);
  return runs[1]!;
}

const pad2 = (n: number) => String(n).padStart(2, '0');
function iso(ms: number): string { return new Date(ms).toISOString(); }

/** Synthetic inputs shaped like the real formats (field sets from the real corpora), sized by `n`. */
export function generators(): Record<string, { ext: string; json: boolean; make(n: number): string | Buffer }> {
  return {
    evtx: { ext: 'sysmon.evtx', json: false, make: (n) => syntheticSysmon(n) },
    suricata: { ext: 'eve.json', json: true, make(n) {
      const r = new Rng(1); const out: string[] = [];
      for (let i = 0; i < n; i++) {
        const t = 1_700_000_000_000 + i * 37;
        out.push(JSON.stringify({ timestamp: iso(t).replace('Z', '+0000'), flow_id: 1_000_000_000_000_000 + i, in_iface: 'eth0', event_type: i % 3 ? 'flow' : 'dns', src_ip: `10.0.${r.int(0, 255)}.${r.int(1, 254)}`, src_port: r.int(1024, 65535), dest_ip: `198.51.100.${r.int(1, 254)}`, dest_port: r.pick([53, 80, 443, 123]), proto: r.pick(['TCP', 'UDP']),
          ...(i % 3 ? { flow: { pkts_toserver: r.int(1, 90), pkts_toclient: r.int(1, 90), bytes_toserver: r.int(60, 90000), bytes_toclient: r.int(60, 90000), start: iso(t), end: iso(t + 900), age: 1, state: 'closed', reason: 'timeout', alerted: false } }
            : { dns: { type: 'query', id: r.int(1, 65535), rrname: `host${r.int(1, 9999)}.example.net`, rrtype: 'A', tx_id: 0 } }) }));
      }
      return out.join('\n') + '\n';
    } },
    'zeek-json': { ext: 'conn.log', json: true, make(n) {
      const r = new Rng(2); const out: string[] = [];
      for (let i = 0; i < n; i++) {
        out.push(JSON.stringify({ _path: 'conn', ts: 1_700_000_000 + i * 0.037, uid: `C${r.hex(17)}`, 'id.orig_h': `10.0.${r.int(0, 255)}.${r.int(1, 254)}`, 'id.orig_p': r.int(1024, 65535), 'id.resp_h': `198.51.100.${r.int(1, 254)}`, 'id.resp_p': r.pick([53, 80, 443]), proto: 'tcp', service: 'ssl', duration: r.next() * 5, orig_bytes: r.int(0, 9000), resp_bytes: r.int(0, 90000), conn_state: 'SF', local_orig: true, local_resp: false, missed_bytes: 0, history: 'ShADadFf', orig_pkts: r.int(1, 50), orig_ip_bytes: r.int(40, 9000), resp_pkts: r.int(1, 50), resp_ip_bytes: r.int(40, 90000) }));
      }
      return out.join('\n') + '\n';
    } },
    winjson: { ext: 'sysmon.json', json: true, make(n) {
      const r = new Rng(3); const out: string[] = [];
      for (let i = 0; i < n; i++) {
        const t = 1_700_000_000_000 + i * 37;
        out.push(JSON.stringify({ Event: { System: { Provider: { '#attributes': { Name: 'Microsoft-Windows-Sysmon', Guid: '5770385F-C22A-43E0-BF4C-06F5698FFBD9' } }, EventID: 1, Version: 5, Level: 4, Task: 1, Opcode: 0, Keywords: '0x8000000000000000', TimeCreated: { '#attributes': { SystemTime: iso(t).replace('Z', '123Z') } }, EventRecordID: i, Correlation: null, Execution: { '#attributes': { ProcessID: 3208, ThreadID: 1724 } }, Channel: 'Microsoft-Windows-Sysmon/Operational', Computer: `host${r.int(1, 40)}`, Security: { '#attributes': { UserID: 'S-1-5-18' } } },
          EventData: { RuleName: '-', UtcTime: iso(t).replace('T', ' ').slice(0, 23), ProcessGuid: `{${r.hex(8)}-${r.hex(4)}-0000-0000-${r.hex(12)}}`, ProcessId: r.int(100, 9999), Image: `C:\\Windows\\System32\\${r.pick(['cmd', 'powershell', 'rundll32', 'whoami'])}.exe`, FileVersion: '10.0.19041.1', Description: 'Windows Command Processor', Product: 'Microsoft Windows', Company: 'Microsoft Corporation', OriginalFileName: 'Cmd.Exe', CommandLine: `cmd.exe /c echo ${r.hex(20)}`, CurrentDirectory: 'C:\\Windows\\system32\\', User: 'CORP\\alice', LogonGuid: `{${r.hex(8)}-0000-0000-0000-000000000000}`, LogonId: '0x3e7', TerminalSessionId: 1, IntegrityLevel: 'High', Hashes: `SHA256=${r.hex(64)}`, ParentProcessGuid: `{${r.hex(8)}-0000-0000-0000-000000000000}`, ParentProcessId: 884, ParentImage: 'C:\\Windows\\explorer.exe', ParentCommandLine: 'C:\\Windows\\Explorer.EXE', ParentUser: 'CORP\\alice' } } }));
      }
      return out.join('\n') + '\n';
    } },
    'zeek-tsv': { ext: 'conn.log', json: false, make(n) {
      const r = new Rng(4);
      const head = ['#separator \\x09', '#set_separator\t,', '#empty_field\t(empty)', '#unset_field\t-', '#path\tconn', '#open\t2023-11-14-22-13-20',
        '#fields\tts\tuid\tid.orig_h\tid.orig_p\tid.resp_h\tid.resp_p\tproto\tservice\tduration\torig_bytes\tresp_bytes\tconn_state\tlocal_orig\tlocal_resp\tmissed_bytes\thistory\torig_pkts\torig_ip_bytes\tresp_pkts\tresp_ip_bytes\ttunnel_parents',
        '#types\ttime\tstring\taddr\tport\taddr\tport\tenum\tstring\tinterval\tcount\tcount\tstring\tbool\tbool\tcount\tstring\tcount\tcount\tcount\tcount\tset[string]'];
      const out = [...head];
      for (let i = 0; i < n; i++) out.push([`${1_700_000_000 + Math.floor(i / 27)}.${String((i % 27) * 37000).padStart(6, '0')}`, `C${r.hex(17)}`, `10.0.${r.int(0, 255)}.${r.int(1, 254)}`, r.int(1024, 65535), `198.51.100.${r.int(1, 254)}`, 443, 'tcp', 'ssl', (r.next() * 5).toFixed(6), r.int(0, 9000), r.int(0, 90000), 'SF', 'T', 'F', 0, 'ShADadFf', r.int(1, 50), r.int(40, 9000), r.int(1, 50), r.int(40, 90000), '-'].join('\t'));
      return out.join('\n') + '\n';
    } },
    syslog: { ext: 'auth.log', json: false, make(n) {
      const r = new Rng(5); const out: string[] = [];
      for (let i = 0; i < n; i++) {
        const t = new Date(1_700_000_000_000 + i * 370);
        const ts = `${t.getUTCFullYear()}-${pad2(t.getUTCMonth() + 1)}-${pad2(t.getUTCDate())}T${pad2(t.getUTCHours())}:${pad2(t.getUTCMinutes())}:${pad2(t.getUTCSeconds())}.${String(t.getUTCMilliseconds()).padStart(3, '0')}000+00:00`;
        out.push(i % 2 ? `${ts} jump01 sshd[${r.int(1000, 60000)}]: Accepted publickey for user${r.int(1, 50)} from 10.1.${r.int(0, 255)}.${r.int(1, 254)} port ${r.int(1024, 65535)} ssh2: ED25519 SHA256:${r.hex(20)}`
          : `${ts} jump01 sshd[${r.int(1000, 60000)}]: Failed password for invalid user admin${r.int(1, 99)} from 203.0.113.${r.int(1, 254)} port ${r.int(1024, 65535)} ssh2`);
      }
      return out.join('\n') + '\n';
    } },
  };
}

async function main(): Promise<void> {
  const scaleArg = process.argv.indexOf('--scale');
  const scale = scaleArg > 0 ? Number(process.argv[scaleArg + 1]) : 2;
  const n = 100_000 * scale;
  const only = process.argv.indexOf('--only') > 0 ? process.argv[process.argv.indexOf('--only') + 1]!.split(',') : undefined;
  const work = await mkdtemp(join(tmpdir(), 'vt-bench-ingest-'));
  try {
    console.log(`bench/ingest: ${n.toLocaleString('en-US')} events per format, median of 3 runs, each in its own process\n`);
    console.log('format      events/s   peak RSS   floor (read_json) events/s   ratio floor/veritrace                     RSS at 4x input            events/s at 4x');
    for (const [name, g] of Object.entries(generators())) {
      if (only && !only.includes(name)) continue;
      const file = join(work, `${name}-${g.ext}`);
      await writeFile(file, g.make(n));
      const v = measure('veritrace', file);
      const f = g.json ? measure('floor', file) : undefined;
      const w = name === 'evtx' ? measure('write-floor', file) : undefined;
      const big = join(work, `${name}-4x-${g.ext}`);
      // Four times the same content (several header blocks for Zeek TSV): one string of 4× would pass V8's string limit.
      // EVTX is one file with a header of its own, so it is generated whole.
      if (name === 'evtx') await writeFile(big, g.make(4 * n));
      else for (let k = 0; k < 4; k++) await writeFile(big, g.make(n), { flag: k === 0 ? 'w' : 'a' });
      const v4 = measure('veritrace', big);
      await rm(big);
      const rate = v.events / v.seconds;
      const floorRate = f ? f.events / f.seconds : undefined;
      console.log(`${name.padEnd(10)} ${Math.round(rate).toLocaleString('en-US').padStart(9)}   ${v.maxRssMb.toFixed(0).padStart(5)} MB   ${floorRate ? Math.round(floorRate).toLocaleString('en-US').padStart(12) : '           -'}                ${floorRate ? (floorRate / rate).toFixed(2).padStart(6) + '×' : '     -'}   (target ≤ 1.5×)   ${v4.maxRssMb.toFixed(0).padStart(5)} MB (${(v4.maxRssMb / v.maxRssMb).toFixed(2)}× of 1x)   ${Math.round(v4.events / v4.seconds).toLocaleString('en-US').padStart(9)}`);
      if (w) console.log(`  ${name} write floor (DuckDB alone, rows laid out before the clock starts): ${Math.round(w.events / w.seconds).toLocaleString('en-US')} events/s; veritrace at ${(100 * rate / (w.events / w.seconds)).toFixed(0)}% of it`);
    }
  } finally {
    await rm(work, { recursive: true, force: true });
  }
}

if (process.argv[1] !== SELF) { /* imported (profiling scripts use the generators) */ }
else if (process.argv[2] === '--child') await child(process.argv[3]!, process.argv[4]!, process.argv[5]!);
else await main();
