/**
 * The examine stage's case tables: one `samples` row per sample with its full report as JSON, and the strings,
 * check findings, YARA matches and family links unfolded into tables of their own; one transaction per sample.
 */
export { SAMPLE_SCHEMA_SQL } from './schema.js';
export { ensureSampleTables, writeSample, replaceFamilies, flaggedChecks, mainLanguages, type FamilyLink } from './write.js';
export { knownSamples, loadClusterKeys, loadReport, loadReports, loadFamilies, type StoredFamily, type StoredFamilyLink } from './read.js';
