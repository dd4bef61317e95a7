import type { NormalizedEvent } from '../../../model/index.js';
import { decodeHexText, looksHexEncoded } from '../../linux/index.js';
import type { AuditRecord } from './record.js';
import { decodeSockaddr } from './sockaddr.js';
import { syscallName } from './syscall-table.js';

type Value = string | string[];

/** Which record's value takes the plain field name when several record types carry the same key. */
const PRIORITY = ['EXECVE', 'SYSCALL'];
const NET_DST = new Set(['connect', 'sendto', 'sendmsg', 'sendmmsg']);
const NET_SRC = new Set(['bind', 'accept', 'accept4']);
const UNSET_ID = '4294967295';

/**
 * One audit event (all records sharing `msg=audit(STAMP)`) as one NormalizedEvent.
 *
 * Fields: every record's keys under their plain names (Sigma's auditd rules name `exe`, `comm`, `a0`, `name`, `key`);
 * where two record types carry the same key, the plain name holds EXECVE's, then SYSCALL's, then the first record's
 * value, and where the values differ each type's value is also kept as `TYPE.key` (`SYSCALL.a0`, `PATH.name`). Several records of one type
 * (PATH items) give arrays. `type` lists the record types (a string when there is one), so a rule on
 * `type: PATH` and one on `type: SYSCALL` both see the event: readers of `fields` match any array element.
 * Enriched interpretations keep their upper-case names (`SYSCALL`, `UID`, `AUID`); `SYSCALL` is filled from the
 * syscall table when the log is not enriched. Execve events also carry Sigma's process_creation names
 * (`Image`, `CommandLine`, `CurrentDirectory`, `ProcessId`, `ParentProcessId`, `User`).
 */
export function buildEvent(records: AuditRecord[], line: number): NormalizedEvent {
  const first = records[0]!;
  const perType = new Map<string, Map<string, string[]>>();
  const types: string[] = [];
  const interpreted: Record<string, string> = {};
  for (const r of records) {
    if (r.type !== 'EOE' && !types.includes(r.type)) types.push(r.type);
    let keys = perType.get(r.type);
    if (!keys) perType.set(r.type, (keys = new Map()));
    for (const [k, v] of Object.entries(r.fields)) {
      const list = keys.get(k);
      const vals = Array.isArray(v) ? v : [v];
      if (list) list.push(...vals);
      else keys.set(k, [...vals]);
    }
    for (const [k, v] of Object.entries(r.interpreted)) if (!(k in interpreted)) interpreted[k] = v;
  }
  const fields: Record<string, unknown> = { type: types.length === 1 ? types[0] : types };
  const owners = new Map<string, string[]>();
  for (const [t, keys] of perType) for (const k of keys.keys()) (owners.get(k) ?? owners.set(k, []).get(k)!).push(t);
  for (const [k, ts] of owners) {
    const winner = PRIORITY.find((t) => ts.includes(t)) ?? ts[0]!;
    const win = collapse(perType.get(winner)!.get(k)!);
    fields[k] = win;
    if (ts.length < 2) continue;
    const vals = ts.map((t) => collapse(perType.get(t)!.get(k)!));
    if (vals.every((v) => same(v, win))) continue;
    ts.forEach((t, i) => { fields[`${t}.${k}`] = vals[i]; });
  }
  Object.assign(fields, interpreted);
  if (first.node !== undefined) fields.node = first.node;
  fields.stamp = first.stamp;

  const syscall = str(perType.get('SYSCALL')?.get('syscall'));
  const arch = str(perType.get('SYSCALL')?.get('arch'));
  if (syscall !== undefined && fields.SYSCALL === undefined) {
    const name = /^\d+$/.test(syscall) ? (arch !== undefined ? syscallName(arch, syscall) : undefined) : syscall;
    if (name !== undefined) fields.SYSCALL = name;
  }
  const sysName = typeof fields.SYSCALL === 'string' ? fields.SYSCALL : undefined;

  const ev: NormalizedEvent = { tsNs: first.tsNs, format: 'auditd', product: 'linux', service: 'auditd', fields, offset: line };
  const execve = perType.get('EXECVE');
  const args = execve ? execveArgs(execve, fields) : undefined;
  const proctitle = str(perType.get('PROCTITLE')?.get('proctitle'));
  const exe = str(perType.get('SYSCALL')?.get('exe')) ?? str(fields.exe);
  if (first.node !== undefined) ev.host = first.node;
  const user = pickUser(fields);
  if (user !== undefined) ev.user = user;
  if (exe !== undefined && exe !== '?' && exe !== '(null)') ev.image = exe;
  const cmd = args?.join(' ') ?? proctitle;
  if (cmd !== undefined) ev.commandLine = cmd;
  if (args !== undefined || sysName === 'execve' || sysName === 'execveat') {
    ev.category = 'process_creation';
    if (ev.image !== undefined) fields.Image = ev.image;
    if (cmd !== undefined) fields.CommandLine = cmd;
    setIf(fields, 'CurrentDirectory', str(perType.get('CWD')?.get('cwd')));
    setIf(fields, 'ProcessId', str(perType.get('SYSCALL')?.get('pid')));
    setIf(fields, 'ParentProcessId', str(perType.get('SYSCALL')?.get('ppid')));
    setIf(fields, 'User', interpreted.UID ?? str(perType.get('SYSCALL')?.get('uid')));
  }
  addNetwork(ev, fields, perType, sysName);
  return ev;
}

/** argv from `argc` and `a0..aN`, joining long arguments split as `aN_len`, `aN[0]`, `aN[1]`, … */
function execveArgs(keys: Map<string, string[]>, fields: Record<string, unknown>): string[] {
  const argc = Number(str(keys.get('argc')) ?? NaN);
  const out: string[] = [];
  const limit = Number.isInteger(argc) && argc >= 0 && argc <= 100000 ? argc : Infinity;
  for (let i = 0; i < limit; i++) {
    const whole = keys.get(`a${i}`);
    if (whole) { out.push(whole[0]!); continue; }
    if (!keys.has(`a${i}_len`)) break;
    let joined = '';
    for (let j = 0; keys.has(`a${i}[${j}]`); j++) joined += keys.get(`a${i}[${j}]`)![0];
    const arg = looksHexEncoded(joined) ? decodeHexText(joined, false) : joined;
    fields[`a${i}`] = arg;
    out.push(arg);
  }
  return out;
}

function pickUser(fields: Record<string, unknown>): string | undefined {
  const acct = str(fields.acct);
  if (acct !== undefined && acct !== '?' && acct !== '(unknown)') return acct;
  if (typeof fields.UID === 'string') return fields.UID;
  const auid = str(fields.auid);
  if (auid !== undefined && auid !== UNSET_ID && auid !== '-1') return auid;
  return str(fields.uid);
}

function addNetwork(ev: NormalizedEvent, fields: Record<string, unknown>, perType: Map<string, Map<string, string[]>>, sys?: string): void {
  const saddr = str(perType.get('SOCKADDR')?.get('saddr'));
  const sock = saddr !== undefined ? decodeSockaddr(saddr) : undefined;
  if (sock) {
    fields.saddr_fam = sock.family;
    if (sock.ip !== undefined) fields.saddr_ip = sock.ip;
    if (sock.port !== undefined) fields.saddr_port = sock.port;
    if (sock.path !== undefined) fields.saddr_path = sock.path;
    if (sock.ip !== undefined && sys !== undefined && (NET_DST.has(sys) || NET_SRC.has(sys))) {
      if (NET_DST.has(sys)) { ev.dstIp = sock.ip; if (sock.port !== undefined) ev.dstPort = sock.port; }
      else { ev.srcIp = sock.ip; if (sock.port !== undefined) ev.srcPort = sock.port; }
      return;
    }
  }
  const addr = str(fields.addr);
  if (addr !== undefined && addr !== '?' && /^[0-9a-fA-F:.]+$/.test(addr)) ev.srcIp = addr;
}

function same(a: Value, b: Value): boolean {
  if (typeof a === 'string' || typeof b === 'string') return a === b;
  return a.length === b.length && a.every((x, i) => x === b[i]);
}

function collapse(values: string[]): Value {
  return values.length === 1 ? values[0]! : values;
}

function str(v: unknown): string | undefined {
  if (typeof v === 'string') return v;
  if (Array.isArray(v) && typeof v[0] === 'string') return v[0];
  return undefined;
}

function setIf(fields: Record<string, unknown>, key: string, value: string | undefined): void {
  if (value !== undefined) fields[key] = value;
}
