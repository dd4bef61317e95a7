/**
 * Single-linkage clustering: two samples are in one family when a chain of links joins them, a link being a TLSH
 * distance within the threshold, an identical imphash, or an identical rich hash. Single linkage is the documented
 * choice because each kind of link is evidence of shared build or code on its own; the links are returned with each
 * family so an analyst sees which of them (and how strong) hold it together, and can discount a weak one (a common
 * runtime's imphash) without re-running anything.
 */
import { createHash } from 'node:crypto';
import { tlshDiff } from '../hashes/index.js';
import type { Family, FamilyOptions, FamilySample, SharedValue, TlshLink } from './types.js';

const SHA256_RE = /^[0-9a-f]{64}$/;

export function clusterFamilies(samples: FamilySample[], opts: FamilyOptions = {}): Family[] {
  const threshold = opts.tlshThreshold ?? 100;
  const byHash = normalise(samples);
  const keys = [...byHash.keys()].sort();
  const index = new Map(keys.map((k, i) => [k, i]));
  const parent = keys.map((_, i) => i);
  const find = (i: number): number => {
    while (parent[i] !== i) {
      parent[i] = parent[parent[i]!]!;
      i = parent[i]!;
    }
    return i;
  };
  const union = (a: number, b: number): void => {
    const ra = find(a), rb = find(b);
    if (ra !== rb) parent[Math.max(ra, rb)] = Math.min(ra, rb);
  };

  const links: TlshLink[] = [];
  const withTlsh = keys.filter((k) => byHash.get(k)!.tlsh);
  for (let i = 0; i < withTlsh.length; i++) {
    for (let j = i + 1; j < withTlsh.length; j++) {
      const a = withTlsh[i]!, b = withTlsh[j]!;
      const distance = tlshDiff(byHash.get(a)!.tlsh!, byHash.get(b)!.tlsh!);
      if (distance <= threshold) {
        links.push({ a, b, distance });
        union(index.get(a)!, index.get(b)!);
      }
    }
  }
  const imp = groupBy(keys, (k) => byHash.get(k)!.imphash);
  const rich = groupBy(keys, (k) => byHash.get(k)!.richHash);
  for (const g of [...imp, ...rich]) for (const m of g.members.slice(1)) union(index.get(g.members[0]!)!, index.get(m)!);

  const clusters = new Map<number, string[]>();
  for (const k of keys) {
    const r = find(index.get(k)!);
    const list = clusters.get(r) ?? [];
    list.push(k);
    clusters.set(r, list);
  }
  // Bucket links and shared values by their family's root so assembling families stays linear.
  const rootOf = (k: string): number => find(index.get(k)!);
  const bucket = <T>(items: T[], key: (t: T) => string): Map<number, T[]> => {
    const m = new Map<number, T[]>();
    for (const t of items) {
      const r = rootOf(key(t));
      const list = m.get(r) ?? [];
      list.push(t);
      m.set(r, list);
    }
    return m;
  };
  const linksBy = bucket(links, (l) => l.a);
  const impBy = bucket(imp, (g) => g.members[0]!);
  const richBy = bucket(rich, (g) => g.members[0]!);
  const families: Family[] = [];
  for (const [root, members] of clusters) {
    families.push({
      id: `fam-${createHash('sha256').update(members.join('\n')).digest('hex').slice(0, 16)}`,
      members,
      tlshLinks: linksBy.get(root) ?? [],
      sharedImphash: impBy.get(root) ?? [],
      sharedRichHash: richBy.get(root) ?? [],
    });
  }
  // Largest families first; ties by id, so the order never depends on input order.
  return families.sort((x, y) => y.members.length - x.members.length || (x.id < y.id ? -1 : x.id > y.id ? 1 : 0));
}

/** Lower-case and validate; the same SHA-256 given twice is one sample (its fields merged). */
function normalise(samples: FamilySample[]): Map<string, FamilySample> {
  const out = new Map<string, FamilySample>();
  for (const s of samples) {
    const sha256 = s.sha256.toLowerCase();
    if (!SHA256_RE.test(sha256)) throw new TypeError(`not a SHA-256: ${JSON.stringify(s.sha256)}`);
    const prev = out.get(sha256) ?? { sha256 };
    const tlsh = s.tlsh ?? prev.tlsh ?? null;
    if (tlsh) tlshDiff(tlsh, tlsh); // throws TypeError naming a malformed digest before any clustering
    out.set(sha256, {
      sha256,
      tlsh,
      imphash: (s.imphash ?? prev.imphash)?.toLowerCase() || null,
      richHash: (s.richHash ?? prev.richHash)?.toLowerCase() || null,
    });
  }
  return out;
}

/** Groups of two or more keys sharing a non-empty value, members sorted, groups sorted by value. */
function groupBy(keys: string[], value: (k: string) => string | null | undefined): SharedValue[] {
  const m = new Map<string, string[]>();
  for (const k of keys) {
    const v = value(k);
    if (!v) continue;
    const list = m.get(v) ?? [];
    list.push(k);
    m.set(v, list);
  }
  return [...m]
    .filter(([, members]) => members.length > 1)
    .map(([v, members]) => ({ value: v, members }))
    .sort((a, b) => (a.value < b.value ? -1 : a.value > b.value ? 1 : 0));
}
