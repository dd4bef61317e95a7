/**
 * The small seam between SQL dialects. Compiled queries (Sigma rules, STIX patterns, trace analyses) are built
 * through these functions so that the same compiled form runs on DuckDB (embedded) and ClickHouse (scale-out).
 * Everything else in the SQL we emit is the common subset of both.
 */
export interface Dialect {
  readonly name: 'duckdb' | 'clickhouse';
  /** A string literal. */
  str(s: string): string;
  /** A quoted identifier. */
  ident(name: string): string;
  /** A native field read from the raw JSON record, as text (NULL when absent). `path` is the key chain. */
  jsonText(column: string, path: readonly string[]): string;
  /** SQL LIKE with `\` as escape; caseInsensitive selects ILIKE. */
  like(expr: string, pattern: string, caseInsensitive: boolean): string;
  /** RE2 regular-expression search (unanchored); flags from `i`, `m`, `s`. */
  regexp(expr: string, pattern: string, flags: string): string;
  /** Epoch nanoseconds of a timestamp column, as a 64-bit integer. */
  epochNs(expr: string): string;
  /** Cast text to a double; NULL when not a number. */
  tryDouble(expr: string): string;
}

function sqlString(s: string): string {
  return `'${s.replace(/'/g, "''")}'`;
}

export const duckdb: Dialect = {
  name: 'duckdb',
  str: sqlString,
  ident: (n) => `"${n.replace(/"/g, '""')}"`,
  jsonText: (col, path) => `json_extract_string(${col}, ${sqlString('$' + path.map((p) => '.' + JSON.stringify(p)).join(''))})`,
  like: (e, p, ci) => `(${e} ${ci ? 'ILIKE' : 'LIKE'} ${sqlString(p)} ESCAPE '\\')`,
  regexp: (e, p, flags) => {
    // RE2 inline flags: the same text works on both engines.
    const inline = [...new Set([...flags].filter((f) => 'ims'.includes(f)))].join('');
    return `regexp_matches(${e}, ${sqlString(inline ? `(?${inline})${p}` : p)})`;
  },
  epochNs: (e) => `epoch_ns(${e})`,
  tryDouble: (e) => `TRY_CAST(${e} AS DOUBLE)`,
};

export const clickhouse: Dialect = {
  name: 'clickhouse',
  str: (s) => `'${s.replace(/\\/g, '\\\\').replace(/'/g, "\\'")}'`,
  ident: (n) => `\`${n.replace(/`/g, '\\`')}\``,
  jsonText: (col, path) => `JSONExtract(${col}, ${path.map((p) => clickhouse.str(p)).join(', ')}, 'Nullable(String)')`,
  like: (e, p, ci) => `${ci ? 'ilike' : 'like'}(${e}, ${clickhouse.str(p)})`,
  regexp: (e, p, flags) => {
    const inline = [...new Set([...flags].filter((f) => 'ims'.includes(f)))].join('');
    return `match(${e}, ${clickhouse.str(inline ? `(?${inline})${p}` : p)})`;
  },
  epochNs: (e) => `toUnixTimestamp64Nano(${e})`,
  tryDouble: (e) => `toFloat64OrNull(${e})`,
};
