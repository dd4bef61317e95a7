/**
 * The value coercions of values.ts and time.ts as DuckDB SQL, for readers whose lines are mapped by the store
 * (`LineProjection`) instead of in JS. Each builder takes the JSON text of one value (an element of
 * `json_extract(line, [paths])`: `"text"` with quotes, `80`, `1.5`, `null`, `{…}`, or SQL NULL when the key is
 * absent) and gives the same answer as its JS twin for every input, so both paths store identical columns.
 * Checked against the JS functions in test/ingest/line-sql.test.ts.
 */

/** The JSON text is a string. */
export function isStrSql(j: string): string {
  return `starts_with(${j}, '"')`;
}

/** The JSON text is a number (yyjson writes numbers starting with a digit or `-`). */
export function isNumSql(j: string): string {
  return `(ascii(${j}) BETWEEN 48 AND 57 OR ascii(${j}) = 45)`;
}

/** The text of a JSON string value (unescaped only when it has escapes), else NULL. */
export function strSql(j: string): string {
  return `CASE WHEN ${isStrSql(j)} THEN CASE WHEN strpos(${j}, '\\') = 0 THEN ${j}[2:-2] ELSE json_extract_string(${j}, '$') END END`;
}

/**
 * JS `String(number)` of a JSON number: integral values below 2^53 as their digits, larger ones below 1e21 as
 * the shortest digits padded with zeros (as JS does), others in DuckDB's shortest form (JS writes exponents
 * below 1e-6 without the leading zero DuckDB gives them; no sensor writes such a value in a text column).
 */
export function jsNumberTextSql(j: string): string {
  const d = `TRY_CAST(${j} AS DOUBLE)`;
  const a = `CAST(abs(${d}) AS VARCHAR)`;
  const sign = `CASE WHEN ${d} < 0 THEN '-' ELSE '' END`;
  const padded = `CASE WHEN contains(${a}, 'e') THEN rpad(replace(split_part(${a}, 'e', 1), '.', ''), CAST(split_part(${a}, 'e', 2) AS INTEGER) + 1, '0')`
    + ` ELSE split_part(${a}, '.', 1) END`;
  return `CASE WHEN ${d} IS NULL OR isinf(${d}) THEN CASE WHEN starts_with(${j}, '-') THEN '-Infinity' ELSE 'Infinity' END`
    + ` WHEN ${d} = trunc(${d}) AND abs(${d}) < 9007199254740992 THEN CAST(CAST(${d} AS BIGINT) AS VARCHAR)`
    + ` WHEN ${d} = trunc(${d}) AND abs(${d}) < 1e21 THEN ${sign} || ${padded} ELSE CAST(${d} AS VARCHAR) END`;
}

/** `toText`: a non-empty string, or a number as JS prints it; anything else NULL. Plain strings take the short way. */
export function toTextSql(j: string): string {
  return `CASE WHEN ${isStrSql(j)} AND strpos(${j}, '\\') = 0 THEN nullif(${j}[2:-2], '') WHEN ${isStrSql(j)} THEN nullif(json_extract_string(${j}, '$'), '')`
    + ` WHEN ${isNumSql(j)} THEN ${jsNumberTextSql(j)} END`;
}

/** `toPort`: an integral number in 0..65535, or a string of 1–5 decimal digits up to 65535. */
export function toPortSql(j: string): string {
  const d = `TRY_CAST(${j} AS DOUBLE)`;
  const s = strSql(j);
  // yyjson writes an integer as bare digits: the common case is one cast.
  return `CASE WHEN regexp_full_match(${j}, '[0-9]{1,5}') THEN CAST(TRY_CAST(${j} AS USMALLINT) AS INTEGER)`
    + ` WHEN ${isNumSql(j)} THEN CASE WHEN ${d} = trunc(${d}) AND ${d} BETWEEN 0 AND 65535 THEN CAST(${d} AS INTEGER) END`
    + ` WHEN ${isStrSql(j)} AND regexp_full_match(${s}, '[0-9]{1,5}') AND CAST(${s} AS INTEGER) <= 65535 THEN CAST(${s} AS INTEGER) END`;
}

/** Epoch nanoseconds (BIGINT, NULL when out of range) to TIMESTAMP_NS. */
export function nsToTimestampSql(ns: string): string {
  return `make_timestamp_ns(${ns})`;
}

/** `epochNumberToNs(x, 's')`: seconds rounded to the microsecond the way Math.round does (half up), as BIGINT ns. */
export function epochNumberNsSql(j: string): string {
  const us = `(TRY_CAST(${j} AS DOUBLE) * 1e6)`;
  return `CASE WHEN abs(${us}) < 9.2e15 THEN (CAST(floor(${us}) AS BIGINT) + CASE WHEN ${us} - floor(${us}) >= 0.5 THEN 1 ELSE 0 END) * 1000 END`;
}

const NS_RANGE = 'BETWEEN -9223372036000000000 AND 9223372036000000000';

/** `epochStringToNs(s, 's')`: an exact decimal (`-`, digits, optional `.digits`), digits below 1 ns dropped; BIGINT ns. */
export function epochStringNsSql(s: string): string {
  const r = `regexp_extract(${s}, '^(-?)([0-9]*)(?:\\.([0-9]*))?$', ['neg', 'int', 'frac'])`;
  // A HUGEINT holds 38 digits; a value beyond that is no time the column can hold anyway.
  const whole = `TRY_CAST(${r}.int || rpad(left(${r}.frac, 9), 9, '0') AS HUGEINT)`;
  const ns = `CASE WHEN ${r}.neg = '-' THEN -${whole} ELSE ${whole} END`;
  return `CASE WHEN regexp_full_match(${s}, '-?[0-9]*(\\.[0-9]*)?') AND NOT (${r}.int = '' AND ${r}.frac = '') AND ${ns} ${NS_RANGE}`
    + ` THEN CAST(${ns} AS BIGINT) END`;
}

const ISO = '^([0-9]{4})-([0-9]{2})-([0-9]{2})(?:[Tt ]([0-9]{2}):([0-9]{2})(?::([0-9]{2})(?:[.,]([0-9]+))?)?(?:([Zz])|([+-])([0-9]{2})(?::?([0-9]{2}))?)?)?$';
const ISO_PARTS = ['y', 'mo', 'd', 'h', 'mi', 's', 'f', 'z', 'sg', 'oh', 'om'];
/**
 * The shapes sensors write (`2024-01-01T00:00:00.123456+0000`, `…Z`) with every field in range, where strptime
 * gives what isoToNs gives: years 1700–2199 (isoToNs follows Date.UTC, which reads 0–99 as 1900–1999; epoch_ns
 * overflows outside 1677–2262), no hour
 * 24 or second 60 (isoToNs rolls them over). Invalid days fail strptime and take the general way (one format per
 * call: given a list of formats, try_strptime rolls February 30 over to March 1).
 */
const FAST = '(1[7-9][0-9]{2}|2[01][0-9]{2})-(0[1-9]|1[0-2])-(0[1-9]|[12][0-9]|3[01])T([01][0-9]|2[0-3]):[0-5][0-9]:[0-5][0-9]\\.[0-9]{6}([+-]([01][0-9]|2[0-3])[0-5][0-9]|Z)';

/**
 * `isoToNs(text)` as BIGINT ns, in three SELECT layers (`lets`) named from `name`: the common shape by strptime,
 * the rest by a regex and Date.UTC's arithmetic (day/hour roll-over, years 0–99 as 1900–1999, February 29 only
 * in leap years, offsets ±hh[[:]mm]). `${name}` holds the result.
 */
export function isoNsLets(text: string, name: string): [string, string][] {
  const fast = `${name}_fast`;
  const r = `${name}_parts`;
  const n = (p: string) => `CAST(nullif(${r}.${p}, '') AS INTEGER)`;
  const y = n('y'), mo = n('mo'), d = n('d'), h = `coalesce(${n('h')}, 0)`, mi = `coalesce(${n('mi')}, 0)`, s = `coalesce(${n('s')}, 0)`;
  const oh = `coalesce(${n('oh')}, 0)`, om = `coalesce(${n('om')}, 0)`;
  const leap = `(${y} % 4 = 0 AND ${y} % 100 <> 0 OR ${y} % 400 = 0)`;
  const dim = `[31, 29, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31][${mo}]`;
  const valid = `${r}.y <> '' AND ${mo} BETWEEN 1 AND 12 AND ${d} BETWEEN 1 AND ${dim} AND NOT (${mo} = 2 AND ${d} = 29 AND NOT ${leap})`
    + ` AND ${h} <= 24 AND ${mi} <= 59 AND ${s} <= 60 AND ${oh} <= 23 AND ${om} <= 59`;
  const year = `CASE WHEN ${y} <= 99 THEN ${y} + 1900 ELSE ${y} END`;
  const days = `(date_diff('day', DATE '1970-01-01', make_date(${year}, ${mo}, 1)) + ${d} - 1)`;
  const offset = `CASE WHEN ${r}.sg = '-' THEN -(${oh} * 60 + ${om}) ELSE ${oh} * 60 + ${om} END`;
  const secs = `(CAST(${days} AS BIGINT) * 86400 + ${h} * 3600 + ${mi} * 60 + ${s} - ${offset} * 60)`;
  const frac = `CASE WHEN ${r}.f = '' THEN 0 ELSE CAST(rpad(left(${r}.f, 9), 9, '0') AS BIGINT) END`;
  return [
    [fast, `CASE WHEN regexp_full_match(${text}, '${FAST}') THEN CASE WHEN ends_with(${text}, 'Z') THEN epoch_ns(try_strptime(${text}, '%Y-%m-%dT%H:%M:%S.%fZ')) ELSE epoch_ns(try_strptime(${text}, '%Y-%m-%dT%H:%M:%S.%f%z')) END END`],
    [r, `CASE WHEN ${fast} IS NULL AND ${text} IS NOT NULL THEN regexp_extract(${text}, '${ISO}', [${ISO_PARTS.map((p) => `'${p}'`).join(', ')}]) END`],
    [name, `CASE WHEN ${fast} IS NOT NULL THEN ${fast} WHEN ${valid} AND ${secs} BETWEEN -9223372035 AND 9223372035 THEN ${secs} * 1000000000 + ${frac} END`],
  ];
}
