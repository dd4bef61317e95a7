/** What the examine stage reports about one sample, and the options that shape it. Plain serialisable data. */
import type { AuthenticodeInfo } from '../authenticode/index.js';
import type { CheckFinding } from '../checks/index.js';
import type { ElfInfo } from '../elf/index.js';
import type { PeInfo } from '../pe/index.js';
import type { YaraMatch } from '../yara/index.js';

export type SampleFormat = 'pe' | 'elf';

/** Every hash that names or relates the sample; null where the format or content has none. */
export interface SampleHashSet {
  md5: string;
  sha1: string;
  sha256: string;
  /** pefile-compatible imphash (PE with imports only). */
  imphash: string | null;
  /** md5 of the decoded Rich header (PE linked by MSVC only). */
  richHash: string | null;
  /** Null under 256 bytes or for too uniform content, as the reference `tlsh` prints no digest. */
  tlsh: string | null;
  ssdeep: string;
}

/** One string worth an analyst's eye, where it sits in the file. */
export interface SampleString {
  offset: number;
  /** Section (PE) or ELF section holding the offset; absent in headers or overlay. */
  section?: string;
  encoding: string;
  value: string;
  script?: string;
  /** Only for natural-language text (ISO 639-1). */
  language?: string;
  /** Why it is interesting (url, path, pdb, natural-language, …), as the strings analysis classifies it. */
  kind?: string;
}

export interface StringsSummary {
  /** How many strings were extracted in all. */
  total: number;
  /** Dominant Unicode script of each string: how many strings, and the share of letters over distinct values. */
  scripts: { script: string; count: number; share: number }[];
  /** Languages of natural-language strings only (identifiers, paths, base64 and API names filtered out), same measures. */
  languages: { language: string; count: number; share: number }[];
  /** The dominant natural-language language, fed to the consistency checks. */
  language?: string;
  /** The top N interesting strings, in file order. */
  interesting: SampleString[];
}

/** The times a sample carries, side by side (ISO-8601 UTC), each one anybody could rewrite. */
export interface SampleTimes {
  compile?: string;
  debug?: string[];
  resource?: string;
  exports?: string;
  signing?: string;
  counterSignature?: string;
}

export interface SampleReport {
  /** Path as given to examine (not part of the identity: the SHA-256 is). */
  file: string;
  size: number;
  format: SampleFormat;
  /** One-line description: 'PE32+ AMD64 DLL (WINDOWS_GUI)', 'ELF64 x86-64 DYN'. */
  type: string;
  hashes: SampleHashSet;
  times: SampleTimes;
  /** CodeView PDB path of the first debug entry that has one. */
  pdbPath?: string;
  /** Subject of the first signature's signer certificate, and that certificate's SHA-256. */
  signer?: string;
  signerCertificate?: string;
  pe?: PeInfo;
  authenticode?: AuthenticodeInfo;
  elf?: ElfInfo;
  strings: StringsSummary;
  checks: CheckFinding[];
  /** Null when no YARA rules were given; [] when rules were given and none matched. */
  yara: YaraMatch[] | null;
  /** The reference time the checks used (never the wall clock of the run). */
  now: string;
}

export interface SampleOptions {
  /** Reference time for the checks, ISO-8601. */
  now: string;
  /** How many interesting strings to keep (default 50). */
  topStrings?: number;
  /** YARA matches for this file, from a batch scan (`scanYara`); null/absent means no rules were run. */
  yara?: YaraMatch[] | null;
}
