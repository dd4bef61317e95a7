import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { intrusionScenario } from '../../examples/trace-scenarios/generate.js';
import { run as runTimeline } from '../../src/cli/commands/timeline.js';
import { run as runTrace } from '../../src/cli/commands/trace.js';
import { UsageError } from '../../src/model/index.js';
import { openDuckDBCase } from '../../src/store/index.js';
import { withCaseDir } from './helpers.js';

async function capture(fn: () => Promise<number>): Promise<{ code: number; out: string }> {
  const chunks: string[] = [];
  const write = process.stdout.write.bind(process.stdout);
  process.stdout.write = ((s: string | Uint8Array) => { chunks.push(String(s)); return true; }) as typeof process.stdout.write;
  try {
    const code = await fn();
    return { code, out: chunks.join('') };
  } finally {
    process.stdout.write = write;
  }
}

test('CLI: trace --json, timeline as text, json and Timesketch JSONL, with host and time filters', async () => {
  await withCaseDir(intrusionScenario().files, async (dir) => {
    const t = await capture(() => runTrace([dir, '--json']));
    assert.equal(t.code, 0);
    const summary = JSON.parse(t.out) as { entry: { host: string }; path: { host: string }[] };
    assert.equal(summary.entry.host, 'web01');
    const text = await capture(() => runTimeline([dir, '--host', 'DC01']));
    const lines = text.out.trim().split('\n');
    assert.ok(lines.length > 5 && lines.every((l) => / dc01 /.test(l)), text.out.slice(0, 500));
    const json = JSON.parse((await capture(() => runTimeline([dir, '--json', '--from', '2025-09-05T00:00:00Z', '--to', '2025-09-06']))).out) as { ts: string; eventIds: string[] }[];
    assert.ok(json.length > 0 && json.every((r) => r.ts >= '2025-09-05' && r.ts <= '2025-09-06T00:00:00.000000Z' && r.eventIds.length > 0));
    const ts = (await capture(() => runTimeline([dir, '--format', 'timesketch']))).out.trim().split('\n').map((l) => JSON.parse(l) as Record<string, unknown>);
    assert.ok(ts.length > 10);
    for (const r of ts) {
      assert.equal(typeof r.message, 'string');
      assert.match(String(r.datetime), /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{6}Z$/);
      assert.equal(typeof r.timestamp_desc, 'string');
      assert.equal(typeof r.timestamp, 'number');
    }
    await assert.rejects(runTimeline([dir, '--format', 'csv']), UsageError);
    await assert.rejects(runTimeline([dir, '--from', 'yesterday']), UsageError);
  });
});

test('CLI: timeline on a case that was never traced says how to trace it', async () => {
  const dir = await mkdtemp(join(tmpdir(), 'vt-trace-cli-'));
  try {
    const store = await openDuckDBCase(join(dir, 'c'), { create: true });
    await store.close();
    await assert.rejects(runTimeline([join(dir, 'c')]), (e: unknown) => e instanceof UsageError && /veritrace trace/.test(e.message));
    await assert.rejects(runTrace([]), UsageError);
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
});
