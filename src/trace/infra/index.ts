/** Attacker infrastructure: offline enrichment of external addresses (ASN, provider, registration country) and clusters. */
export { buildInfrastructure, prepareInfrastructure } from './build.js';
export { AddressDataset, type Enrichment } from './dataset.js';
export { ipv4ToNumber, ipv6ToBigInt } from './address.js';
