/**
 * The scenario generator for attribution: cases with known truth (a genuine actor, an actor framing another
 * through cheap artefacts, consistent cheap artefacts, sparse data, hours across a DST change, beacons round the
 * clock, an actor nobody has a profile for), as typed evidence, actor profiles, raw sessions and case events,
 * plus the evaluation that scores the engine on them. Separate from the demo; seeded, so reproducible.
 */
export { Rng } from './prng.js';
export { TEMPLATES, makeActor, randomTlsh, nearTlsh } from './actors.js';
export type { Template } from './actors.js';
export { operatorSessions, beaconSessions, classifySessions, localToUtc } from './sessions.js';
export type { SessionCandidate, SessionClassifier, OperatorPlan } from './sessions.js';
export { generateScenario, generateScenarios, HARD_KINDS, SCENARIO_KINDS } from './scenario.js';
export type { Scenario, ScenarioKind } from './scenario.js';
export { sessionEvents, sshAuthLogLines } from './events.js';
export type { SessionShape } from './events.js';
export { evaluate, plantedCheapItem } from './evaluate.js';
export { writeScenario } from './write.js';
export type { EvaluateOptions, Metrics, ReliabilityBin, ScenarioOutcome } from './evaluate.js';
