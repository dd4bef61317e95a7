import { Bytes } from './bytes.js';
import { parseDebug } from './debug.js';
import { entropy } from './entropy.js';
import { parseExports } from './exports.js';
import { parseHeaders } from './headers.js';
import { parseSections, rvaToOffset, type Image } from './image.js';
import { imphash, parseDelayImports, parseImports } from './imports.js';
import { parseResources, resourceData } from './resources.js';
import { parseRich } from './rich.js';
import { parseLoadConfig, parseTls } from './tls.js';
import { parseVersionInfo } from './version-info.js';
import type { PeInfo, PeOverlay } from './types.js';

/**
 * Parses a PE file. Headers and the section table must be intact (else ExamineError with file and offset);
 * a broken directory further in is recorded in `anomalies` and the rest is still reported, because a tool
 * recovered from a victim is often damaged and the analyst still wants what can be read.
 */
export function parsePe(buf: Buffer, file: string): PeInfo {
  const b = new Bytes(buf, file);
  const raw = parseHeaders(b);
  const img: Image = { b, raw, sections: [], anomalies: new Set() };
  img.sections = parseSections(b, raw);

  const imports = [...parseImports(img), ...parseDelayImports(img)];
  const info: PeInfo = {
    file,
    size: buf.length,
    headers: raw.headers,
    dataDirectories: raw.dataDirectories,
    sections: img.sections,
    imports,
    imphash: imphash(imports),
    debug: parseDebug(img),
    resources: [],
    anomalies: [],
  };
  const exp = parseExports(img);
  if (exp) info.exports = exp;
  const rich = parseRich(b, raw.optionalOffset);
  if (rich) info.rich = rich;
  const tree = parseResources(img);
  if (tree) {
    info.resources = tree.resources;
    if (tree.timeDateStamp !== 0) info.resourceTimeDateStamp = tree.timeDateStamp;
    const version = tree.resources.find((r) => r.type === 16);
    const vdata = version && resourceData(img, version);
    const vi = vdata && parseVersionInfo(vdata);
    if (vi) info.versionInfo = vi;
    const manifest = tree.resources.find((r) => r.type === 24);
    const mdata = manifest && resourceData(img, manifest);
    if (mdata) info.manifest = mdata.toString('utf8').replace(/^\uFEFF/, '');
  }
  const tls = parseTls(img);
  if (tls) info.tls = tls;
  const lc = parseLoadConfig(img);
  if (lc) info.loadConfig = lc;
  const overlay = findOverlay(img);
  if (overlay) info.overlay = overlay;
  info.anomalies = [...img.anomalies].sort();
  return info;
}

/**
 * Data past everything the headers account for, as pefile's get_overlay_data_start_offset: the furthest end of
 * the optional header, the sections' raw data and the data directories, the certificate table excepted (so an
 * Authenticode signature counts as overlay, as it does for pefile).
 */
function findOverlay(img: Image): PeOverlay | undefined {
  const len = img.b.length;
  let best = 0;
  const consider = (offset: number, size: number): void => {
    const end = offset + size;
    if (end <= len && end > best) best = end;
  };
  consider(img.raw.optionalOffset, img.raw.headers.sizeOfOptionalHeader);
  for (const s of img.sections) consider(s.pointerToRawData, s.sizeOfRawData);
  for (const d of img.raw.dataDirectories) {
    if (d.index === 4) continue;
    const off = rvaToOffset(img, d.virtualAddress);
    if (off !== undefined) consider(off, d.size);
  }
  if (len <= best) return undefined;
  return { offset: best, size: len - best, entropy: entropy(img.b.buf.subarray(best)) };
}
