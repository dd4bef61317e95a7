import { VeritraceError } from '../model/index.js';

/** Write a machine-readable result: stable key order as built, one JSON document on stdout. */
export function printJson(value: unknown): void {
  process.stdout.write(JSON.stringify(value, (_k, v) => (typeof v === 'bigint' ? v.toString() : v), 2) + '\n');
}

export function println(line = ''): void {
  process.stdout.write(line + '\n');
}

/** Report an error the user can act on; a bug keeps its stack. Returns the exit code. */
export function reportError(e: unknown, json: boolean): number {
  const known = e instanceof VeritraceError;
  const message = e instanceof Error ? e.message : String(e);
  if (json) printJson({ error: { kind: e instanceof Error ? e.name : 'Error', message } });
  else process.stderr.write(`veritrace: ${message}\n${!known && e instanceof Error && e.stack ? e.stack + '\n' : ''}`);
  return known ? 2 : 70;
}

/** A single-line progress bar on stderr, only when stderr is a TTY (and never with --json). */
export class Progress {
  private last = 0;
  private readonly enabled: boolean;
  constructor(private readonly label: string, json: boolean) {
    this.enabled = !json && process.stderr.isTTY === true;
  }
  update(done: number, total: number, detail: string): void {
    if (!this.enabled) return;
    const now = performance.now();
    if (now - this.last < 100 && done < total) return;
    this.last = now;
    const width = 28;
    const frac = total > 0 ? Math.min(1, done / total) : 0;
    const bar = '█'.repeat(Math.round(frac * width)).padEnd(width, '░');
    const cols = process.stderr.columns ?? 100;
    const line = `${this.label} ${bar} ${(frac * 100).toFixed(0).padStart(3)}% ${detail}`;
    process.stderr.write(`\r${line.slice(0, cols - 1).padEnd(cols - 1)}`);
  }
  done(): void {
    if (this.enabled) process.stderr.write('\r' + ' '.repeat((process.stderr.columns ?? 100) - 1) + '\r');
  }
}
