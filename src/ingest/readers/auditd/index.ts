/** The auditd reader: Linux audit records grouped into one event per audit serial, hex decoded, argv rebuilt. */
export { auditdReader } from './reader.js';
export { parseAuditLine, type AuditRecord } from './record.js';
export { buildEvent } from './event.js';
export { decodeSockaddr, type Sockaddr } from './sockaddr.js';
export { syscallName } from './syscall-table.js';
