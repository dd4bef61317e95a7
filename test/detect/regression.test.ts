/**
 * Real-data tier: SigmaHQ's 202 regression cases. Each case's JSON twin (evtx_dump output) is loaded into one
 * case as its own evidence file; the whole SigmaHQ corpus runs once; each case's named rule must fire on its
 * own events. Other rules firing on the same events are counted and printed.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { SHARED_DATA, SKIP_NO_SHARED } from '../helpers/paths.js';
import { openDuckDBCase } from '../../src/store/index.js';
import { loadRuleFiles, runRuleSet, type RuleSet } from '../../src/detect/sigma-test-exports.js';
import { ingest } from '../../src/ingest/index.js';
import { flattenEvtxJson, splitJsonObjects } from './evtx-json.js';
import { expandInputs } from '../../src/ingest/files.js';

const SIGMA = join(SHARED_DATA, 'sigma');

/** Every file below `d`, sorted: the ingest stage's own folder walk. */
const walk = (d: string): Promise<string[]> => expandInputs([d]);

let ruleSet: Promise<RuleSet> | undefined;
const corpus = () => (ruleSet ??= loadRuleFiles(['rules', 'rules-emerging-threats', 'rules-threat-hunting', 'rules-compliance', 'rules-dfir'].map((x) => join(SIGMA, x)), { placeholders: {} }));

test('SigmaHQ regression data: each case fires its rule on its JSON twin', { skip: SKIP_NO_SHARED, timeout: 600_000 }, async () => {
  const files = await walk(join(SIGMA, 'regression_data'));
  const infos = files.filter((f) => f.endsWith('info.yml'));
  const set = await corpus();
  const dir = await mkdtemp(join(tmpdir(), 'vt-regr-'));
  const store = await openDuckDBCase(dir, { create: true });
  try {
    const cases: { rule: string; sha: string; name: string }[] = [];
    for (const info of infos) {
      const text = await readFile(info, 'utf8');
      const rule = /rule_metadata:\s*\n\s*-\s*id:\s*([0-9a-f-]+)/.exec(text)?.[1];
      const folder = info.slice(0, -'info.yml'.length);
      const json = files.find((f) => f.startsWith(folder) && f.endsWith('.json') && !f.slice(folder.length).includes('/'));
      assert.ok(rule, `case ${info} names a rule`);
      if (!json) { console.log(`regression: ${info} has no JSON twin (not an EVTX case), skipped`); continue; }
      const raw = await readFile(json, 'utf8');
      const sha = createHash('sha256').update(raw).digest('hex');
      const events = splitJsonObjects(raw).map((d, i) => flattenEvtxJson(d, i)).filter((e) => e !== null);
      assert.ok(events.length > 0, `${json} has events`);
      if (!(await store.hasEvidence(sha))) {
        await store.writeFile({ evidence: { sha256: sha, path: json, size: raw.length, format: 'evtx-json', gzip: false }, batches: (async function* () { yield { events }; })() });
      }
      cases.push({ rule, sha, name: folder.slice(join(SIGMA, 'regression_data').length + 1) });
    }
    const result = await runRuleSet(store, set, {});
    assert.deepEqual(result.rejected.filter((r) => r.code === 'runtime-error'), [], 'no rule fails at run time');
    const rows = await store.query<{ rule_id: string; evidence: string }>(
      `SELECT DISTINCT f.rule_id, e.evidence FROM findings f JOIN finding_events fe ON fe.finding_id = f.id JOIN events e ON e.id = fe.event_id`,
    );
    const fired = new Map<string, Set<string>>();
    for (const r of rows) {
      const s = fired.get(r.evidence) ?? new Set<string>();
      s.add(r.rule_id);
      fired.set(r.evidence, s);
    }
    const missing: string[] = [];
    const others: number[] = [];
    for (const c of cases) {
      const s = fired.get(c.sha) ?? new Set<string>();
      if (!s.has(c.rule)) missing.push(`${c.name} (rule ${c.rule})`);
      others.push([...s].filter((x) => x !== c.rule).length);
    }
    const hist = new Map<number, number>();
    for (const o of others) hist.set(o, (hist.get(o) ?? 0) + 1);
    console.log(`regression: ${cases.length} cases, ${cases.length - missing.length} fire their rule; other rules firing per case: ` +
      [...hist.entries()].sort((a, b) => a[0] - b[0]).map(([k, v]) => `${k} others×${v}`).join(', '));
    console.log(`regression: total findings ${result.findings}, rules with a JS regex fallback ${result.jsRegexRules.length}`);
    if (missing.length) console.log('regression: missing\n  ' + missing.join('\n  '));
    const pairs = async () => (await store.query<{ p: string }>(`SELECT f.rule_id || ' ' || fe.event_id AS p FROM findings f JOIN finding_events fe ON fe.finding_id = f.id ORDER BY 1`)).map((x) => x.p);
    const withPrefilter = await pairs();
    await runRuleSet(store, set, { settle: false });
    assert.deepEqual(await pairs(), withPrefilter, 'rules settled by the literal scan decide as their SQL does');
    await runRuleSet(store, set, { prefilter: false });
    assert.deepEqual(await pairs(), withPrefilter, 'the literal prefilter changes no result');
    assert.equal(cases.length, 202);
    assert.deepEqual(missing, []);
  } finally {
    await store.close();
    await rm(dir, { recursive: true, force: true });
  }
});

test('SigmaHQ regression data: each case fires its rule on its EVTX file (through the EVTX reader)', { skip: SKIP_NO_SHARED, timeout: 600_000 }, async () => {
  const files = await walk(join(SIGMA, 'regression_data'));
  const evtx = files.filter((f) => f.endsWith('.evtx'));
  const set = await corpus();
  const dir = await mkdtemp(join(tmpdir(), 'vt-regr-evtx-'));
  const store = await openDuckDBCase(dir, { create: true });
  try {
    const res = await ingest(store, evtx, { format: 'evtx' });
    await runRuleSet(store, set, {});
    const rows = await store.query<{ rule_id: string; evidence: string }>(
      `SELECT DISTINCT f.rule_id, e.evidence FROM findings f JOIN finding_events fe ON fe.finding_id = f.id JOIN events e ON e.id = fe.event_id`,
    );
    // Keyed by content: two cases share one byte-identical EVTX file, which the case stores once.
    const firedOn = new Map<string, Set<string>>();
    for (const r of rows) {
      const s = firedOn.get(r.evidence) ?? new Set<string>();
      s.add(r.rule_id);
      firedOn.set(r.evidence, s);
    }
    const missing: string[] = [];
    let cases = 0;
    for (const f of evtx) {
      const info = await readFile(join(f, '..', 'info.yml'), 'utf8');
      const rule = /rule_metadata:\s*\n\s*-\s*id:\s*([0-9a-f-]+)/.exec(info)?.[1]!;
      cases++;
      const sha = createHash('sha256').update(await readFile(f)).digest('hex');
      const fired = firedOn.get(sha) ?? new Set<string>();
      if (!fired.has(rule)) missing.push(`${f.slice(SIGMA.length + 1)} (rule ${rule})`);
    }
    console.log(`regression (EVTX): ${cases} files, ${res.events} events, ${res.failed} files failed to ingest, ${cases - missing.length} fire their rule`);
    if (missing.length) console.log('regression (EVTX): missing\n  ' + missing.join('\n  '));
    assert.equal(res.failed, 0);
    assert.deepEqual(missing, []);
  } finally {
    await store.close();
    await rm(dir, { recursive: true, force: true });
  }
});
