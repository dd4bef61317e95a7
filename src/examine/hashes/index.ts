/**
 * Hashes of a sample: cryptographic digests that identify it, and the similarity digests (TLSH, ssdeep) with their
 * distance and score functions that relate it to others. Both similarity hashes equal the Debian reference tools.
 */
export { hashes, type SampleHashes } from './digests.js';
export { tlsh, TLSH_MIN_LENGTH } from './tlsh.js';
export { tlshDiff } from './tlsh-diff.js';
export { ssdeep } from './ssdeep.js';
export { ssdeepCompare } from './ssdeep-compare.js';
