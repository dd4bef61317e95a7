/**
 * RFC 4180 records from physical lines: quoted fields may hold the delimiter, doubled quotes and line breaks,
 * so a record can span several lines. Fed one line at a time (from `InputSource.lines()`, which has already
 * split on LF and dropped a CR before it), which keeps line numbers for error positions. Lenient where real
 * exports are: a quote inside an unquoted field is literal, text after a closing quote is kept.
 * Lines without quotes take a `split` fast path.
 */

export class CsvRecords {
  private fields: string[] = [];
  private cur = '';
  private inQuotes = false;

  constructor(private readonly delim: string) {}

  /** True while a quoted field is open (the record continues on the next line). */
  get open(): boolean {
    return this.inQuotes;
  }

  /** Feeds one line; returns the finished record, or null while a quoted field continues past this line. */
  push(line: string): string[] | null {
    if (!this.inQuotes && this.fields.length === 0 && this.cur === '' && line.indexOf('"') < 0) {
      return line.split(this.delim);
    }
    if (this.inQuotes) this.cur += '\n';
    const d = this.delim;
    let i = 0;
    let fieldStart = !this.inQuotes && this.cur === '';
    for (;;) {
      if (this.inQuotes) {
        const q = line.indexOf('"', i);
        if (q < 0) { this.cur += line.slice(i); return null; }
        this.cur += line.slice(i, q);
        if (line.charCodeAt(q + 1) === 34) { this.cur += '"'; i = q + 2; continue; }
        this.inQuotes = false;
        i = q + 1;
        continue;
      }
      if (fieldStart && line.charCodeAt(i) === 34) { this.inQuotes = true; fieldStart = false; i++; continue; }
      const next = line.indexOf(d, i);
      if (next < 0) { this.cur += line.slice(i); break; }
      this.fields.push(this.cur + line.slice(i, next));
      this.cur = '';
      i = next + d.length;
      fieldStart = true;
    }
    this.fields.push(this.cur);
    const out = this.fields;
    this.fields = [];
    this.cur = '';
    return out;
  }

  /** The record cut short by the end of input inside a quoted field, if any. */
  flush(): string[] | null {
    if (!this.inQuotes) return null;
    this.fields.push(this.cur);
    const out = this.fields;
    this.fields = [];
    this.cur = '';
    this.inQuotes = false;
    return out;
  }
}

/** The delimiter of a header line: the most frequent of `,` `;` TAB `|` outside quotes; `,` when none occurs. */
export function detectDelimiter(header: string): string {
  const counts = new Map<string, number>([[',', 0], [';', 0], ['\t', 0], ['|', 0]]);
  let inQ = false;
  for (let i = 0; i < header.length; i++) {
    const ch = header[i]!;
    if (ch === '"') inQ = !inQ;
    else if (!inQ && counts.has(ch)) counts.set(ch, counts.get(ch)! + 1);
  }
  let best = ',';
  let n = 0;
  for (const [d, c] of counts) if (c > n) { best = d; n = c; }
  return best;
}
