/**
 * Binary XML value types and how Windows renders them as text (EvtRender / Event Viewer XML view).
 * Numbers stay JS numbers where the type is numeric and the value fits in a double exactly; the rest are strings.
 */
import { BinXmlError } from './errors.js';

export const enum VT {
  Null = 0x00, String = 0x01, Ansi = 0x02, Int8 = 0x03, UInt8 = 0x04, Int16 = 0x05, UInt16 = 0x06,
  Int32 = 0x07, UInt32 = 0x08, Int64 = 0x09, UInt64 = 0x0a, Real32 = 0x0b, Real64 = 0x0c, Bool = 0x0d,
  Binary = 0x0e, Guid = 0x0f, SizeT = 0x10, FileTime = 0x11, SysTime = 0x12, Sid = 0x13, Hex32 = 0x14,
  Hex64 = 0x15, EvtHandle = 0x20, BinXml = 0x21, EvtXml = 0x23, Array = 0x80,
}

/** A rendered scalar, or an array of them (array value types, several unnamed Data). */
export type Scalar = string | number;
export type Value = Scalar | Scalar[];

const FILETIME_UNIX_EPOCH = 116444736000000000n;
const HEX = Array.from({ length: 256 }, (_, i) => i.toString(16).toUpperCase().padStart(2, '0'));

/** Fixed element size of a value type, 0 when variable. Used to split arrays. */
function fixedSize(t: number, size: number): number {
  switch (t) {
    case VT.Int8: case VT.UInt8: return 1;
    case VT.Int16: case VT.UInt16: return 2;
    case VT.Int32: case VT.UInt32: case VT.Real32: case VT.Bool: case VT.Hex32: return 4;
    case VT.Int64: case VT.UInt64: case VT.Real64: case VT.FileTime: case VT.Hex64: return 8;
    case VT.Guid: case VT.SysTime: return 16;
    case VT.SizeT: return size % 8 === 0 ? 8 : 4;
    default: return 0;
  }
}

/** UTF-16LE text without the trailing NULs that writers include in substitution strings. */
export function utf16(b: Buffer, start: number, end: number): string {
  while (end - 2 >= start && b[end - 2] === 0 && b[end - 1] === 0) end -= 2;
  if (end <= start) return '';
  // Very short strings are cheaper to build in JS than through the native decoder call (measured: up to 8
  // characters; at 24 the loop costs 1.5x the call).
  if (end - start <= 16) {
    let s = '';
    for (let i = start; i + 1 < end; i += 2) s += String.fromCharCode(b[i]! | (b[i + 1]! << 8));
    return s;
  }
  return b.toString('utf16le', start, end);
}

function ansi(b: Buffer, start: number, end: number): string {
  while (end > start && b[end - 1] === 0) end--;
  return b.toString('latin1', start, end);
}

function int64(v: bigint): Scalar {
  return v >= -9007199254740991n && v <= 9007199254740991n ? Number(v) : v.toString();
}

export function guid(b: Buffer, o: number): string {
  // No helper closure: one per call would be allocated (and, under tsx, named) for every GUID of every record.
  return `{${HEX[b[o + 3]!]}${HEX[b[o + 2]!]}${HEX[b[o + 1]!]}${HEX[b[o]!]}-${HEX[b[o + 5]!]}${HEX[b[o + 4]!]}-${HEX[b[o + 7]!]}${HEX[b[o + 6]!]}-` +
    `${HEX[b[o + 8]!]}${HEX[b[o + 9]!]}-${HEX[b[o + 10]!]}${HEX[b[o + 11]!]}${HEX[b[o + 12]!]}${HEX[b[o + 13]!]}${HEX[b[o + 14]!]}${HEX[b[o + 15]!]}}`;
}

/** FILETIME (100 ns ticks since 1601) as epoch nanoseconds. */
export function fileTimeNs(ft: bigint): bigint {
  return (ft - FILETIME_UNIX_EPOCH) * 100n;
}

/** The last second rendered by fileTimeIso: records of a chunk mostly fall within the same second. */
let isoSecs = 0n;
let isoPrefix = '1970-01-01T00:00:00';

/** ISO 8601 at the full 100 ns precision Windows keeps: `2025-11-27T07:40:10.1653249Z`. */
export function fileTimeIso(ft: bigint): string {
  const ticks = ft - FILETIME_UNIX_EPOCH;
  let secs = ticks / 10000000n;
  let frac = ticks % 10000000n;
  if (frac < 0n) { frac += 10000000n; secs -= 1n; }
  if (secs !== isoSecs) {
    const d = new Date(Number(secs) * 1000);
    if (Number.isNaN(d.getTime())) return `FILETIME(${ft})`;
    isoSecs = secs;
    isoPrefix = d.toISOString().slice(0, 19);
  }
  return `${isoPrefix}.${frac.toString().padStart(7, '0')}Z`;
}

function sysTime(b: Buffer, o: number): string {
  const p = (n: number, w = 2) => String(n).padStart(w, '0');
  const [y, mo, , d, h, mi, s, ms] = [0, 2, 4, 6, 8, 10, 12, 14].map((i) => b.readUInt16LE(o + i));
  return `${p(y!, 4)}-${p(mo!)}-${p(d!)}T${p(h!)}:${p(mi!)}:${p(s!)}.${p(ms!, 3)}Z`;
}

function sid(b: Buffer, o: number, end: number): string {
  if (end - o < 8) throw new BinXmlError(o, 'SID too short');
  const rev = b[o]!;
  const n = b[o + 1]!;
  if (o + 8 + 4 * n > end) throw new BinXmlError(o, 'SID sub-authorities overrun');
  const auth = b.readUIntBE(o + 2, 6);
  let s = `S-${rev}-${auth}`;
  for (let i = 0; i < n; i++) s += `-${b.readUInt32LE(o + 8 + 4 * i)}`;
  return s;
}

function hex(b: Buffer, start: number, end: number): string {
  let s = '';
  for (let i = start; i < end; i++) s += HEX[b[i]!];
  return s;
}

/** One scalar of type `t` occupying b[o, o+size). */
function scalar(b: Buffer, t: number, o: number, size: number): Scalar {
  switch (t) {
    case VT.Null: return '';
    case VT.String: return utf16(b, o, o + size);
    case VT.Ansi: return ansi(b, o, o + size);
    case VT.Int8: return b.readInt8(o);
    case VT.UInt8: return b[o]!;
    case VT.Int16: return b.readInt16LE(o);
    case VT.UInt16: return b.readUInt16LE(o);
    case VT.Int32: return b.readInt32LE(o);
    case VT.UInt32: return b.readUInt32LE(o);
    case VT.Int64: return int64(b.readBigInt64LE(o));
    case VT.UInt64: return int64(b.readBigUInt64LE(o));
    case VT.Real32: return b.readFloatLE(o);
    case VT.Real64: return b.readDoubleLE(o);
    case VT.Bool: return b.readUInt32LE(o) !== 0 ? 'true' : 'false';
    case VT.Binary: return hex(b, o, o + size);
    case VT.Guid: return guid(b, o);
    case VT.SizeT: return size === 8 ? `0x${b.readBigUInt64LE(o).toString(16).padStart(16, '0')}` : `0x${b.readUInt32LE(o).toString(16).padStart(8, '0')}`;
    case VT.FileTime: return fileTimeIso(b.readBigUInt64LE(o));
    case VT.SysTime: return sysTime(b, o);
    case VT.Sid: return sid(b, o, o + size);
    case VT.Hex32: return `0x${b.readUInt32LE(o).toString(16)}`;
    case VT.Hex64: return `0x${b.readBigUInt64LE(o).toString(16)}`;
    case VT.EvtXml: return utf16(b, o, o + size);
    case VT.EvtHandle: return hex(b, o, o + size);
    default: throw new BinXmlError(o, `unknown value type 0x${t.toString(16)}`);
  }
}

/** Render a substitution value (its size comes from the descriptor; strings carry no length prefix). */
export function readValue(b: Buffer, t: number, o: number, size: number): Value {
  if (o + size > b.length) throw new BinXmlError(o, 'value overruns chunk');
  if ((t & VT.Array) === 0) {
    const fs = fixedSize(t, size);
    if (fs > 0 && size < fs) throw new BinXmlError(o, `value of type 0x${t.toString(16)} needs ${fs} bytes, has ${size}`);
    return scalar(b, t, o, size);
  }
  const et = t & 0x7f;
  if (et === VT.String) return stringArray(b, o, o + size, true);
  if (et === VT.Ansi) return stringArray(b, o, o + size, false);
  const fs = fixedSize(et, et === VT.SizeT ? 8 : 0);
  if (fs === 0) throw new BinXmlError(o, `array of variable-size type 0x${et.toString(16)}`);
  const out: Scalar[] = [];
  for (let p = o; p + fs <= o + size; p += fs) out.push(scalar(b, et, p, fs));
  return out;
}

function stringArray(b: Buffer, start: number, end: number, wide: boolean): string[] {
  const out: string[] = [];
  const step = wide ? 2 : 1;
  let s = start;
  for (let p = start; p + step <= end; p += step) {
    if (b[p] === 0 && (!wide || b[p + 1] === 0)) {
      out.push(wide ? b.toString('utf16le', s, p) : b.toString('latin1', s, p));
      s = p + step;
    }
  }
  if (s + step <= end) out.push(wide ? utf16(b, s, end) : ansi(b, s, end));
  return out;
}

/** Size of a value inside a Value token (0x05): strings are length-prefixed there, other types fixed. */
export function inlineValue(b: Buffer, t: number, o: number): { value: Value; end: number } {
  if (t === VT.String) {
    if (o + 2 > b.length) throw new BinXmlError(o, 'value length overruns chunk');
    const n = b.readUInt16LE(o) * 2;
    return { value: readValue(b, VT.String, o + 2, n), end: o + 2 + n };
  }
  if (t === VT.Ansi || t === VT.Binary) {
    const n = b.readUInt16LE(o);
    return { value: readValue(b, t, o + 2, n), end: o + 2 + n };
  }
  if (t === VT.Sid) {
    if (o + 2 > b.length) throw new BinXmlError(o, 'SID overruns chunk');
    const n = 8 + 4 * b[o + 1]!;
    return { value: readValue(b, t, o, n), end: o + n };
  }
  const fs = fixedSize(t, 8);
  if (fs === 0) throw new BinXmlError(o, `value token of unsupported type 0x${t.toString(16)}`);
  return { value: readValue(b, t, o, fs), end: o + fs };
}
