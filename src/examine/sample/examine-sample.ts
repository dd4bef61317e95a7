import { parseAuthenticode } from '../authenticode/index.js';
import { checkSample } from '../checks/index.js';
import { parseElf } from '../elf/index.js';
import { hashes } from '../hashes/index.js';
import { parsePe, type PeInfo } from '../pe/index.js';
import type { ElfInfo } from '../elf/index.js';
import { ExamineError } from '../../model/index.js';
import { summarizeStrings, type SectionRange } from './strings.js';
import type { SampleFormat, SampleOptions, SampleReport, SampleTimes } from './types.js';

const DEFAULT_TOP_STRINGS = 50;

/** The format by magic: `MZ` (a PE must follow; parsePe says where it does not) or `\x7fELF`; null for anything else. */
export function formatOf(head: Uint8Array): SampleFormat | null {
  if (head.length >= 2 && head[0] === 0x4d && head[1] === 0x5a) return 'pe';
  if (head.length >= 4 && head[0] === 0x7f && head[1] === 0x45 && head[2] === 0x4c && head[3] === 0x46) return 'elf';
  return null;
}

export function sniffFormat(buf: Buffer, file: string): SampleFormat {
  const format = formatOf(buf);
  if (!format) throw new ExamineError({ file, offset: 0 }, 'not a PE or ELF file');
  return format;
}

const iso = (seconds: number): string => new Date(seconds * 1000).toISOString();
/** 0 and 0xFFFFFFFF are what linkers write for "no time" (reproducible builds, unset export stamps). */
const isTime = (seconds: number | undefined): seconds is number => seconds !== undefined && seconds !== 0 && seconds !== 0xffffffff;

function peTimes(pe: PeInfo): SampleTimes {
  const t: SampleTimes = {};
  if (isTime(pe.headers.timeDateStamp)) t.compile = iso(pe.headers.timeDateStamp);
  const debug = [...new Set(pe.debug.filter((d) => isTime(d.timeDateStamp)).map((d) => iso(d.timeDateStamp)))].sort();
  if (debug.length) t.debug = debug;
  if (isTime(pe.resourceTimeDateStamp)) t.resource = iso(pe.resourceTimeDateStamp);
  if (isTime(pe.exports?.timeDateStamp)) t.exports = iso(pe.exports.timeDateStamp);
  return t;
}

function peType(pe: PeInfo): string {
  const h = pe.headers;
  const kind = h.characteristicsFlags.includes('DLL') ? 'DLL' : 'EXE';
  return `${h.format} ${h.machineName} ${kind} (${h.subsystemName})`;
}

function peSections(pe: PeInfo): SectionRange[] {
  return pe.sections.filter((s) => s.sizeOfRawData > 0).map((s) => ({ name: s.name, rawOffset: s.pointerToRawData, rawSize: s.sizeOfRawData }));
}

const SHT_NOBITS = 8;
function elfSections(elf: ElfInfo): SectionRange[] {
  return elf.sections.filter((s) => s.type !== SHT_NOBITS && s.size > 0 && s.name).map((s) => ({ name: s.name, rawOffset: s.offset, rawSize: s.size }));
}

/**
 * Examine one sample held in memory: format by magic, every hash, the PE or ELF structure, Authenticode, the
 * strings summary, the consistency checks (with the strings' language) and the YARA matches handed in.
 * Deterministic: the reference time comes from `opts.now`, never from the clock. A file that cannot be read as
 * PE or ELF is an ExamineError naming the file and offset.
 */
export function examineSample(buf: Buffer, file: string, opts: SampleOptions): SampleReport {
  const format = sniffFormat(buf, file);
  const top = opts.topStrings ?? DEFAULT_TOP_STRINGS;
  const h = hashes(buf);
  if (format === 'pe') {
    const pe = parsePe(buf, file);
    const authenticode = parseAuthenticode(buf, pe, file);
    const strings = summarizeStrings(buf, peSections(pe), top);
    const checks = checkSample({ pe, ...(authenticode ? { authenticode } : {}) }, { now: opts.now, ...(strings.language ? { stringsLanguage: strings.language } : {}) });
    const times = peTimes(pe);
    const sig = authenticode?.signatures.find((s) => !s.nested) ?? authenticode?.signatures[0];
    if (sig?.signingTime) times.signing = sig.signingTime;
    if (sig?.counterSignatureTime) times.counterSignature = sig.counterSignatureTime;
    const pdbPath = pe.debug.find((d) => d.codeView)?.codeView?.pdbPath;
    return {
      file, size: buf.length, format, type: peType(pe),
      hashes: { md5: h.md5, sha1: h.sha1, sha256: h.sha256, imphash: pe.imphash || null, richHash: pe.rich?.richHash ?? null, tlsh: h.tlsh, ssdeep: h.ssdeep },
      times,
      ...(pdbPath ? { pdbPath } : {}),
      ...(sig?.signer ? { signer: sig.signer.subject, signerCertificate: sig.signer.sha256 } : {}),
      pe,
      ...(authenticode ? { authenticode } : {}),
      strings, checks, yara: opts.yara ?? null, now: opts.now,
    };
  }
  const elf = parseElf(buf, file);
  const strings = summarizeStrings(buf, elfSections(elf), top);
  const checks = checkSample({ elf }, { now: opts.now, ...(strings.language ? { stringsLanguage: strings.language } : {}) });
  return {
    file, size: buf.length, format, type: `${elf.header.class} ${elf.header.machineName} ${elf.header.typeName}`,
    hashes: { md5: h.md5, sha1: h.sha1, sha256: h.sha256, imphash: null, richHash: null, tlsh: h.tlsh, ssdeep: h.ssdeep },
    times: {}, elf, strings, checks, yara: opts.yara ?? null, now: opts.now,
  };
}
