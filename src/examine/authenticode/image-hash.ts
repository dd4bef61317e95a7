import { createHash } from 'node:crypto';
import type { PeInfo } from '../pe/index.js';

/** File offsets the Authenticode image hash leaves out: the checksum, the security directory entry. */
export function excludedOffsets(pe: PeInfo): { checksum: number; securityEntry: number } {
  const optional = pe.headers.peOffset + 24;
  const directories = optional + (pe.headers.format === 'PE32+' ? 112 : 96);
  return { checksum: optional + 64, securityEntry: directories + 4 * 8 };
}

/**
 * The Authenticode image hash ("Windows Authenticode Portable Executable Signature Format", section "Calculating
 * the PE Image Hash"): every byte of the file except the checksum, the certificate-table directory entry and the
 * certificate table itself. Hashed linearly as signtool and osslsigncode do; for well-formed files this equals the
 * spec's header + sections-by-offset + trailing-data order.
 */
export function imageHash(buf: Buffer, pe: PeInfo, algorithm: string, table: { offset: number; size: number } | undefined): string {
  const { checksum, securityEntry } = excludedOffsets(pe);
  const h = createHash(algorithm);
  const end = table && table.offset > 0 && table.offset <= buf.length ? table.offset : buf.length;
  h.update(buf.subarray(0, checksum));
  h.update(buf.subarray(checksum + 4, securityEntry));
  h.update(buf.subarray(securityEntry + 8, Math.max(securityEntry + 8, end)));
  if (table && end + table.size < buf.length) h.update(buf.subarray(end + table.size));
  return h.digest('hex');
}
