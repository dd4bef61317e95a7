import { emptyInfrastructure, emptyTools } from '../actors/index.js';
import type { ActorProfile } from '../actors/index.js';
import type { AttackGroup, AttackKnowledgeBase } from './knowledge-base.js';

/** Finds a group by ATT&CK id (G0007), name or alias, case-insensitively. */
export function findGroup(kb: AttackKnowledgeBase, key: string): AttackGroup | undefined {
  const k = key.toLowerCase();
  for (const g of kb.groups.values()) {
    if (g.id.toLowerCase() === k || g.name.toLowerCase() === k || g.aliases.some((a) => a.toLowerCase() === k)) return g;
  }
  return undefined;
}

/**
 * A partial actor profile from an ATT&CK group: its techniques and the names of its software. No time zone,
 * languages or infrastructure (ATT&CK does not carry them), so merge it (`mergeProfiles`) with what you know.
 */
export function groupToProfile(kb: AttackKnowledgeBase, group: AttackGroup, id: string = group.id): ActorProfile {
  const tools = emptyTools();
  tools.families = [...new Set(group.software.flatMap((s) => {
    const sw = kb.software.get(s);
    return sw ? [sw.name.toLowerCase(), ...sw.aliases.map((a) => a.toLowerCase())] : [];
  }))].sort();
  return { id, name: group.name, languages: [], infrastructure: emptyInfrastructure(), tools, ttps: [...group.techniques], origin: `${kb.source}#${group.id}` };
}

/**
 * How common each technique is among ATT&CK groups (share of groups using it, smoothed). The scorer uses it as
 * the chance that an unrelated actor's profile lists a technique, so T1059 (used by most) says little.
 */
export function techniqueBaseRates(kb: AttackKnowledgeBase): Map<string, number> {
  const n = kb.groups.size;
  const counts = new Map<string, number>();
  for (const g of kb.groups.values()) for (const t of g.techniques) counts.set(t, (counts.get(t) ?? 0) + 1);
  return new Map([...counts].sort(([a], [b]) => (a < b ? -1 : 1)).map(([t, c]) => [t, (c + 0.5) / (n + 1)]));
}
