/** Beacons: command-and-control periodicity in connection logs, scored per pair as RITA does and more robustly. */
export { buildBeacons, KNOWN_POLLING_SUFFIXES, DEFAULT_THRESHOLD, type BeaconOptions } from './beacons.js';
export { scorePair, type BeaconScore, type PairSeries } from './score.js';
export { estimatePeriod, type PeriodFit } from './period.js';
