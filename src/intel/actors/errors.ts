import { VeritraceError } from '../../model/index.js';

/** Where in a profile file a problem sits: the file, the path inside it (`actors[1].timezone`) and its line when known. */
export interface ProfilePosition { file: string; path: string; line?: number }

/** An actor profile that cannot be used: names the file, the path inside it and, for YAML/JSON text, the line. */
export class ActorProfileError extends VeritraceError {
  readonly position: ProfilePosition;
  constructor(position: ProfilePosition, message: string, options?: { cause?: unknown }) {
    const where = position.line !== undefined ? `${position.file}:${position.line}` : position.file;
    super(`${where}: ${position.path ? `${position.path}: ` : ''}${message}`, options);
    this.position = position;
  }
}
