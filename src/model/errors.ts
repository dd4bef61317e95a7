/**
 * One error family with location and cause. Expected outcomes (a rule that does not compile, a record that is odd)
 * are values; these are for input that cannot be used at all, I/O and bugs.
 */
export class VeritraceError extends Error {
  constructor(message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = new.target.name;
  }
}

/** Where in an input a problem sits: byte offset for binary input, line number for text. */
export interface InputPosition {
  file: string;
  offset?: number;
  line?: number;
}

export function formatPosition(p: InputPosition): string {
  if (p.line !== undefined) return `${p.file}:${p.line}`;
  if (p.offset !== undefined) return `${p.file} at byte ${p.offset}`;
  return p.file;
}

/** A file that cannot be ingested (truncated, corrupt, unrecognised). The file is rejected whole; others go on. */
export class IngestError extends VeritraceError {
  readonly position: InputPosition;
  constructor(position: InputPosition, message: string, options?: { cause?: unknown }) {
    super(`${formatPosition(position)}: ${message}`, options);
    this.position = position;
  }
}

/** A case store that cannot be opened, read or written. */
export class StoreError extends VeritraceError {}

/** A rule or indicator that is not valid input (the engine reports unsupported features as values, not errors). */
export class RuleError extends VeritraceError {
  readonly position: InputPosition;
  constructor(position: InputPosition, message: string, options?: { cause?: unknown }) {
    super(`${formatPosition(position)}: ${message}`, options);
    this.position = position;
  }
}

/** A sample that cannot be examined (truncated or corrupt PE/ELF). */
export class ExamineError extends VeritraceError {
  readonly position: InputPosition;
  constructor(position: InputPosition, message: string, options?: { cause?: unknown }) {
    super(`${formatPosition(position)}: ${message}`, options);
    this.position = position;
  }
}

/** Wrong use of a command: bad arguments, missing case. */
export class UsageError extends VeritraceError {}
