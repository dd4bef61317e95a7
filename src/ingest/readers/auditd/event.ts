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
  if (records.length === 1) return finish(records, { type: first.type, ...first.fields, ...first.interpreted }, line);
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
  return finish(records, fields, line);
}

/** Typed columns, logsource and Sigma's process_creation names from the merged fields. */
function finish(records: AuditRecord[], fields: Record<string, unknown>, line: number): NormalizedEvent {
  const first = records[0]!;
  const rec = (type: string, key: string): string | undefined => {
    for (const r of records) if (r.type === type && r.fields[key] !== undefined) return str(r.fields[key]);
    return undefined;
  };
  if (first.node !== undefined) fields.node = first.node;
  fields.stamp = first.stamp;

  const syscall = rec('SYSCALL', 'syscall');
  const arch = rec('SYSCALL', 'arch');
  if (syscall !== undefined && fields.SYSCALL === undefined) {
    const name = /^\d+$/.test(syscall) ? (arch !== undefined ? syscallName(arch, syscall) : undefined) : syscall;
    if (name !== undefined) fields.SYSCALL = name;
  }
  const sysName = typeof fields.SYSCALL === 'string' ? fields.SYSCALL : undefined;

  const ev: NormalizedEvent = { tsNs: first.tsNs, format: 'auditd', product: 'linux', service: 'auditd', fields, offset: line };
  const execve = records.find((r) => r.type === 'EXECVE');
  const args = execve ? execveArgs(execve.fields, fields) : undefined;
  const proctitle = rec('PROCTITLE', 'proctitle');
  const exe = rec('SYSCALL', 'exe') ?? str(fields.exe);
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
    setIf(fields, 'CurrentDirectory', rec('CWD', 'cwd'));
    setIf(fields, 'ProcessId', rec('SYSCALL', 'pid'));
    setIf(fields, 'ParentProcessId', rec('SYSCALL', 'ppid'));
    setIf(fields, 'User', str(fields.UID) ?? rec('SYSCALL', 'uid'));
  }
  addNetwork(ev, fields, rec('SOCKADDR', 'saddr'), sysName);
  return ev;
}

/** argv from `argc` and `a0..aN`, joining long arguments split as `aN_len`, `aN[0]`, `aN[1]`, … */
function execveArgs(keys: Record<string, string | string[]>, fields: Record<string, unknown>): string[] {
  const argc = Number(str(keys.argc) ?? NaN);
  const out: string[] = [];
  const limit = Number.isInteger(argc) && argc >= 0 && argc <= 100000 ? argc : Infinity;
  for (let i = 0; i < limit; i++) {
    const whole = str(keys[`a${i}`]);
    if (whole !== undefined) { out.push(whole); continue; }
    if (keys[`a${i}_len`] === undefined) break;
    let joined = '';
    for (let j = 0; keys[`a${i}[${j}]`] !== undefined; j++) joined += str(keys[`a${i}[${j}]`]);
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

function addNetwork(ev: NormalizedEvent, fields: Record<string, unknown>, saddr: string | undefined, sys?: string): void {
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
