import { decodeHexText, epochDecimalToNs, looksHexEncoded, parseKv } from '../../linux/index.js';

/** One line of audit.log: `[node=N ]type=T msg=audit(SECONDS.MS:SERIAL): key=value … [\x1dKEY=value …]`. */
export interface AuditRecord {
  node?: string;
  type: string;
  /** `SECONDS.MS:SERIAL`, the event's identity on its node. */
  stamp: string;
  tsNs: bigint;
  /** Raw fields with auditd's hex encoding undone; the nested user-space `msg='…'` is flattened in. */
  fields: Record<string, string | string[]>;
  /** The enriched (`log_format = ENRICHED`) interpretations after the GS byte: `UID`, `SYSCALL`, `ARCH`, …. */
  interpreted: Record<string, string>;
}

// Also found behind a syslog or dmesg prefix (`audispd: node=…`, `audit: type=1400 audit(…)`), hence unanchored.
const HEADER_RE = /(?:node=(\S+) )?type=(\S+) (?:msg=)?audit\((\d{1,12}(?:\.\d{1,9})?):(\d{1,20})\): ?/;

/** Kernel record numbers as dmesg shows them (`type=1400`); the names are what audit.log writes. */
const TYPE_NAMES: Record<string, string> = {
  '1300': 'SYSCALL', '1302': 'PATH', '1307': 'CWD', '1309': 'EXECVE', '1320': 'EOE', '1327': 'PROCTITLE',
  '1326': 'SECCOMP', '1400': 'AVC', '1107': 'USER_AVC', '1325': 'NETFILTER_CFG', '1331': 'BPF', '1334': 'BPF',
};

/**
 * Fields whose unquoted value is auditd's hex encoding of a string (auditd quotes plain strings and hex-encodes
 * those with spaces or odd bytes). Numeric fields such as SYSCALL's `a0=7f56…` are never decoded.
 */
const STRING_FIELDS = new Set([
  'exe', 'comm', 'name', 'cwd', 'cmd', 'proctitle', 'path', 'dir', 'key', 'data', 'acct', 'ocomm', 'watch',
  'file', 'vm', 'sw', 'root_dir', 'grp', 'new_group', 'old_group', 'uri',
]);

export function parseAuditLine(line: string): AuditRecord | null {
  const m = HEADER_RE.exec(line);
  if (!m) return null;
  const tsNs = epochDecimalToNs(m[3]!);
  if (tsNs === null) return null;
  const rawType = m[2]!;
  const type = TYPE_NAMES[rawType] ?? rawType;
  let body = line.slice(m.index + m[0].length);
  const interpreted: Record<string, string> = {};
  const gs = body.indexOf('\x1d');
  if (gs >= 0) {
    for (const p of parseKv(body.slice(gs + 1))) interpreted[p.key] = p.value;
    body = body.slice(0, gs);
  }
  const fields: Record<string, string | string[]> = {};
  addPairs(fields, body, type, true);
  return { ...(m[1] !== undefined ? { node: m[1] } : {}), type, stamp: `${m[3]}:${m[4]}`, tsNs, fields, interpreted };
}

function addPairs(fields: Record<string, string | string[]>, text: string, type: string, top: boolean): void {
  for (const p of parseKv(text)) {
    let value = p.value;
    if (top && p.key === 'msg' && p.quoted) {
      // The user-space record's payload: keep it whole for keyword search and flatten its pairs for rules.
      addPairs(fields, value, type, false);
    } else if (!p.quoted && shouldDecode(type, p.key) && looksHexEncoded(value)) {
      value = decodeHexText(value, p.key === 'proctitle');
    }
    if (p.key === 'key' && value.includes('\x01')) {
      const keys = value.split('\x01');
      fields.key = keys;
      continue;
    }
    const prev = fields[p.key];
    if (prev === undefined) fields[p.key] = value;
    else if (Array.isArray(prev)) prev.push(value);
    else fields[p.key] = [prev, value];
  }
}

function shouldDecode(type: string, key: string): boolean {
  if (STRING_FIELDS.has(key)) return true;
  // EXECVE arguments (`a0`, `a1[2]`) are strings; SYSCALL's a0..a3 are register values.
  // Chunks of long ones (`a1[0]`) are decoded after joining, so a split UTF-8 sequence survives.
  return type === 'EXECVE' && /^a\d+$/.test(key);
}
