import type { AuthenticodeInfo } from '../authenticode/index.js';
import type { PeInfo } from '../pe/index.js';
import { LANGID_PRIMARY } from './linkers.js';
import type { CheckFinding } from './types.js';

/** Signing-time checks from the Authenticode flags, with the times that show them. */
export function signingChecks(ac: AuthenticodeInfo | undefined): CheckFinding[] {
  const out: CheckFinding[] = [];
  for (const s of ac?.signatures ?? []) {
    const evidence = {
      signer: s.signer?.subject ?? null, notBefore: s.signer?.notBefore ?? null, notAfter: s.signer?.notAfter ?? null,
      signingTime: s.signingTime ?? null, counterSignatureTime: s.counterSignatureTime ?? null, nested: s.nested,
    };
    if (s.flags.includes('signing-time-outside-validity')) {
      out.push({ check: 'signing-time-outside-validity', severity: 'high', reason: `signed at ${s.counterSignatureTime ?? s.signingTime}, outside the signer certificate's validity ${s.signer?.notBefore} – ${s.signer?.notAfter}`, evidence });
    }
    if (s.flags.includes('hash-mismatch')) {
      out.push({ check: 'signature-hash-mismatch', severity: 'high', reason: 'the file was changed after it was signed: the signed image hash differs from the recomputed one', evidence: { ...evidence, signedImageHash: s.signedImageHash, computedImageHash: s.computedImageHash } });
    }
    if (s.flags.includes('self-signed')) {
      out.push({ check: 'signature-self-signed', severity: 'medium', reason: 'signed with a self-signed certificate: anybody can make one with any name', evidence });
    }
  }
  return out;
}

/** ISO 639-1 languages of the resources (language-neutral ones left out). */
export function resourceLanguages(pe: PeInfo): string[] {
  const langs = new Set<string>();
  for (const r of pe.resources) {
    const lang = LANGID_PRIMARY.get(r.language & 0x3ff);
    if (lang) langs.add(lang);
  }
  return [...langs].sort();
}

export function languageChecks(pe: PeInfo, stringsLanguage: string | undefined): CheckFinding[] {
  if (!stringsLanguage) return [];
  const langs = resourceLanguages(pe);
  if (langs.length === 0 || langs.includes(stringsLanguage)) return [];
  const ids = [...new Set(pe.resources.map((r) => `0x${r.language.toString(16)}`))].sort();
  return [{ check: 'resource-language-vs-strings', severity: 'medium', reason: `resources are stamped ${langs.join(', ')} but the strings are in ${stringsLanguage}`, evidence: { resourceLanguages: langs, languageIds: ids, stringsLanguage } }];
}

const SCRIPTS: readonly [string, RegExp][] = [
  ['Han', /\p{Script=Han}/u], ['Cyrillic', /\p{Script=Cyrillic}/u], ['Arabic', /\p{Script=Arabic}/u],
  ['Hangul', /\p{Script=Hangul}/u], ['Hiragana/Katakana', /[\p{Script=Hiragana}\p{Script=Katakana}]/u],
  ['Hebrew', /\p{Script=Hebrew}/u], ['Greek', /\p{Script=Greek}/u], ['Thai', /\p{Script=Thai}/u],
  ['Devanagari', /\p{Script=Devanagari}/u], ['Latin (non-ASCII)', /[\u00c0-\u024f]/u],
];
/** Languages whose usual script each script stands for, to see whether a PDB path agrees with the strings. */
const SCRIPT_LANGS: ReadonlyMap<string, readonly string[]> = new Map([
  ['Han', ['zh', 'ja']], ['Cyrillic', ['ru', 'uk', 'be', 'bg', 'sr', 'mk', 'kk', 'mn']], ['Arabic', ['ar', 'fa', 'ur']],
  ['Hangul', ['ko']], ['Hiragana/Katakana', ['ja']], ['Hebrew', ['he']], ['Greek', ['el']], ['Thai', ['th']],
  ['Devanagari', ['hi']],
]);

/** PDB paths: user names (C:\Users\NAME, /home/NAME) and components in a script other than ASCII. */
export function pdbChecks(pe: PeInfo, stringsLanguage: string | undefined): CheckFinding[] {
  const out: CheckFinding[] = [];
  for (const d of pe.debug) {
    const path = d.codeView?.pdbPath;
    if (!path) continue;
    const user = /(?:^|[\\/])(?:Users|Documents and Settings|home)[\\/]([^\\/]+)/i.exec(path)?.[1];
    if (user) out.push({ check: 'pdb-path-user-name', severity: 'info', reason: `the PDB path names a user profile '${user}' of the build machine`, evidence: { pdbPath: path, userName: user } });
    const scripts = SCRIPTS.filter(([, re]) => re.test(path)).map(([name]) => name);
    if (scripts.length > 0) {
      const parts = path.split(/[\\/]/).filter((p) => /[^\x00-\x7f]/.test(p));
      out.push({ check: 'pdb-path-non-ascii', severity: 'low', reason: `the PDB path has ${scripts.join(', ')} components: ${parts.join(', ')}`, evidence: { pdbPath: path, scripts, components: parts } });
      const expected = scripts.flatMap((s) => SCRIPT_LANGS.get(s) ?? []);
      if (stringsLanguage && expected.length > 0 && !expected.includes(stringsLanguage)) {
        out.push({ check: 'pdb-path-language-vs-strings', severity: 'medium', reason: `the PDB path is written in ${scripts.join(', ')} script but the strings are in ${stringsLanguage}`, evidence: { pdbPath: path, scripts, stringsLanguage } });
      }
    }
  }
  return out;
}
