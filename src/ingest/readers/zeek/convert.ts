/**
 * Zeek TSV values to JSON values by the column's declared type, one converter per column built once per header
 * block (no per-field type switch or regex in the row loop):
 * time/interval/double → number (epoch seconds with microseconds for time); count/int/port → number (a count
 * beyond 2^53 stays a decimal string); bool T/F → boolean; set[…]/vector[…] → array split on the set separator;
 * everything else (string, enum, addr, subnet, pattern, func) → decoded text. The empty marker gives `""` or `[]`;
 * the unset marker is handled by the caller (the field is left out). A value that does not convert keeps its text.
 */
import { decodeZeekEscapes } from './escape.js';

export type Convert = (raw: string) => unknown;

export interface Markers {
  setSeparator: string;
  empty: string;
  unset: string;
}

export function text(raw: string): string {
  return raw.indexOf('\\') < 0 ? raw : decodeZeekEscapes(raw);
}

function numberOr(raw: string): unknown {
  const x = Number(raw);
  return raw.length > 0 && Number.isFinite(x) ? x : text(raw);
}

function integerOr(raw: string): unknown {
  const x = Number(raw);
  if (raw.length > 0 && Number.isSafeInteger(x)) return x;
  // uint64 counts beyond 2^53 keep every digit as text; anything else is odd input kept as written.
  return text(raw);
}

function boolOr(raw: string): unknown {
  if (raw === 'T') return true;
  if (raw === 'F') return false;
  return text(raw);
}

function scalar(type: string, empty: string): Convert {
  switch (type) {
    case 'time': case 'interval': case 'double':
      return numberOr;
    case 'count': case 'int': case 'port': case 'counter':
      return integerOr;
    case 'bool':
      return boolOr;
    default:
      return (raw) => (raw === empty ? '' : text(raw));
  }
}

/** The converter for one declared Zeek type (`count`, `set[string]`, `vector[interval]`, …). */
export function converterFor(type: string, m: Markers): Convert {
  const open = type.indexOf('[');
  if (open > 0 && type.endsWith(']')) {
    const container = type.slice(0, open);
    if (container === 'set' || container === 'vector' || container === 'table') {
      const inner = scalar(type.slice(open + 1, -1), m.empty);
      const { setSeparator, empty, unset } = m;
      return (raw) => {
        if (raw === empty) return [];
        const parts = raw.split(setSeparator);
        const out: unknown[] = new Array(parts.length);
        for (let i = 0; i < parts.length; i++) {
          const p = parts[i]!;
          out[i] = p === unset ? null : inner(p);
        }
        return out;
      };
    }
  }
  return scalar(type, m.empty);
}

/**
 * Types for columns of a log without `#types` (zeek-cut output), from Zeek's naming conventions:
 * times (`ts`, `*_ts`), ports (`*_p`, `*port`), the rest text. Guessing wider would turn uids into numbers.
 */
export function typeFromName(name: string): string {
  if (name === 'ts' || name.endsWith('_ts') || name.endsWith('.ts')) return 'time';
  if (name.endsWith('_p') || name.endsWith('port')) return 'port';
  return 'string';
}
