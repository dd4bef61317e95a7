/**
 * Evaluation of many rules over one logsource: the fields the group's rules read are extracted from `raw` once
 * (one JSON parse per event, into a temporary table), and every rule then runs over plain columns.
 */
import type { DetectDialect } from '../../dialect.js';
import { planField, type FieldPlan, type ResolvedLogsource } from '../pipeline/index.js';
import { coalesce, elemAccess, ELEM, sourceSql, type FieldAccess, type JsRegexNeed, type Resolver } from './resolver.js';

interface Slot {
  plan: FieldPlan;
  index: number;
  lower: boolean;
  exists: boolean;
  ip: boolean;
}

export class GroupResolver implements Resolver {
  private slots = new Map<string, Slot>();
  readonly regexes = new Map<string, JsRegexNeed>();
  private kw = { lower: false, cased: false };

  constructor(readonly dialect: DetectDialect, readonly logsource: ResolvedLogsource) {}

  private slot(name: string): Slot {
    let s = this.slots.get(name);
    if (!s) this.slots.set(name, (s = { plan: planField(this.logsource, name), index: this.slots.size, lower: false, exists: false, ip: false }));
    return s;
  }

  field(name: string): FieldAccess {
    const s = this.slot(name);
    const hotNum = s.plan.sources.find((x) => x.kind === 'hot' && x.numeric);
    const acc: FieldAccess = {
      text: `f${s.index}`,
      get lower() { s.lower = true; return `l${s.index}`; },
      get exists() { s.exists = true; return `x${s.index}`; },
      get ip4() { s.ip = true; return `n${s.index}`; },
      get ip6() { s.ip = true; return `h${s.index}`; },
      numeric: hotNum && hotNum.kind === 'hot' ? hotNum.column : null,
    };
    if (s.plan.multi && s.plan.sources.some((x) => x.kind === 'json')) {
      const elem = elemAccess(this.dialect, '');
      Object.defineProperty(elem, 'exists', { get: () => acc.exists });
      acc.each = { list: `m${s.index}`, v: ELEM, elem };
    }
    return acc;
  }

  keywords(cased: boolean): string {
    if (cased) { this.kw.cased = true; return 'kwc'; }
    this.kw.lower = true;
    return 'kwl';
  }

  jsRegex(need: JsRegexNeed): string {
    this.field(need.field);
    this.regexes.set(need.key, need);
    return `(id IN (SELECT id FROM _vt_rx WHERE k = ${this.dialect.str(need.key)}))`;
  }

  /** Keyword (field-less) searches read the whole record's text: the group table then holds it per row. */
  usesKeywords(): boolean {
    return this.kw.lower || this.kw.cased;
  }

  isMulti(field: string): boolean {
    return this.slot(field).plan.multi;
  }

  /** How the literal scan reads a field for settled rules (settle.ts): one lower-cased text, an integer column's digits, or not at all. */
  scanKind(field: string): 'text' | 'numeric' | null {
    const p = this.slot(field).plan;
    if (p.multi) return null;
    return p.sources.some((x) => x.kind === 'hot' && x.numeric) ? 'numeric' : 'text';
  }

  /** The column the scan reads for a field: the lower-cased text, or the integer column as decimal text. */
  scanColumn(field: string, numeric: boolean): string {
    const acc = this.field(field);
    return numeric && acc.numeric ? `CAST(${acc.numeric} AS VARCHAR)` : acc.lower;
  }

  textColumn(field: string): string {
    return `f${this.slot(field).index}`;
  }

  plans(): FieldPlan[] {
    return [...this.slots.values()].map((s) => s.plan);
  }

  /** SELECT that materialises the group (or a view of it): the row id of `events` (rid), id, ts, the hot columns rules use, and f/l/x columns per field. */
  materialize(table: string, rowFilter: string, view = false): string {
    return `CREATE OR REPLACE TEMP ${view ? 'VIEW' : 'TABLE'} ${table} AS ${this.select(rowFilter)}`;
  }

  /** The group's rows matching `rowFilter` (a predicate over `events`) with the columns of `materialize`. */
  select(rowFilter: string): string {
    const d = this.dialect;
    const paths: string[][] = [];
    const pathIndex = new Map<string, number>();
    const at = (p: string[]) => {
      const k = JSON.stringify(p);
      let i = pathIndex.get(k);
      if (i === undefined) { i = paths.length + 1; paths.push(p); pathIndex.set(k, i); }
      return i;
    };
    const slots = [...this.slots.values()];
    const texts = slots.map((s) => coalesce(s.plan.sources.map((src) => (src.kind === 'json' ? d.listAt('v', at(src.path)) : sourceSql(d, src)))));
    const inner = [`${d.rowId} AS rid`, `id`, `ts`, `event_id`, `raw`];
    const mid = [`rid`, `id`, `ts`, `event_id`];
    const outer = [`rid`, `id`, `ts`, `event_id`];
    if (paths.length) inner.push(`${d.jsonTexts('raw', paths)} AS v`);
    for (const h of new Set(slots.flatMap((s) => s.plan.sources.flatMap((x) => (x.kind === 'hot' && x.column !== 'event_id' ? [x.column] : []))))) {
      inner.push(h);
    }
    slots.forEach((s, i) => {
      mid.push(`${texts[i]} AS f${s.index}`);
      outer.push(`f${s.index}`);
      if (s.lower) outer.push(`${d.lower(`f${s.index}`)} AS l${s.index}`);
      const firstJson = s.plan.sources.find((x) => x.kind === 'json');
      if (s.plan.multi && firstJson && firstJson.kind === 'json') {
        mid.push(`${d.jsonTextList('raw', firstJson.path, texts[i]!)} AS m${s.index}`);
        outer.push(`m${s.index}`);
      }
      if (s.ip) outer.push(`${d.ip4Of(`f${s.index}`)} AS n${s.index}`, `${d.ip6Of(`f${s.index}`)} AS h${s.index}`);
      if (s.exists) {
        const ex = s.plan.sources.map((x) => (x.kind === 'hot' ? `${x.column} IS NOT NULL` : d.jsonExists('raw', x.path)));
        mid.push(`(${ex.join(' OR ')}) AS x${s.index}`);
        outer.push(`x${s.index}`);
      }
    });
    if (this.kw.lower || this.kw.cased) mid.push(`${d.rawText('raw')} AS kwc`);
    if (this.kw.cased) outer.push('kwc');
    if (this.kw.lower) outer.push(`${d.lower('kwc')} AS kwl`);
    return `SELECT ${outer.join(', ')} FROM (SELECT ${mid.join(', ')} FROM (SELECT ${inner.join(', ')} FROM events WHERE ${rowFilter}))`;
  }
}
