/** Helpers the Linux host and time-server readers share: calendar arithmetic, zones, key=value lists, auditd hex. */
export * from './time.js';
export * from './zone.js';
export * from './kv.js';
export * from './hex.js';
export * from './probe.js';
