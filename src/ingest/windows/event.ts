/**
 * Flat Windows fields → NormalizedEvent: the typed columns (copies of native values) and the logsource.
 * Both Windows readers end here, so EVTX and JSON exports of one event give the same row.
 */
import type { NormalizedEvent } from '../../model/index.js';
import { asText, type WinFields, type WinValue } from './fields.js';
import { windowsLogsource } from './logsource.js';

/** Security logon events name the account that logged on in Target*, the actor in Subject*. */
const TARGET_USER_EVENTS = new Set([4624, 4625, 4634, 4647, 4648, 4672, 4768, 4769, 4771, 4776, 4778, 4779]);
const IP_PROTOCOLS: Record<string, string> = { '1': 'icmp', '6': 'tcp', '17': 'udp', '58': 'ipv6-icmp' };

function str(v: WinValue | undefined): string | undefined {
  const s = asText(v);
  return s === undefined || s === '' || s === '-' ? undefined : s;
}

function num(v: WinValue | undefined): number | undefined {
  if (typeof v === 'number') return Number.isInteger(v) ? v : undefined;
  const s = str(v);
  if (s === undefined || !/^\d+$/.test(s)) return undefined;
  const n = Number(s);
  return Number.isSafeInteger(n) ? n : undefined;
}

function account(f: WinFields, side: 'Target' | 'Subject'): string | undefined {
  const user = str(f[`${side}UserName`]);
  if (user === undefined) return undefined;
  const domain = str(f[`${side}DomainName`]);
  return domain === undefined ? user : `${domain}\\${user}`;
}

function userOf(f: WinFields, eventId: number | undefined): string | undefined {
  const u = str(f.User);
  if (u !== undefined) return u;
  if (eventId !== undefined && TARGET_USER_EVENTS.has(eventId)) return account(f, 'Target') ?? account(f, 'Subject');
  return account(f, 'Subject') ?? account(f, 'Target') ?? str(f.UserName) ?? str(f.AccountName);
}

/** The event's flat fields (the contract in readers/evtx/reader.ts) as a NormalizedEvent. */
export function toWindowsEvent(fields: WinFields, tsNs: bigint | null, format: string, offset: number): NormalizedEvent {
  const eventId = num(fields.EventID);
  const ls = windowsLogsource(str(fields.Channel), str(fields.Provider_Name), eventId, str(fields.EventType));
  const e: NormalizedEvent = { tsNs, format, product: ls.product, fields, offset };
  if (ls.service !== undefined) e.service = ls.service;
  if (ls.category !== undefined) e.category = ls.category;
  if (eventId !== undefined) e.eventId = eventId;
  const host = str(fields.Computer);
  if (host !== undefined) e.host = host;
  const user = userOf(fields, eventId);
  if (user !== undefined) e.user = user;
  const image = str(fields.Image) ?? str(fields.NewProcessName) ?? str(fields.ProcessName) ?? str(fields.Application);
  if (image !== undefined) e.image = image;
  const cmd = str(fields.CommandLine);
  if (cmd !== undefined) e.commandLine = cmd;
  const srcIp = str(fields.SourceIp) ?? str(fields.SourceAddress) ?? str(fields.IpAddress);
  if (srcIp !== undefined) e.srcIp = srcIp;
  const srcPort = num(fields.SourcePort) ?? num(fields.IpPort);
  if (srcPort !== undefined && srcIp !== undefined) e.srcPort = srcPort;
  const dstIp = str(fields.DestinationIp) ?? str(fields.DestAddress);
  if (dstIp !== undefined) e.dstIp = dstIp;
  const dstPort = num(fields.DestinationPort) ?? num(fields.DestPort);
  if (dstPort !== undefined) e.dstPort = dstPort;
  const proto = str(fields.Protocol);
  if (proto !== undefined && (srcIp !== undefined || dstIp !== undefined)) e.proto = IP_PROTOCOLS[proto] ?? proto.toLowerCase();
  return e;
}
