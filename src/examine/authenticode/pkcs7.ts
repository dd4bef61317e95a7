import { createHash, createPublicKey, verify as cryptoVerify } from 'node:crypto';
import * as asn1js from 'asn1js';
import * as pkijs from 'pkijs';
import { chainComplete, findSigner, summarise } from './certs.js';
import type { AuthenticodeFlag, AuthenticodeSignature } from './types.js';

const OID = {
  signedData: '1.2.840.113549.1.7.2',
  spcIndirectData: '1.3.6.1.4.1.311.2.1.4',
  messageDigest: '1.2.840.113549.1.9.4',
  signingTime: '1.2.840.113549.1.9.5',
  counterSignature: '1.2.840.113549.1.9.6',
  rfc3161: '1.3.6.1.4.1.311.3.3.1',
  nested: '1.3.6.1.4.1.311.2.4.1',
  tstInfo: '1.2.840.113549.1.9.16.1.4',
};

const DIGESTS: ReadonlyMap<string, string> = new Map([
  ['1.3.14.3.2.26', 'sha1'], ['2.16.840.1.101.3.4.2.1', 'sha256'], ['2.16.840.1.101.3.4.2.2', 'sha384'],
  ['2.16.840.1.101.3.4.2.3', 'sha512'], ['1.2.840.113549.2.5', 'md5'],
]);

/** A parsed signature before the image hash is compared (the caller owns the file bytes and the PE layout). */
export type ParsedSignature = Omit<AuthenticodeSignature, 'offset' | 'computedImageHash' | 'hashMatches' | 'flags'> & {
  flags: AuthenticodeFlag[];
  nestedDer: Buffer[];
};

export class SignatureFormatError extends Error {}

function parseBer(der: ArrayBuffer | Uint8Array, what: string): asn1js.AsnType {
  const view = der instanceof Uint8Array ? der : new Uint8Array(der);
  const r = asn1js.fromBER(view);
  if (r.offset === -1) throw new SignatureFormatError(`${what}: not valid BER (${r.result.error})`);
  return r.result;
}

function attr(attrs: pkijs.Attribute[] | undefined, oid: string): pkijs.Attribute | undefined {
  return attrs?.find((a) => a.type === oid);
}

function timeOf(v: unknown): Date | undefined {
  if (v instanceof asn1js.UTCTime || v instanceof asn1js.GeneralizedTime) return v.toDate();
  return undefined;
}

/** Parses one PKCS#7 SignedData blob holding an Authenticode signature. */
export function parseSignature(der: Uint8Array, nested: boolean): ParsedSignature {
  let content: pkijs.ContentInfo;
  let sd: pkijs.SignedData;
  try {
    content = new pkijs.ContentInfo({ schema: parseBer(der, 'PKCS#7') });
    if (content.contentType !== OID.signedData) throw new SignatureFormatError(`content type ${content.contentType} is not SignedData`);
    sd = new pkijs.SignedData({ schema: content.content });
  } catch (e) {
    if (e instanceof SignatureFormatError) throw e;
    throw new SignatureFormatError(`PKCS#7 SignedData does not parse: ${(e as Error).message}`);
  }
  if (sd.encapContentInfo.eContentType !== OID.spcIndirectData) {
    throw new SignatureFormatError(`signed content ${sd.encapContentInfo.eContentType} is not SpcIndirectDataContent`);
  }
  const spc = sd.encapContentInfo.eContent as unknown as asn1js.Sequence;
  const digestInfo = (spc.valueBlock.value[1] as asn1js.Sequence | undefined)?.valueBlock.value;
  if (!digestInfo || digestInfo.length < 2) throw new SignatureFormatError('SpcIndirectDataContent has no DigestInfo');
  const algOid = new pkijs.AlgorithmIdentifier({ schema: digestInfo[0] }).algorithmId;
  const digestAlgorithm = DIGESTS.get(algOid) ?? algOid;
  const signedImageHash = Buffer.from((digestInfo[1] as asn1js.OctetString).valueBlock.valueHexView).toString('hex');

  const certs = (sd.certificates ?? []).filter((c): c is pkijs.Certificate => c instanceof pkijs.Certificate);
  const si = sd.signerInfos[0];
  if (!si) throw new SignatureFormatError('SignedData has no SignerInfo');
  const signerCert = findSigner(si.sid, certs);
  const signed = si.signedAttrs?.attributes;
  const unsigned = si.unsignedAttrs?.attributes;

  const out: ParsedSignature = {
    nested,
    digestAlgorithm,
    signedImageHash,
    certificates: certs.map(summarise),
    chainComplete: signerCert ? chainComplete(signerCert, certs) : false,
    signatureVerified: false,
    flags: [],
    nestedDer: [],
  };
  if (signerCert) out.signer = summarise(signerCert);
  const st = timeOf(attr(signed, OID.signingTime)?.values[0]);
  if (st) out.signingTime = st.toISOString();
  const counter = counterSignature(unsigned);
  if (counter) {
    out.counterSignatureTime = counter.time.toISOString();
    out.counterSignatureKind = counter.kind;
  }
  for (const a of unsigned ?? []) {
    if (a.type !== OID.nested) continue;
    for (const v of a.values) out.nestedDer.push(Buffer.from((v as asn1js.AsnType).toBER(false)));
  }
  const check = verifySigner(si, spc, signerCert);
  out.signatureVerified = check.ok;
  if (check.note) out.verificationNote = check.note;
  return out;
}

/** The counter-signature time: an RFC 3161 timestamp token (genTime) or a legacy PKCS#9 countersignature. */
function counterSignature(unsigned: pkijs.Attribute[] | undefined): { time: Date; kind: 'rfc3161' | 'legacy' } | undefined {
  const token = attr(unsigned, OID.rfc3161)?.values[0];
  if (token) {
    try {
      const ci = new pkijs.ContentInfo({ schema: token });
      const tsd = new pkijs.SignedData({ schema: ci.content });
      const e = tsd.encapContentInfo.eContent;
      if (tsd.encapContentInfo.eContentType === OID.tstInfo && e) {
        const tst = new pkijs.TSTInfo({ schema: parseBer(e.getValue(), 'TSTInfo') });
        return { time: tst.genTime, kind: 'rfc3161' };
      }
    } catch {
      return undefined;
    }
  }
  const legacy = attr(unsigned, OID.counterSignature)?.values[0];
  if (legacy) {
    try {
      const csi = new pkijs.SignerInfo({ schema: legacy });
      const t = timeOf(attr(csi.signedAttrs?.attributes, OID.signingTime)?.values[0]);
      if (t) return { time: t, kind: 'legacy' };
    } catch {
      return undefined;
    }
  }
  return undefined;
}

/**
 * Offline cryptographic check of the signer: the messageDigest attribute must equal the digest of the
 * SpcIndirectDataContent's contents (Authenticode hashes the SEQUENCE's value, without its tag and length), and the
 * signature over the DER SET of authenticated attributes must verify with the signer certificate's public key.
 * Nothing is trusted here: a self-signed certificate verifies too; trust is a separate question (flags).
 */
function verifySigner(si: pkijs.SignerInfo, spc: asn1js.Sequence, cert: pkijs.Certificate | undefined): { ok: boolean; note?: string } {
  if (!cert) return { ok: false, note: 'signer certificate not in the signature' };
  const digestName = DIGESTS.get(si.digestAlgorithm.algorithmId);
  if (!digestName) return { ok: false, note: `unsupported digest ${si.digestAlgorithm.algorithmId}` };
  const md = attr(si.signedAttrs?.attributes, OID.messageDigest)?.values[0];
  if (!(md instanceof asn1js.OctetString) || !si.signedAttrs) return { ok: false, note: 'no messageDigest attribute' };
  const spcDer = Buffer.from(spc.toBER(false));
  const contents = spcDer.subarray(headerLength(spcDer));
  const digest = createHash(digestName).update(contents).digest();
  if (!digest.equals(Buffer.from(md.valueBlock.valueHexView))) return { ok: false, note: 'messageDigest does not match the signed content' };
  const attrsDer = Buffer.from(si.signedAttrs.toSchema().toBER(false));
  attrsDer[0] = 0x31; // signed as a SET OF, though stored as [0] IMPLICIT
  try {
    const key = createPublicKey({ key: Buffer.from(cert.subjectPublicKeyInfo.toSchema().toBER(false)), format: 'der', type: 'spki' });
    const sig = Buffer.from(si.signature.valueBlock.valueHexView);
    const ok = cryptoVerify(digestName, attrsDer, key, sig);
    return ok ? { ok } : { ok, note: 'signature does not verify with the signer certificate' };
  } catch (e) {
    return { ok: false, note: `signature could not be checked: ${(e as Error).message}` };
  }
}

/** Length of a DER tag+length header (definite lengths only, which DER guarantees). */
function headerLength(der: Buffer): number {
  const first = der[1]!;
  return first < 0x80 ? 2 : 2 + (first & 0x7f);
}
