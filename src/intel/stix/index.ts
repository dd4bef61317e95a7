/**
 * STIX 2.1: the object model veritrace reads (indicators, ATT&CK) and exports (findings, infrastructure,
 * attribution), deterministic identifiers, and validation against the OASIS JSON schemas.
 */
export type * from './types.js';
export { uuidv5, canonicalJson, scoId, contentId, SCO_ID_PROPERTIES, STIX_SCO_NAMESPACE, VERITRACE_NAMESPACE } from './ids.js';
export { createStixValidator, defaultStixSchemaDir, pointerToPath, type StixValidator, type StixProblem } from './validate.js';
