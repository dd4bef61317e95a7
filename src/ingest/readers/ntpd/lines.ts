import { decodePeerStatus } from './status.js';

/**
 * Columns of ntpd's statistics files (ntp.conf `statistics peerstats loopstats clockstats rawstats`), after the MJD
 * day and seconds past UTC midnight that open every line. Offsets, delays, dispersions and jitters in seconds.
 */
export type NtpStats = 'peerstats' | 'loopstats' | 'clockstats' | 'rawstats';

const NUM = /^[-+]?(?:\d+\.?\d*|\.\d+)(?:e[-+]?\d+)?$/i;
const ADDR = /^(?:\d{1,3}(?:\.\d{1,3}){3}|[0-9a-fA-F:]*:[0-9a-fA-F:.]+)$/;
/** Seconds between the NTP era 0 epoch (1900) and the Unix epoch. */
const NTP_UNIX = 2208988800;

export function statsOfName(name: string): NtpStats | undefined {
  const m = /(peerstats|loopstats|clockstats|rawstats)/.exec(name);
  return m ? (m[1] as NtpStats) : undefined;
}

/** Which file a line's columns (after MJD and seconds) fit. */
export function statsOfShape(c: string[]): NtpStats | undefined {
  if (c.length === 6 && ADDR.test(c[0]!) && /^[0-9a-f]{4}$/i.test(c[1]!) && c.slice(2).every((x) => NUM.test(x))) return 'peerstats';
  if (c.length === 5 && c.every((x) => NUM.test(x))) return 'loopstats';
  if (c.length >= 6 && ADDR.test(c[0]!) && ADDR.test(c[1]!) && c.slice(2, 6).every((x) => NUM.test(x))) return 'rawstats';
  if (c.length >= 2 && ADDR.test(c[0]!)) return 'clockstats';
  return undefined;
}

export function fieldsOf(kind: NtpStats, c: string[]): Record<string, unknown> | string {
  switch (kind) {
    case 'peerstats': {
      if (c.length < 6) return 'peerstats needs 8 columns';
      const status = decodePeerStatus(c[1]!);
      if (!status || !c.slice(2, 6).every((x) => NUM.test(x))) return 'peerstats columns are not status word and numbers';
      return {
        source: c[0], status_word: c[1]!.toLowerCase(), ...status,
        offset_s: Number(c[2]), delay_s: Number(c[3]), dispersion_s: Number(c[4]), jitter_s: Number(c[5]),
      };
    }
    case 'loopstats':
      if (c.length < 5 || !c.slice(0, 5).every((x) => NUM.test(x))) return 'loopstats needs 7 numeric columns';
      return { offset_s: Number(c[0]), drift_ppm: Number(c[1]), jitter_s: Number(c[2]), wander_ppm: Number(c[3]), time_constant: Number(c[4]) };
    case 'clockstats':
      if (c.length < 2) return 'clockstats needs the clock address and its timecode';
      return { source: c[0], timecode: c.slice(1).join(' ') };
    case 'rawstats': {
      if (c.length < 6 || !c.slice(2, 6).every((x) => NUM.test(x))) return 'rawstats needs addresses and four NTP timestamps';
      const [t1, t2, t3, t4] = c.slice(2, 6).map(Number) as [number, number, number, number];
      const f: Record<string, unknown> = {
        source: c[0], destination: c[1], org: t1, rec: t2, xmt: t3, dst: t4,
        // RFC 5905 on-wire: θ = ((T2−T1)+(T3−T4))/2, δ = (T4−T1)−(T3−T2); T1 = org, T2 = rec, T3 = xmt, T4 = dst.
        offset_s: ((t2 - t1) + (t3 - t4)) / 2, delay_s: (t4 - t1) - (t3 - t2),
        xmt_unix_s: t3 > NTP_UNIX ? t3 - NTP_UNIX : t3,
      };
      const extra = ['leap', 'version', 'mode', 'stratum', 'poll', 'precision', 'root_delay_s', 'root_dispersion_s', 'refid'];
      extra.forEach((name, i) => {
        const v = c[6 + i];
        if (v !== undefined) f[name] = name === 'refid' || !NUM.test(v) ? v : Number(v);
      });
      return f;
    }
  }
}
