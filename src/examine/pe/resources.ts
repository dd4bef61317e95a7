import { directory, mustOffset, rvaToOffset, type Image } from './image.js';
import { RESOURCE_TYPES } from './names.js';
import type { PeResource } from './types.js';

const MAX_RESOURCES = 65536;

export interface ResourceTree {
  resources: PeResource[];
  /** TimeDateStamp of the root resource directory (0 when the linker left it empty, as modern ones do). */
  timeDateStamp: number;
}

/**
 * The resource tree: type → name → language → data entry. Names are ids or length-prefixed UTF-16 strings; the
 * third level's id is the LANGID the resource compiler stamped (the developer's locale unless they chose otherwise).
 */
export function parseResources(img: Image): ResourceTree | undefined {
  const dir = directory(img, 2);
  if (!dir) return undefined;
  const base = mustOffset(img, dir.rva, 'resource directory', img.raw.directoriesOffset + 2 * 8);
  const b = img.b;
  b.need(base, 16, 'resource root directory');
  const out: PeResource[] = [];
  const visited = new Set<number>();

  const entries = (dirOffset: number): { id: number | string; target: number; isDir: boolean }[] => {
    const at = base + dirOffset;
    if (visited.has(at) || !b.has(at, 16)) {
      img.anomalies.add(`resource directory at ${at} is repeated or outside the file`);
      return [];
    }
    visited.add(at);
    const n = b.u16(at + 12) + b.u16(at + 14);
    const list: { id: number | string; target: number; isDir: boolean }[] = [];
    for (let i = 0; i < n && out.length + list.length < MAX_RESOURCES; i++) {
      const e = at + 16 + i * 8;
      if (!b.has(e, 8)) {
        img.anomalies.add(`resource directory entries at ${at} run past the end`);
        break;
      }
      const nameField = b.u32(e);
      const dataField = b.u32(e + 4);
      let id: number | string = nameField & 0xffff;
      if (nameField & 0x80000000) {
        const s = base + (nameField & 0x7fffffff);
        id = b.has(s, 2) ? b.buf.toString('utf16le', s + 2, Math.min(b.length, s + 2 + b.u16(s) * 2)) : '';
      }
      list.push({ id, target: dataField & 0x7fffffff, isDir: (dataField & 0x80000000) !== 0 });
    }
    return list;
  };

  for (const t of entries(0)) {
    if (!t.isDir) continue;
    for (const n of entries(t.target)) {
      if (!n.isDir) continue;
      for (const l of entries(n.target)) {
        if (l.isDir) continue;
        const leaf = base + l.target;
        if (!b.has(leaf, 16)) {
          img.anomalies.add(`resource data entry at ${leaf} is outside the file`);
          continue;
        }
        out.push({
          type: t.id,
          typeName: typeof t.id === 'number' ? RESOURCE_TYPES.get(t.id) ?? String(t.id) : t.id,
          name: n.id,
          language: typeof l.id === 'number' ? l.id : 0,
          dataRva: b.u32(leaf),
          size: b.u32(leaf + 4),
          codePage: b.u32(leaf + 8),
        });
      }
    }
  }
  return { resources: out, timeDateStamp: b.u32(base + 4) };
}

/** The bytes of one resource, or undefined when its RVA/size do not lie in the file. */
export function resourceData(img: Image, r: PeResource): Buffer | undefined {
  const off = rvaToOffset(img, r.dataRva);
  if (off === undefined || !img.b.has(off, r.size)) return undefined;
  return img.b.buf.subarray(off, off + r.size);
}
