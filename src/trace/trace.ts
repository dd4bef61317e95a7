/**
 * `trace()`: (re)compute the whole reconstruction into the case's `trace_*` tables in one transaction, so a failed
 * run leaves the previous reconstruction in place and a repeated run gives the same tables.
 */
import { mkdir } from 'node:fs/promises';
import { join } from 'node:path';
import type { CaseStore } from '../store/index.js';
import { buildBeacons, type BeaconOptions } from './beacons/index.js';
import { buildConnections, buildHostAddresses, buildLogons } from './base.js';
import { buildExfil, type ExfilOptions } from './exfil.js';
import { buildGraph } from './graph.js';
import { buildInfrastructure, prepareInfrastructure } from './infra/index.js';
import { buildMovement, markChain } from './movement.js';
import { STAGED_SQL, dropTraceTables } from './schema.js';
import { buildSessions } from './sessions/index.js';
import { buildTimeline } from './timeline.js';
import { summarize, type TraceSummary } from './summary.js';

export interface TraceOptions {
  beacons?: BeaconOptions;
  exfil?: ExfilOptions;
  /** Called as each analysis starts (for a progress line). */
  onStep?: (step: string, index: number, total: number) => void;
}

const TEMP = ['tr_conn', 'tr_pair_agg', 'tr_pair_best', 'tr_logon_raw', 'tr_service', 'tr_beacon_scores', 'tr_pair_sensor', 'tr_sshd', 'tr_sudo', 'tr_ssh_session', 'tr_act', 'tr_session_raw',
  'tr_session_class', 'tr_enr_a', 'tr_enr_c', 'tr_enr_f', 'tr_rng_asn', 'tr_rng_cc', 'tr_addr_num', 'tr_addr_v6', 'tr_obs', 'tr_time_sources', 'tr_ext', 'tr_infra_lookup', 'tr_roles', 'tr_edge_obs'];

export async function trace(store: CaseStore, options: TraceOptions = {}): Promise<TraceSummary> {
  let chain: Awaited<ReturnType<typeof markChain>> = { entry: null, path: [] };
  const steps: [string, () => Promise<unknown>][] = [
    ['connections', () => buildConnections(store)],
    ['host addresses', () => buildHostAddresses(store)],
    ['logons', () => buildLogons(store)],
    ['movement and entry', async () => { await buildMovement(store); chain = await markChain(store); }],
    ['beacons', () => buildBeacons(store, options.beacons)],
    ['exfiltration', () => buildExfil(store, options.exfil)],
    ['sessions', () => buildSessions(store)],
    ['infrastructure', () => buildInfrastructure(store)],
    ['entity graph', () => buildGraph(store)],
  ];
  // The store spills to <case>/tmp/duckdb under its memory limit but does not create the folder; big traces spill.
  if (store.dialect.name === 'duckdb') await mkdir(join(store.dir, 'tmp', 'duckdb'), { recursive: true });
  for (const t of TEMP) await store.exec(`DROP TABLE IF EXISTS temp.${t}`);
  options.onStep?.('enrichment', 0, steps.length + 2);
  await prepareInfrastructure(store);
  return store.transaction(async () => {
    await dropTraceTables((sql) => store.exec(sql));
    for (const [i, [name, run]] of steps.entries()) {
      options.onStep?.(name, i + 1, steps.length + 2);
      await run();
    }
    options.onStep?.('timeline', steps.length + 1, steps.length + 2);
    const { findings } = await buildTimeline(store);
    await store.exec(STAGED_SQL.trace_meta);
    const summary = await summarize(store, chain, findings);
    await store.append('trace_meta', ['key', 'value'], [['summary', JSON.stringify(summary)]]);
    for (const t of TEMP) await store.exec(`DROP TABLE IF EXISTS temp.${t}`);
    return summary;
  });
}
