/** Test helpers for the detect stage: build a case from NormalizedEvents, run inline rules, read what fired. */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createHash } from 'node:crypto';
import type { NormalizedEvent } from '../../src/model/index.js';
import { openDuckDBCase, type CaseStore } from '../../src/store/index.js';
import { loadTexts, runRuleSet, readFindings, type DetectOptions, type DetectResult, type FindingSummary } from '../../src/detect/sigma-test-exports.js';

export type Ev = Partial<NormalizedEvent> & { fields: Record<string, unknown> };

export function ev(e: Ev, i = 0): NormalizedEvent {
  return { tsNs: 1_700_000_000_000_000_000n + BigInt(i) * 1_000_000_000n, format: 'test', offset: i, ...e };
}

/** A Windows event as the EVTX reader hands it: flat raw with Channel, EventID and EventData names. */
export function win(channel: string, eventId: number, data: Record<string, unknown>, extra: Partial<NormalizedEvent> = {}): Ev {
  return { product: 'windows', eventId, fields: { EventID: eventId, Channel: channel, Computer: 'host1', ...data }, ...extra };
}
export const SYSMON = 'Microsoft-Windows-Sysmon/Operational';
export const sysmon = (eventId: number, data: Record<string, unknown>, extra: Partial<NormalizedEvent> = {}) => win(SYSMON, eventId, data, extra);

export async function withCase<T>(events: readonly NormalizedEvent[], fn: (store: CaseStore, ids: string[]) => Promise<T>): Promise<T> {
  const dir = await mkdtemp(join(tmpdir(), 'vt-detect-'));
  const store = await openDuckDBCase(dir, { create: true });
  try {
    const sha = createHash('sha256').update(JSON.stringify(events, (_k, v) => (typeof v === 'bigint' ? v.toString() : v))).digest('hex');
    await store.writeFile({
      evidence: { sha256: sha, path: 'test.json', size: 1, format: 'test', gzip: false },
      batches: (async function* () { yield { events: [...events] }; })(),
    });
    const ids = (await store.query<{ id: string }>(`SELECT id FROM events ORDER BY record`)).map((r) => r.id);
    return await fn(store, ids);
  } finally {
    await store.close();
    await rm(dir, { recursive: true, force: true });
  }
}

export interface RunOut {
  result: DetectResult;
  findings: FindingSummary[];
  /** rule title → indices of matched events (record order). */
  hits: Map<string, number[][]>;
}

/** Run inline YAML rules over events; hits are per rule title, each finding as the record indices it holds. */
export async function run(yamls: string | string[], events: readonly Ev[], options: DetectOptions = {}): Promise<RunOut> {
  const texts = (Array.isArray(yamls) ? yamls : [yamls]).map((text, i) => ({ source: `inline-${i}.yml`, text }));
  const set = loadTexts(texts, { placeholders: options.placeholders ?? {} });
  if (set.rejected.length) throw new Error(`rejected: ${set.rejected.map((r) => `${r.code} ${r.message}`).join('; ')}`);
  return withCase(events.map((e, i) => ev(e, i)), async (store, ids) => {
    const result = await runRuleSet(store, set, options);
    const findings = await readFindings(store);
    const hits = new Map<string, number[][]>();
    for (const f of findings) {
      const l = hits.get(f.title) ?? [];
      l.push(f.eventIds.map((id) => ids.indexOf(id)).sort((a, b) => a - b));
      hits.set(f.title, l);
    }
    for (const l of hits.values()) l.sort((a, b) => a[0]! - b[0]!);
    return { result, findings, hits };
  });
}

/** Indices of events a single-event rule matched (one finding per event). */
export async function matched(yaml: string, events: readonly Ev[], options: DetectOptions = {}): Promise<number[]> {
  const out = await run(yaml, events, options);
  return [...out.hits.values()].flat().flat().sort((a, b) => a - b);
}

/** A rule over Sysmon process creation with one selection body. */
export function procRule(selection: string, condition = 'selection', extra = ''): string {
  return `title: t
id: 00000000-0000-0000-0000-000000000001
logsource: {product: windows, category: process_creation}
detection:
${selection}
    condition: ${condition}
${extra}`;
}
