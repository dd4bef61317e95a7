/** The chrony reader: chronyd's statistics logs as time events, and the parser of chronyd's syslog messages. */
export { chronyReader } from './reader.js';
export { parseChronydMessage } from './messages.js';
export { fieldsOf, logOfBanner, logOfShape, type ChronyLog } from './lines.js';
