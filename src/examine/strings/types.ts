/** The shapes `extractStrings` returns: plain data, serialisable as JSON. */

export type StringEncoding = 'ascii' | 'utf-8' | 'utf-16le' | 'utf-16be';

/** Where a section of the sample lies in the file, so each string can name its section. */
export interface SectionRange {
  name: string;
  rawOffset: number;
  rawSize: number;
}

export interface ExtractedString {
  /** Byte offset of the first character in the file. */
  offset: number;
  encoding: StringEncoding;
  /** The section holding `offset`, when a section map was given and one does. */
  section?: string;
  value: string;
  /** Dominant Unicode script of its letters (`Latin`, `Cyrillic`, `Han`, …), `Common` when it has no letters. */
  script: string;
  /** ISO 639-1 language, only for strings judged to be natural-language text. */
  language?: string;
  /** The detector's score for `language` (0..1). */
  languageScore?: number;
}

export interface StringsSummary {
  /** Share of letters per script, over distinct string values (a string repeated a hundred times counts once). */
  byScript: Record<string, number>;
  /** Share of letters per language, over distinct natural-language values that got a language. */
  byLanguage: Record<string, number>;
}

export interface StringsResult {
  strings: ExtractedString[];
  summary: StringsSummary;
}

export interface StringsOptions {
  /** Minimum characters for ASCII/UTF-8 strings; default 4 (as `strings` and FLOSS). */
  minLength?: number;
  /** Minimum characters for UTF-16 strings; default 6 (16-bit noise forms short runs far more often). */
  minLength16?: number;
  /** Sections of the sample, to name each string's section. */
  sections?: SectionRange[];
  /** Detect languages (default true); off, only scripts are reported. */
  languages?: boolean;
}
