/**
 * Which extracted strings an analyst should see first. Most strings of a binary are compiler and library noise; the
 * ones that carry evidence are network indicators, paths and registry keys of the build or target machine, commands,
 * and natural-language text (whose language is an attribution artefact, cheap to plant but worth seeing).
 * Ranking: by kind (the order of KINDS); within natural language, scripts other than Latin first (rarer in
 * binaries, and the planted or leaked text that matters); then longer first; ties by offset. The kept ones are
 * shown in file order.
 */
import type { ExtractedString } from '../strings/index.js';
import type { SampleString } from './types.js';

const KINDS: readonly [kind: string, test: (s: ExtractedString) => boolean][] = [
  ['url', (s) => /\b(?:https?|ftp|wss?):\/\/[^\s"'<>]{3,}/i.test(s.value)],
  ['pdb', (s) => /\.pdb$/i.test(s.value)],
  ['ip', (s) => isIpv4(s.value)],
  ['email', (s) => /\b[\w.+-]+@[\w-]+\.[\w.-]+\b/.test(s.value)],
  ['registry', (s) => /\b(?:HKEY_[A-Z_]+|HKLM|HKCU|SOFTWARE\\(?:Microsoft|Classes|Policies))\\/i.test(s.value)],
  ['command', (s) => /\b(?:cmd(?:\.exe)?\s+\/c|powershell(?:\.exe)?\s|rundll32|schtasks|wmic|bash\s+-c|\/bin\/sh\b|vssadmin|bcdedit|net\s+(?:user|localgroup))/i.test(s.value)],
  ['user-path', (s) => /(?:[A-Za-z]:\\(?:Users|Documents and Settings)\\|\/home\/)[^\\/\s]+/i.test(s.value)],
  ['natural-language', (s) => s.language !== undefined],
  ['path', (s) => /^(?:[A-Za-z]:\\|\\\\[\w.-]+\\|\/(?:etc|tmp|var|usr|dev|proc|root)\/)/.test(s.value)],
  ['user-agent', (s) => /Mozilla\/\d\.\d|User-Agent:/i.test(s.value)],
  ['domain', (s) => /^(?:[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?\.)+(?:com|net|org|info|biz|ru|cn|io|xyz|top|online|site|de|uk|ir|kp)$/i.test(s.value.trim())],
];

/** A dotted quad not inside a longer dotted number; all-small quads ('1.2.3.4') are version numbers far more often. */
function isIpv4(v: string): boolean {
  for (const m of v.matchAll(/(?<![\d.])(\d{1,3})\.(\d{1,3})\.(\d{1,3})\.(\d{1,3})(?![\d.])/g)) {
    const parts = m.slice(1, 5).map(Number);
    if (parts.every((p) => p <= 255) && parts.some((p) => p > 9)) return true;
  }
  return false;
}

/** Every PE's DOS stub says it; it tells nothing about the sample. */
const DOS_STUB = '!This program cannot be run in DOS mode.';

/** Strings longer than this are cut in the summary (the full value stays in the file, at its offset). */
const MAX_VALUE = 512;

export function interestingStrings(strings: readonly ExtractedString[], top: number): SampleString[] {
  const ranked: { s: ExtractedString; kind: string; rank: number; latin: number }[] = [];
  const seen = new Set<string>([DOS_STUB]);
  for (const s of strings) {
    if (seen.has(s.value)) continue;
    const k = KINDS.findIndex(([, t]) => t(s));
    if (k < 0) continue;
    seen.add(s.value);
    ranked.push({ s, kind: KINDS[k]![0], rank: k, latin: s.script === 'Latin' || s.script === 'Common' ? 1 : 0 });
  }
  ranked.sort((a, b) => a.rank - b.rank || a.latin - b.latin || b.s.value.length - a.s.value.length || a.s.offset - b.s.offset);
  return ranked.slice(0, top).sort((a, b) => a.s.offset - b.s.offset).map(({ s, kind }) => ({
    offset: s.offset, ...(s.section !== undefined ? { section: s.section } : {}), encoding: s.encoding,
    value: s.value.length > MAX_VALUE ? s.value.slice(0, MAX_VALUE) : s.value, script: s.script,
    ...(s.language !== undefined ? { language: s.language } : {}), kind,
  }));
}
