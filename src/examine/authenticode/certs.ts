import { createHash } from 'node:crypto';
import * as pkijs from 'pkijs';
import type { CertificateSummary } from './types.js';

const NAME_OIDS: ReadonlyMap<string, string> = new Map([
  ['2.5.4.3', 'CN'], ['2.5.4.6', 'C'], ['2.5.4.7', 'L'], ['2.5.4.8', 'ST'], ['2.5.4.10', 'O'], ['2.5.4.11', 'OU'],
  ['2.5.4.5', 'serialNumber'], ['1.2.840.113549.1.9.1', 'E'], ['2.5.4.9', 'street'], ['2.5.4.17', 'postalCode'],
]);

/** A distinguished name as 'CN=…, O=…, C=…' in the order the certificate stores it. */
export function nameString(n: pkijs.RelativeDistinguishedNames): string {
  return n.typesAndValues
    .map((tv) => `${NAME_OIDS.get(tv.type) ?? tv.type}=${String(tv.value.valueBlock.value)}`)
    .join(', ');
}

export function summarise(c: pkijs.Certificate): CertificateSummary {
  const der = Buffer.from(c.toSchema().toBER(false));
  const subject = nameString(c.subject);
  const issuer = nameString(c.issuer);
  return {
    subject,
    issuer,
    serial: Buffer.from(c.serialNumber.valueBlock.valueHexView).toString('hex'),
    notBefore: c.notBefore.value.toISOString(),
    notAfter: c.notAfter.value.toISOString(),
    sha256: createHash('sha256').update(der).digest('hex'),
    selfSigned: subject === issuer && c.subject.isEqual(c.issuer),
  };
}

/** Whether the certificates link `leaf` by issuer name up to a self-signed one (names only; trust is not judged). */
export function chainComplete(leaf: pkijs.Certificate, all: pkijs.Certificate[]): boolean {
  let cur = leaf;
  for (let depth = 0; depth < 16; depth++) {
    if (cur.subject.isEqual(cur.issuer)) return true;
    const up = all.find((c) => c !== cur && c.subject.isEqual(cur.issuer));
    if (!up) return false;
    cur = up;
  }
  return false;
}

export function findSigner(sid: pkijs.IssuerAndSerialNumber | unknown, certs: pkijs.Certificate[]): pkijs.Certificate | undefined {
  if (!(sid instanceof pkijs.IssuerAndSerialNumber)) return undefined;
  return certs.find((c) => c.issuer.isEqual(sid.issuer) && c.serialNumber.isEqual(sid.serialNumber));
}
