/** The Zeek reader: TSV, zeek-cut and JSON logs of any Zeek version, into events with Sigma's zeek logsource. */
export { zeekReader } from './reader.js';
export { decodeZeekEscapes } from './escape.js';
export { logTypeFromFileName, logTypeFromFields, categoryFor } from './logtype.js';
export { zeekTimeToNs } from './json.js';
