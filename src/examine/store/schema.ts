/**
 * The examine stage's case tables. `samples` has one row per sample (by SHA-256) with the scalar fields analysts
 * filter and join on, and `report` with the whole SampleReport as JSON; the other tables unfold the parts that are
 * lists (strings, check findings, YARA matches, family links) so SQL can reach them without parsing JSON.
 */
export const SAMPLE_SCHEMA_SQL = [
  `CREATE TABLE IF NOT EXISTS samples (
    sha256 VARCHAR PRIMARY KEY,
    path VARCHAR NOT NULL,
    size BIGINT NOT NULL,
    format VARCHAR NOT NULL,
    type VARCHAR NOT NULL,
    md5 VARCHAR NOT NULL,
    sha1 VARCHAR NOT NULL,
    imphash VARCHAR,
    rich_hash VARCHAR,
    tlsh VARCHAR,
    ssdeep VARCHAR NOT NULL,
    compile_time TIMESTAMP_NS,
    pdb_path VARCHAR,
    signer VARCHAR,
    signer_certificate VARCHAR,
    build_id VARCHAR,
    languages VARCHAR,
    checks_flagged INTEGER NOT NULL,
    yara_matches INTEGER,
    checked_at VARCHAR NOT NULL,
    report JSON NOT NULL
  )`,
  `CREATE TABLE IF NOT EXISTS sample_strings (
    sample VARCHAR NOT NULL,
    ordinal INTEGER NOT NULL,
    file_offset BIGINT NOT NULL,
    section VARCHAR,
    encoding VARCHAR NOT NULL,
    script VARCHAR,
    language VARCHAR,
    kind VARCHAR,
    value VARCHAR NOT NULL
  )`,
  `CREATE TABLE IF NOT EXISTS sample_checks (
    sample VARCHAR NOT NULL,
    ordinal INTEGER NOT NULL,
    check_id VARCHAR NOT NULL,
    severity VARCHAR NOT NULL,
    reason VARCHAR NOT NULL,
    evidence JSON NOT NULL
  )`,
  `CREATE TABLE IF NOT EXISTS sample_yara (
    sample VARCHAR NOT NULL,
    ordinal INTEGER NOT NULL,
    namespace VARCHAR NOT NULL,
    rule VARCHAR NOT NULL,
    tags JSON NOT NULL,
    meta JSON NOT NULL,
    strings JSON NOT NULL
  )`,
  // One 'member' row per sample and family, then one row per link that holds the family together: a TLSH pair
  // within the threshold (with its distance), or a member sharing an imphash / Rich hash (with the value).
  `CREATE TABLE IF NOT EXISTS sample_families (
    family VARCHAR NOT NULL,
    sample VARCHAR NOT NULL,
    link VARCHAR NOT NULL,
    linked_to VARCHAR,
    tlsh_distance INTEGER,
    value VARCHAR
  )`,
];

export const SAMPLES_COLUMNS = [
  'sha256', 'path', 'size', 'format', 'type', 'md5', 'sha1', 'imphash', 'rich_hash', 'tlsh', 'ssdeep', 'compile_time',
  'pdb_path', 'signer', 'signer_certificate', 'build_id', 'languages', 'checks_flagged', 'yara_matches', 'checked_at', 'report',
] as const;
export const STRINGS_COLUMNS = ['sample', 'ordinal', 'file_offset', 'section', 'encoding', 'script', 'language', 'kind', 'value'] as const;
export const CHECKS_COLUMNS = ['sample', 'ordinal', 'check_id', 'severity', 'reason', 'evidence'] as const;
export const YARA_COLUMNS = ['sample', 'ordinal', 'namespace', 'rule', 'tags', 'meta', 'strings'] as const;
export const FAMILIES_COLUMNS = ['family', 'sample', 'link', 'linked_to', 'tlsh_distance', 'value'] as const;
