/**
 * YAML text → parsed Sigma documents (rules, correlations, filters), each with its source position, or a
 * rejection with a reason code. Multi-document files (a correlation with its base rules) are split here.
 */
import { createHash } from 'node:crypto';
import { LineCounter, parseAllDocuments, isMap, isScalar, isSeq, type Node, type Scalar, type YAMLMap } from 'yaml';
import { parseCondition } from './condition.js';
import { applyModifiers, FLAG_MODIFIERS, KNOWN_MODIFIERS, type ModifierContext, type RawValue } from './modifiers.js';
import {
  Reject, type Condition, type CorrelationRule, type CorrelationType, type CountOp, type FieldMatch, type Logsource, type Pos,
  type RuleMeta, type RuleRejection, type Selection, type SigmaDocument, type SigmaValue,
} from './types.js';

type Parsed = { ok: true; doc: SigmaDocument } | { ok: false; rejection: RuleRejection };

interface Cx extends ModifierContext {
  lc: LineCounter;
}

const pos = (cx: Cx, n: Node | null | undefined): Pos => {
  const p = cx.lc.linePos(n?.range?.[0] ?? 0);
  return { line: p.line, col: p.col };
};

function scalarRaw(cx: Cx, n: Scalar): RawValue {
  const v = n.value;
  const value = v === null || v === undefined ? null : typeof v === 'number' || typeof v === 'boolean' || typeof v === 'string' ? v : String(v);
  const text = n.type === 'PLAIN' && n.source !== undefined ? String(n.source) : typeof value === 'string' ? value : String(value);
  return { value, text, pos: pos(cx, n) };
}

function mapGet(m: YAMLMap, key: string): Node | null {
  for (const p of m.items) if (isScalar(p.key) && String(p.key.value) === key) return (p.value as Node) ?? null;
  return null;
}

function str(cx: Cx, m: YAMLMap, key: string, required: boolean): string | undefined {
  const n = mapGet(m, key);
  if (n === null || (isScalar(n) && n.value === null)) {
    if (required) throw new Reject('missing-field', `missing "${key}"`, pos(cx, m));
    return undefined;
  }
  if (!isScalar(n)) throw new Reject('invalid-field', `"${key}" must be a scalar`, pos(cx, n));
  return scalarRaw(cx, n).text;
}

function strList(cx: Cx, m: YAMLMap, key: string): string[] {
  const n = mapGet(m, key);
  if (n === null) return [];
  if (isScalar(n)) return n.value === null ? [] : [scalarRaw(cx, n).text];
  if (!isSeq(n)) throw new Reject('invalid-field', `"${key}" must be a list`, pos(cx, n));
  return n.items.map((x) => {
    if (!isScalar(x)) throw new Reject('invalid-field', `"${key}" items must be scalars`, pos(cx, x as Node));
    return scalarRaw(cx, x).text;
  });
}

function fieldMatch(cx: Cx, key: string, value: Node | null, at: Pos): FieldMatch {
  const [field, ...mods] = key.split('|');
  for (const m of mods) if (!KNOWN_MODIFIERS.has(m)) throw new Reject('unknown-modifier', `unknown modifier "${m}" in "${key}"`, at);
  const all = mods.includes('all');
  const valueMods = mods.filter((m) => !FLAG_MODIFIERS.has(m));
  let raws: RawValue[];
  if (value === null || (isScalar(value) && value.value === null)) raws = [{ value: null, text: 'null', pos: at }];
  else if (isScalar(value)) raws = [scalarRaw(cx, value)];
  else if (isSeq(value)) {
    raws = value.items.map((x) => {
      if (!isScalar(x)) throw new Reject('invalid-field', `values of "${key}" must be scalars`, pos(cx, x as Node));
      return scalarRaw(cx, x);
    });
    if (raws.length === 0) throw new Reject('invalid-field', `"${key}" has an empty value list`, at);
    if (raws.length > 1 && raws.some((r) => r.value === null)) throw new Reject('null-in-list', `"${key}": null cannot be part of a value list (spec: make it its own selection)`, at);
  } else throw new Reject('invalid-field', `value of "${key}" must be a scalar or a list`, at);
  const values: SigmaValue[][] = raws.map((r) => applyModifiers(valueMods, r, cx));
  return { field: field === '' ? null : field!, modifiers: mods, values, all, cased: mods.includes('cased'), neq: mods.includes('neq'), pos: at };
}

function selection(cx: Cx, n: Node): Selection {
  const at = pos(cx, n);
  if (isMap(n)) {
    const matches = n.items.map((p) => {
      if (!isScalar(p.key)) throw new Reject('invalid-field', 'field names must be scalars', at);
      return fieldMatch(cx, String(p.key.value ?? ''), (p.value as Node) ?? null, pos(cx, p.key as Node));
    });
    return { kind: 'map', matches, pos: at };
  }
  if (isSeq(n)) {
    const scalars = n.items.filter((x) => isScalar(x)) as Scalar[];
    const maps = n.items.filter((x) => !isScalar(x)) as Node[];
    const items: Selection[] = maps.map((x) => selection(cx, x));
    if (scalars.length) {
      const raws = scalars.map((s) => scalarRaw(cx, s));
      items.unshift({ kind: 'map', pos: at, matches: [{ field: null, modifiers: [], values: raws.map((r) => applyModifiers([], r.value === null ? r : { ...r, value: r.text }, cx)), all: false, cased: false, neq: false, pos: at }] });
    }
    if (items.length === 0) throw new Reject('invalid-field', 'empty search identifier', at);
    return items.length === 1 ? items[0]! : { kind: 'anyOf', items, pos: at };
  }
  if (isScalar(n)) return selection(cx, { ...n, items: [n] } as unknown as Node);
  throw new Reject('invalid-field', 'a search identifier must be a map or a list', at);
}

function detectionBody(cx: Cx, det: Node | null, where: string): { selections: Map<string, Selection>; condition: Condition } {
  if (!det || !isMap(det)) throw new Reject('missing-field', `missing "${where}" map`, det ? pos(cx, det) : undefined);
  const selections = new Map<string, Selection>();
  let condNode: Node | null = null;
  for (const p of det.items) {
    const k = isScalar(p.key) ? String(p.key.value) : '';
    if (k === 'condition') condNode = (p.value as Node) ?? null;
    else if (k === 'timeframe' || k === 'rules') continue; // timeframe: v1 aggregation window, meaningless without one
    else selections.set(k, selection(cx, p.value as Node));
  }
  if (!condNode) throw new Reject('missing-field', `missing "${where}.condition"`, pos(cx, det));
  const ids = [...selections.keys()];
  const texts = isSeq(condNode) ? condNode.items.map((x) => String((x as Scalar).value)) : [String((condNode as Scalar).value)];
  const conds = texts.map((t) => parseCondition(t, ids, pos(cx, condNode)));
  return { selections, condition: conds.length === 1 ? conds[0]! : { kind: 'or', args: conds } };
}

function logsource(cx: Cx, m: YAMLMap): Logsource {
  const n = mapGet(m, 'logsource');
  if (!n || !isMap(n)) throw new Reject('missing-field', 'missing "logsource"', pos(cx, m));
  const lower = (k: string) => str(cx, n, k, false)?.toLowerCase();
  const ls: { product?: string; category?: string; service?: string } = {};
  const p = lower('product'); const c = lower('category'); const s = lower('service');
  if (p) ls.product = p;
  if (c) ls.category = c;
  if (s) ls.service = s;
  return ls;
}

const TIMESPAN = /^(\d+)([smhdwMy])$/;
const UNIT_NS: Record<string, bigint> = { s: 1_000_000_000n, m: 60_000_000_000n, h: 3_600_000_000_000n, d: 86_400_000_000_000n, w: 604_800_000_000_000n, M: 2_592_000_000_000_000n, y: 31_536_000_000_000_000n };
const CORR_TYPES = new Set<CorrelationType>(['event_count', 'value_count', 'temporal', 'temporal_ordered', 'value_sum', 'value_avg', 'value_percentile']);
const COUNT_OPS = new Set<CountOp>(['gt', 'gte', 'lt', 'lte', 'eq', 'neq']);

function correlation(cx: Cx, m: YAMLMap, meta: RuleMeta): CorrelationRule {
  const c = mapGet(m, 'correlation') as YAMLMap;
  const type = str(cx, c, 'type', true) as CorrelationType;
  if (!CORR_TYPES.has(type)) throw new Reject('invalid-field', `unknown correlation type "${type}"`, pos(cx, c));
  const rules = strList(cx, c, 'rules');
  if (rules.length === 0) throw new Reject('missing-field', 'correlation needs "rules"', pos(cx, c));
  const ts = str(cx, c, 'timespan', true)!;
  const tm = TIMESPAN.exec(ts);
  if (!tm) throw new Reject('invalid-field', `timespan "${ts}" is not number + unit (s, m, h, d)`, pos(cx, c));
  const condition: { op: CountOp; value: number }[] = [];
  let field: string | undefined;
  const cn = mapGet(c, 'condition');
  if (cn && isMap(cn)) {
    for (const p of cn.items) {
      const k = String((p.key as Scalar).value);
      if (k === 'field') { field = scalarRaw(cx, p.value as Scalar).text; continue; }
      if (!COUNT_OPS.has(k as CountOp)) throw new Reject('invalid-field', `unknown correlation condition "${k}"`, pos(cx, cn));
      const v = Number((p.value as Scalar).value);
      if (!Number.isFinite(v)) throw new Reject('invalid-field', `condition ${k} needs a number`, pos(cx, cn));
      condition.push({ op: k as CountOp, value: v });
    }
  } else if (cn) throw new Reject('invalid-field', 'correlation condition must be a map', pos(cx, cn));
  if (condition.length === 0 && type !== 'temporal' && type !== 'temporal_ordered') throw new Reject('missing-field', `${type} needs a condition`, pos(cx, c));
  if (!field && (type === 'value_count' || type.startsWith('value_'))) throw new Reject('missing-field', `${type} needs condition.field`, pos(cx, c));
  const aliases = new Map<string, Map<string, string>>();
  const an = mapGet(c, 'aliases');
  if (an && isMap(an)) {
    for (const p of an.items) {
      const inner = new Map<string, string>();
      if (isMap(p.value)) for (const q of p.value.items) inner.set(String((q.key as Scalar).value), String((q.value as Scalar).value));
      aliases.set(String((p.key as Scalar).value), inner);
    }
  }
  const gen = mapGet(c, 'generate') ?? mapGet(m, 'generate');
  return {
    ...meta, type: 'correlation', correlation: type, rules, groupBy: strList(cx, c, 'group-by'),
    timespanNs: BigInt(tm[1]!) * UNIT_NS[tm[2]!]!, timespanText: ts, condition, field, aliases,
    generate: gen !== null && isScalar(gen) && gen.value === true,
  };
}

function stableId(source: string, index: number, title: string): string {
  return 'vt-' + createHash('sha256').update(`${source}\n${index}\n${title}`).digest('hex').slice(0, 32);
}

function document(cx: Cx, m: YAMLMap, source: string, index: number): SigmaDocument {
  const title = str(cx, m, 'title', true)!;
  const meta: RuleMeta = {
    id: str(cx, m, 'id', false) ?? stableId(source, index, title),
    name: str(cx, m, 'name', false),
    title,
    status: str(cx, m, 'status', false),
    level: (str(cx, m, 'level', false) ?? 'medium').toLowerCase(),
    author: str(cx, m, 'author', false),
    tags: strList(cx, m, 'tags'),
    description: str(cx, m, 'description', false),
    source: index > 0 ? `${source}#${index}` : source,
    pos: pos(cx, m),
  };
  if (mapGet(m, 'correlation')) return correlation(cx, m, meta);
  if (mapGet(m, 'filter')) {
    const f = mapGet(m, 'filter') as YAMLMap;
    if (!isMap(f)) throw new Reject('invalid-field', '"filter" must be a map', pos(cx, f));
    const body = detectionBody(cx, f, 'filter');
    const rules = strList(cx, f, 'rules');
    if (rules.length === 0) throw new Reject('missing-field', 'filter needs "rules"', pos(cx, f));
    return { ...meta, type: 'filter', logsource: logsource(cx, m), rules, ...body };
  }
  const ls = logsource(cx, m);
  const body = detectionBody(cx, mapGet(m, 'detection'), 'detection');
  return { ...meta, type: 'rule', logsource: ls, ...body };
}

/** Parse one file's text. Every YAML document gives a rule, correlation or filter, or a rejection. */
export function parseSigma(text: string, source: string, ctx: ModifierContext): Parsed[] {
  const lc = new LineCounter();
  const cx: Cx = { ...ctx, lc };
  const out: Parsed[] = [];
  const docs = parseAllDocuments(text, { lineCounter: lc, uniqueKeys: false });
  const list = Array.isArray(docs) ? docs : [];
  list.forEach((d, index) => {
    const at = pos(cx, d.contents);
    if (d.errors.length) {
      const e = d.errors[0]!;
      const lp = e.linePos?.[0];
      out.push({ ok: false, rejection: { code: 'yaml-syntax', message: e.message.split('\n')[0]!, source, pos: lp ? { line: lp.line, col: lp.col } : at } });
      return;
    }
    if (d.contents === null) return; // empty document (trailing ---)
    if (!isMap(d.contents)) {
      out.push({ ok: false, rejection: { code: 'not-a-rule', message: 'document is not a map', source, pos: at } });
      return;
    }
    const m = d.contents;
    try {
      out.push({ ok: true, doc: document(cx, m, source, index) });
    } catch (e) {
      if (!(e instanceof Reject)) throw e;
      const id = mapGet(m, 'id');
      const title = mapGet(m, 'title');
      out.push({
        ok: false,
        rejection: {
          code: e.code, message: e.message, source: index > 0 ? `${source}#${index}` : source, pos: e.pos ?? at,
          id: id && isScalar(id) ? String(id.value) : undefined, title: title && isScalar(title) ? String(title.value) : undefined,
        },
      });
    }
  });
  return out;
}
