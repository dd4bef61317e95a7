/** What `parseAuthenticode` reports about a PE file's embedded signature(s). Times are ISO-8601 UTC strings. */

export interface CertificateSummary {
  subject: string;
  issuer: string;
  /** Serial number as lowercase hex. */
  serial: string;
  notBefore: string;
  notAfter: string;
  /** SHA-256 of the DER certificate, lowercase hex: a stable id for the certificate. */
  sha256: string;
  selfSigned: boolean;
}

export interface AuthenticodeSignature {
  /** File offset of the WIN_CERTIFICATE that holds it (nested signatures share their parent's). */
  offset: number;
  nested: boolean;
  /** Digest algorithm of the image hash ('sha1', 'sha256' …). */
  digestAlgorithm: string;
  /** The image hash the signer signed (SpcIndirectDataContent), hex … */
  signedImageHash: string;
  /** … and the one recomputed over this file; they differ when the file was changed after signing. */
  computedImageHash: string;
  hashMatches: boolean;
  signer?: CertificateSummary;
  /** Every certificate the PKCS#7 carries, in file order. */
  certificates: CertificateSummary[];
  /** Whether the carried certificates link the signer up to a self-signed root by name. */
  chainComplete: boolean;
  /** The signer's authenticated signingTime attribute, when present (set by the signing tool, i.e. the signer). */
  signingTime?: string;
  /** Time from a counter-signature: an RFC 3161 token's genTime or a legacy countersignature's signingTime. */
  counterSignatureTime?: string;
  counterSignatureKind?: 'rfc3161' | 'legacy';
  /** messageDigest attribute equals the digest of the signed content, and the RSA/ECDSA signature verifies. */
  signatureVerified: boolean;
  /** Why verification failed or could not run (unsupported algorithm …). */
  verificationNote?: string;
  flags: AuthenticodeFlag[];
}

export type AuthenticodeFlag =
  | 'self-signed'
  | 'expired-at-signing'
  | 'signing-time-outside-validity'
  | 'hash-mismatch'
  | 'signature-invalid'
  | 'nested-signature';

export interface AuthenticodeInfo {
  /** The certificate table (data directory 4): a file offset, not an RVA. */
  tableOffset: number;
  tableSize: number;
  signatures: AuthenticodeSignature[];
}
