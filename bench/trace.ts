/**
 * Trace against ingest, side by side in one run over the same generated events (default one million): Zeek conn
 * logs (implant beacons, NTP polling, web noise, one exfiltration) and Windows Security/Sysmon events (logons and
 * process creation over many hosts). Prints wall time and peak RSS growth of each phase and their ratios.
 * Target: tracing costs less than ingesting.
 *
 *   npx tsx bench/trace.ts [events=1000000]
 */
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Rng } from '../examples/demo/prng.js';
import { winEvent } from '../examples/demo/windows.js';
import { connLog, type ConnSpec } from '../examples/trace-scenarios/zeek.js';
import { ingest } from '../src/ingest/index.js';
import { openDuckDBCase } from '../src/store/index.js';
import { trace } from '../src/trace/index.js';

const total = Number(process.argv[2] ?? 1_000_000);
const winShare = 0.1;

function generate(rng: Rng): Record<string, string> {
  const start = Date.UTC(2025, 0, 6);
  const span = 14 * 86400000;
  const nConn = Math.round(total * (1 - winShare));
  const conns: ConnSpec[] = [];
  const hosts = 400;
  // 40 implants beaconing every 60–3600 s (a tenth of the connections), NTP pollers, the rest web noise; one large upload.
  for (let i = 0; i < 40; i++) {
    const period = rng.pick([60, 300, 600, 3600]);
    const dst = `95.179.${i}.5`;
    const budget = conns.length + Math.floor((nConn * 0.1) / 40);
    for (let t = start + rng.int(0, 3600) * 1000; t < start + span && conns.length < budget; t += rng.jitter(period, 0.2) * 1000) {
      conns.push({ ms: Math.round(t), src: `10.8.${i}.10`, srcPort: rng.int(49152, 65535), dst, dstPort: 443, proto: 'tcp', service: 'ssl', durationS: 0.7, origBytes: 1200 + rng.int(0, 50), respBytes: 3400 });
    }
  }
  while (conns.length < nConn) {
    const h = rng.int(0, hosts - 1);
    const ntp = rng.next() < 0.05;
    conns.push({ ms: start + Math.floor(rng.next() * span), src: `10.9.${h >> 8}.${h & 255}`, srcPort: rng.int(49152, 65535),
      dst: ntp ? '162.159.200.1' : `${rng.int(11, 223)}.${rng.int(0, 255)}.${rng.int(0, 255)}.${rng.int(1, 254)}`, dstPort: ntp ? 123 : 443,
      proto: ntp ? 'udp' : 'tcp', service: ntp ? 'ntp' : 'ssl', durationS: rng.next() * 5, origBytes: Math.round(Math.exp(6 + rng.next() * 6)), respBytes: Math.round(Math.exp(7 + rng.next() * 7)) });
  }
  conns.push({ ms: start + span - 3600000, src: '10.9.0.7', srcPort: 50000, dst: '139.59.88.17', dstPort: 443, proto: 'tcp', service: 'ssl', durationS: 600, origBytes: 900_000_000, respBytes: 50000 });
  const win: string[] = [];
  const nWin = total - conns.length;
  const images = ['C:\\Windows\\System32\\svchost.exe', 'C:\\Windows\\System32\\whoami.exe', 'C:\\Windows\\System32\\net.exe', 'C:\\Program Files\\App\\app.exe'];
  for (let i = 0; i < nWin; i++) {
    const h = rng.int(0, 199);
    const ms = start + Math.floor((i / nWin) * span);
    const computer = `WS${String(h).padStart(3, '0')}.corp.example`;
    win.push(rng.next() < 0.3
      ? winEvent({ ms, micros: 0, computer, channel: 'Security', eventId: 4624, recordId: i, data: { TargetUserName: `user${rng.int(0, 300)}`, TargetDomainName: 'CORP', LogonType: rng.pick([2, 3, 3, 3, 10]), IpAddress: `10.9.0.${rng.int(1, 250)}`, WorkstationName: `WS${String(rng.int(0, 199)).padStart(3, '0')}` } })
      : winEvent({ ms, micros: 0, computer, channel: 'Microsoft-Windows-Sysmon/Operational', eventId: 1, recordId: i, data: { Image: rng.pick(images), CommandLine: `cmd ${rng.int(0, 1000)}`, User: `CORP\\user${rng.int(0, 300)}`, ParentImage: 'C:\\Windows\\explorer.exe' } }));
  }
  return { 'zeek/conn.log': connLog(conns), 'windows/events.json': win.join('\n') + '\n' };
}

async function measure<T>(fn: () => Promise<T>): Promise<{ value: T; ms: number; peakMb: number }> {
  const base = process.memoryUsage().rss;
  let peak = base;
  const timer = setInterval(() => { peak = Math.max(peak, process.memoryUsage().rss); }, 25);
  const t = performance.now();
  const value = await fn();
  const ms = performance.now() - t;
  clearInterval(timer);
  peak = Math.max(peak, process.memoryUsage().rss);
  return { value, ms, peakMb: (peak - base) / 1048576 };
}

const dir = await mkdtemp(join(tmpdir(), 'vt-bench-trace-'));
try {
  const files = generate(new Rng(7));
  for (const [rel, body] of Object.entries(files)) {
    await mkdir(join(dir, 'logs', rel, '..'), { recursive: true });
    await writeFile(join(dir, 'logs', rel), body);
  }
  const store = await openDuckDBCase(join(dir, 'case'), { create: true });
  const ing = await measure(() => ingest(store, [join(dir, 'logs')]));
  const tr = await measure(() => trace(store));
  await store.close();
  if (ing.value.failed > 0 || ing.value.events === 0) throw new Error(`ingest failed: ${JSON.stringify(ing.value).slice(0, 2000)}`);
  const events = ing.value.events;
  console.log(`trace vs ingest over ${events.toLocaleString('en-US')} events (${files['zeek/conn.log']!.length >> 20} MiB Zeek conn, ${files['windows/events.json']!.length >> 20} MiB Windows JSON)`);
  console.log(`ingest  ${(ing.ms / 1000).toFixed(1)} s  ${Math.round(events / (ing.ms / 1000)).toLocaleString('en-US')} events/s  peak RSS +${ing.peakMb.toFixed(0)} MiB`);
  console.log(`trace   ${(tr.ms / 1000).toFixed(1)} s  ${Math.round(events / (tr.ms / 1000)).toLocaleString('en-US')} events/s  peak RSS +${tr.peakMb.toFixed(0)} MiB`);
  console.log(`ratio trace/ingest: time ${(tr.ms / ing.ms).toFixed(2)}, peak memory ${(tr.peakMb / Math.max(1, ing.peakMb)).toFixed(2)}  (target: time < 1)`);
  console.log(`found: ${tr.value.beacons.length} beacons, ${tr.value.exfil.length} exfiltration destinations, ${tr.value.sessions.total} sessions, ${tr.value.edges} edges`);
} finally {
  await rm(dir, { recursive: true, force: true });
}
