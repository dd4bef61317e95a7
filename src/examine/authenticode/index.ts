/**
 * Authenticode: the PKCS#7 signatures embedded in PE files — signer and chain, signing and counter-signature times,
 * the image hash recomputed and compared, an offline cryptographic check, and flags for what looks wrong.
 */
export { parseAuthenticode } from './parse.js';
export { imageHash } from './image-hash.js';
export type * from './types.js';
