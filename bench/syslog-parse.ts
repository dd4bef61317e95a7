/**
 * Throughput of the syslog and auditd readers on generated auth.log / audit.log text, as lines per second and as a
 * ratio to the bare line splitter measured in the same run (the reader's cost over the floor the input layer sets).
 * On a shared machine wall time swings with the load; the per-CPU-second figure is steadier.
 * Run: npx tsx bench/syslog-parse.ts [lines]
 */
import { bufferInput } from '../src/ingest/input.js';
import type { Reader } from '../src/ingest/reader.js';
import { auditdReader } from '../src/ingest/readers/auditd/index.js';
import { syslogReader, type SyslogReaderOptions } from '../src/ingest/readers/syslog/index.js';

const opts: SyslogReaderOptions = { year: 2017 };
const N = Number(process.argv[2] ?? 300_000);
const TEMPLATES = [
  (i: number) => `Feb 22 16:45:${String(i % 60).padStart(2, '0')} slave22 sshd[${2738 + (i % 500)}]: Failed password for root from 202.109.143.${i % 250} port ${1024 + (i % 60000)} ssh2`,
  (i: number) => `Feb 22 16:45:${String(i % 60).padStart(2, '0')} slave22 sshd[2738]: pam_unix(sshd:auth): authentication failure; logname= uid=0 euid=0 tty=ssh ruser= rhost=202.109.143.${i % 250}  user=root`,
  (i: number) => `Feb 22 16:46:${String(i % 60).padStart(2, '0')} slave22 sudo:     tsg : TTY=pts/0 ; PWD=/home/tsg ; USER=root ; COMMAND=/bin/cat /var/log/secure.${i}`,
  (i: number) => `Feb 22 16:47:${String(i % 60).padStart(2, '0')} slave22 systemd[1]: Started Session ${i} of user tsg.`,
  (i: number) => `Feb 22 16:48:${String(i % 60).padStart(2, '0')} slave22 sshd[3033]: Accepted publickey for drewr from 69.245.39.${i % 250} port 42136 ssh2: RSA SHA256:abc${i}`,
];
const syslogText = Buffer.from(Array.from({ length: N }, (_, i) => TEMPLATES[i % TEMPLATES.length]!(i)).join('\n') + '\n');
const auditText = Buffer.from(Array.from({ length: N / 4 }, (_, i) => [
  `type=SYSCALL msg=audit(1700000000.${i % 1000}:${i}): arch=c000003e syscall=59 success=yes exit=0 a0=55d0 a1=55d1 a2=55d2 a3=8 items=2 ppid=1 pid=${i} auid=1000 uid=0 comm="sh" exe="/usr/bin/dash" key="exec"`,
  `type=EXECVE msg=audit(1700000000.${i % 1000}:${i}): argc=3 a0="sh" a1="-c" a2=6563686F2068656C6C6F`,
  `type=PROCTITLE msg=audit(1700000000.${i % 1000}:${i}): proctitle=7368002D6300`,
  `type=EOE msg=audit(1700000000.${i % 1000}:${i}): `,
].join('\n')).join('\n') + '\n');

async function floor(data: Buffer): Promise<number> {
  const t = performance.now();
  let n = 0;
  for await (const b of bufferInput('x', data).lines()) n += b.lines.length;
  if (n === 0) throw new Error('no lines');
  return performance.now() - t;
}

async function run(reader: Reader, data: Buffer): Promise<{ ms: number; cpuMs: number; events: number }> {
  const t = performance.now();
  const c = process.cpuUsage();
  let events = 0;
  for await (const b of reader.read(bufferInput('bench.log', data), opts)) events += b.events.length;
  const used = process.cpuUsage(c);
  return { ms: performance.now() - t, cpuMs: (used.user + used.system) / 1000, events };
}

for (const [name, reader, data] of [['syslog', syslogReader, syslogText], ['auditd', auditdReader, auditText]] as const) {
  await run(reader, data); // warm-up
  const base = await floor(data);
  const r = await run(reader, data);
  console.log(`${name}: ${N} lines, ${r.events} events in ${r.ms.toFixed(0)} ms = ${Math.round(N / (r.ms / 1000)).toLocaleString('en')} lines/s (${Math.round(N / (r.cpuMs / 1000)).toLocaleString('en')} per CPU-second, GC threads included); ${(r.ms / base).toFixed(1)}x the bare line splitter (${base.toFixed(0)} ms)`);
}
