/**
 * Consistency checks that expose planted artefacts: compile times against the reference time, the linker's release
 * and the other timestamps; Rich headers that do not fit the binary; signing times outside certificate validity;
 * resource languages and PDB paths that disagree with the strings.
 */
export { checkSample } from './check.js';
export { MSVC_LINKERS, LANGID_PRIMARY, msvcLinker } from './linkers.js';
export { resourceLanguages } from './provenance.js';
export type * from './types.js';
