/**
 * `detect`: load rules, evaluate them over the case, store findings.
 *
 * Speed with thousands of rules: rules are grouped by logsource; each group's events are selected once through a
 * small index (product, category, service, event id, Windows channel / auditd type: one JSON parse per event),
 * the fields the group reads are extracted from `raw` in one pass into a temporary table, and all the group's
 * rules run over it in a few UNION ALL statements, writing (rule, event) pairs. Findings are then written by SQL.
 * Correlations gather their rows with SQL and run their sliding windows in `sigma/correlation`.
 */
import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { CaseStore } from '../store/index.js';
import { compileIndicatorFiles } from './ioc/index.js';
import { detectDialect, type DetectDialect } from './dialect.js';
import { ensureFindingTables, findingId } from './findings.js';
import { CORR_TABLE_COLUMNS, pickMatches, toAnchorRows, windowSql, type CorrMatch } from './sigma/correlation/index.js';
import { filtersFor, rulePredicate, techniquesOf } from './sigma/compile-rule.js';
import { loadRuleFiles, type RuleSet } from './sigma/load.js';
import { planField, resolveLogsource, type ResolvedLogsource } from './sigma/pipeline/index.js';
import { toJsRegExp, type CorrelationRule, type SigmaRule } from './sigma/rule/index.js';
import { AtomTable, EventsResolver, LiteralDfa, GroupResolver, groupNumbers, logsourceSql, ruleKeys, settleRule, type JsRegexNeed, type SettledRule } from './sigma/sql/index.js';
import { LEVELS, type CompiledDetection, type DetectOptions, type DetectResult, type Level, type Rejected } from './types.js';

function findRepoRules(): string {
  let d = dirname(fileURLToPath(import.meta.url));
  for (;;) {
    if (existsSync(join(d, 'package.json')) && existsSync(join(d, 'rules'))) return join(d, 'rules');
    const up = dirname(d);
    if (up === d) return join(process.cwd(), 'rules');
    d = up;
  }
}
/** veritrace's own rules (`rules/` at the repository root). */
export const DEFAULT_RULES = findRepoRules();

interface Meta {
  r: number;
  kind: 'sigma' | 'correlation' | 'indicator';
  id: string;
  title: string;
  level: string;
  status?: string;
  author?: string;
  tags: string[];
  techniques: string[];
  source: string;
  emit: boolean;
}

const rank = (l: string) => {
  const i = LEVELS.indexOf(l as Level);
  return i < 0 ? 2 : i;
};

export async function detect(store: CaseStore, options: DetectOptions = {}): Promise<DetectResult> {
  const set = await loadRuleFiles(options.rules ?? [DEFAULT_RULES], { placeholders: options.placeholders ?? {} });
  if (!options.indicatorFiles?.length) return runRuleSet(store, set, options);
  const ioc = await compileIndicatorFiles(options.indicatorFiles, store.dialect);
  const result = await runRuleSet(store, set, { ...options, indicators: [...(options.indicators ?? []), ...ioc.compiled] });
  result.rejected.push(...ioc.rejected.map((r) => ({ source: r.source, id: r.id, code: `indicator-${r.code}`, message: r.reason })));
  return result;
}

export async function runRuleSet(store: CaseStore, set: RuleSet, options: DetectOptions = {}): Promise<DetectResult> {
  const d = detectDialect(store.dialect);
  const progress = options.onProgress ?? (() => undefined);
  const tStart = performance.now();
  const stats: ScanStats = { plan: 0, dfa: 0, wait: 0, scan: 0, chars: 0, pairs: 0, hits: 0 };
  const phase = (m: string) => progress(`${m} at ${((performance.now() - tStart) / 1000).toFixed(2)} s`);
  const minRank = rank(options.minLevel ?? 'informational');
  const byRef = new Map<string, SigmaRule | CorrelationRule>();
  for (const x of [...set.rules, ...set.correlations]) {
    byRef.set(x.id, x);
    if (x.name) byRef.set(x.name, x);
  }
  // Spec: rules referred to by a correlation produce no findings of their own unless `generate: true`.
  const silenced = new Set<string>();
  const needed = new Set<string>();
  const need = (ref: string) => {
    const t = byRef.get(ref);
    if (!t || needed.has(t.id)) return;
    needed.add(t.id);
    if (t.type === 'correlation') t.rules.forEach(need);
  };
  for (const c of set.correlations) {
    for (const ref of c.rules) {
      const t = byRef.get(ref);
      if (t && !c.generate) silenced.add(t.id);
    }
  }
  const emitted = (x: { id: string; level: string }) => rank(x.level) >= minRank && !silenced.has(x.id);
  for (const x of [...set.rules, ...set.correlations]) if (emitted(x)) need(x.id);

  const metas: Meta[] = [];
  const metaOf = new Map<string, Meta>();
  const addMeta = (m: Omit<Meta, 'r'>) => {
    const full = { ...m, r: metas.length };
    metas.push(full);
    metaOf.set(m.id, full);
    return full;
  };
  for (const rule of set.rules) {
    if (!needed.has(rule.id)) continue;
    addMeta({
      kind: 'sigma', id: rule.id, title: rule.title, level: rule.level, status: rule.status, author: rule.author,
      tags: [...rule.tags], techniques: techniquesOf(rule.tags), source: rule.source, emit: emitted(rule),
    });
  }
  const indicators = (options.indicators ?? []).filter((i) => rank(i.level) >= minRank);
  for (const i of indicators) addMeta({ ...i, kind: 'indicator', emit: true });

  for (const s of d.prelude) await store.exec(s);
  await store.exec(`CREATE OR REPLACE TEMP TABLE _vt_rx (k VARCHAR, id VARCHAR)`);
  // Matches as (rule, row id of `events`) while the rules run; their event ids and times are looked up once at the end.
  await store.exec(`CREATE OR REPLACE TEMP TABLE _vt_found (r INTEGER, gid BIGINT)`);
  await store.exec(`CREATE OR REPLACE TEMP TABLE _vt_idx AS SELECT ${d.rowId} AS rid, product, category, service, event_id,
    CASE WHEN product = 'windows' THEN ${d.jsonText('raw', ['Channel'])} WHEN service = 'auditd' THEN ${d.jsonText('raw', ['type'])} END AS sub FROM events`);

  const [{ hi }] = (await store.query<{ hi: number | null }>(`SELECT max(rid) AS hi FROM _vt_idx`)) as [{ hi: number | null }];
  const maxRow = Number(hi ?? -1);
  phase('index');
  const failed: { ruleId: string; message: string }[] = [];
  const jsRegexRules = new Set<string>();
  const groups = new Map<string, { ls: ResolvedLogsource; rules: SigmaRule[] }>();
  for (const rule of set.rules) {
    if (!metaOf.has(rule.id)) continue;
    const ls = resolveLogsource(rule.logsource);
    let g = groups.get(ls.key);
    if (!g) groups.set(ls.key, (g = { ls, rules: [] }));
    g.rules.push(rule);
  }
  let done = 0;
  for (const key of [...groups.keys()].sort()) {
    const g = groups.get(key)!;
    const t0 = performance.now();
    await runGroup(store, d, g.ls, g.rules, set, metaOf, failed, jsRegexRules, { prefilter: options.prefilter !== false, settle: options.settle !== false }, maxRow, progress, stats);
    done += g.rules.length;
    progress(`rules ${done}/${needed.size}: ${key} (${g.rules.length} rules, ${((performance.now() - t0) / 1000).toFixed(2)} s)`);
  }
  phase('rules');
  for (const i of indicators) await runIndicator(store, i, metaOf.get(i.id)!, failed);
  await store.exec(`CREATE OR REPLACE TEMP TABLE _vt_matches AS SELECT f.r, e.id, e.ts FROM _vt_found f JOIN events e ON e.${d.rowId} = f.gid`);
  await store.exec(`DROP TABLE IF EXISTS _vt_found`);

  const corrMatches = new Map<string, CorrMatch[]>();
  const evalCorr = async (c: CorrelationRule): Promise<CorrMatch[]> => {
    const hit = corrMatches.get(c.id);
    if (hit) return hit;
    // Chained correlations first (they use the same work table).
    const subs = new Map<number, CorrMatch[]>();
    for (let k = 0; k < c.rules.length; k++) {
      const t = byRef.get(c.rules[k]!)!;
      if (t.type === 'correlation') subs.set(k, await evalCorr(t));
    }
    await store.exec(`CREATE OR REPLACE TEMP TABLE _vt_corr ${CORR_TABLE_COLUMNS}`);
    for (let k = 0; k < c.rules.length; k++) {
      const t = byRef.get(c.rules[k]!)!;
      const fields = c.groupBy.map((gname) => aliasField(c, gname, c.rules[k]!, t));
      const sub = subs.get(k);
      if (sub) {
        // A sub-correlation's match is one row at its last event's time.
        await store.append('_vt_corr', ['g', 'ts', 'k', 'ids', 'ref', 'v'], sub.map((m) => [
          JSON.stringify(fields.map((f) => m.groups[f] ?? null)), m.lastTs, m.ids[0]!, JSON.stringify(m.ids), k, null,
        ]));
      } else if (t.type === 'rule') await store.exec(baseRowsSql(d, t, metaOf.get(t.id)!.r, k, fields, c.field));
    }
    const out = pickMatches(c, toAnchorRows(await store.query(windowSql(c, '_vt_corr'))));
    await store.exec(`DROP TABLE IF EXISTS _vt_corr`);
    corrMatches.set(c.id, out);
    return out;
  };
  const corrFindings: { c: CorrelationRule; m: CorrMatch }[] = [];
  for (const c of set.correlations) {
    if (!needed.has(c.id)) continue;
    const ms = await evalCorr(c);
    if (emitted(c)) for (const m of ms) corrFindings.push({ c, m });
  }

  phase('correlations');
  await writeFindings(store, metas, corrFindings);
  phase('findings');
  progress(`planning ${(stats.plan / 1000).toFixed(2)} s (automata ${(stats.dfa / 1000).toFixed(2)} s); literal scan: ${stats.chars} characters, `
    + `waiting for DuckDB ${(stats.wait / 1000).toFixed(2)} s, scanning ${(stats.scan / 1000).toFixed(2)} s; ${stats.hits} settled matches, ${stats.pairs} candidate pairs for SQL`);
  const perRule = await store.query<{ rule_id: string; title: string; level: string; n: number }>(
    `SELECT rule_id, title, level, count(*) AS n FROM findings GROUP BY rule_id, title, level ORDER BY rule_id`,
  );
  const total = perRule.reduce((a, b) => a + Number(b.n), 0);
  await store.exec(`DROP TABLE IF EXISTS _vt_idx`);
  await store.exec(`DROP TABLE IF EXISTS _vt_g`);
  await store.exec(`DROP TABLE IF EXISTS _vt_matches`);
  const rejected: Rejected[] = set.rejected.map((r) => ({
    source: r.pos ? `${r.source}:${r.pos.line}` : r.source, id: r.id, title: r.title, code: r.code, message: r.message,
  }));
  for (const f of failed) rejected.push({ source: metaOf.get(f.ruleId)?.source ?? '', id: f.ruleId, code: 'runtime-error', message: f.message });
  return {
    loaded: set.rules.length + set.correlations.length + set.filters.length + indicators.length,
    rejected,
    findings: total,
    perRule: perRule.map((p) => ({ ruleId: p.rule_id, title: p.title, level: p.level, findings: Number(p.n) })),
    jsRegexRules: [...jsRegexRules].sort(),
  };
}

function aliasField(c: CorrelationRule, groupName: string, ref: string, t: SigmaRule | CorrelationRule): string {
  const a = c.aliases.get(groupName);
  if (!a) return groupName;
  return a.get(ref) ?? (t.name ? a.get(t.name) : undefined) ?? a.get(t.id) ?? groupName;
}

/** A base rule's matches as correlation rows (`window.ts`): group-by values and `field` read from the events. */
function baseRowsSql(d: DetectDialect, rule: SigmaRule, r: number, ref: number, fields: string[], valueField?: string): string {
  const res = new EventsResolver(d, resolveLogsource(rule.logsource));
  const g = d.jsonArrayText(fields.map((f) => res.field(f).text));
  const value = valueField ? res.field(valueField).text : 'NULL';
  return `INSERT INTO _vt_corr SELECT ${g}, ${d.epochNs('m.ts')}, m.id, ${d.jsonArrayText(['m.id'])}, ${ref}, CAST(${value} AS VARCHAR)
    FROM _vt_matches m JOIN events ON events.id = m.id WHERE m.r = ${r} AND m.ts IS NOT NULL`;
}

async function runGroup(
  store: CaseStore, d: DetectDialect, ls: ResolvedLogsource, rules: SigmaRule[], set: RuleSet,
  metaOf: Map<string, Meta>, failed: { ruleId: string; message: string }[], jsRegexRules: Set<string>,
  how: { prefilter: boolean; settle: boolean }, maxRow: number,
  progress: (m: string) => void, stats: ScanStats,
): Promise<void> {
  const tplan = performance.now();
  const gr = new GroupResolver(d, ls);
  // A rule's SQL predicate, compiled only for the rules SQL decides.
  const sqlOf = (rule: SigmaRule): string => {
    const before = gr.regexes.size;
    const p = rulePredicate(gr, rule, filtersFor(rule, set.filters));
    if (gr.regexes.size > before || /_vt_rx/.test(p)) jsRegexRules.add(rule.id);
    return p;
  };
  // Candidate literals (sigma/sql/prefilter.ts): a rule with a necessary literal is tested only on the rows where
  // one of its literals occurs (found for all rules at once by Aho-Corasick over each field); the others are tested
  // on every row of the group, in one pass per chunk.
  // A keyed rule whose whole predicate is literal tests is settled by the scan itself (settle.ts): no SQL.
  const keyed: { rule: SigmaRule; p: string; r: number; settled: SettledRule | null }[] = [];
  const scanned: { rule: SigmaRule; p: string; r: number }[] = [];
  const atoms = new AtomTable();
  const byField = new Map<string, [string, number][]>();
  // Clauses numbered densely across the group's keyed rules (clause j belongs to keyed rule clauseRule[j]).
  const clauseRule: number[] = [];
  const ruleNeed: number[] = [];
  for (const rule of rules) {
    const r = metaOf.get(rule.id)!.r;
    let keys = how.prefilter ? ruleKeys(rule, (f) => gr.scanKind(f) === 'numeric') : null;
    // Array-valued fields (auditd) are matched per element in SQL; the scan reads one text per row, so no prefilter.
    if (keys && keys.some((c) => [...c.keys()].some((f) => gr.isMulti(f)))) keys = null;
    // The literal scan frames values with U+0002/U+0003 and blanks U+0002–U+0003 inside them (scanSql); a
    // literal holding one would never be found.
    if (keys && keys.some((c) => [...c.values()].some((ls) => [...ls].some((l) => /[\u0001-\u0003]/.test(l))))) keys = null;
    if (!keys) { scanned.push({ rule, p: sqlOf(rule), r }); continue; }
    const q = keyed.length;
    const settled = how.settle ? settleRule(rule, filtersFor(rule, set.filters), (f) => gr.scanKind(f), atoms) : null;
    keyed.push({ rule, p: settled ? '' : sqlOf(rule), r, settled });
    // A settled rule is decided exactly whatever wakes it, so its most selective clause alone is its trigger (fewer
    // literal hits per row); a rule SQL decides keeps every clause, so that it has as few candidate rows as can be.
    const trigger = settled ? keys.slice(0, 1) : keys;
    ruleNeed.push(trigger.length);
    for (const clause of trigger) {
      const j = clauseRule.length;
      clauseRule.push(q);
      for (const [field, lits] of clause) {
        const l = byField.get(field) ?? [];
        for (const lit of lits) l.push([lit, j]);
        byField.set(field, l);
      }
    }
  }
  // One automaton per scanned column: clause literals over the field's lower-cased text, atoms over the column the
  // settled test reads (the same text, or an integer column's digits).
  const byCol = new Map<string, [string, number][]>();
  const add = (col: string, pats: [string, number][]) => {
    const l = byCol.get(col);
    if (l) for (const p of pats) l.push(p);
    else byCol.set(col, [...pats]);
  };
  // Absent / empty tests are seen at the value's frame, not by the automaton.
  const frameAtoms = new Map<string, { nul: number[]; empty: number[] }>();
  for (const [field, pats] of byField) add(gr.field(field).lower, pats);
  atoms.atoms.forEach((a, i) => {
    const col = gr.scanColumn(a.field, a.numeric);
    if (a.test === 'pattern') { add(col, [[a.pattern, ~i]]); return; } // atoms as negative values
    add(col, []);
    if (a.test === 'like') return;
    const f = frameAtoms.get(col) ?? { nul: [], empty: [] };
    (a.test === 'null' ? f.nul : f.empty).push(i);
    frameAtoms.set(col, f);
  });
  const tp = performance.now();
  const matchers = [...byCol].map(([col, pats]) => ({
    col, ac: new LiteralDfa(pats), nul: Int32Array.from(frameAtoms.get(col)?.nul ?? []), empty: Int32Array.from(frameAtoms.get(col)?.empty ?? []),
  }));
  // Like atoms: tested on their column's value in the scan text when a rule using them is a candidate.
  const colIndex = new Map(matchers.map((m, i) => [m.col, i]));
  const likes = new Map<number, { col: number; re: RegExp }>();
  atoms.atoms.forEach((a, i) => { if (a.test === 'like') likes.set(i, { col: colIndex.get(gr.scanColumn(a.field, a.numeric))!, re: a.re! }); });
  stats.dfa += performance.now() - tp;
  const sqlKeyed = keyed.filter((x) => x.settled === null);
  stats.plan += performance.now() - tplan;
  const viaIndex = ls.variants.some((v) => v.channels || v.rawTypes);
  // The group's rows are a view (its fields extracted from `raw` as they are read), never a copy: the literal scan
  // reads it once per block of rows, the rules without literals once per slice. Only the candidate rows of the
  // rules that SQL decides are written to a table (`_vt_g`), a small part of the group.
  // When every rule names the event ids it can match (narrow.ts), the group is only those events: a filter on the
  // stored column, applied before `raw` is read.
  const idCol = planField(ls, 'EventID').sources.find((x) => x.kind === 'hot' && x.numeric);
  const ids = how.prefilter && idCol && idCol.kind === 'hot' ? groupNumbers(rules, 'EventID') : null;
  const narrow = ids && idCol && idCol.kind === 'hot' ? ` AND ${idCol.column} IN (${ids.length ? ids.join(', ') : 'NULL'})` : '';
  // Blocks of SCAN_ROWS rows of the group (not of `events`: a small group spread over a large case is one block),
  // as ranges of row ids: their first rows, found from stored columns or the run's index (cheap).
  const groupRows = viaIndex
    ? `SELECT rid FROM _vt_idx WHERE ${logsourceSql(d, ls, { channel: 'sub', rawType: 'sub' })}${narrow}`
    : `SELECT ${d.rowId} AS rid FROM events WHERE ${logsourceSql(d, ls, { channel: 'NULL', rawType: 'NULL' })}${narrow}`;
  const marks = await store.query<{ rid: number; first: boolean; last: boolean }>(
    `SELECT rid, (n - 1) % ${SCAN_ROWS} = 0 AS first, n = total AS last
     FROM (SELECT rid, row_number() OVER (ORDER BY rid) AS n, count(*) OVER () AS total FROM (${groupRows}))
     WHERE (n - 1) % ${SCAN_ROWS} = 0 OR n = total ORDER BY rid`);
  if (marks.length === 0) return;
  const hi = Math.min(Number(marks[marks.length - 1]!.rid), maxRow) + 1;
  const starts = marks.filter((m) => m.first).map((m) => Number(m.rid)).filter((r) => r < hi);
  const blocks: [number, number][] = starts.map((r, i) => [r, i + 1 < starts.length ? starts[i + 1]! : hi]);
  const rowFilter = (lo: number, end: number) => {
    const range = (col: string) => `${col} >= ${lo} AND ${col} < ${end}`;
    return viaIndex
      // The stored-column part of the logsource again, outside the semi-join: DuckDB filters the scan with it and
      // reads `raw` only for the rows it keeps (about half the time of the process_creation group).
      ? `(${range(d.rowId)} AND ${logsourceSql(d, ls, { channel: null, rawType: null })}${narrow} AND ${d.rowId} IN (SELECT rid FROM _vt_idx WHERE ${range('rid')} AND ${logsourceSql(d, ls, { channel: 'sub', rawType: 'sub' })}${narrow}))`
      : `(${range(d.rowId)} AND ${logsourceSql(d, ls, { channel: 'NULL', rawType: 'NULL' })}${narrow})`;
  };
  const plan = {
    clauseRule: Int32Array.from(clauseRule), ruleNeed: Int32Array.from(ruleNeed), ruleR: keyed.map((x) => x.r),
    settled: keyed.map((x) => x.settled), atoms: atoms.atoms.length, likes,
  };
  // Slices of SLICE_BLOCKS blocks bound what one statement of SQL-decided rules and the candidate table hold.
  for (let k = 0; k < blocks.length; k += SLICE_BLOCKS) await runSlice(blocks.slice(k, k + SLICE_BLOCKS));

  async function runSlice(sliceBlocks: [number, number][]): Promise<void> {
    const lo = sliceBlocks[0]![0];
    const end = sliceBlocks[sliceBlocks.length - 1]![1];
    let tt = performance.now();
    const lap = (m: string) => { progress(`  ${ls.key} ${m} ${((performance.now() - tt) / 1000).toFixed(2)} s`); tt = performance.now(); };
    const V = '_vt_gv';
    await store.exec(gr.materialize(V, rowFilter(lo, end), true));
    for (const need of gr.regexes.values()) await runJsRegex(store, gr, need, V);
    // Rules without literals ride along in the literal scan's pass when they are few (and all run there).
    let folded = keyed.length > 0 && scanned.length <= CHUNK;
    if (keyed.length) {
      await store.exec(`CREATE OR REPLACE TEMP TABLE _vt_cand (r INTEGER, gid BIGINT)`);
      // Each block's own query: its row range reaches the scan of `events` (and the index semi-join) directly.
      const blockSql = (k: number) => scanSql(matchers, gr.select(rowFilter(...sliceBlocks[k]!)), folded ? scanned.filter((x) => !failed.some((f) => f.ruleId === x.rule.id)) : []);
      try {
        await scanBlocks(store, matchers, plan, sliceBlocks.length, blockSql, stats);
      } catch (e) {
        if (!folded) throw e;
        // A rule's predicate fails at run time: scan again without those rules; they run on their own (below),
        // where the failing one is found and reported.
        folded = false;
        await store.exec(`DELETE FROM _vt_cand`);
        // Only this group's rules (other groups' rows share the range).
        await store.exec(`DELETE FROM _vt_found WHERE gid >= ${lo} AND gid < ${end} AND r IN (${[...keyed, ...scanned].map((x) => x.r).join(', ')})`);
        await scanBlocks(store, matchers, plan, sliceBlocks.length, blockSql, stats);
      }
      if (sqlKeyed.length) {
        // The candidate rows picked from `events` (within the slice's range) before any field is extracted.
        await store.exec(gr.materialize('_vt_g', `${d.rowId} >= ${lo} AND ${d.rowId} < ${end} AND ${d.rowId} IN (SELECT DISTINCT gid FROM _vt_cand)`, false));
      }
    }
    lap('candidates');
    const run = async (xs: typeof scanned, sql: (ys: typeof scanned) => string) => {
      for (let i = 0; i < xs.length; i += CHUNK) {
        const chunk = xs.slice(i, i + CHUNK).filter((x) => !failed.some((f) => f.ruleId === x.rule.id));
        if (chunk.length === 0) continue;
        try {
          await store.exec(sql(chunk));
        } catch {
          // Find the rule that fails and report it (once); the others still run.
          for (const x of chunk) {
            if (failed.some((f) => f.ruleId === x.rule.id)) continue;
            try {
              await store.exec(sql([x]));
            } catch (e) {
              failed.push({ ruleId: x.rule.id, message: (e as Error).message.split('\n')[0]! });
            }
          }
        }
      }
    };
    // One pass over the group per chunk of rules: every rule's predicate is evaluated on a vector while it is in cache.
    if (!folded) await run(scanned, (xs) => xs.length === 1
      ? `INSERT INTO _vt_found SELECT ${xs[0]!.r} AS r, rid FROM ${V} WHERE ${xs[0]!.p}`
      : `INSERT INTO _vt_found SELECT r, rid FROM (SELECT rid, unnest(list_filter([${xs.map((x) => `CASE WHEN ${x.p} THEN ${x.r} END`).join(', ')}], x -> x IS NOT NULL)) AS r FROM ${V})`);
    lap('scanned');
    // Candidate rows only; each rule's predicate runs where the row lists the rule (AND short-circuits).
    if (sqlKeyed.length) {
      await run(sqlKeyed, (xs) => `INSERT INTO _vt_found SELECT c.r, g.rid FROM _vt_cand c JOIN _vt_g g ON g.rid = c.gid
        WHERE c.r IN (${xs.map((x) => x.r).join(', ')}) AND (CASE c.r ${xs.map((x) => `WHEN ${x.r} THEN ${x.p}`).join(' ')} END)`);
    }
    lap('keyed');
    await store.exec(`DROP TABLE IF EXISTS _vt_cand`);
    await store.exec(`DROP TABLE IF EXISTS _vt_g`);
    await store.exec(`DROP VIEW IF EXISTS ${V}`);
  }
}

/** Where a run's time went (progress messages only: never in results, which stay deterministic). */
export interface ScanStats { plan: number; dfa: number; wait: number; scan: number; chars: number; pairs: number; hits: number }
/** Rows of a group per block of the literal scan (one text out of DuckDB: bounded memory for any input size). */
const SCAN_ROWS = 65_536;
/** Blocks per slice (SQL-decided rules and their candidate table, rules without literals when not in the scan). */
const SLICE_BLOCKS = 16;
/** Rules per statement. */
const CHUNK = 200;
/** Ends each value (and the row id) in the text handed to the literal scan (see scanSql). */
const SEP = 3;
const SEP_CHAR = String.fromCharCode(SEP);

/**
 * U+0002 value U+0003 (an absent field is a lone U+0003; a value's own U+0002/U+0003 become U+0001, replaced only
 * in the values that hold one: two searches cost less than two copies).
 */
// `||`, not concat(): concat() reads NULL as '' and would frame an absent field as an empty one.
const framed = (c: string) => `COALESCE(chr(2) || CASE WHEN contains(${c}, chr(2)) OR contains(${c}, chr(${SEP})) THEN replace(replace(${c}, chr(2), chr(1)), chr(${SEP}), chr(1)) ELSE ${c} END || chr(${SEP}), chr(${SEP}))`;

/**
 * The literal scan's text for a block of a group's rows (`from`: their SELECT). Each row is its row id, its
 * fields framed (no literal holds U+0001–U+0003, so no occurrence is lost and the frame marks only the value's
 * ends), then the `also` rules it matches (rules without literals, whose predicates DuckDB evaluates in the same
 * pass so that the fields are extracted once; comma-separated numbers) and U+0003. Rows carry their id, so the
 * order of the rows in the aggregate does not matter. One concat (a chain of || copies the growing text per part).
 */
function scanSql(matchers: { col: string }[], from: string, also: { p: string; r: number }[]): string {
  const matched = also.length === 0 ? `''`
    : `COALESCE(array_to_string(list_filter([${also.map((x) => `CASE WHEN ${x.p} THEN ${x.r} END`).join(', ')}], x -> x IS NOT NULL), ','), '')`;
  const row = `concat(CAST(rid AS VARCHAR), chr(${SEP})${matchers.map((m) => `, ${framed(m.col)}`).join('')}, ${matched}, chr(${SEP}))`;
  return `SELECT string_agg(${row}, '') AS t FROM (${from})`;
}

/**
 * Blocks of a group's rows through the literal scan: candidate (rule, row) pairs of the rules SQL decides into
 * `_vt_cand`, matches of the settled rules and of the rules riding along into `_vt_found`. A row is a candidate of
 * a rule when every clause of the rule has a literal occurring in its field. DuckDB computes the next block's text
 * while this thread scans the current one.
 */
async function scanBlocks(
  store: CaseStore, matchers: { ac: LiteralDfa; nul: Int32Array; empty: Int32Array }[],
  plan: { clauseRule: Int32Array; ruleNeed: Int32Array; ruleR: number[]; settled: (SettledRule | null)[]; atoms: number; likes: Map<number, { col: number; re: RegExp }> },
  blocks: number, blockSql: (k: number) => string, stats: ScanStats,
): Promise<void> {
  // Per-row bookkeeping in typed arrays stamped with the row number (no clearing between rows).
  const { clauseRule, ruleNeed, ruleR, settled } = plan;
  const atomStamp = new Int32Array(plan.atoms);
  const likeStamp = new Int32Array(plan.atoms);
  const segStart = new Int32Array(matchers.length);
  const pending: number[] = [];
  const clauseStamp = new Int32Array(clauseRule.length);
  const ruleStamp = new Int32Array(ruleNeed.length);
  const ruleCount = new Int32Array(ruleNeed.length);
  let stamp = 0;
  let gid = 0;
  let pairs: unknown[][] = [];
  let hits: unknown[][] = [];
  const hit = (j: number) => {
    if (j < 0) { atomStamp[~j] = stamp; return; }
    if (clauseStamp[j] === stamp) return;
    clauseStamp[j] = stamp;
    const q = clauseRule[j]!;
    const c = ruleStamp[q] === stamp ? ruleCount[q]! + 1 : 1;
    ruleStamp[q] = stamp;
    ruleCount[q] = c;
    if (c === ruleNeed[q]) {
      if (settled[q]) pending.push(q); // decided once the whole row is scanned
      else pairs.push([ruleR[q], gid]);
    }
  };
  const query = (k: number) => store.query<{ t: string | null }>(blockSql(k));
  let next: ReturnType<typeof query> | null = blocks > 0 ? query(0) : null;
  for (let k = 0; next !== null; k++) {
    let t0 = performance.now();
    const [res] = await next;
    stats.wait += performance.now() - t0;
    // The connection is free: store the previous block's results, then start the next block's query.
    await store.append('_vt_cand', ['r', 'gid'], pairs);
    await store.append('_vt_found', ['r', 'gid'], hits);
    stats.pairs += pairs.length; stats.hits += hits.length;
    pairs = [];
    hits = [];
    next = k + 1 < blocks ? query(k + 1) : null;
    t0 = performance.now();
    const text = res?.t ?? '';
    stats.chars += text.length;
    let pos = 0;
    while (pos < text.length) {
      // The row id's digits (no substring per row).
      gid = 0;
      for (let u = text.charCodeAt(pos); u !== SEP && pos < text.length; u = text.charCodeAt(++pos)) gid = gid * 10 + (u - 48);
      pos++;
      let end: number;
      stamp++;
      for (let i = 0; i < matchers.length; i++) {
        const m = matchers[i]!;
        segStart[i] = pos;
        if (m.nul.length && text.charCodeAt(pos) === SEP) for (const a of m.nul) atomStamp[a] = stamp;
        else if (m.empty.length && text.charCodeAt(pos + 1) === SEP && text.charCodeAt(pos) === 2) for (const a of m.empty) atomStamp[a] = stamp;
        pos = m.ac.segment(text, pos, SEP, hit);
      }
      for (const q of pending) {
        const sr = settled[q]!;
        for (const a of sr.likes) {
          if (likeStamp[a] === stamp) continue;
          likeStamp[a] = stamp;
          const lk = plan.likes.get(a)!;
          const p = segStart[lk.col]!;
          if (text.charCodeAt(p) === 2 && lk.re.test(text.slice(p + 1, text.indexOf(SEP_CHAR, p)))) atomStamp[a] = stamp;
        }
        if (sr.test(atomStamp, stamp)) hits.push([ruleR[q], gid]);
      }
      pending.length = 0;
      end = text.indexOf(SEP_CHAR, pos);
      if (end > pos) for (const r of text.slice(pos, end).split(',')) hits.push([Number(r), gid]);
      pos = end + 1;
    }
    stats.scan += performance.now() - t0;
  }
  await store.append('_vt_cand', ['r', 'gid'], pairs);
  await store.append('_vt_found', ['r', 'gid'], hits);
  stats.pairs += pairs.length; stats.hits += hits.length;
}

/** Documented fallback: a regex RE2 cannot take (lookaround, backreference) is run with JS RegExp over the group's non-null values. */
async function runJsRegex(store: CaseStore, gr: GroupResolver, need: JsRegexNeed, table: string): Promise<void> {
  const re = toJsRegExp(need.pattern, need.flags);
  const col = gr.textColumn(need.field);
  const rows = await store.query<{ id: string; v: string }>(`SELECT id, ${col} AS v FROM ${table} WHERE ${col} IS NOT NULL`);
  const hits = rows.filter((r) => re.test(r.v)).map((r) => [need.key, r.id]);
  await store.append('_vt_rx', ['k', 'id'], hits);
}

async function runIndicator(store: CaseStore, i: CompiledDetection, m: Meta, failed: { ruleId: string; message: string }[]): Promise<void> {
  try {
    await store.exec(`INSERT INTO _vt_found SELECT ${m.r} AS r, ${detectDialect(store.dialect).rowId} FROM events WHERE ${i.where}`);
  } catch (e) {
    failed.push({ ruleId: i.id, message: (e as Error).message.split('\n')[0]! });
  }
}

async function writeFindings(store: CaseStore, metas: Meta[], corr: { c: CorrelationRule; m: CorrMatch }[]): Promise<void> {
  await ensureFindingTables(store);
  const d = store.dialect;
  const cols = ['r', 'kind', 'rule_id', 'title', 'level', 'status', 'author', 'tags', 'techniques', 'source'];
  await store.exec(`CREATE OR REPLACE TEMP TABLE _vt_rules (r INTEGER, kind VARCHAR, rule_id VARCHAR, title VARCHAR, level VARCHAR, status VARCHAR, author VARCHAR, tags VARCHAR, techniques VARCHAR, source VARCHAR)`);
  await store.append('_vt_rules', cols, metas.filter((m) => m.emit).map((m) => [
    m.r, m.kind, m.id, m.title, m.level, m.status ?? null, m.author ?? null, JSON.stringify(m.tags), JSON.stringify(m.techniques), m.source,
  ]));
  // Each single-event finding's id computed once, for both tables.
  const fid = `${detectDialect(d).sha256Hex(`r.rule_id || chr(10) || m.id`)}`;
  await store.exec(`CREATE OR REPLACE TEMP TABLE _vt_fm AS SELECT ${fid} AS fid, m.r, m.id, m.ts FROM _vt_matches m JOIN _vt_rules r ON r.r = m.r`);
  await store.transaction(async () => {
    await store.exec(`DELETE FROM finding_events`);
    await store.exec(`DELETE FROM findings`);
    await store.exec(`INSERT INTO findings SELECT f.fid, r.kind, r.rule_id, r.title, r.level, r.status, r.author, r.tags, r.techniques, r.source, f.ts, f.ts, 1, NULL
      FROM _vt_fm f JOIN _vt_rules r ON r.r = f.r`);
    await store.exec(`INSERT INTO finding_events SELECT fid, id FROM _vt_fm`);
    const rows: unknown[][] = [];
    const evs: unknown[][] = [];
    for (const { c, m } of corr) {
      const id = findingId(c.id, m.ids);
      rows.push([id, 'correlation', c.id, c.title, c.level, c.status ?? null, c.author ?? null, JSON.stringify(c.tags), JSON.stringify(techniquesOf(c.tags)),
        c.source, m.firstTs, m.lastTs, m.ids.length, JSON.stringify(m.groups)]);
      for (const e of m.ids) evs.push([id, e]);
    }
    await store.append('findings', ['id', 'kind', 'rule_id', 'title', 'level', 'status', 'author', 'tags', 'techniques', 'source', 'first_ts', 'last_ts', 'event_count', 'group_by'], rows);
    await store.append('finding_events', ['finding_id', 'event_id'], evs);
  });
  await store.exec(`DROP TABLE IF EXISTS _vt_rules`);
  await store.exec(`DROP TABLE IF EXISTS _vt_fm`);
}
