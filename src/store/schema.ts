/**
 * The case schema. `events` has hot typed columns for what rules, joins and the timeline touch, and `raw` (JSON)
 * with every native field under its native name. Other stages add their own tables through `CaseStore.exec`.
 */
export const SCHEMA_VERSION = 1;

export const SCHEMA_SQL = [
  `CREATE TABLE IF NOT EXISTS meta (key VARCHAR PRIMARY KEY, value VARCHAR)`,
  `CREATE TABLE IF NOT EXISTS evidence (
    sha256 VARCHAR PRIMARY KEY,
    path VARCHAR NOT NULL,
    size BIGINT NOT NULL,
    format VARCHAR NOT NULL,
    gzip BOOLEAN NOT NULL,
    events BIGINT NOT NULL,
    anomalies BIGINT NOT NULL,
    first_ts TIMESTAMP_NS,
    last_ts TIMESTAMP_NS
  )`,
  `CREATE TABLE IF NOT EXISTS events (
    id VARCHAR NOT NULL,
    evidence VARCHAR NOT NULL,
    record BIGINT NOT NULL,
    ts TIMESTAMP_NS,
    format VARCHAR NOT NULL,
    product VARCHAR,
    category VARCHAR,
    service VARCHAR,
    host VARCHAR,
    user_name VARCHAR,
    image VARCHAR,
    command_line VARCHAR,
    src_ip VARCHAR,
    src_port INTEGER,
    dst_ip VARCHAR,
    dst_port INTEGER,
    proto VARCHAR,
    event_id INTEGER,
    source_offset BIGINT NOT NULL,
    raw JSON NOT NULL
  )`,
  `CREATE TABLE IF NOT EXISTS evidence_paths (sha256 VARCHAR NOT NULL, path VARCHAR NOT NULL, PRIMARY KEY (sha256, path))`,
  `CREATE TABLE IF NOT EXISTS anomalies (
    evidence VARCHAR NOT NULL,
    source_offset BIGINT NOT NULL,
    kind VARCHAR NOT NULL,
    message VARCHAR NOT NULL
  )`,
];
