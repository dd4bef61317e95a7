/**
 * All content hashes of one sample in one call: the cryptographic ones that name it (MD5, SHA-1, SHA-256, as
 * VirusTotal and reports quote them) and the two similarity hashes families are built from.
 */
import { createHash } from 'node:crypto';
import { ssdeep } from './ssdeep.js';
import { tlsh } from './tlsh.js';

export interface SampleHashes {
  md5: string;
  sha1: string;
  sha256: string;
  /** Null when TLSH is undefined for the content (under 256 bytes or too uniform), as `tlsh` prints no digest. */
  tlsh: string | null;
  ssdeep: string;
}

export function hashes(buf: Uint8Array): SampleHashes {
  const hex = (alg: string): string => createHash(alg).update(buf).digest('hex');
  return { md5: hex('md5'), sha1: hex('sha1'), sha256: hex('sha256'), tlsh: tlsh(buf), ssdeep: ssdeep(buf) };
}
