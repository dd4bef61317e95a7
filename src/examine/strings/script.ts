/**
 * The dominant Unicode script of a string's letters. Scripts come from `\p{Script=…}`; to keep per-string work to a
 * table lookup per character, the regexes classify every BMP code point once at start-up (astral characters, rare
 * in binaries, are classified by the regexes directly).
 */

/** Scripts reported by name; letters of any other script count as `Other`. */
export const SCRIPTS = [
  'Latin', 'Cyrillic', 'Greek', 'Han', 'Hiragana', 'Katakana', 'Hangul', 'Arabic', 'Hebrew', 'Thai', 'Devanagari',
  'Armenian', 'Georgian',
] as const;
const OTHER = SCRIPTS.length + 1;
const NAMES = ['', ...SCRIPTS, 'Other'];

const SCRIPT_RE = new RegExp('^(?:' + SCRIPTS.map((s) => `(\\p{Script=${s}})`).join('|') + '|(\\p{L}))$', 'u');

function classify(ch: string): number {
  const m = SCRIPT_RE.exec(ch);
  if (!m) return 0;
  for (let g = 1; g < m.length; g++) if (m[g] !== undefined) return g;
  return 0;
}

/** Script index (into NAMES) of each BMP code unit; 0 for non-letters. Surrogates stay 0 and are handled apart. */
const BMP = (() => {
  const t = new Uint8Array(65536);
  for (let c = 0; c < 0xd800; c++) t[c] = classify(String.fromCharCode(c));
  for (let c = 0xe000; c < 0x10000; c++) t[c] = classify(String.fromCharCode(c));
  return t;
})();

export interface ScriptCount {
  script: string;
  /** Letters in the dominant script. */
  letters: number;
  /** Letters in total, any script. */
  total: number;
  /**
   * More than a tenth of the letters belong to scripts that do not go with the dominant one (Latin goes with all;
   * Han, Hiragana and Katakana go together): the mark of bytes misread as text rather than of a real message.
   */
  mixed: boolean;
}

const CJK = new Set([NAMES.indexOf('Han'), NAMES.indexOf('Hiragana'), NAMES.indexOf('Katakana')]);
const LATIN = NAMES.indexOf('Latin');

export function dominantScript(text: string): ScriptCount {
  const counts = new Int32Array(OTHER + 1);
  let total = 0;
  for (let i = 0; i < text.length; i++) {
    const u = text.charCodeAt(i);
    let k: number;
    if (u >= 0xd800 && u < 0xdc00 && i + 1 < text.length) {
      k = classify(String.fromCodePoint(text.codePointAt(i)!));
      i++;
    } else k = BMP[u]!;
    if (k !== 0) {
      counts[k]!++;
      total++;
    }
  }
  if (total === 0) return { script: 'Common', letters: 0, total: 0, mixed: false };
  let best = 1;
  for (let k = 2; k <= OTHER; k++) if (counts[k]! > counts[best]!) best = k;
  let fitting = counts[best]! + (best === LATIN ? 0 : counts[LATIN]!);
  if (CJK.has(best)) for (const k of CJK) if (k !== best) fitting += counts[k]!;
  return { script: NAMES[best]!, letters: counts[best]!, total, mixed: (total - fitting) * 10 > total };
}
