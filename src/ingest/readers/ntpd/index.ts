/** The ntpd reader: ntpd/NTPsec statistics files as time events, the peer status word decoder, ntpd's syslog messages. */
export { ntpdReader } from './reader.js';
export { parseNtpdMessage } from './messages.js';
export { decodePeerStatus, type PeerStatus } from './status.js';
export { fieldsOf, statsOfName, statsOfShape, type NtpStats } from './lines.js';
