/**
 * Activity-time inference: when do the operators work? From the start times of human operator sessions, and
 * separately from compile/sign times, infer the UTC offset (DST-aware through IANA zones), the work week and
 * the holiday calendar, each with a posterior, and the likelihood ratio of the times for each actor profile.
 */
export * from './infer.js';
export { defaultCandidates, fixedZoneName, icuOffset, offsetAt } from './zones.js';
export type { ZoneCandidate } from './zones.js';
export { WORKWEEKS, workMask, OFF_DAY, NOISE } from './shape.js';
export { DEFAULT_CALENDARS, holidayDays } from './calendar.js';
export { TEMPER } from './model.js';
