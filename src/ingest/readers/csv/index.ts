/** The CSV reader: RFC 4180 records with a header row, typed columns from the user's field mapping. */
export { csvReader, headerNames } from './reader.js';
export { CsvRecords, detectDelimiter } from './rfc4180.js';
