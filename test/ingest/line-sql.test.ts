import { test } from 'node:test';
import assert from 'node:assert/strict';
import { DuckDBInstance, type DuckDBConnection } from '@duckdb/node-api';
import { epochNumberToNs, isoToNs, toPort, toText } from '../../src/ingest/net/index.js';
import { isoNsLets, toPortSql, toTextSql } from '../../src/ingest/net/sql.js';
import { zeekTimeToNs } from '../../src/ingest/readers/zeek/index.js';
import { zeekProjection } from '../../src/ingest/readers/zeek/sql.js';

// The SQL twins of the JS value coercions (src/ingest/net/sql.ts) must agree with them on every input, since the
// store maps Suricata and Zeek JSON lines in SQL and the JS readers stay the reference.

async function connect(): Promise<DuckDBConnection> {
  return (await DuckDBInstance.create(':memory:')).connect();
}

/** `expr` over `j1` = the JSON text of `v` in each line `{"v": …}`, with `lets` as SELECT layers. */
async function evaluate(c: DuckDBConnection, values: readonly string[], lets: readonly (readonly [string, string])[], expr: string): Promise<unknown[]> {
  const rows = values.map((v, i) => `(${i}, '${`{"v":${v}}`.replace(/'/g, "''")}')`).join(', ');
  let from = `(SELECT i, json_extract(line, ['$.v'])[1] AS j1 FROM (VALUES ${rows}) t(i, line))`;
  for (const [name, e] of lets) from = `(SELECT *, ${e} AS ${name} FROM ${from})`;
  const r = await c.runAndReadAll(`SELECT ${expr} FROM ${from} ORDER BY i`);
  return r.getRows().map((row) => row[0] ?? undefined);
}

const TIMES = [
  '2019-05-15T23:08:39.100398+0000', '2019-05-15T23:08:40.000001-0200', '2019-05-15T23:08:41.5+00:00', '2024-01-01T00:00:00Z',
  '2024-01-01T00:00:00.123456Z', '2024-01-01t00:00:00z', '2024-01-01 12:30', '2024-01-01', '2024-02-29T00:00:00Z', '2023-02-29T00:00:00Z',
  '2024-04-31T00:00:00Z', '2024-13-01T00:00:00Z', '2024-01-01T24:00:00Z', '2024-01-01T23:60:00Z', '2016-12-31T23:59:60Z',
  '2024-01-01T00:00:00.123456789123Z', '2024-01-01T00:00:00,5Z', '2024-01-01T00:00:00.Z', '2024-01-01T00:00:00+05', '2024-01-01T00:00:00+05:30',
  '2024-01-01T00:00:00+0530', '2024-01-01T00:00:00+24:00', '2024-01-01T00:00:00+05:60', '2024-01-01T00:00:00+5', '0050-06-01T00:00:00Z',
  '0000-02-29T00:00:00Z', '1969-12-31T23:59:59.999999Z', '2262-04-11T23:47:16Z', '9999-12-31T23:59:59Z', '2024-01-01T00:00', '2024-01-01T0:00:00Z',
  '2024-1-01', 'yesterday', '', '2024-01-01T00:00:00Zjunk', '2019-05-15T23:08:39.100398+2359', '2019-05-15T23:08:39.100398-2400',
  '1000-01-01T00:00:00.000000+0000', '1700-01-01T00:00:00.000000+0000', '2199-12-31T23:59:59.999999+0000', '1677-09-21T00:12:44Z',
  '2024-02-30T00:00:00.000000+0000', '2023-02-29T00:00:00.000000Z', '2024-04-31T00:00:00.000000Z', '2024-02-29T00:00:00.000000Z', '２０２４-01-01',
];

test('isoNsLets gives isoToNs for every shape, valid or not', async () => {
  const c = await connect();
  const got = await evaluate(c, TIMES.map((t) => JSON.stringify(t)), [['s', 'j1->>\'$\''], ...isoNsLets('s', 'ns')], 'ns');
  const want = TIMES.map((t) => {
    const ns = isoToNs(t);
    // The column holds int64 nanoseconds; beyond them (years past 2262) the store keeps no time.
    return ns === null || ns >= 9223372036000000000n || ns <= -9223372036000000000n ? undefined : ns;
  });
  assert.deepEqual(got, want);
});

const VALUES = ['"10.0.0.1"', '""', '"a\\u0041\\n"', '80', '80.0', '80.5', '-0', '1e2', '65535', '65536', '-1', '"80"', '"080"', '"00080"', '"800000"',
  '"+80"', '" 80"', '"8.0"', 'true', 'false', 'null', '{"a":1}', '[1,2]', '1.5', '0.1', '1e21', '12345678901234567890', '-12345678901234567890', '9007199254740993', '1e20', '123456789012345678901234', '4.5e15',
  '1e400', '-1e400', '1.5e-7', '"sensor-1"', '"ünïcödé"'];

test('toTextSql and toPortSql agree with toText and toPort', async () => {
  const c = await connect();
  const text = await evaluate(c, VALUES, [], toTextSql('j1'));
  const port = await evaluate(c, VALUES, [], toPortSql('j1'));
  for (let i = 0; i < VALUES.length; i++) {
    const v: unknown = JSON.parse(VALUES[i]!);
    // JS prints 1.5e-7 as "1.5e-7", DuckDB as "1.5e-07": the one spelling the SQL does not copy (no sensor writes it).
    if (VALUES[i] !== '1.5e-7') assert.equal(text[i], toText(v), `toText(${VALUES[i]})`);
    const want = toPort(v);
    assert.equal(port[i], want === 0 ? 0 : want, `toPort(${VALUES[i]})`); // -0 is stored as 0 either way
  }
});

const ZEEK_TS = ['1521911720.865716', '1521911720', '1521911720.8657169999', '-1.5', '0', '1e9', '1.7e9', '1700000000.0000005', '1700000000.0000015',
  '"1521911720.865716"', '"1521911720.8657169999"', '"-1.5"', '"-.5"', '"5."', '"."', '"-"', '""', '"1e9"', '"2024-01-01T00:00:00.5Z"',
  '"2024-13-01T00:00:00Z"', '"XXXXXXXXXX.XXXXXX"', 'true', 'null', '{"a":1}', '1e400', '99999999999999999999', '"99999999999999999999999999999999999999999"'];

test('the Zeek projection reads ts as zeekTimeToNs does', async () => {
  const c = await connect();
  const p = zeekProjection('x', undefined);
  // Only the layers that lead to ts_ns, with `j1` standing for the ts path.
  const lets = p.lets.filter(([n]) => n.startsWith('ts_'));
  const got = await evaluate(c, ZEEK_TS, lets, 'ts_ns');
  const want = ZEEK_TS.map((v) => {
    const ns = zeekTimeToNs(JSON.parse(v));
    return ns === null || ns > 9223372036000000000n || ns < -9223372036000000000n ? undefined : ns;
  });
  assert.deepEqual(got, want);
  // Sanity: the epoch number path rounds half up to the microsecond, as epochNumberToNs does.
  assert.equal(epochNumberToNs(1700000000.0000005, 's'), 1700000000000001000n);
});
