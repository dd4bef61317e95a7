/**
 * The demo intrusion, as ground truth. Everything here is fictional: "Meridian Time Service" runs a national
 * time scale; its attackers entered through a staff member's stolen credentials, moved from a Linux jump host
 * to a Windows operations console and to the NTP management server, beaconed out to a rented VPS, exfiltrated
 * archives and stepped the time server's clock. Addresses are from large VPS providers' ranges, used here only
 * as stand-ins; the organisation, accounts and actors do not exist.
 */
export const WORLD = {
  seed: 20250310,
  victim: { name: 'Meridian Time Service', timezone: 'Asia/Singapore' },
  hosts: {
    jump: { name: 'jump01', ip: '10.20.0.5' },
    win: { name: 'WIN-OPS01', ip: '10.20.1.15', fqdn: 'WIN-OPS01.meridian.local' },
    ntp: { name: 'ntp-mgmt01', ip: '10.30.0.10' },
  },
  stolenAccount: 'kchen',
  windowsAccount: 'svc_ops',
  timeAdmin: 'timeadm',
  /** Attacker-rented servers: entry relay, C2, exfiltration drop, rogue NTP source. */
  infra: {
    entry: ['45.77.12.34', '139.180.201.6'],
    c2: { ip: '95.179.140.5', port: 443, sni: 'cdn-tzsync.net', ja3: '6734f37431670b3ab4292b8f60f29984', certSha1: '3f1c9a0e5b7d2c4a6e8f0b1d3c5e7a9b2d4f6a8c' },
    exfil: { ip: '139.59.88.17', port: 443 },
    rogueNtp: '172.105.44.9',
  },
  /** The operators' working day (the truth the attribution should recover). */
  /** The operators keep their public holidays (Good Friday 2025 falls inside the span). */
  operators: { timezone: 'Europe/Berlin', startHour: 9, endHour: 17, workweek: ['mon', 'tue', 'wed', 'thu', 'fri'], holidays: ['2025-04-18'] },
  span: { from: '2025-03-10T00:00:00Z', to: '2025-04-19T00:00:00Z' },
  beacon: { periodSeconds: 600, jitter: 0.15, from: '2025-03-12T10:00:00Z' },
  benign: { ntpServers: ['162.159.200.1', '129.6.15.28'], ntpPollSeconds: 1024, updateHost: '13.107.4.50' },
} as const;
