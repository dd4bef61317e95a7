/**
 * Beacon sweep with known truth: C2 beacons over periods from 10 s to 24 h and uniform jitter from 0 to ±50 %, with
 * about one beat in ten missed, mixed with benign periodic traffic (NTP polling on udp/123, update checks to a host
 * whose DNS name is a known update service) and aperiodic noise (Poisson traffic and bursty office-hours browsing).
 */
import { Rng } from '../demo/prng.js';
import { connLog, dnsLog, type ConnSpec, type DnsSpec } from './zeek.js';

export type PairKind = 'beacon' | 'benign_ntp' | 'benign_update' | 'noise_poisson' | 'noise_bursty';

export interface SweepPair {
  src: string;
  dst: string;
  kind: PairKind;
  periodS: number | null;
  jitter: number | null;
  connections: number;
}

export interface SweepTruth {
  startMs: number;
  endMs: number;
  pairs: SweepPair[];
}

export const SWEEP_PERIODS_S = [10, 60, 300, 900, 3600, 4 * 3600, 12 * 3600, 86400] as const;
export const SWEEP_JITTERS = [0, 0.1, 0.25, 0.5] as const;
const DAY = 86400000;

export function beaconSweep(seed = 20250601): { files: Record<string, string>; truth: SweepTruth } {
  const rng = new Rng(seed);
  const startMs = Date.UTC(2025, 5, 1);
  const endMs = startMs + 30 * DAY;
  const conns: ConnSpec[] = [];
  const dns: DnsSpec[] = [];
  const pairs: SweepPair[] = [];
  let n = 0;
  const pubAddr = () => `${rng.pick([37, 45, 62, 77, 85, 91, 109, 141, 176, 185, 193, 194, 212])}.${rng.int(1, 254)}.${rng.int(0, 255)}.${rng.int(1, 254)}`;
  const add = (src: string, dst: string, ms: number, dstPort: number, proto: 'tcp' | 'udp', service: string, ob: number, rb: number) =>
    conns.push({ ms: Math.round(ms), src, srcPort: rng.int(49152, 65535), dst, dstPort, proto, service, durationS: rng.next() * 2, origBytes: ob, respBytes: rb });

  for (const periodS of SWEEP_PERIODS_S) {
    for (const jitter of SWEEP_JITTERS) {
      const src = `10.1.${Math.floor(n / 200)}.${(n % 200) + 10}`;
      const dst = pubAddr();
      n++;
      // At most 400 beats, at least the whole month for long periods.
      const beats = Math.min(400, Math.floor((endMs - startMs) / 1000 / periodS) - 1);
      let t = startMs + rng.next() * Math.max(0, endMs - startMs - beats * periodS * 1000 * 1.05);
      const size = rng.int(200, 4000);
      let count = 0;
      for (let b = 0; b < beats; b++) {
        if (rng.next() >= 0.1) {
          add(src, dst, t, 443, 'tcp', 'ssl', size + rng.int(0, 40), rng.int(300, 5000));
          count++;
        }
        t += rng.jitter(periodS, jitter) * 1000;
      }
      pairs.push({ src, dst, kind: 'beacon', periodS, jitter, connections: count });
    }
  }
  // NTP polling: exact periods (chrony's 64–1024 s), small fixed packets.
  for (const [i, pollS] of [64, 256, 1024, 1024].entries()) {
    const src = `10.2.0.${10 + i}`;
    const dst = ['162.159.200.1', '129.6.15.28', '193.204.114.232', '162.159.200.123'][i]!;
    let count = 0;
    for (let t = startMs + rng.int(0, 60000); t < endMs && count < 400; t += pollS * 1000) { add(src, dst, t, 123, 'udp', 'ntp', 48, 48); count++; }
    pairs.push({ src, dst, kind: 'benign_ntp', periodS: pollS, jitter: 0, connections: count });
  }
  // Update checks every 4 h with a couple of minutes' jitter, to an address a known update name resolves to.
  for (let i = 0; i < 3; i++) {
    const src = `10.3.0.${10 + i}`;
    const dst = `13.107.4.${50 + i}`;
    let count = 0;
    for (let t = startMs + rng.int(0, 3600000); t < endMs; t += 4 * 3600000 + rng.int(-120, 120) * 1000) {
      add(src, dst, t, 443, 'tcp', 'ssl', 2100 + rng.int(0, 50), 5400);
      dns.push({ ms: t - 40, src, query: 'fe2.update.microsoft.com', answers: [dst] });
      count++;
    }
    pairs.push({ src, dst, kind: 'benign_update', periodS: 4 * 3600, jitter: 120 / (4 * 3600), connections: count });
  }
  // Poisson traffic: exponential gaps, log-normal sizes.
  for (let i = 0; i < 40; i++) {
    const src = `10.4.${Math.floor(i / 100)}.${(i % 100) + 10}`;
    const dst = pubAddr();
    const meanS = [30, 120, 600, 1800, 3600, 4 * 3600, 12 * 3600, 86400][i % 8]!;
    let t = startMs;
    let count = 0;
    while (count < 400) {
      t += -Math.log(1 - rng.next()) * meanS * 1000;
      if (t >= endMs) break;
      add(src, dst, t, 443, 'tcp', 'ssl', Math.round(Math.exp(6 + rng.next() * 6)), Math.round(Math.exp(7 + rng.next() * 7)));
      count++;
    }
    pairs.push({ src, dst, kind: 'noise_poisson', periodS: null, jitter: null, connections: count });
  }
  // Bursty browsing: a few bursts of connections on weekday office hours.
  for (let i = 0; i < 20; i++) {
    const src = `10.5.0.${10 + i}`;
    const dst = pubAddr();
    let count = 0;
    for (let day = startMs; day < endMs; day += DAY) {
      const wd = new Date(day).getUTCDay();
      if (wd === 0 || wd === 6 || rng.next() < 0.3) continue;
      for (let burst = rng.int(1, 4); burst > 0; burst--) {
        let t = day + rng.int(8 * 3600, 17 * 3600) * 1000;
        for (let k = rng.int(2, 12); k > 0; k--) { t += rng.int(1, 90) * 1000; add(src, dst, t, 443, 'tcp', 'ssl', rng.int(500, 90000), rng.int(1000, 900000)); count++; }
      }
    }
    pairs.push({ src, dst, kind: 'noise_bursty', periodS: null, jitter: null, connections: count });
  }
  return { files: { 'zeek/conn.log': connLog(conns), 'zeek/dns.log': dnsLog(dns) }, truth: { startMs, endMs, pairs } };
}
