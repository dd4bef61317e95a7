import { RuleError } from '../../../model/index.js';

/**
 * A STIX pattern that is not valid. The message names the indicator and the character offset in the pattern
 * text, so a user with a 300-term pattern can find the spot; `position.file` is the indicator's source file.
 */
export class PatternSyntaxError extends RuleError {
  readonly indicatorId: string | undefined;
  readonly patternOffset: number;
  readonly reason: string;
  constructor(where: { indicatorId?: string; source?: string }, offset: number, reason: string) {
    const who = where.indicatorId ?? 'pattern';
    super({ file: where.source ?? who }, `${who}: pattern character ${offset}: ${reason}`);
    this.indicatorId = where.indicatorId;
    this.patternOffset = offset;
    this.reason = reason;
  }
}
