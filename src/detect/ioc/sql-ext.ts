/**
 * SQL pieces the indicator compiler needs that `store/dialect.ts` does not (yet) offer: first-group regex
 * extraction. Kept here, switched on `dialect.name`, because the dialect file belongs to the store; it should
 * move into the `Dialect` seam when the store's owner takes it.
 */
import type { Dialect } from '../../store/index.js';

/** The first capture group of an RE2 pattern, or NULL when it does not match (both engines return '' there). */
export function regexpExtract(d: Dialect, expr: string, pattern: string): string {
  switch (d.name) {
    case 'duckdb': return `NULLIF(regexp_extract(${expr}, ${d.str(pattern)}, 1), '')`;
    case 'clickhouse': return `nullIf(extract(${expr}, ${d.str(pattern)}), '')`;
  }
}

/** The last path component of a Windows or POSIX path. */
export function basename(d: Dialect, expr: string): string {
  return regexpExtract(d, expr, '([^\\\\/]+)$');
}

/**
 * A native field as text only when it is a JSON string; NULL for arrays and objects. auditd events merge several
 * PATH records, so `name` is an array there, and the array's JSON text is no file name.
 */
export function jsonStringOnly(d: Dialect, column: string, path: readonly string[]): string {
  switch (d.name) {
    case 'duckdb': {
      const p = d.str('$' + path.map((k) => '.' + JSON.stringify(k)).join(''));
      return `CASE WHEN json_type(${column}, ${p}) = 'VARCHAR' THEN json_extract_string(${column}, ${p}) END`;
    }
    case 'clickhouse': {
      const keys = path.map((k) => d.str(k)).join(', ');
      return `if(JSONType(${column}, ${keys}) = 'String', JSONExtractString(${column}, ${keys}), NULL)`;
    }
  }
}
