/**
 * The parsed Sigma rule: an immutable tree that keeps source positions, so every rejection and every
 * compiled predicate can point back to the line of the rule it came from.
 */
import type { SigmaString } from './sigma-string.js';

export interface Pos {
  line: number;
  col: number;
}

export type TimePart = 'minute' | 'hour' | 'day' | 'week' | 'month' | 'year';
export type CmpOp = 'lt' | 'lte' | 'gt' | 'gte';

/** One value after the modifier chain; a value that expands (windash, base64offset, expand) becomes several alternatives. */
export type SigmaValue =
  | { readonly kind: 'str'; readonly s: SigmaString }
  | { readonly kind: 'num'; readonly text: string; readonly n: number }
  | { readonly kind: 'null' }
  | { readonly kind: 're'; readonly pattern: string; readonly flags: string }
  | { readonly kind: 'cidr'; readonly text: string }
  | { readonly kind: 'cmp'; readonly op: CmpOp; readonly n: number }
  | { readonly kind: 'timepart'; readonly part: TimePart; readonly n: number }
  | { readonly kind: 'fieldref'; readonly field: string; readonly match: 'exact' | 'contains' | 'startswith' | 'endswith' }
  | { readonly kind: 'exists'; readonly exists: boolean };

/** `Field|mods: values` (field null for keywords). `values[i]` are the alternatives of the i-th listed value. */
export interface FieldMatch {
  readonly field: string | null;
  readonly modifiers: readonly string[];
  readonly values: readonly (readonly SigmaValue[])[];
  /** `all`: listed values are ANDed (alternatives of one value stay ORed). */
  readonly all: boolean;
  readonly cased: boolean;
  readonly neq: boolean;
  readonly pos: Pos;
}

/** A search identifier: a map (ANDed field matches) or a list of maps (ORed), or keywords (a FieldMatch with field null). */
export type Selection =
  | { readonly kind: 'map'; readonly matches: readonly FieldMatch[]; readonly pos: Pos }
  | { readonly kind: 'anyOf'; readonly items: readonly Selection[]; readonly pos: Pos };

export type Condition =
  | { readonly kind: 'and'; readonly args: readonly Condition[] }
  | { readonly kind: 'or'; readonly args: readonly Condition[] }
  | { readonly kind: 'not'; readonly arg: Condition }
  | { readonly kind: 'ref'; readonly name: string }
  | { readonly kind: 'of'; readonly quantifier: 'one' | 'all'; readonly pattern: string | null; readonly names: readonly string[] };

export interface Logsource {
  readonly product?: string;
  readonly category?: string;
  readonly service?: string;
}

export interface RuleMeta {
  readonly id: string;
  readonly name?: string;
  readonly title: string;
  readonly status?: string;
  readonly level: string;
  readonly author?: string;
  readonly tags: readonly string[];
  readonly description?: string;
  readonly source: string;
  readonly pos: Pos;
}

export interface SigmaRule extends RuleMeta {
  readonly type: 'rule';
  readonly logsource: Logsource;
  readonly selections: ReadonlyMap<string, Selection>;
  readonly condition: Condition;
}

export type CorrelationType =
  | 'event_count' | 'value_count' | 'temporal' | 'temporal_ordered' | 'value_sum' | 'value_avg' | 'value_percentile';
export type CountOp = 'gt' | 'gte' | 'lt' | 'lte' | 'eq' | 'neq';

export interface CorrelationRule extends RuleMeta {
  readonly type: 'correlation';
  readonly correlation: CorrelationType;
  /** Referenced rules by id or name, resolved at load time. */
  readonly rules: readonly string[];
  readonly groupBy: readonly string[];
  /** Nanoseconds. */
  readonly timespanNs: bigint;
  readonly timespanText: string;
  readonly condition: readonly { op: CountOp; value: number }[];
  readonly field?: string;
  /** alias → (rule name or id → field). */
  readonly aliases: ReadonlyMap<string, ReadonlyMap<string, string>>;
  readonly generate: boolean;
}

export interface SigmaFilter extends RuleMeta {
  readonly type: 'filter';
  readonly logsource: Logsource;
  readonly rules: readonly string[];
  readonly selections: ReadonlyMap<string, Selection>;
  readonly condition: Condition;
}

export type SigmaDocument = SigmaRule | CorrelationRule | SigmaFilter;

/** Why a rule did not load: a stable code (counted per reason) and a message naming the place. */
export interface RuleRejection {
  readonly code: RejectCode;
  readonly message: string;
  readonly source: string;
  readonly pos?: Pos;
  readonly id?: string;
  readonly title?: string;
}

export type RejectCode =
  | 'yaml-syntax'
  | 'not-a-rule'
  | 'missing-field'
  | 'invalid-field'
  | 'condition-syntax'
  | 'unknown-identifier'
  | 'unknown-modifier'
  | 'modifier-value'
  | 'invalid-regex'
  | 'invalid-cidr'
  | 'placeholder-undefined'
  | 'deprecated-aggregation'
  | 'null-in-list'
  | 'correlation-reference'
  | 'duplicate-id';

export class Reject extends Error {
  constructor(readonly code: RejectCode, message: string, readonly pos?: Pos) {
    super(message);
  }
}

export function assertNever(x: never): never {
  throw new Error(`unexpected ${JSON.stringify(x)}`);
}
