/** Operator sessions: activity grouped into sessions, each classed as hands-on-keyboard or automated. */
export { buildSessions } from './build.js';
export { classifySession, coefficientOfVariation, type SessionFeatures, type SessionClass, type Classification } from './classify.js';
