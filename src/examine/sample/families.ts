/**
 * Families over all samples of a case, as rows for `sample_families`: `clusterFamilies` groups the samples by TLSH
 * distance (≤ 100, its documented default), identical imphash and identical Rich hash, and every link it used is
 * stored beside the membership so the grouping can be argued with.
 */
import { clusterFamilies } from '../families/index.js';
import type { FamilyLink } from '../store/index.js';
import type { FamilySample } from '../families/index.js';

export function familyLinks(samples: FamilySample[]): FamilyLink[] {
  const families = clusterFamilies(samples);
  const rows: FamilyLink[] = [];
  const row = (family: string, sample: string, link: FamilyLink['link'], linkedTo: string | null, tlshDistance: number | null, value: string | null): void => {
    rows.push({ family, sample, link, linkedTo, tlshDistance, value });
  };
  for (const f of families) {
    for (const m of f.members) row(f.id, m, 'member', null, null, null);
    for (const l of f.tlshLinks) row(f.id, l.a, 'tlsh', l.b, l.distance, null);
    for (const g of f.sharedImphash) for (const m of g.members) row(f.id, m, 'imphash', null, null, g.value);
    for (const g of f.sharedRichHash) for (const m of g.members) row(f.id, m, 'rich-hash', null, null, g.value);
  }
  return rows;
}
