/** `extractStrings`: every string of a sample with offset, encoding, section, script and (for prose) language. */
import { detectLanguage } from './language.js';
import { naturalText } from './natural.js';
import { scanRuns, type Candidate } from './scan.js';
import { dominantScript } from './script.js';
import { summarise } from './summary.js';
import type { ExtractedString, SectionRange, StringsOptions, StringsResult } from './types.js';

export function extractStrings(buf: Uint8Array, opts: StringsOptions = {}): StringsResult {
  const min8 = opts.minLength ?? 4;
  const min16 = opts.minLength16 ?? 6;
  const data = Buffer.from(buf.buffer, buf.byteOffset, buf.byteLength);
  const sectionOf = sectionLookup(opts.sections ?? []);
  // The same value often recurs (import names, repeated messages): classify each distinct value once.
  const memo = new Map<string, Pick<ExtractedString, 'script' | 'language' | 'languageScore'> & { letters: number; noise: boolean }>();
  const strings: ExtractedString[] = [];
  for (const c of scanRuns(data, min8, min16)) {
    const value = decode(data, c);
    let info = memo.get(value);
    if (!info) {
      const sc = dominantScript(value);
      // Letters of scripts that never mix (Hangul among Han, Arabic among Cyrillic) in a multi-byte run are bytes
      // misread as text, not a message: such runs are dropped rather than reported as foreign-language evidence.
      info = { script: sc.script, letters: sc.total, noise: sc.mixed && c.encoding !== 'ascii' };
      if (opts.languages !== false) {
        const text = naturalText(value, sc);
        const guess = text === null ? null : detectLanguage(text);
        if (guess) {
          info.language = guess.language;
          info.languageScore = guess.score;
        }
      }
      memo.set(value, info);
    }
    if (info.noise) continue;
    const s: ExtractedString = { offset: c.start, encoding: c.encoding, value, script: info.script };
    const section = sectionOf(c.start);
    if (section !== undefined) s.section = section;
    if (info.language !== undefined) {
      s.language = info.language;
      s.languageScore = info.languageScore!;
    }
    strings.push(s);
  }
  return { strings, summary: summarise(memo) };
}

function decode(data: Buffer, c: Candidate): string {
  switch (c.encoding) {
    case 'ascii':
      return data.toString('latin1', c.start, c.end);
    case 'utf-8':
      return data.toString('utf8', c.start, c.end);
    case 'utf-16le':
      return data.toString('utf16le', c.start, c.end);
    case 'utf-16be':
      return Buffer.from(data.subarray(c.start, c.end)).swap16().toString('utf16le');
  }
}

/** Binary search over the section map (sorted by file offset); undefined outside every section. */
function sectionLookup(sections: SectionRange[]): (offset: number) => string | undefined {
  const sorted = sections.filter((s) => s.rawSize > 0).sort((a, b) => a.rawOffset - b.rawOffset || a.name.localeCompare(b.name));
  return (offset) => {
    let lo = 0, hi = sorted.length - 1, found: SectionRange | undefined;
    while (lo <= hi) {
      const mid = (lo + hi) >> 1;
      if (sorted[mid]!.rawOffset <= offset) {
        found = sorted[mid];
        lo = mid + 1;
      } else hi = mid - 1;
    }
    return found && offset < found.rawOffset + found.rawSize ? found.name : undefined;
  };
}
