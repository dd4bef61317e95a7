/**
 * The three JSON shapes Windows events are exported in, each flattened to the field contract of the EVTX reader
 * (readers/evtx/reader.ts): evtx_dump (`{"Event":{"System":…,"EventData":…}}` with `#attributes`/`#text`),
 * the flat NXLog/Mordor shape (`EventID`, `Channel`, `Hostname`, EventData at the top), and Winlogbeat/ECS
 * (`winlog.event_data`, `winlog.channel`, `event.code`, `@timestamp`).
 */
import { addField, epochToNs, isoToNs, safeKey, type WinFields, type WinScalar, type WinValue } from '../../windows/index.js';

export type Json = null | boolean | number | string | Json[] | { [k: string]: Json };
type Obj = { [k: string]: Json };

export interface Flat {
  fields: WinFields;
  tsNs: bigint | null;
}

function isObj(v: Json | undefined): v is Obj {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

/** evtx_dump writes GUID values bare (`5770385F-…`); Windows renders them `{5770385F-…}`. */
const BARE_GUID = /^[0-9A-F]{8}-[0-9A-F]{4}-[0-9A-F]{4}-[0-9A-F]{4}-[0-9A-F]{12}$/;

function scalar(v: Json, bareGuids: boolean): WinScalar {
  if (v === null) return '';
  if (typeof v === 'boolean') return v ? 'true' : 'false';
  if (typeof v === 'number') return v;
  if (typeof v === 'string') return bareGuids && BARE_GUID.test(v) ? `{${v}}` : v;
  return JSON.stringify(v);
}

function value(v: Json, bareGuids: boolean): WinValue {
  if (Array.isArray(v)) return v.map((x) => scalar(x, bareGuids));
  if (isObj(v) && '#text' in v) return value(v['#text']!, bareGuids);
  return scalar(v, bareGuids);
}

function timeOf(s: Json | undefined): bigint | null {
  if (typeof s === 'string') return isoToNs(s);
  if (typeof s === 'number') return epochToNs(s);
  return null;
}

/** Leaves of a nested object by their own names (UserData); `#attributes` give their names too, but xmlns. */
function leaves(fields: WinFields, o: Obj, prefix: string, bareGuids: boolean): void {
  for (const [k, v] of Object.entries(o)) {
    if (k === '#attributes') {
      if (isObj(v)) for (const [a, av] of Object.entries(v)) if (a !== 'xmlns' && !a.startsWith('xmlns:')) addField(fields, prefix + a, value(av, bareGuids), 'UserData.');
      continue;
    }
    if (k === '#text') continue;
    if (isObj(v) && !('#text' in v)) { leaves(fields, v, prefix, bareGuids); continue; }
    if (isObj(v)) leaves(fields, { '#attributes': v['#attributes'] ?? null }, prefix, bareGuids);
    addField(fields, prefix + k, value(v, bareGuids), 'UserData.');
  }
}

/** evtx_dump / Chainsaw / Hayabusa JSON. */
export function fromEvtxDump(ev: Obj): Flat {
  const fields: WinFields = {};
  let tsNs: bigint | null = null;
  const sys = ev.System;
  if (isObj(sys)) {
    for (const [k, v] of Object.entries(sys)) {
      if (v === null) continue;
      if (!isObj(v)) { fields[safeKey(k)] = value(v, true); continue; }
      const attrs = v['#attributes'];
      if (isObj(attrs)) {
        for (const [a, av] of Object.entries(attrs)) {
          if (k === 'TimeCreated' && a === 'SystemTime') { tsNs = timeOf(av); fields.TimeCreated = value(av, true); continue; }
          const name = k === 'Provider' && (a === 'Name' || a === 'Guid') ? `Provider_${a}` : a;
          fields[safeKey(name)] = value(av, true);
        }
      }
      if ('#text' in v) fields[safeKey(k)] = value(v['#text']!, true);
    }
  }
  const data = ev.EventData;
  const unnamed: WinScalar[] = [];
  if (isObj(data)) {
    for (const [k, v] of Object.entries(data)) {
      if (k === '#attributes') continue;
      if (k === 'Data' && !isObj(v)) { const x = value(v, true); unnamed.push(...(Array.isArray(x) ? x : [x])); continue; }
      if (k === 'Data' && isObj(v) && '#text' in v) { const x = value(v, true); unnamed.push(...(Array.isArray(x) ? x : [x])); continue; }
      addField(fields, k, value(v, true), 'EventData.');
    }
  } else if (data !== undefined && data !== null) {
    const x = value(data, true);
    unnamed.push(...(Array.isArray(x) ? x : [x]));
  }
  if (unnamed.length > 0) addField(fields, 'Data', unnamed.length === 1 ? unnamed[0]! : unnamed, 'EventData.');
  for (const [k, v] of Object.entries(ev)) {
    if (k === 'System' || k === 'EventData' || k === '#attributes' || !isObj(v)) continue;
    leaves(fields, v, k === 'RenderingInfo' ? 'RenderingInfo.' : '', true);
  }
  return { fields, tsNs };
}

/** NXLog (im_msvistalog) and the Mordor / OTRF datasets: System names at the top, some renamed, EventData beside. */
const FLAT_RENAMES: Record<string, string> = {
  Hostname: 'Computer', SourceName: 'Provider_Name', ProviderGuid: 'Provider_Guid', RecordNumber: 'EventRecordID',
  ExecutionProcessID: 'ProcessID', ExecutionThreadID: 'ThreadID', ActivityId: 'ActivityID', EventId: 'EventID',
};
const FLAT_TIME_KEYS = ['@timestamp', 'TimeCreated', 'EventTime', 'EventReceivedTime'];

export function fromFlat(o: Obj): Flat {
  const fields: WinFields = {};
  for (const [k, v] of Object.entries(o)) {
    const name = FLAT_RENAMES[k] ?? k;
    if (name in fields && name !== k) continue;
    addField(fields, name, value(v, false), 'EventData.');
  }
  let tsNs: bigint | null = null;
  for (const k of FLAT_TIME_KEYS) {
    tsNs = timeOf(o[k]);
    if (tsNs !== null) break;
  }
  if (typeof fields.EventID === 'string' && /^\d+$/.test(fields.EventID)) fields.EventID = Number(fields.EventID);
  return { fields, tsNs };
}

function get(o: Obj, path: string): Json | undefined {
  let cur: Json | undefined = o;
  for (const p of path.split('.')) {
    if (!isObj(cur)) return undefined;
    cur = cur[p];
  }
  return cur;
}

/** Winlogbeat / Elastic Agent (ECS): `winlog.*` holds the System values, `winlog.event_data` the EventData. */
const ECS_SYSTEM: [string, string][] = [
  ['winlog.provider_name', 'Provider_Name'], ['winlog.provider_guid', 'Provider_Guid'], ['winlog.event_id', 'EventID'],
  ['winlog.version', 'Version'], ['winlog.task', 'Task'], ['winlog.opcode', 'Opcode'], ['winlog.keywords', 'Keywords'],
  ['winlog.record_id', 'EventRecordID'], ['winlog.activity_id', 'ActivityID'], ['winlog.related_activity_id', 'RelatedActivityID'],
  ['winlog.process.pid', 'ProcessID'], ['winlog.process.thread.id', 'ThreadID'], ['winlog.channel', 'Channel'],
  ['winlog.computer_name', 'Computer'], ['winlog.user.identifier', 'UserID'], ['winlog.time_created', 'TimeCreated'],
];

export function fromEcs(o: Obj): Flat {
  const fields: WinFields = {};
  for (const [path, name] of ECS_SYSTEM) {
    const v = get(o, path);
    if (v !== undefined && v !== null) fields[name] = value(v, false);
  }
  if (fields.EventID === undefined) { const c = get(o, 'event.code'); if (c !== undefined && c !== null) fields.EventID = value(c, false); }
  if (typeof fields.EventID === 'string' && /^\d+$/.test(fields.EventID)) fields.EventID = Number(fields.EventID);
  if (fields.Computer === undefined) { const h = get(o, 'host.name'); if (typeof h === 'string') fields.Computer = h; }
  if (fields.Level === undefined) { const l = get(o, 'log.level'); if (typeof l === 'string') fields.Level = l; }
  const data = get(o, 'winlog.event_data');
  if (isObj(data)) for (const [k, v] of Object.entries(data)) addField(fields, k, value(v, false), 'EventData.');
  const user = get(o, 'winlog.user_data');
  if (isObj(user)) leaves(fields, user, '', false);
  const msg = get(o, 'message');
  if (typeof msg === 'string') addField(fields, 'Message', msg, 'EventData.');
  const tsNs = timeOf(get(o, 'winlog.time_created') ?? undefined) ?? timeOf(get(o, '@timestamp'));
  if (fields.TimeCreated === undefined) { const t = get(o, '@timestamp'); if (typeof t === 'string') fields.TimeCreated = t; }
  return { fields, tsNs };
}

/** Which shape an object has, or undefined when it is not a Windows event. */
export function flatten(o: Json): Flat | undefined {
  if (!isObj(o)) return undefined;
  if (isObj(o.Event) && isObj(o.Event.System)) return fromEvtxDump(o.Event);
  if (isObj(o.winlog)) return fromEcs(o);
  if ('EventID' in o || 'EventId' in o) return fromFlat(o);
  return undefined;
}
