/**
 * Decide whether a string is natural-language text worth a language guess, and give the words to guess from.
 * Binaries are mostly identifiers, paths, URLs, format strings, encoded blobs and API names; a language detector
 * fed those answers confidently and wrongly (an import table "is" Norwegian), and that would plant false language
 * evidence. So tokens of those kinds are removed, and what is left must still read as words.
 */
import { API_NAMES } from './api-names.js';
import type { ScriptCount } from './script.js';

/** Scripts written without spaces between words: judged by letter count, not word count. */
const UNSPACED = new Set(['Han', 'Hiragana', 'Katakana', 'Thai']);

const URL_RE = /^[a-z][a-z0-9+.-]*:\/\/|^www\.|^[^\s@]+@[^\s@]+\.[a-z]{2,}$/i;
const PATH_RE = /^[a-z]:[\\/]|[\\/].*[\\/]|^\\\\|^%[a-z_]+%[\\/]|^hk(ey_|lm|cu|cr|u)\b/i;
const FILENAME_RE = /^[\w.-]+\.(dll|exe|sys|so|drv|ocx|cpl|pdb|dat|ini|tmp|log|txt|bat|cmd|ps1|vbs|js|lnk|cfg|xml|json|c|cpp|h)$/i;
const FORMAT_RE = /%[-+ #0]*(\d+|\*)?(\.(\d+|\*))?(hh|h|ll|l|L|z|j|t|I64|I32|I)?[diouxXeEfgGcspSn%]|\{\d*(:[^}]*)?\}/g;
const IDENTIFIER_RE = /[a-z][A-Z]|_|^[A-Z][a-z]+[A-Z]|[A-Za-z]\d|\d[A-Za-z]|\w\.\w|::|->|\(|\)|=/;
const BLOB_RE = /^[A-Za-z0-9+/=_-]{16,}$/;
const WORD_RE = /^\p{L}[\p{L}\p{M}'’-]*$/u;

function isBlob(t: string): boolean {
  if (!BLOB_RE.test(t)) return false;
  // Hex, or base64 with the mix of cases and digits real words never have.
  return /^[0-9a-f]+$/i.test(t) || (/\d/.test(t) && /[a-z]/.test(t) && /[A-Z]/.test(t));
}

/** Strip surrounding punctuation a word may carry in a sentence. */
const trimPunct = (t: string): string => t.replace(/^[("'«“‘[¿¡]+|[)"'»”’\].,:;!?…。，、！？：；]+$/gu, '');

/** The words to detect a language from, or null when the string is not natural-language text. */
export function naturalText(value: string, sc: ScriptCount): string | null {
  if (sc.total < 2 || sc.mixed) return null;
  // Whitespace separates words; in CJK text the ideographic punctuation does.
  const tokens = value.replace(FORMAT_RE, ' ').split(/[\s，。、！？：；（）「」『』《》]+/u).filter(Boolean);
  const words: string[] = [];
  let rejected = 0;
  for (const raw of tokens) {
    const t = trimPunct(raw);
    if (t === '') continue;
    if (URL_RE.test(t) || PATH_RE.test(t) || FILENAME_RE.test(t) || isBlob(t) || API_NAMES.has(t.toLowerCase()) ||
      IDENTIFIER_RE.test(t)) {
      rejected++;
      continue;
    }
    // One-letter tokens (a stray 'H' of an x86 immediate, an initial) are neither words nor evidence against.
    if (WORD_RE.test(t)) {
      if ([...t].length > 1 || UNSPACED.has(sc.script)) words.push(t);
    } else rejected++;
  }
  if (words.length === 0) return null;
  const text = words.join(' ');
  if (UNSPACED.has(sc.script)) {
    // Two ideographs already make a word in Chinese or Japanese; demand a little more to stay off noise.
    const letters = [...text].length;
    return letters >= 3 && words.length >= rejected ? text : null;
  }
  // Space-delimited scripts: three words, or two making ten letters ("Zugriff verweigert"), and words must be most
  // of the string. Shorter fragments (code immediates like "ble for H") get confident, random answers.
  const letters = words.reduce((n, w) => n + [...w].length, 0);
  if (words.length < 2 || (words.length === 2 && letters < 10) || words.length < rejected * 2) return null;
  return text;
}
