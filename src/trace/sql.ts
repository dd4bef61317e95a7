/**
 * SQL fragments shared by the trace analyses: address classes, name normalisation, native-field reads.
 * Written in the common subset of DuckDB and ClickHouse where it costs nothing; DuckDB-only functions are kept here
 * so a ClickHouse port has one place to look.
 */
import type { Dialect } from '../store/index.js';

/** RFC 1918, loopback, link-local, CGNAT, multicast/reserved, unspecified; IPv6 loopback, ULA, link-local, multicast. */
const NON_PUBLIC_V4 = String.raw`^(0\.|10\.|127\.|169\.254\.|192\.168\.|172\.(1[6-9]|2[0-9]|3[01])\.|100\.(6[4-9]|[7-9][0-9]|1[01][0-9]|12[0-7])\.|22[4-9]\.|2[3-5][0-9]\.|192\.0\.2\.|198\.51\.100\.|203\.0\.113\.)`;
const NON_PUBLIC_V6 = String.raw`^(::1?$|[fF][cCdD]|[fF][eE][89abAB]|[fF][fF])`;
const LOOKS_IP = String.raw`^([0-9]{1,3}\.){3}[0-9]{1,3}$|^[0-9a-fA-F:]*:[0-9a-fA-F:.]*$`;

/** True for a public (routable, external) address written as text. */
export function isExternalSql(d: Dialect, e: string): string {
  return `(${e} IS NOT NULL AND ${d.regexp(e, LOOKS_IP, '')} AND NOT ${d.regexp(e, NON_PUBLIC_V4, '')} AND NOT ${d.regexp(e, NON_PUBLIC_V6, '')})`;
}

export function isInternalSql(d: Dialect, e: string): string {
  return `(${e} IS NOT NULL AND ${d.regexp(e, LOOKS_IP, '')} AND NOT ${isExternalSql(d, e)})`;
}

const V4_PRIVATE = new RegExp(NON_PUBLIC_V4);
const V6_PRIVATE = new RegExp(NON_PUBLIC_V6);
const IP = new RegExp(LOOKS_IP);

/** The same test in JS (scenario generators and tests use it). */
export function isExternalAddress(a: string): boolean {
  return IP.test(a) && !V4_PRIVATE.test(a) && !V6_PRIVATE.test(a);
}

/** A host name as one key: first DNS label, lower case (`WIN-OPS01.meridian.local` and `JUMP01` meet `win-ops01`, `jump01`). */
export function hostKeySql(e: string): string {
  return `lower(split_part(${e}, '.', 1))`;
}

/** An account as one key: domain and UPN suffix stripped, lower case. */
export function userKeySql(e: string): string {
  return `lower(split_part(split_part(${e}, '\\', -1), '@', 1))`;
}

/** A native field as text. */
export function raw(d: Dialect, ...path: string[]): string {
  return d.jsonText('raw', path);
}

/** Epoch microseconds: safe as a JS number for any date this century. */
export function micros(e: string): string {
  return `(epoch_ns(${e}) // 1000)`;
}

export function sqlList(d: Dialect, values: readonly string[]): string {
  return `(${values.map((v) => d.str(v)).join(', ')})`;
}
