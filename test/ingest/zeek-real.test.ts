import { test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { basename, join } from 'node:path';
import { gunzipSync } from 'node:zlib';
import { isGzip, openInput } from '../../src/ingest/input.js';
import { zeekReader } from '../../src/ingest/readers/zeek/index.js';
import type { NormalizedEvent } from '../../src/model/index.js';
import { SHARED_DATA, SKIP_NO_SHARED } from '../helpers/paths.js';

const ZEEK = join(SHARED_DATA, 'zeek');

function walk(dir: string): string[] {
  if (!existsSync(dir)) return [];
  return readdirSync(dir).sort().flatMap((n) => {
    const p = join(dir, n);
    return statSync(p).isDirectory() ? walk(p) : [p];
  });
}

const logFiles = () => [...walk(join(ZEEK, 'baseline')), ...walk(join(ZEEK, 'brimdata'))].filter((f) => /\.(log|json)(\.gz)?$/.test(f));

/**
 * Records a file holds, counted independently of the reader: non-empty lines that are not `#` directives
 * (btest's `###` banner included), less one for zeek-cut output whose first line is the column names.
 */
function expectedRecords(text: string): { count: number; zeekCutHeader: boolean } {
  const lines = text.split('\n').map((l) => l.replace(/\r$/, '')).filter((l) => l.length > 0 && !l.startsWith('#'));
  const hasFields = /^#fields/m.test(text);
  const first = lines[0];
  const zeekCutHeader = !hasFields && first !== undefined && !first.startsWith('{')
    && first.split(first.includes('\t') || !first.includes('|') ? '\t' : '|').every((t) => /^[A-Za-z_][A-Za-z0-9_.]*$/.test(t));
  return { count: lines.length - (zeekCutHeader ? 1 : 0), zeekCutHeader };
}

async function readAll(path: string): Promise<{ events: NormalizedEvent[]; kinds: Set<string> }> {
  const events: NormalizedEvent[] = [];
  const kinds = new Set<string>();
  for await (const b of zeekReader.read(openInput(path, await isGzip(path)), {})) {
    for (const e of b.events) events.push(e);
    for (const a of b.anomalies ?? []) kinds.add(a.kind);
  }
  return { events, kinds };
}

test('every Zeek log of the shared corpus reads without error, one event per record', { skip: SKIP_NO_SHARED }, async (t) => {
  const files = logFiles();
  assert.ok(files.length > 600, `expected the Zeek corpus, found ${files.length} files`);
  const special: string[] = [];
  for (const f of files) {
    let raw = readFileSync(f);
    if (f.endsWith('.gz')) raw = gunzipSync(raw);
    const want = expectedRecords(raw.toString('utf8'));
    const { events, kinds } = await readAll(f);
    assert.equal(events.length, want.count, f);
    for (const k of kinds) assert.ok(['masked-time', 'missing-time', 'zeek-no-header'].includes(k), `${f}: unexpected anomaly ${k}`);
    for (const e of events) if (e.tsNs === null) assert.ok(kinds.has('masked-time') || kinds.has('missing-time') || !('ts' in e.fields) || kinds.has('zeek-no-header'), f);
    if (kinds.has('zeek-no-header')) special.push(`${f.slice(ZEEK.length + 1)}${want.zeekCutHeader ? ' (zeek-cut header line)' : ' (no header)'}`);
  }
  t.diagnostic(`${files.length} files; ${special.length} without #fields header`);
});

test('brimdata: the TSV and JSON renderings of each log agree on times and typed columns', { skip: SKIP_NO_SHARED }, async () => {
  const tsvDir = join(ZEEK, 'brimdata', 'zeek-default');
  for (const f of walk(tsvDir)) {
    const type = basename(f).replace(/\.log\.gz$/, '');
    if (type === 'dns' || type === 'ssl' || type === 'analyzer' || type === 'weird') continue; // the large ones: counts are checked above
    const tsv = (await readAll(f)).events;
    const json = (await readAll(join(ZEEK, 'brimdata', 'zeek-json', `${type}.json.gz`))).events;
    assert.equal(tsv.length, json.length, type);
    for (let i = 0; i < tsv.length; i++) {
      const a = tsv[i]!;
      const b = json[i]!;
      assert.equal(a.service, type);
      assert.equal(b.service, type);
      assert.deepEqual([a.tsNs, a.srcIp, a.srcPort, a.dstIp, a.dstPort, a.proto], [b.tsNs, b.srcIp, b.srcPort, b.dstIp, b.dstPort, b.proto], `${type} record ${i + 1}`);
      if (typeof a.fields['uid'] === 'string') assert.equal(a.fields['uid'], b.fields['uid']);
    }
  }
});
