/**
 * What `parsePe` reports about a PE file. Plain serialisable data: numbers, strings (binary values as lowercase hex),
 * arrays sorted as the file stores them (that order carries meaning: imphash and the Rich header depend on it).
 */

export interface PeHeaders {
  /** e_lfanew: file offset of the `PE\0\0` signature. */
  peOffset: number;
  machine: number;
  machineName: string;
  numberOfSections: number;
  /** COFF TimeDateStamp, seconds since 1970 (UTC). Anybody can rewrite it; checks compare it with other times. */
  timeDateStamp: number;
  pointerToSymbolTable: number;
  numberOfSymbols: number;
  sizeOfOptionalHeader: number;
  characteristics: number;
  characteristicsFlags: string[];
  /** 'PE32' (0x10b) or 'PE32+' (0x20b). */
  format: 'PE32' | 'PE32+';
  majorLinkerVersion: number;
  minorLinkerVersion: number;
  sizeOfCode: number;
  addressOfEntryPoint: number;
  baseOfCode: number;
  /** Image base as a decimal string: PE32+ bases exceed 2^53 in some files. */
  imageBase: string;
  sectionAlignment: number;
  fileAlignment: number;
  majorOperatingSystemVersion: number;
  minorOperatingSystemVersion: number;
  majorImageVersion: number;
  minorImageVersion: number;
  majorSubsystemVersion: number;
  minorSubsystemVersion: number;
  sizeOfImage: number;
  sizeOfHeaders: number;
  /** The checksum stored in the optional header … */
  checkSum: number;
  /** … and the one recomputed over the file (the algorithm of imagehlp's CheckSumMappedFile). */
  computedCheckSum: number;
  subsystem: number;
  subsystemName: string;
  dllCharacteristics: number;
  dllCharacteristicsFlags: string[];
  numberOfRvaAndSizes: number;
}

export interface DataDirectory {
  index: number;
  name: string;
  virtualAddress: number;
  size: number;
}

export interface PeSection {
  /** Name as stored (up to 8 bytes, NULs stripped); long `/123` names are kept as stored, like pefile. */
  name: string;
  virtualAddress: number;
  virtualSize: number;
  pointerToRawData: number;
  sizeOfRawData: number;
  characteristics: number;
  characteristicsFlags: string[];
  /** Shannon entropy (bits per byte) of the raw data that lies in the file. */
  entropy: number;
  md5: string;
}

export interface PeImport {
  /** Function name; absent when imported by ordinal only. */
  name?: string;
  ordinal?: number;
  hint?: number;
}

export interface PeImportLibrary {
  dll: string;
  delayLoad: boolean;
  functions: PeImport[];
}

export interface PeExport {
  ordinal: number;
  /** RVA of the function (0 for forwarders pointing outside the image is not special-cased). */
  address: number;
  name?: string;
  forwarder?: string;
}

export interface PeExports {
  dllName: string;
  timeDateStamp: number;
  base: number;
  symbols: PeExport[];
}

export interface RichEntry {
  productId: number;
  build: number;
  count: number;
  /** What produced these objects (e.g. 'Utc1900_CPP'), from the table in rich-tools.ts; 'unknown' otherwise. */
  tool: string;
  /** Visual Studio release the build number belongs to, when known. */
  visualStudio?: string;
}

export interface RichHeader {
  /** File offset of the `DanS` marker (0x80 in linker output). */
  offset: number;
  /** The XOR key stored after `Rich` (the linker's checksum over the DOS header and the entries). */
  key: string;
  /** The key recomputed from the DOS stub and the decoded entries; a mismatch means the header was edited or copied. */
  computedKey: string;
  keyValid: boolean;
  entries: RichEntry[];
  /** md5 of the decoded bytes from 0x80 up to `Rich`, as pefile's `get_rich_header_hash()`. */
  richHash: string;
}

export interface PeDebugEntry {
  type: number;
  typeName: string;
  timeDateStamp: number;
  majorVersion: number;
  minorVersion: number;
  sizeOfData: number;
  addressOfRawData: number;
  pointerToRawData: number;
  /** CodeView RSDS (PDB 7.0) or NB10 (PDB 2.0) record. */
  codeView?: { signature: 'RSDS' | 'NB10'; pdbPath: string; guid: string; age: number };
  /** For POGO: the section-contribution names the linker recorded (e.g. '.text$mn'). */
  pogoEntries?: string[];
}

export interface PeResource {
  /** Resource type id (3 = icon, 16 = version, 24 = manifest …) or its name. */
  type: number | string;
  typeName: string;
  name: number | string;
  /** Language id (LANGID): primary language | sublanguage << 10; 0x804 is zh-CN. */
  language: number;
  dataRva: number;
  size: number;
  codePage: number;
}

export interface VersionInfo {
  /** VS_FIXEDFILEINFO file and product versions as 'a.b.c.d'. */
  fileVersion?: string;
  productVersion?: string;
  /** StringFileInfo tables: key is the table's language+codepage ('040904b0'). */
  stringTables: { langCodepage: string; strings: Record<string, string> }[];
  /** VarFileInfo Translation pairs as 'llllcccc' hex. */
  translations: string[];
}

export interface PeTls {
  startAddressOfRawData: string;
  endAddressOfRawData: string;
  addressOfIndex: string;
  addressOfCallbacks: string;
  /** Callback virtual addresses (decimal strings: PE32+ values exceed 2^53). */
  callbacks: string[];
}

export interface PeLoadConfig {
  size: number;
  timeDateStamp: number;
  securityCookie: string;
  guardFlags?: number;
}

export interface PeOverlay {
  offset: number;
  size: number;
  entropy: number;
}

export interface PeInfo {
  file: string;
  size: number;
  headers: PeHeaders;
  dataDirectories: DataDirectory[];
  sections: PeSection[];
  imports: PeImportLibrary[];
  /** pefile-compatible imphash over the regular (not delay-load) imports; '' when there are none. */
  imphash: string;
  exports?: PeExports;
  rich?: RichHeader;
  debug: PeDebugEntry[];
  resources: PeResource[];
  /** TimeDateStamp of the root resource directory, when the linker set one. */
  resourceTimeDateStamp?: number;
  versionInfo?: VersionInfo;
  manifest?: string;
  tls?: PeTls;
  loadConfig?: PeLoadConfig;
  overlay?: PeOverlay;
  /** Odd but survivable things met while parsing (a directory pointing outside the file …), sorted. */
  anomalies: string[];
}
