/**
 * evtx_dump JSON (the regression twins) → NormalizedEvents as the EVTX reader's contract has them: flat raw with
 * System fields (`EventID`, `Channel`, `Computer`, `Provider_Name`, `<Tag>_<attr>`) and every EventData/UserData field.
 */
import type { NormalizedEvent } from '../../src/model/index.js';

/** The file holds JSON objects one after another. */
export function splitJsonObjects(text: string): unknown[] {
  const out: unknown[] = [];
  let depth = 0;
  let start = -1;
  let inStr = false;
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (inStr) {
      if (c === '\\') i++;
      else if (c === '"') inStr = false;
      continue;
    }
    if (c === '"') inStr = true;
    else if (c === '{') { if (depth++ === 0) start = i; }
    else if (c === '}') { if (--depth === 0) out.push(JSON.parse(text.slice(start, i + 1))); }
  }
  return out;
}

type Obj = Record<string, unknown>;
const isObj = (v: unknown): v is Obj => typeof v === 'object' && v !== null && !Array.isArray(v);

function scalar(v: unknown): unknown {
  if (isObj(v) && '#text' in v) return v['#text'];
  return v;
}

export function flattenEvtxJson(doc: unknown, offset: number): NormalizedEvent | null {
  if (!isObj(doc) || !isObj(doc.Event)) return null;
  const ev = doc.Event;
  const sys = isObj(ev.System) ? ev.System : {};
  const fields: Obj = {};
  for (const [k, v] of Object.entries(sys)) {
    if (isObj(v)) {
      if ('#text' in v) fields[k] = v['#text'];
      const attrs = isObj(v['#attributes']) ? v['#attributes'] : {};
      for (const [a, x] of Object.entries(attrs)) fields[`${k}_${a}`] = x;
    } else fields[k] = v;
  }
  const data = isObj(ev.EventData) ? ev.EventData : isObj(ev.UserData) ? (Object.values(ev.UserData).find(isObj) ?? {}) : {};
  for (const [k, v] of Object.entries(data)) {
    if (k === '#attributes') continue;
    fields[k] = scalar(v);
  }
  const t = fields.TimeCreated_SystemTime;
  let tsNs: bigint | null = null;
  if (typeof t === 'string') {
    const m = /^(.*T\d\d:\d\d:\d\d)(?:\.(\d+))?Z$/.exec(t);
    if (m) tsNs = BigInt(Date.parse(m[1]! + 'Z')) * 1_000_000n + BigInt((m[2] ?? '').padEnd(9, '0').slice(0, 9));
  }
  const eventId = Number(fields.EventID);
  return {
    tsNs, format: 'evtx-json', product: 'windows', host: typeof fields.Computer === 'string' ? fields.Computer : undefined,
    eventId: Number.isInteger(eventId) ? eventId : undefined,
    image: typeof fields.Image === 'string' ? fields.Image : undefined,
    commandLine: typeof fields.CommandLine === 'string' ? fields.CommandLine : undefined,
    fields, offset,
  };
}
