/** Zeek TSV writers for the trace scenarios (conn and dns), the exact header shape Zeek writes. */

export interface ConnSpec {
  ms: number;
  src: string;
  srcPort: number;
  dst: string;
  dstPort: number;
  proto: 'tcp' | 'udp';
  service: string;
  durationS: number;
  origBytes: number;
  respBytes: number;
}

const CONN_FIELDS = ['ts', 'uid', 'id.orig_h', 'id.orig_p', 'id.resp_h', 'id.resp_p', 'proto', 'service', 'duration', 'orig_bytes', 'resp_bytes', 'conn_state', 'missed_bytes', 'history', 'orig_pkts', 'resp_pkts'];
const CONN_TYPES = ['time', 'string', 'addr', 'port', 'addr', 'port', 'enum', 'string', 'interval', 'count', 'count', 'string', 'count', 'string', 'count', 'count'];
const DNS_FIELDS = ['ts', 'uid', 'id.orig_h', 'id.orig_p', 'id.resp_h', 'id.resp_p', 'proto', 'query', 'qtype_name', 'rcode_name', 'answers', 'TTLs'];
const DNS_TYPES = ['time', 'string', 'addr', 'port', 'addr', 'port', 'enum', 'string', 'string', 'string', 'vector[string]', 'vector[interval]'];

export function zeekTs(ms: number): string {
  const whole = Math.floor(ms);
  const micros = Math.round((ms - whole) * 1000);
  return `${Math.floor(whole / 1000)}.${String(whole % 1000).padStart(3, '0')}${String(micros).padStart(3, '0')}`;
}

function header(path: string, fields: string[], types: string[]): string {
  return ['#separator \\x09', '#set_separator\t,', '#empty_field\t(empty)', '#unset_field\t-', `#path\t${path}`, '#open\t2025-01-01-00-00-00',
    `#fields\t${fields.join('\t')}`, `#types\t${types.join('\t')}`].join('\n') + '\n';
}

export function connLog(conns: ConnSpec[]): string {
  const rows = [...conns].sort((a, b) => a.ms - b.ms || a.src.localeCompare(b.src) || a.dst.localeCompare(b.dst));
  return header('conn', CONN_FIELDS, CONN_TYPES) + rows.map((c, i) => [zeekTs(c.ms), `C${i.toString(36).padStart(8, '0')}`, c.src, c.srcPort, c.dst, c.dstPort, c.proto,
    c.service || '-', c.durationS.toFixed(6), c.origBytes, c.respBytes, 'SF', 0, 'ShADadFf', 6, 5].join('\t')).join('\n') + '\n#close\t2025-12-31-00-00-00\n';
}

export interface DnsSpec { ms: number; src: string; query: string; answers: string[] }

export function dnsLog(rows: DnsSpec[]): string {
  const sorted = [...rows].sort((a, b) => a.ms - b.ms || a.query.localeCompare(b.query));
  return header('dns', DNS_FIELDS, DNS_TYPES) + sorted.map((r, i) => [zeekTs(r.ms), `D${i.toString(36).padStart(8, '0')}`, r.src, 53000 + (i % 1000), '10.0.0.2', 53, 'udp',
    r.query, 'A', 'NOERROR', r.answers.join(','), r.answers.map(() => '300.000000').join(',')].join('\t')).join('\n') + '\n#close\t2025-12-31-00-00-00\n';
}
