/**
 * The EVTX reader: Windows XML Event Log files (file header, 64 KiB chunks, Binary XML templates and
 * substitutions) parsed in TypeScript and rendered to the flat Windows field map (contract in reader.ts).
 */
export { evtxReader } from './reader.js';
export { ChunkParser } from './binxml.js';
export { renderRecord, type Rendered } from './render.js';
export { fileTimeIso, fileTimeNs } from './values.js';
