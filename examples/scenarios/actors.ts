import type { ActorProfile, Weekday } from '../../src/intel/actors/index.js';
import { emptyInfrastructure, emptyTools } from '../../src/intel/actors/index.js';
import type { Rng } from './prng.js';

/** Where a synthetic actor's operators sit: the real zones, work weeks, calendars and languages of eight places. */
export interface Template { key: string; timezone: string; workweek: Weekday[]; holidays?: string; language: string; country: string }

const MF: Weekday[] = ['mon', 'tue', 'wed', 'thu', 'fri'];
export const TEMPLATES: Template[] = [
  { key: 'ny', timezone: 'America/New_York', workweek: MF, holidays: 'US', language: 'en', country: 'US' },
  { key: 'msk', timezone: 'Europe/Moscow', workweek: MF, holidays: 'RU', language: 'ru', country: 'RU' },
  { key: 'sha', timezone: 'Asia/Shanghai', workweek: MF, holidays: 'CN', language: 'zh', country: 'CN' },
  { key: 'pyo', timezone: 'Asia/Pyongyang', workweek: ['mon', 'tue', 'wed', 'thu', 'fri', 'sat'], language: 'ko', country: 'KP' },
  { key: 'thr', timezone: 'Asia/Tehran', workweek: ['sat', 'sun', 'mon', 'tue', 'wed'], holidays: 'IR', language: 'fa', country: 'IR' },
  { key: 'jlm', timezone: 'Asia/Jerusalem', workweek: ['sun', 'mon', 'tue', 'wed', 'thu'], holidays: 'IL', language: 'he', country: 'IL' },
  { key: 'ber', timezone: 'Europe/Berlin', workweek: MF, holidays: 'DE', language: 'de', country: 'DE' },
  { key: 'kyv', timezone: 'Europe/Kiev', workweek: MF, holidays: 'UA', language: 'uk', country: 'UA' },
];
export const DST_TEMPLATES = ['ny', 'jlm', 'ber', 'kyv'];

/** A pool of technique ids; the first few are used by almost everyone, like T1059 in real ATT&CK. */
const COMMON_TTPS = ['T1059', 'T1078', 'T1105', 'T1021.004', 'T1071.001'];
const TTP_POOL = [
  'T1003.001', 'T1003.003', 'T1018', 'T1027', 'T1036.005', 'T1047', 'T1053.005', 'T1055', 'T1068', 'T1070.004',
  'T1082', 'T1083', 'T1090', 'T1110.003', 'T1133', 'T1190', 'T1199', 'T1203', 'T1210', 'T1219', 'T1486',
  'T1489', 'T1505.003', 'T1543.003', 'T1547.001', 'T1548.002', 'T1557', 'T1560.001', 'T1566.001', 'T1569.002',
  'T1570', 'T1574.002', 'T1584.004', 'T1588.002', 'T1595.002',
];

/** A TLSH-shaped digest: T1 + 70 hex digits. */
export function randomTlsh(rng: Rng): string { return `T1${rng.hex(70).toUpperCase()}`; }

/** A digest a few buckets away from `t` (same header), as a rebuilt variant of the same code would be. */
export function nearTlsh(rng: Rng, t: string, changes: number): string {
  const chars = t.split('');
  for (let k = 0; k < changes; k++) {
    const i = 2 + 6 + rng.int(0, 63);
    chars[i] = '0123456789ABCDEF'[(parseInt(chars[i] ?? '0', 16) + rng.int(1, 3)) % 16] ?? '0';
  }
  return chars.join('');
}

export function ipIn(rng: Rng, prefix: string): string { return `${prefix}.${rng.int(1, 254)}`; }

/** One synthetic actor from a template, with its own indicators drawn from the seed. */
export function makeActor(rng: Rng, t: Template): ActorProfile {
  const infrastructure = emptyInfrastructure();
  const net = `${rng.int(11, 200)}.${rng.int(0, 255)}.${rng.int(0, 255)}`;
  infrastructure.cidrs = [`${net}.0/24`];
  infrastructure.ips = [ipIn(rng, net), ipIn(rng, net), `${rng.int(11, 200)}.${rng.int(0, 255)}.${rng.int(0, 255)}.${rng.int(1, 254)}`].sort();
  infrastructure.asns = [rng.int(1000, 65000)];
  infrastructure.domains = [`${rng.hex(6)}-${t.key}.example`, `cdn-${rng.hex(5)}.example`].sort();
  infrastructure.certSha256 = [rng.hex(64)];
  infrastructure.sshHostKeys = [`SHA256:${Buffer.from(rng.hex(64), 'hex').toString('base64').replace(/=+$/, '')}`];
  infrastructure.ja3 = [rng.hex(32)];
  const tools = emptyTools();
  tools.sha256 = [rng.hex(64), rng.hex(64), rng.hex(64)].sort();
  tools.imphash = [rng.hex(32)];
  tools.tlsh = [randomTlsh(rng), randomTlsh(rng)].sort();
  tools.richHash = [rng.hex(32)];
  tools.yara = [`${t.key}_implant_${rng.hex(4)}`];
  tools.families = [`fam-${t.key}-${rng.hex(4)}`];
  const ttps = [...new Set([...rng.sample(COMMON_TTPS, 3), ...rng.sample(TTP_POOL, 7)])].sort();
  return {
    id: `actor-${t.key}`, name: `Synthetic group ${t.key.toUpperCase()}`, timezone: t.timezone, workweek: t.workweek,
    ...(t.holidays ? { holidays: t.holidays } : {}), languages: [t.language], infrastructure, tools, ttps,
  };
}

export { COMMON_TTPS, TTP_POOL };
