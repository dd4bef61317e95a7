/**
 * Trace: rebuild the intrusion from the case — timeline, entity graph, lateral movement and entry, beacons,
 * exfiltration, operator sessions and attacker infrastructure — into `trace_*` tables, every claim carrying its events.
 */
export { trace, type TraceOptions } from './trace.js';
export type { TraceSummary } from './summary.js';
export { timeline, timesketchLine, humanSessions, storedSummary, type TimelineQuery, type TimelineRow, type HumanSession, type HumanSessionQuery } from './read.js';
export { classifySession, coefficientOfVariation, type SessionFeatures, type SessionClass, type Classification } from './sessions/index.js';
export { scorePair, estimatePeriod, KNOWN_POLLING_SUFFIXES, type BeaconScore, type PairSeries, type PeriodFit, type BeaconOptions } from './beacons/index.js';
export { AddressDataset, type Enrichment } from './infra/index.js';
export { chainFrom, type MovementEdge, type EntryCandidate } from './movement.js';
export { isExternalAddress } from './sql.js';
export { tacticsFromTags, IMAGE_TACTICS } from './attack.js';
export { TRACE_TABLES } from './schema.js';
