import type { NormalizedEvent } from '../../../model/index.js';
import { parseIsoTime } from '../../linux/index.js';

/**
 * Sysmon for Linux writes each event as one syslog line whose message is the Windows-style `<Event>` XML.
 * The result is the same flat field map the Windows Sysmon readers give (`EventID`, `Computer`, `Image`,
 * `CommandLine`, …), so Sigma's linux process_creation / network_connection / file_event rules apply as written.
 * The XML is a fixed, flat shape (System elements, then `<Data Name="…">` items); a targeted scan is enough and
 * keeps the per-line cost low, where a general XML parser would not add anything.
 */
const CATEGORY: Record<number, string> = {
  1: 'process_creation', 3: 'network_connection', 4: 'sysmon_status', 5: 'process_termination',
  9: 'raw_access_read', 11: 'file_event', 16: 'sysmon_status', 23: 'file_delete', 26: 'file_delete', 255: 'sysmon_error',
};
const DATA_RE = /<Data Name="([^"]+)"(?:\/>|>([^<]*)<\/Data>)/g;
const SYSTEM_RE = /<(EventID|Version|Level|Task|Opcode|Keywords|EventRecordID|Channel|Computer)>([^<]*)<\//g;
const ENTITY_RE = /&(?:(amp|lt|gt|quot|apos)|#(\d+)|#x([0-9a-fA-F]+));/g;
const NAMED: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'" };

export function isSysmonXml(msg: string): boolean {
  return msg.startsWith('<Event') && msg.includes('</Event>');
}

/** Fills `ev` from the XML; false when the XML lacks an EventID (then the line stays a plain syslog event). */
export function parseSysmon(msg: string, ev: NormalizedEvent): boolean {
  const f: Record<string, unknown> = {};
  for (const m of msg.matchAll(SYSTEM_RE)) f[m[1]!] = unescape(m[2]!);
  const provider = /<Provider Name="([^"]*)"/.exec(msg);
  if (provider) f.Provider_Name = unescape(provider[1]!);
  const created = /<TimeCreated SystemTime="([^"]*)"/.exec(msg);
  const id = Number(f.EventID);
  if (!Number.isInteger(id)) return false;
  f.EventID = id;
  for (const m of msg.matchAll(DATA_RE)) f[m[1]!] = m[2] === undefined ? '' : unescape(m[2]);
  Object.assign(ev.fields, f);
  ev.eventId = id;
  ev.service = 'sysmon';
  const cat = CATEGORY[id];
  if (cat !== undefined) ev.category = cat;
  if (typeof f.Computer === 'string') ev.host = f.Computer;
  const time = created ? parseIsoTime(created[1]!.replace(/Z?$/, 'Z')) : null;
  if (time) ev.tsNs = time.ns;
  setStr(f.Image, (v) => (ev.image = v));
  setStr(f.CommandLine, (v) => (ev.commandLine = v));
  setStr(f.User, (v) => (ev.user = v));
  setStr(f.SourceIp, (v) => (ev.srcIp = v));
  setStr(f.DestinationIp, (v) => (ev.dstIp = v));
  setStr(f.Protocol, (v) => (ev.proto = v));
  const sp = Number(f.SourcePort), dp = Number(f.DestinationPort);
  if (f.SourcePort !== undefined && Number.isInteger(sp)) ev.srcPort = sp;
  if (f.DestinationPort !== undefined && Number.isInteger(dp)) ev.dstPort = dp;
  return true;
}

function setStr(v: unknown, set: (s: string) => void): void {
  if (typeof v === 'string' && v !== '' && v !== '-') set(v);
}

function unescape(text: string): string {
  if (!text.includes('&')) return text;
  return text.replace(ENTITY_RE, (all, name: string | undefined, dec: string | undefined, hex: string | undefined) => {
    if (name) return NAMED[name]!;
    const cp = dec !== undefined ? Number(dec) : parseInt(hex!, 16);
    return cp <= 0x10ffff ? String.fromCodePoint(cp) : all;
  });
}
