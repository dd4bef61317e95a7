/**
 * One STIX `indicator` → one `CompiledDetection`, or a rejection with the reason. Validity (valid_from/valid_until)
 * is part of the predicate; the pattern is parsed and compiled in full or the indicator is rejected.
 */
import type { Dialect } from '../../store/index.js';
import type { CompiledDetection } from '../types.js';
import { Unsupported } from './comparison.js';
import { compileObservation, timestampNs } from './observation.js';
import { PatternSyntaxError } from './pattern/errors.js';
import { parsePattern } from './pattern/parser.js';

/** Why an indicator (or a whole file) was not compiled. `code` groups reasons for counting. */
export interface IndicatorRejected {
  source: string;
  id?: string;
  code: 'file' | 'not-indicator' | 'pattern-type' | 'revoked' | 'validity' | 'syntax' | 'unsupported' | 'to-ids' | 'misp-type' | 'value';
  reason: string;
}

/** What the file around an indicator adds: its author, techniques it indicates, tags and level. */
export interface IndicatorContext {
  source: string;
  author?: string;
  techniques?: string[];
  tags?: string[];
  level?: string;
}

export type IndicatorResult = { ok: true; compiled: CompiledDetection } | { ok: false; rejected: IndicatorRejected };

/** STIX confidence (0–100) in Sigma's level words: the spec's own None/Low/Med/High scale (§A), no confidence → medium. */
export function levelOfConfidence(confidence: unknown): string {
  if (typeof confidence !== 'number') return 'medium';
  if (confidence >= 70) return 'high';
  if (confidence >= 30) return 'medium';
  if (confidence >= 1) return 'low';
  return 'informational';
}

const strings = (v: unknown): string[] => (Array.isArray(v) ? v.filter((x): x is string => typeof x === 'string') : []);

export function compileIndicator(obj: Record<string, unknown>, ctx: IndicatorContext, d: Dialect): IndicatorResult {
  const id = typeof obj.id === 'string' ? obj.id : undefined;
  const reject = (code: IndicatorRejected['code'], reason: string): IndicatorResult =>
    ({ ok: false, rejected: { source: ctx.source, ...(id !== undefined ? { id } : {}), code, reason } });
  if (obj.type !== 'indicator' || id === undefined) return reject('not-indicator', 'not a STIX indicator with an id');
  if (obj.pattern_type !== 'stix') {
    return reject('pattern-type', `pattern_type ${JSON.stringify(obj.pattern_type)} is not "stix" (Sigma rules load through --rules; other pattern languages are not compiled)`);
  }
  if (obj.revoked === true) return reject('revoked', 'the indicator is revoked');
  if (typeof obj.pattern !== 'string') return reject('syntax', 'pattern is missing');
  const fromNs = typeof obj.valid_from === 'string' ? timestampNs(obj.valid_from) : null;
  if (fromNs === null) return reject('validity', `valid_from ${JSON.stringify(obj.valid_from)} is not an RFC 3339 UTC timestamp`);
  let untilNs: bigint | undefined;
  if (obj.valid_until !== undefined) {
    const u = typeof obj.valid_until === 'string' ? timestampNs(obj.valid_until) : null;
    if (u === null) return reject('validity', `valid_until ${JSON.stringify(obj.valid_until)} is not an RFC 3339 UTC timestamp`);
    if (u <= fromNs) return reject('validity', `valid_until ${String(obj.valid_until)} is not after valid_from ${String(obj.valid_from)}`);
    untilNs = u;
  }
  let where: string;
  try {
    const ast = parsePattern(obj.pattern, { indicatorId: id, source: ctx.source });
    where = compileObservation(ast, { d, validity: { fromNs, ...(untilNs !== undefined ? { untilNs } : {}) } });
  } catch (e) {
    if (e instanceof PatternSyntaxError) return reject('syntax', `${id}: pattern character ${e.patternOffset}: ${e.reason}`);
    if (e instanceof Unsupported) return reject('unsupported', `${id}: ${e.message}`);
    throw e;
  }
  const kcp = Array.isArray(obj.kill_chain_phases)
    ? obj.kill_chain_phases.flatMap((k: unknown) => {
      if (typeof k !== 'object' || k === null) return [];
      const p = k as { kill_chain_name?: unknown; phase_name?: unknown };
      return typeof p.kill_chain_name === 'string' && typeof p.phase_name === 'string' ? [`${p.kill_chain_name}:${p.phase_name}`] : [];
    })
    : [];
  const tags = [...new Set([...strings(obj.indicator_types), ...strings(obj.labels), ...kcp, ...(ctx.tags ?? [])])].sort();
  const compiled: CompiledDetection = {
    kind: 'indicator',
    id,
    title: typeof obj.name === 'string' && obj.name !== '' ? obj.name : id,
    level: ctx.level ?? levelOfConfidence(obj.confidence),
    tags,
    techniques: [...new Set(ctx.techniques ?? [])].sort(),
    source: ctx.source,
    where,
  };
  if (ctx.author !== undefined) compiled.author = ctx.author;
  return { ok: true, compiled };
}
