/** The case store: DuckDB embedded (ClickHouse to follow) behind one narrow interface and a small dialect seam. */
export type { CaseStore, EvidenceRecord, EvidenceSummary, FileWrite, Row } from './case-store.js';
export { openDuckDBCase, eventId, DB_FILE } from './duckdb-store.js';
export { type Dialect, duckdb, clickhouse } from './dialect.js';
export { SCHEMA_SQL, SCHEMA_VERSION } from './schema.js';
export { type EventRows, toEventRows } from './rows.js';
