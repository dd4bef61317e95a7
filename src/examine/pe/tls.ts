import { directory, rvaToOffset, type Image } from './image.js';
import type { PeLoadConfig, PeTls } from './types.js';

const MAX_CALLBACKS = 1024;

/** The TLS directory and its callback list: code that runs before the entry point, a favourite hiding place. */
export function parseTls(img: Image): PeTls | undefined {
  const dir = directory(img, 9);
  if (!dir) return undefined;
  const at = rvaToOffset(img, dir.rva);
  const w = img.raw.is64 ? 8 : 4;
  const b = img.b;
  if (at === undefined || !b.has(at, 4 * w)) {
    img.anomalies.add('TLS directory is outside the file');
    return undefined;
  }
  const ptr = (o: number): bigint => (img.raw.is64 ? b.u64(o) : BigInt(b.u32(o)));
  const tls: PeTls = {
    startAddressOfRawData: ptr(at).toString(),
    endAddressOfRawData: ptr(at + w).toString(),
    addressOfIndex: ptr(at + 2 * w).toString(),
    addressOfCallbacks: ptr(at + 3 * w).toString(),
    callbacks: [],
  };
  const callbacksVa = ptr(at + 3 * w);
  if (callbacksVa !== 0n && callbacksVa >= img.raw.imageBase) {
    let off = rvaToOffset(img, Number(callbacksVa - img.raw.imageBase));
    for (let i = 0; off !== undefined && i < MAX_CALLBACKS && b.has(off, w); i++, off += w) {
      const cb = ptr(off);
      if (cb === 0n) break;
      tls.callbacks.push(cb.toString());
    }
  }
  return tls;
}

/** IMAGE_LOAD_CONFIG_DIRECTORY basics: its size (grows with each toolset), timestamp, security cookie, CFG flags. */
export function parseLoadConfig(img: Image): PeLoadConfig | undefined {
  const dir = directory(img, 10);
  if (!dir) return undefined;
  const at = rvaToOffset(img, dir.rva);
  const b = img.b;
  if (at === undefined || !b.has(at, 8)) {
    img.anomalies.add('load config directory is outside the file');
    return undefined;
  }
  const size = b.u32(at);
  const lc: PeLoadConfig = { size, timeDateStamp: b.u32(at + 4), securityCookie: '0' };
  const [cookieAt, flagsAt] = img.raw.is64 ? [0x58, 0x90] : [0x3c, 0x58];
  const w = img.raw.is64 ? 8 : 4;
  if (size >= cookieAt + w && b.has(at + cookieAt, w)) {
    lc.securityCookie = (img.raw.is64 ? b.u64(at + cookieAt) : BigInt(b.u32(at + cookieAt))).toString();
  }
  if (size >= flagsAt + 4 && b.has(at + flagsAt, 4)) lc.guardFlags = b.u32(at + flagsAt);
  return lc;
}
