import { ByteWriter } from './bytes.js';

/**
 * `.rsrc`: the type → name → language tree with an RT_VERSION resource (VS_VERSIONINFO with one StringFileInfo
 * table and a VarFileInfo translation) and an RT_MANIFEST. The version resource carries the language id the
 * resource compiler was given (the developer's locale unless chosen), the manifest the linker's en-US.
 */

export interface VersionSpec {
  /** LANGID of the resource and of the StringFileInfo table (0x407 de-DE, 0x411 ja-JP, 0x409 en-US). */
  langId: number;
  /** VFT_APP (1) or VFT_DLL (2). */
  fileType: 1 | 2;
  fileVersion: [number, number, number, number];
  /** CompanyName, FileDescription, FileVersion, InternalName, OriginalFilename, ProductName … in this order. */
  strings: [string, string][];
}

const CODEPAGE_UNICODE = 1200;
const MANIFEST_LANG = 0x409;

/** One VS_VERSIONINFO-family node: wLength, wValueLength, wType, key, padding, value, padding, children. */
function node(key: string, value: Buffer, valueLength: number, type: 0 | 1, children: Buffer[]): Buffer {
  const w = new ByteWriter();
  w.u16(0).u16(valueLength).u16(type).wstring(key).align(4).bytes(value);
  for (const c of children) w.align(4).bytes(c);
  const out = w.toBuffer();
  out.writeUInt16LE(out.length, 0);
  return out;
}

export function versionInfo(v: VersionSpec): Buffer {
  const [a, b, c, d] = v.fileVersion;
  const fixed = new ByteWriter()
    .u32(0xfeef04bd).u32(0x00010000)
    .u32((a << 16) | b).u32((c << 16) | d).u32((a << 16) | b).u32((c << 16) | d)
    .u32(0x3f).u32(0) // file flags mask, flags
    .u32(0x00040004).u32(v.fileType).u32(0) // VOS_NT_WINDOWS32, file type, subtype
    .u32(0).u32(0) // file date
    .toBuffer();
  const strings = v.strings.map(([k, s]) => node(k, Buffer.from(s + '\0', 'utf16le'), s.length + 1, 1, []));
  const tableKey = v.langId.toString(16).padStart(4, '0') + CODEPAGE_UNICODE.toString(16).padStart(4, '0');
  const table = node(tableKey, Buffer.alloc(0), 0, 1, strings);
  const sfi = node('StringFileInfo', Buffer.alloc(0), 0, 1, [table]);
  const translation = Buffer.alloc(4);
  translation.writeUInt16LE(v.langId, 0);
  translation.writeUInt16LE(CODEPAGE_UNICODE, 2);
  const vfi = node('VarFileInfo', Buffer.alloc(0), 0, 1, [node('Translation', translation, 4, 0, [])]);
  return node('VS_VERSION_INFO', fixed, fixed.length, 0, [sfi, vfi]);
}

export function manifestXml(): string {
  return [
    "<?xml version='1.0' encoding='UTF-8' standalone='yes'?>",
    "<assembly xmlns='urn:schemas-microsoft-com:asm.v1' manifestVersion='1.0'>",
    "  <trustInfo xmlns=\"urn:schemas-microsoft-com:asm.v3\">",
    '    <security>',
    '      <requestedPrivileges>',
    "        <requestedExecutionLevel level='asInvoker' uiAccess='false' />",
    '      </requestedPrivileges>',
    '    </security>',
    '  </trustInfo>',
    '</assembly>',
    '',
  ].join('\r\n');
}

/** The section bytes, laid out for `rva`: directories, data entries, then the data (8-aligned). */
export function buildRsrc(rva: number, version: VersionSpec, manifestId: 1 | 2): Buffer {
  const leaves: { type: number; name: number; lang: number; data: Buffer }[] = [
    { type: 16, name: 1, lang: version.langId, data: versionInfo(version) },
    { type: 24, name: manifestId, lang: MANIFEST_LANG, data: Buffer.from(manifestXml(), 'utf8') },
  ];
  const dirSize = (n: number): number => 16 + 8 * n;
  // Root, one name directory per type, one language directory per name: all single-entry below the root.
  const rootAt = 0;
  const nameDirAt = (i: number): number => dirSize(leaves.length) + i * dirSize(1);
  const langDirAt = (i: number): number => dirSize(leaves.length) + leaves.length * dirSize(1) + i * dirSize(1);
  const entriesAt = dirSize(leaves.length) + 2 * leaves.length * dirSize(1);
  const w = new ByteWriter();
  const dir = (entries: [number, number][]): void => {
    w.u32(0).u32(0).u16(0).u16(0).u16(0).u16(entries.length);
    for (const [id, target] of entries) w.u32(id).u32(target);
  };
  dir(leaves.map((l, i) => [l.type, 0x80000000 | nameDirAt(i)]));
  leaves.forEach((l, i) => dir([[l.name, 0x80000000 | langDirAt(i)]]));
  leaves.forEach((l, i) => dir([[l.lang, entriesAt + 16 * i]]));
  if (w.length !== entriesAt || rootAt !== 0) throw new Error('resource directory layout mismatch');
  const entryPos = leaves.map(() => {
    const at = w.length;
    w.zeros(16);
    return at;
  });
  leaves.forEach((l, i) => {
    w.align(8);
    w.patchU32(entryPos[i]!, rva + w.length);
    w.patchU32(entryPos[i]! + 4, l.data.length);
    w.bytes(l.data);
  });
  return w.toBuffer();
}
