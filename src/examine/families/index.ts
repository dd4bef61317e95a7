/**
 * Families: group a corpus of samples by TLSH distance, identical imphash and identical rich hash, keeping the links
 * that join each family so the grouping can be checked and argued, not just believed.
 */
export { clusterFamilies } from './cluster.js';
export type { Family, FamilyOptions, FamilySample, SharedValue, TlshLink } from './types.js';
