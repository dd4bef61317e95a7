/**
 * Bulk enrichment inside the engine: the dataset's numeric CSV files read with `read_csv` and joined to the
 * addresses with an ASOF join (the sort-merge form of the binary search `RangeTable` does in JS). A case names
 * hundreds of thousands of external addresses; pulling them into JS and appending them back costs more than the
 * whole lookup. IPv6 text is turned into numbers in JS (the engine has no parser for it), the join stays in SQL.
 */
import type { CaseStore } from '../../store/index.js';
import { ipv6ToBigInt } from './address.js';
import { ANONYMISER, HOSTING, datasetFiles } from './dataset.js';

const V4 = String.raw`^([0-9]{1,3})\.([0-9]{1,3})\.([0-9]{1,3})\.([0-9]{1,3})$`;

/** Fill `out` (address, asn, org, country, hosting, anonymiser, dataset, dataset_date) for every address of `table`. */
export async function enrichInEngine(store: CaseStore, table: string, out: string): Promise<void> {
  const d = store.dialect;
  const f = datasetFiles();
  const csv = (path: string, num: string, cols: string) =>
    `read_csv(${d.str(path)}, header = false, quote = '"', escape = '"', columns = {'s': '${num}', 'e': '${num}', ${cols}})`;
  const asnCols = `'asn': 'BIGINT', 'org': 'VARCHAR'`;
  const ccCols = `'cc': 'VARCHAR'`;
  await store.exec(`CREATE TEMP TABLE tr_addr_num AS
    SELECT address, 4 AS family, CAST(CAST(regexp_extract(address, '${V4}', 1) AS UBIGINT) * 16777216 + CAST(regexp_extract(address, '${V4}', 2) AS UBIGINT) * 65536
      + CAST(regexp_extract(address, '${V4}', 3) AS UBIGINT) * 256 + CAST(regexp_extract(address, '${V4}', 4) AS UBIGINT) AS UHUGEINT) AS n
    FROM ${table} WHERE regexp_matches(address, '${V4}')`);
  const v6 = await store.query<{ address: string }>(`SELECT address FROM ${table} WHERE contains(address, ':') ORDER BY address`);
  if (v6.length > 0) {
    await store.exec(`CREATE TEMP TABLE tr_addr_v6 (address VARCHAR, n VARCHAR)`);
    await store.append('tr_addr_v6', ['address', 'n'], v6.map(({ address }) => [address, ipv6ToBigInt(address)?.toString() ?? null]));
    await store.exec(`INSERT INTO tr_addr_num SELECT address, 6, CAST(n AS UHUGEINT) FROM tr_addr_v6 WHERE n IS NOT NULL`);
    await store.exec(`DROP TABLE tr_addr_v6`);
  }
  const fams = [
    { fam: 4, asn: f.asnV4, cc: f.countryV4, num: 'UBIGINT' },
    ...(v6.length > 0 ? [{ fam: 6, asn: f.asnV6, cc: f.countryV6, num: 'UHUGEINT' }] : []),
  ];
  // Flags once per organisation, not once per address.
  const flag = (re: RegExp) => d.regexp('a.org', re.source, 'i');
  for (const x of fams) {
    await store.exec(`CREATE TEMP TABLE tr_rng_asn AS SELECT CAST(s AS UHUGEINT) AS s, CAST(e AS UHUGEINT) AS e, asn, org FROM ${csv(x.asn, x.num, asnCols)}`);
    await store.exec(`CREATE TEMP TABLE tr_rng_cc AS SELECT CAST(s AS UHUGEINT) AS s, CAST(e AS UHUGEINT) AS e, cc FROM ${csv(x.cc, x.num, ccCols)}`);
    // Step by step through temporary tables: the same query as one statement with CTEs stalls DuckDB inside a
    // transaction on large inputs (the ASOF join is planned well on its own).
    await store.exec(`CREATE TEMP TABLE tr_enr_a AS
      SELECT n.address, n.n, CASE WHEN n.n <= r.e THEN r.asn END AS asn, CASE WHEN n.n <= r.e THEN nullif(r.org, '') END AS org
      FROM (SELECT * FROM tr_addr_num WHERE family = ${x.fam}) n ASOF LEFT JOIN tr_rng_asn r ON n.n >= r.s`);
    await store.exec(`CREATE TEMP TABLE tr_enr_c AS
      SELECT a.address, CASE WHEN a.n <= c.e THEN nullif(c.cc, '') END AS cc FROM tr_enr_a a ASOF LEFT JOIN tr_rng_cc c ON a.n >= c.s`);
    await store.exec(`CREATE TEMP TABLE tr_enr_f AS
      SELECT org, ${flag(HOSTING)} AS hosting, ${flag(ANONYMISER)} AS anonymiser FROM (SELECT DISTINCT org FROM tr_enr_a WHERE org IS NOT NULL) a`);
    await store.exec(`INSERT INTO ${out}
      SELECT a.address, a.asn, a.org, c.cc, coalesce(f.hosting, false), coalesce(f.anonymiser, false), ${d.str(f.name)}, ${d.str(f.date)}
      FROM tr_enr_a a JOIN tr_enr_c c USING (address) LEFT JOIN tr_enr_f f USING (org)`);
    for (const t of ['tr_enr_a', 'tr_enr_c', 'tr_enr_f']) await store.exec(`DROP TABLE ${t}`);
    await store.exec(`DROP TABLE tr_rng_asn`);
    await store.exec(`DROP TABLE tr_rng_cc`);
  }
  // Text that only looked like an address (e.g. 999.1.1.1): a row without enrichment, still named with the dataset.
  await store.exec(`INSERT INTO ${out} SELECT address, NULL, NULL, NULL, false, false, ${d.str(f.name)}, ${d.str(f.date)}
    FROM ${table} t ANTI JOIN ${out} o USING (address)`);
  await store.exec(`DROP TABLE tr_addr_num`);
}
