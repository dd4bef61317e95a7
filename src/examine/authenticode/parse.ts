import { ExamineError } from '../../model/index.js';
import type { PeInfo } from '../pe/index.js';
import { imageHash } from './image-hash.js';
import { parseSignature, SignatureFormatError } from './pkcs7.js';
import type { AuthenticodeFlag, AuthenticodeInfo, AuthenticodeSignature } from './types.js';

const WIN_CERT_TYPE_PKCS_SIGNED_DATA = 2;
const MAX_NESTING = 8;

/**
 * Reads the Authenticode signature(s) of a parsed PE: the certificate table (data directory 4, a file offset),
 * each WIN_CERTIFICATE's PKCS#7, nested signatures, and compares the signed image hash with one recomputed over
 * `buf`. Undefined when the file is not signed. A table that is present but unreadable is an ExamineError.
 */
export function parseAuthenticode(buf: Buffer, pe: PeInfo, file: string): AuthenticodeInfo | undefined {
  const dir = pe.dataDirectories[4];
  if (!dir || dir.virtualAddress === 0 || dir.size === 0) return undefined;
  const tableOffset = dir.virtualAddress;
  const tableEnd = tableOffset + dir.size;
  if (tableEnd > buf.length) {
    throw new ExamineError({ file, offset: tableOffset }, `certificate table (${dir.size} bytes) runs past the end of the file`);
  }
  const table = { offset: tableOffset, size: dir.size };
  const signatures: AuthenticodeSignature[] = [];
  const hashes = new Map<string, string>();
  const hashFor = (alg: string): string => {
    let h = hashes.get(alg);
    if (h === undefined) {
      h = imageHash(buf, pe, alg, table);
      hashes.set(alg, h);
    }
    return h;
  };
  for (let at = tableOffset; at + 8 <= tableEnd; ) {
    const length = buf.readUInt32LE(at);
    const type = buf.readUInt16LE(at + 6);
    if (length < 8 || at + length > tableEnd) throw new ExamineError({ file, offset: at }, `WIN_CERTIFICATE length ${length} is invalid`);
    if (type === WIN_CERT_TYPE_PKCS_SIGNED_DATA) collect(buf.subarray(at + 8, at + length), at, false, 0);
    at += (length + 7) & ~7;
  }
  return { tableOffset, tableSize: dir.size, signatures };

  function collect(der: Uint8Array, offset: number, nested: boolean, depth: number): void {
    let p;
    try {
      p = parseSignature(der, nested);
    } catch (e) {
      // Any failure inside the ASN.1 walk means the blob is not a usable signature: report where it sits.
      const msg = e instanceof SignatureFormatError ? e.message : `PKCS#7 signature does not parse: ${(e as Error).message}`;
      throw new ExamineError({ file, offset }, msg, { cause: e });
    }
    let computed = '';
    try {
      computed = hashFor(p.digestAlgorithm);
    } catch {
      computed = ''; // an algorithm Node cannot compute: reported as a mismatch with the note below
    }
    const { nestedDer, ...rest } = p;
    const sig: AuthenticodeSignature = { ...rest, offset, computedImageHash: computed, hashMatches: computed === p.signedImageHash, flags: [] };
    sig.flags = flagsOf(sig);
    signatures.push(sig);
    if (depth < MAX_NESTING) for (const n of nestedDer) collect(n, offset, true, depth + 1);
  }
}

/** The judgements an analyst needs first, from the facts above. The time used is the counter-signature's if any. */
function flagsOf(s: AuthenticodeSignature): AuthenticodeFlag[] {
  const f = new Set<AuthenticodeFlag>();
  if (s.signer?.selfSigned) f.add('self-signed');
  if (!s.hashMatches) f.add('hash-mismatch');
  if (!s.signatureVerified) f.add('signature-invalid');
  if (s.nested) f.add('nested-signature');
  const when = s.counterSignatureTime ?? s.signingTime;
  if (s.signer && when) {
    if (when > s.signer.notAfter) f.add('expired-at-signing');
    if (when < s.signer.notBefore || when > s.signer.notAfter) f.add('signing-time-outside-validity');
  }
  // A signing time the signer asserted that falls outside validity is suspicious even if a timestamp exists.
  if (s.signer && s.signingTime && (s.signingTime < s.signer.notBefore || s.signingTime > s.signer.notAfter)) f.add('signing-time-outside-validity');
  return [...f].sort();
}
