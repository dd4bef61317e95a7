/** The shared vocabulary of every stage: events, anomalies, errors. Stages import from here and from stages to their left. */
export * from './event.js';
export * from './errors.js';
