import { readFileSync } from 'node:fs';
import { VeritraceError } from '../../model/index.js';

/** MITRE ATT&CK as veritrace uses it: techniques, software and groups with what they use. */
export interface AttackTechnique { id: string; name: string; stixId: string; tactics: string[]; subtechnique: boolean }
export interface AttackSoftware { id: string; name: string; stixId: string; type: 'malware' | 'tool'; aliases: string[] }
export interface AttackGroup {
  id: string; name: string; stixId: string; aliases: string[];
  /** Technique ids used by the group directly or through campaigns attributed to it, sorted. */
  techniques: string[];
  /** Software ids (S…) used by the group, sorted. */
  software: string[];
}
export interface AttackKnowledgeBase {
  source: string;
  techniques: Map<string, AttackTechnique>;
  software: Map<string, AttackSoftware>;
  groups: Map<string, AttackGroup>;
}

/** An ATT&CK bundle that cannot be used (unreadable, not JSON, not a STIX bundle). */
export class KnowledgeBaseError extends VeritraceError {}

type Obj = Record<string, unknown>;
const isObj = (v: unknown): v is Obj => typeof v === 'object' && v !== null && !Array.isArray(v);
const live = (o: Obj): boolean => o.revoked !== true && o.x_mitre_deprecated !== true;

function attackId(o: Obj): string | undefined {
  const refs = Array.isArray(o.external_references) ? o.external_references : [];
  for (const r of refs) if (isObj(r) && r.source_name === 'mitre-attack' && typeof r.external_id === 'string') return r.external_id;
  return undefined;
}

const strs = (v: unknown): string[] => (Array.isArray(v) ? v.filter((x): x is string => typeof x === 'string') : []);

/** Builds the knowledge base from a parsed STIX 2.1 bundle (enterprise, ICS or mobile ATT&CK). */
export function buildAttack(bundle: unknown, source: string): AttackKnowledgeBase {
  if (!isObj(bundle) || bundle.type !== 'bundle' || !Array.isArray(bundle.objects)) throw new KnowledgeBaseError(`${source}: not a STIX 2.1 bundle`);
  const objects = bundle.objects.filter(isObj).filter(live);
  const techniques = new Map<string, AttackTechnique>();
  const software = new Map<string, AttackSoftware>();
  const groups = new Map<string, AttackGroup>();
  const byStix = new Map<string, { kind: 'technique' | 'software' | 'group' | 'campaign'; id: string }>();
  for (const o of objects) {
    const id = attackId(o);
    const stixId = String(o.id);
    const name = String(o.name ?? id);
    if (o.type === 'attack-pattern' && id) {
      const tactics = (Array.isArray(o.kill_chain_phases) ? o.kill_chain_phases : []).filter(isObj).map((k) => String(k.phase_name)).sort();
      techniques.set(id, { id, name, stixId, tactics, subtechnique: o.x_mitre_is_subtechnique === true });
      byStix.set(stixId, { kind: 'technique', id });
    } else if ((o.type === 'malware' || o.type === 'tool') && id) {
      software.set(id, { id, name, stixId, type: o.type, aliases: strs(o.x_mitre_aliases).sort() });
      byStix.set(stixId, { kind: 'software', id });
    } else if (o.type === 'intrusion-set' && id) {
      groups.set(id, { id, name, stixId, aliases: strs(o.aliases).sort(), techniques: [], software: [] });
      byStix.set(stixId, { kind: 'group', id });
    } else if (o.type === 'campaign') byStix.set(stixId, { kind: 'campaign', id: stixId });
  }
  const campaignGroup = new Map<string, string>();
  const rels = objects.filter((o) => o.type === 'relationship');
  for (const r of rels) {
    const s = byStix.get(String(r.source_ref));
    const t = byStix.get(String(r.target_ref));
    if (r.relationship_type === 'attributed-to' && s?.kind === 'campaign' && t?.kind === 'group') campaignGroup.set(s.id, t.id);
  }
  const tech = new Map<string, Set<string>>();
  const soft = new Map<string, Set<string>>();
  for (const r of rels) {
    if (r.relationship_type !== 'uses') continue;
    const s = byStix.get(String(r.source_ref));
    const t = byStix.get(String(r.target_ref));
    const g = s?.kind === 'group' ? s.id : s?.kind === 'campaign' ? campaignGroup.get(s.id) : undefined;
    if (!g || !t) continue;
    const into = t.kind === 'technique' ? tech : t.kind === 'software' ? soft : undefined;
    if (into) into.set(g, (into.get(g) ?? new Set()).add(t.id));
  }
  for (const g of groups.values()) {
    g.techniques = [...(tech.get(g.id) ?? [])].sort();
    g.software = [...(soft.get(g.id) ?? [])].sort();
  }
  return { source, techniques, software, groups };
}

/** Loads ATT&CK from the path the user gives; nothing is fetched. */
export function loadAttack(path: string): AttackKnowledgeBase {
  let text: string;
  try { text = readFileSync(path, 'utf8'); } catch (e) {
    throw new KnowledgeBaseError(`${path}: cannot read: ${(e as Error).message}`, { cause: e });
  }
  let data: unknown;
  try { data = JSON.parse(text); } catch (e) {
    throw new KnowledgeBaseError(`${path}: not JSON: ${(e as Error).message}`, { cause: e });
  }
  return buildAttack(data, path);
}
