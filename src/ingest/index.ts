/** Ingest: readers per format, sniffing by content, gzip-transparent input, all-or-nothing writes into the case. */
export { ingest, chooseReader, writeManifest, type IngestOptions, type IngestProgress, type IngestResult, type FileOutcome } from './ingest.js';
export type { Reader, ReaderOptions, ReadBatch, FieldMapping } from './reader.js';
export { openInput, bufferInput, readHead, type InputSource, type LineBatch } from './input.js';
export { READERS } from './readers/index.js';
