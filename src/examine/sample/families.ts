/**
 * Families over all samples of a case, as rows for `sample_families`.
 *
 * SEAM (families-pending): `src/examine/families` (`clusterFamilies`) is being written by another engineer. Until
 * it lands no family rows are produced and `familiesUnavailable` says so; integrate here, and only here.
 */
import type { FamilyLink } from '../store/index.js';
import type { SampleReport } from './types.js';

export const familiesUnavailable: string | undefined = 'family clustering not integrated yet (src/examine/families)';

export function familyLinks(_reports: readonly SampleReport[]): FamilyLink[] {
  return [];
}
