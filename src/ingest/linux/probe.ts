import { IngestError, type Anomaly } from '../../model/index.js';

/** How many unparsable lines before the first good one make a file "not this format" rather than odd records. */
export const PROBE_LINES = 20;

/**
 * The line-level verdict of the statistics-log readers: a line that does not parse is an anomaly once the file has
 * shown good lines, but when the first `PROBE_LINES` lines all fail the file is not this format and is rejected whole,
 * naming the first bad line.
 */
export class LineProbe {
  private good = 0;
  private bad = 0;
  private firstBad = 0;

  /** `what` names a good line in messages (`chrony log line`); `kind` is the anomaly kind. */
  constructor(private readonly file: string, private readonly what: string, private readonly kind: string) {}

  accept(): void {
    this.good++;
  }

  reject(lineNo: number, why: string, anomalies: Anomaly[]): void {
    if (this.good === 0) {
      if (this.firstBad === 0) this.firstBad = lineNo;
      if (++this.bad >= PROBE_LINES) throw new IngestError({ file: this.file, line: this.firstBad }, `no ${this.what} in the first lines: ${why}`);
    }
    anomalies.push({ offset: lineNo, kind: this.kind, message: why });
  }

  /** At the end of the file: lines that all failed, fewer than the probe, still mean "not this format". */
  finish(): void {
    if (this.good === 0 && this.firstBad !== 0) throw new IngestError({ file: this.file, line: this.firstBad }, `no ${this.what} found`);
  }
}
