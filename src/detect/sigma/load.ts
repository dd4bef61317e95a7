/**
 * Loading a rule set: files and folders → parsed documents, then the checks that need the whole set
 * (duplicate ids, correlation and filter references). Every document ends up loaded or rejected with a reason.
 */
import { readdir, readFile, stat } from 'node:fs/promises';
import { join } from 'node:path';
import { parseSigma, type CorrelationRule, type ModifierContext, type RuleRejection, type SigmaFilter, type SigmaRule } from './rule/index.js';
import { RuleError } from '../../model/index.js';

export interface RuleSet {
  rules: SigmaRule[];
  correlations: CorrelationRule[];
  filters: SigmaFilter[];
  rejected: RuleRejection[];
  files: number;
}

async function listFiles(p: string): Promise<string[]> {
  let st;
  try {
    st = await stat(p);
  } catch (e) {
    throw new RuleError({ file: p }, `cannot read rules: ${(e as Error).message}`, { cause: e });
  }
  if (!st.isDirectory()) return [p];
  const out: string[] = [];
  const entries = (await readdir(p, { withFileTypes: true })).sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
  for (const e of entries) {
    if (e.name.startsWith('.')) continue;
    const full = join(p, e.name);
    if (e.isDirectory()) out.push(...(await listFiles(full)));
    else if (/\.ya?ml$/i.test(e.name)) out.push(full);
  }
  return out;
}

/** Parse a rule set from texts already read (tests, one file). */
export function loadTexts(texts: readonly { source: string; text: string }[], ctx: ModifierContext): RuleSet {
  const set: RuleSet = { rules: [], correlations: [], filters: [], rejected: [], files: texts.length };
  const ids = new Set<string>();
  for (const { source, text } of texts) {
    for (const r of parseSigma(text, source, ctx)) {
      if (!r.ok) { set.rejected.push(r.rejection); continue; }
      const d = r.doc;
      if (ids.has(d.id)) {
        set.rejected.push({ code: 'duplicate-id', message: `id ${d.id} is already used by another loaded rule`, source: d.source, pos: d.pos, id: d.id, title: d.title });
        continue;
      }
      ids.add(d.id);
      if (d.type === 'rule') set.rules.push(d);
      else if (d.type === 'correlation') set.correlations.push(d);
      else set.filters.push(d);
    }
  }
  resolveCorrelations(set);
  return set;
}

/** Drop correlations whose references do not resolve (and those that depend on them), with the reason. */
function resolveCorrelations(set: RuleSet): void {
  for (;;) {
    const known = new Set<string>();
    for (const d of [...set.rules, ...set.correlations]) {
      known.add(d.id);
      if (d.name) known.add(d.name);
    }
    const bad = set.correlations.find((c) => c.rules.some((r) => !known.has(r)) || c.rules.includes(c.id) || (c.name !== undefined && c.rules.includes(c.name)));
    if (!bad) return;
    const missing = bad.rules.filter((r) => !known.has(r));
    set.rejected.push({
      code: 'correlation-reference', source: bad.source, pos: bad.pos, id: bad.id, title: bad.title,
      message: missing.length ? `correlation refers to rules that are not loaded: ${missing.join(', ')}` : 'correlation refers to itself',
    });
    set.correlations = set.correlations.filter((c) => c !== bad);
  }
}

export async function loadRuleFiles(paths: readonly string[], ctx: ModifierContext): Promise<RuleSet> {
  const files: string[] = [];
  for (const p of paths) files.push(...(await listFiles(p)));
  const texts: { source: string; text: string }[] = [];
  for (const f of files) texts.push({ source: f, text: await readFile(f, 'utf8') });
  return loadTexts(texts, ctx);
}
