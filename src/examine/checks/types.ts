import type { AuthenticodeInfo } from '../authenticode/index.js';
import type { ElfInfo } from '../elf/index.js';
import type { PeInfo } from '../pe/index.js';

export type Severity = 'info' | 'low' | 'medium' | 'high';

/** One cross-artefact inconsistency, with the values that show it. */
export interface CheckFinding {
  check: string;
  severity: Severity;
  reason: string;
  evidence: Record<string, string | number | boolean | null | string[] | number[]>;
}

/** What was read from one sample. */
export interface SampleInfo {
  pe?: PeInfo;
  authenticode?: AuthenticodeInfo;
  elf?: ElfInfo;
}

export interface CheckContext {
  /** The reference "now" (e.g. when the sample was collected), ISO-8601 or seconds since 1970. Never the wall clock. */
  now: string | number;
  /** Language of the sample's natural-language strings (ISO 639-1, e.g. 'zh', 'ru'), from the strings analysis. */
  stringsLanguage?: string;
}
