/**
 * How a compiled predicate reads a field. Two resolvers: over table `events` directly (the portable `where` of a
 * CompiledDetection), and over a logsource group's materialised table, where each field was extracted once.
 */
import type { DetectDialect } from '../../dialect.js';
import { planField, type FieldPlan, type FieldSource, type ResolvedLogsource } from '../pipeline/index.js';

export interface FieldAccess {
  /** The field as text (NULL when absent). */
  text: string;
  /** Lower-cased text, for Sigma's default case-insensitive matching. */
  lower: string;
  /** Presence (even with a null or empty value). */
  exists: string;
  /** An integer column when the field is one (EventID), for exact numeric comparison. */
  numeric: string | null;
  /** The value as an IPv4 integer / IPv6 hex digits (for cidr). */
  ip4: string;
  ip6: string;
  /** For multi-valued fields: the list of values and the accessor of one element (lambda variable). */
  each?: { list: string; v: string; elem: FieldAccess };
}

export const ELEM = 'vt_e';

export function elemAccess(d: DetectDialect, exists: string): FieldAccess {
  return { text: ELEM, lower: d.lower(ELEM), exists, numeric: null, ip4: d.ip4Of(ELEM), ip6: d.ip6Of(ELEM) };
}

/** A regular expression RE2 cannot take, evaluated in JavaScript by the runner into `_vt_rx`. */
export interface JsRegexNeed {
  key: string;
  field: string;
  pattern: string;
  flags: string;
}

export interface Resolver {
  readonly dialect: DetectDialect;
  readonly logsource: ResolvedLogsource;
  field(name: string): FieldAccess;
  /** The whole record as text (lower-cased unless cased), for keyword search. */
  keywords(cased: boolean): string;
  /** Register a JS regex and return the SQL that tests its result. */
  jsRegex(need: JsRegexNeed): string;
}

export function sourceSql(d: DetectDialect, s: FieldSource): string {
  return s.kind === 'hot' ? (s.numeric ? `CAST(${s.column} AS VARCHAR)` : s.column) : d.jsonText('raw', s.path);
}

export function coalesce(xs: string[]): string {
  return xs.length === 1 ? xs[0]! : `COALESCE(${xs.join(', ')})`;
}

/** Reads fields straight from `events` (JSON parsed per use): portable, used for `CompiledDetection.where`. */
export class EventsResolver implements Resolver {
  readonly plans = new Map<string, FieldPlan>();
  readonly regexes: JsRegexNeed[] = [];
  constructor(readonly dialect: DetectDialect, readonly logsource: ResolvedLogsource) {}

  plan(name: string): FieldPlan {
    let p = this.plans.get(name);
    if (!p) this.plans.set(name, (p = planField(this.logsource, name)));
    return p;
  }

  field(name: string): FieldAccess {
    const p = this.plan(name);
    const d = this.dialect;
    const text = coalesce(p.sources.map((s) => sourceSql(d, s)));
    const hotNum = p.sources.find((s) => s.kind === 'hot' && s.numeric);
    const exists = p.sources.map((s) => (s.kind === 'hot' ? `${s.column} IS NOT NULL` : d.jsonExists('raw', s.path)));
    const acc: FieldAccess = {
      text, lower: d.lower(text), exists: `(${exists.join(' OR ')})`, numeric: hotNum && hotNum.kind === 'hot' ? hotNum.column : null,
      ip4: d.ip4Of(text), ip6: d.ip6Of(text),
    };
    const first = p.sources.find((s) => s.kind === 'json');
    if (p.multi && first && first.kind === 'json') acc.each = { list: d.jsonTextList('raw', first.path, text), v: ELEM, elem: elemAccess(d, acc.exists) };
    return acc;
  }

  keywords(cased: boolean): string {
    const t = this.dialect.rawText('raw');
    return cased ? t : this.dialect.lower(t);
  }

  jsRegex(need: JsRegexNeed): string {
    this.regexes.push(need);
    return `(id IN (SELECT id FROM _vt_rx WHERE k = ${this.dialect.str(need.key)}))`;
  }
}
