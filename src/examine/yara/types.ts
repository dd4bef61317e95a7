/** What a YARA scan reports for one sample: plain data, serialisable as JSON. */

/** One occurrence of a rule string in the sample. */
export interface YaraStringMatch {
  /** The string's identifier, with its `$`. */
  identifier: string;
  /** Byte offset in the file. */
  offset: number;
  /** Length of the matched bytes. */
  length: number;
  /** The matched bytes, hex (read back from the file, so exact whatever the string's modifiers). */
  data: string;
}

export type YaraMetaValue = string | number | boolean;

export interface YaraMatch {
  rule: string;
  namespace: string;
  tags: string[];
  /** Meta entries in declaration order (a key may repeat in YARA, so this is a list, not an object). */
  meta: { key: string; value: YaraMetaValue }[];
  strings: YaraStringMatch[];
}

/** A rule set compiled by the engine, ready to scan with. */
export interface CompiledYara {
  /** The rule files, absolute, in the order given. */
  sources: string[];
  /** The compiled rules file (content-addressed cache, reused across runs). */
  compiledPath: string;
  /** Compiler warnings (e.g. slow strings), each naming file and line. */
  warnings: string[];
}

export interface ScanOptions {
  /** Scanning threads; default: the machine's available parallelism. */
  threads?: number;
  /** Per-file timeout in seconds; default 60. */
  timeoutSeconds?: number;
}
