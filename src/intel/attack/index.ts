/**
 * The MITRE ATT&CK knowledge base, loaded from a STIX bundle at a path the user gives (never fetched):
 * techniques, software and groups, and the partial actor profiles and technique base rates derived from them.
 */
export * from './knowledge-base.js';
export * from './profile.js';
