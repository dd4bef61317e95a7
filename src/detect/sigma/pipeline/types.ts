/**
 * What a logsource resolves to: one or more variants, each a set of events (by the store's hot columns and, for
 * Windows, the channel) with the field renames that apply to them. Each variant is named, so `rules check`
 * can show why a rule reads the events it reads and why a field became a column.
 */

export interface Variant {
  /** Transformation name shown to users (`windows-security-4688-process_creation`). */
  name: string;
  product?: string;
  /** Hot column `category` / `service` values (any of). */
  categories?: string[];
  services?: string[];
  /** Windows event-log channels (raw `Channel`), any of. */
  channels?: string[];
  eventIds?: number[];
  /** Raw `type` values (auditd record types), any of. */
  rawTypes?: string[];
  /** Sigma field → native field name for these events. */
  renames: Record<string, string>;
  /** The source writes field names with spaces (`Threat Name`), which Sigma strips (`ThreatName`): read both. */
  spacedNames?: boolean;
  /** Fields may hold JSON arrays (auditd PATH items, merged record types): a value matches if any element does. */
  multiValued?: boolean;
  /** Sigma field → hot column, read when the native field is absent. */
  hot?: Record<string, string>;
}

export interface ResolvedLogsource {
  /** Stable key of the variant set: rules with the same key are evaluated together. */
  key: string;
  variants: Variant[];
}

/** Where a Sigma field is read from, in order (first non-null wins). */
export type FieldSource =
  | { kind: 'json'; path: string[] }
  | { kind: 'hot'; column: string; numeric: boolean };

export interface FieldPlan {
  field: string;
  sources: FieldSource[];
  /** Any-element semantics over JSON arrays (see Variant.multiValued). */
  multi: boolean;
  /** Transformations that shaped the plan (`windows-security-4688-process_creation: Image→NewProcessName`). */
  because: string[];
}
