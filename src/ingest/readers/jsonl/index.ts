/** The generic JSON Lines reader: any one-object-per-line log, typed columns from the user's field mapping. */
export { jsonlReader } from './reader.js';
