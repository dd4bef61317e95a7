import { Bytes } from './bytes.js';
import { DIRECTORY_NAMES, DLL_CHARACTERISTICS, FILE_CHARACTERISTICS, MACHINES, SUBSYSTEMS, flags } from './names.js';
import type { DataDirectory, PeHeaders } from './types.js';

export interface RawHeaders {
  headers: PeHeaders;
  dataDirectories: DataDirectory[];
  /** File offset of the optional header (checksum at +64, security directory entry inside the directories). */
  optionalOffset: number;
  /** File offset of the first data directory entry. */
  directoriesOffset: number;
  sectionTableOffset: number;
  imageBase: bigint;
  is64: boolean;
}

/** DOS header, `PE\0\0`, COFF file header, optional header and its data directories. */
export function parseHeaders(b: Bytes): RawHeaders {
  if (b.length < 64) b.fail(0, `too short for a DOS header (${b.length} bytes)`);
  if (b.u16(0) !== 0x5a4d) b.fail(0, 'no MZ signature');
  const peOffset = b.u32(0x3c, 'e_lfanew');
  if (!b.has(peOffset, 24)) b.fail(0x3c, `e_lfanew ${peOffset} points outside the file`);
  if (b.u32(peOffset) !== 0x4550) b.fail(peOffset, 'no PE signature at e_lfanew');
  const coff = peOffset + 4;
  const machine = b.u16(coff);
  const numberOfSections = b.u16(coff + 2);
  const sizeOfOptionalHeader = b.u16(coff + 16);
  const characteristics = b.u16(coff + 18);
  const opt = coff + 20;
  const magic = b.u16(opt, 'optional header magic');
  if (magic !== 0x10b && magic !== 0x20b) b.fail(opt, `unknown optional header magic 0x${magic.toString(16)}`);
  const is64 = magic === 0x20b;
  const imageBase = is64 ? b.u64(opt + 24, 'ImageBase') : BigInt(b.u32(opt + 28, 'ImageBase'));
  const rvaCountOffset = opt + (is64 ? 108 : 92);
  const numberOfRvaAndSizes = b.u32(rvaCountOffset, 'NumberOfRvaAndSizes');
  const directoriesOffset = rvaCountOffset + 4;
  const subsystem = b.u16(opt + 68);
  const dllCharacteristics = b.u16(opt + 70);
  const headers: PeHeaders = {
    peOffset,
    machine,
    machineName: MACHINES.get(machine) ?? 'UNKNOWN',
    numberOfSections,
    timeDateStamp: b.u32(coff + 4),
    pointerToSymbolTable: b.u32(coff + 8),
    numberOfSymbols: b.u32(coff + 12),
    sizeOfOptionalHeader,
    characteristics,
    characteristicsFlags: flags(characteristics, FILE_CHARACTERISTICS),
    format: is64 ? 'PE32+' : 'PE32',
    majorLinkerVersion: b.u8(opt + 2),
    minorLinkerVersion: b.u8(opt + 3),
    sizeOfCode: b.u32(opt + 4),
    addressOfEntryPoint: b.u32(opt + 16),
    baseOfCode: b.u32(opt + 20),
    imageBase: imageBase.toString(),
    sectionAlignment: b.u32(opt + 32),
    fileAlignment: b.u32(opt + 36),
    majorOperatingSystemVersion: b.u16(opt + 40),
    minorOperatingSystemVersion: b.u16(opt + 42),
    majorImageVersion: b.u16(opt + 44),
    minorImageVersion: b.u16(opt + 46),
    majorSubsystemVersion: b.u16(opt + 48),
    minorSubsystemVersion: b.u16(opt + 50),
    sizeOfImage: b.u32(opt + 56),
    sizeOfHeaders: b.u32(opt + 60),
    checkSum: b.u32(opt + 64),
    computedCheckSum: peChecksum(b.buf, opt + 64),
    subsystem,
    subsystemName: SUBSYSTEMS.get(subsystem) ?? 'UNKNOWN',
    dllCharacteristics,
    dllCharacteristicsFlags: flags(dllCharacteristics, DLL_CHARACTERISTICS),
    numberOfRvaAndSizes,
  };
  // Like the Windows loader and pefile, read at most 16 directories whatever the header claims.
  const dirCount = Math.min(numberOfRvaAndSizes, 16);
  const dataDirectories: DataDirectory[] = [];
  for (let i = 0; i < dirCount; i++) {
    const at = directoriesOffset + i * 8;
    if (!b.has(at, 8)) break;
    dataDirectories.push({ index: i, name: DIRECTORY_NAMES[i]!, virtualAddress: b.u32(at), size: b.u32(at + 4) });
  }
  return {
    headers, dataDirectories, optionalOffset: opt, directoriesOffset,
    sectionTableOffset: opt + sizeOfOptionalHeader, imageBase, is64,
  };
}

/**
 * The PE checksum as imagehlp's CheckSumMappedFile (and pefile's generate_checksum) compute it: a 16-bit
 * one's-complement-style sum of the file's dwords, skipping the stored checksum, plus the file length.
 */
export function peChecksum(buf: Buffer, checksumOffset: number): number {
  const skip = Math.floor(checksumOffset / 4);
  const whole = Math.floor(buf.length / 4);
  let sum = 0;
  for (let i = 0; i < whole; i++) {
    if (i === skip) continue;
    sum += buf.readUInt32LE(i * 4);
    if (sum >= 0x100000000) sum = (sum % 0x100000000) + 1;
  }
  const rem = buf.length % 4;
  if (rem !== 0 && whole !== skip) {
    let last = 0;
    for (let k = 0; k < rem; k++) last |= buf[whole * 4 + k]! << (8 * k);
    sum += last >>> 0;
    if (sum >= 0x100000000) sum = (sum % 0x100000000) + 1;
  }
  sum = (sum & 0xffff) + Math.floor(sum / 0x10000);
  sum = sum + (sum >>> 16);
  sum = sum & 0xffff;
  return sum + buf.length;
}
