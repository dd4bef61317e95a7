/**
 * STIX 2.1 input: a bundle (or a single object, or a JSON array of objects). Indicators compile; the rest of the
 * bundle gives them context: the identity behind `created_by_ref` becomes the author, and `indicates`
 * relationships to ATT&CK attack-patterns become technique ids.
 */
import type { Dialect } from '../../store/index.js';
import { compileIndicator, type IndicatorResult } from './indicator.js';

type Obj = Record<string, unknown>;

function attackIds(ap: Obj): string[] {
  const refs = Array.isArray(ap.external_references) ? ap.external_references : [];
  return refs.flatMap((r: unknown) => {
    if (typeof r !== 'object' || r === null) return [];
    const x = r as Obj;
    return x.source_name === 'mitre-attack' && typeof x.external_id === 'string' && /^T\d{4}(\.\d{3})?$/.test(x.external_id) ? [x.external_id] : [];
  });
}

export function compileStixObjects(objects: readonly unknown[], source: string, d: Dialect): IndicatorResult[] {
  const objs = objects.filter((o): o is Obj => typeof o === 'object' && o !== null && !Array.isArray(o));
  const byId = new Map<string, Obj>();
  for (const o of objs) if (typeof o.id === 'string') byId.set(o.id, o);
  const techniques = new Map<string, Set<string>>();
  for (const r of objs) {
    if (r.type !== 'relationship' || r.relationship_type !== 'indicates' || typeof r.source_ref !== 'string' || typeof r.target_ref !== 'string') continue;
    const target = byId.get(r.target_ref);
    if (!target || target.type !== 'attack-pattern') continue;
    const set = techniques.get(r.source_ref) ?? new Set<string>();
    for (const t of attackIds(target)) set.add(t);
    techniques.set(r.source_ref, set);
  }
  const out: IndicatorResult[] = [];
  for (const o of objs) {
    if (o.type !== 'indicator') continue;
    const creator = typeof o.created_by_ref === 'string' ? byId.get(o.created_by_ref) : undefined;
    const author = creator && typeof creator.name === 'string' ? creator.name : typeof o.created_by_ref === 'string' ? o.created_by_ref : undefined;
    out.push(compileIndicator(o, {
      source,
      ...(author !== undefined ? { author } : {}),
      techniques: [...(techniques.get(String(o.id)) ?? [])],
    }, d));
  }
  return out;
}
