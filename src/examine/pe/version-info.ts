import type { VersionInfo } from './types.js';

/** One node of the VS_VERSIONINFO tree: wLength, wValueLength, wType, UTF-16 key, 32-bit aligned value, children. */
interface Node {
  key: string;
  valueOffset: number;
  valueLength: number;
  type: number;
  children: Node[];
}

const align4 = (n: number): number => (n + 3) & ~3;

function parseNode(d: Buffer, at: number, end: number, depth: number): Node | undefined {
  if (at + 6 > end || depth > 4) return undefined;
  const length = d.readUInt16LE(at);
  if (length < 6 || at + length > end) return undefined;
  const nodeEnd = at + length;
  let k = at + 6;
  while (k + 1 < nodeEnd && (d[k] !== 0 || d[k + 1] !== 0)) k += 2;
  const key = d.toString('utf16le', at + 6, k);
  const valueOffset = align4(k + 2);
  const valueLength = d.readUInt16LE(at + 2);
  const type = d.readUInt16LE(at + 4);
  // wValueLength counts words for text values (wType 1) and bytes for binary ones.
  const valueBytes = type === 1 ? valueLength * 2 : valueLength;
  const children: Node[] = [];
  let c = align4(valueOffset + valueBytes);
  while (c + 6 <= nodeEnd && children.length < 4096) {
    const child = parseNode(d, c, nodeEnd, depth + 1);
    if (!child) break;
    children.push(child);
    c = align4(c + d.readUInt16LE(c));
  }
  return { key, valueOffset, valueLength, type, children };
}

/** A String value: NUL-terminated UTF-16 of at most wValueLength units (pefile reads it the same way). */
function stringValue(d: Buffer, n: Node, end: number): string {
  const limit = Math.min(end, n.valueOffset + n.valueLength * 2);
  let i = n.valueOffset;
  while (i + 1 < limit && (d[i] !== 0 || d[i + 1] !== 0)) i += 2;
  return d.toString('utf16le', n.valueOffset, i);
}

/** Decodes a version resource (RT_VERSION): fixed file info, StringFileInfo tables, VarFileInfo translations. */
export function parseVersionInfo(d: Buffer): VersionInfo | undefined {
  const root = parseNode(d, 0, d.length, 0);
  if (!root || root.key !== 'VS_VERSION_INFO') return undefined;
  const info: VersionInfo = { stringTables: [], translations: [] };
  if (root.valueLength >= 52 && root.valueOffset + 52 <= d.length && d.readUInt32LE(root.valueOffset) === 0xfeef04bd) {
    const f = root.valueOffset;
    const v = (hi: number, lo: number): string =>
      `${d.readUInt32LE(hi) >>> 16}.${d.readUInt32LE(hi) & 0xffff}.${d.readUInt32LE(lo) >>> 16}.${d.readUInt32LE(lo) & 0xffff}`;
    info.fileVersion = v(f + 8, f + 12);
    info.productVersion = v(f + 16, f + 20);
  }
  for (const child of root.children) {
    if (child.key === 'StringFileInfo') {
      for (const table of child.children) {
        const strings: Record<string, string> = {};
        for (const s of table.children) strings[s.key] = stringValue(d, s, d.length);
        info.stringTables.push({ langCodepage: table.key.toLowerCase(), strings });
      }
    } else if (child.key === 'VarFileInfo') {
      for (const v of child.children) {
        if (v.key !== 'Translation') continue;
        for (let p = v.valueOffset; p + 4 <= v.valueOffset + v.valueLength && p + 4 <= d.length; p += 4) {
          info.translations.push(d.readUInt16LE(p).toString(16).padStart(4, '0') + d.readUInt16LE(p + 2).toString(16).padStart(4, '0'));
        }
      }
    }
  }
  return info;
}
