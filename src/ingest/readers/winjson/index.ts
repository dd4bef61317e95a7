/**
 * The winjson reader: Windows events exported as JSON (evtx_dump, NXLog/Mordor, Winlogbeat/ECS), flattened to the
 * same field contract and logsource as the EVTX reader.
 */
export { winjsonReader } from './reader.js';
export { flatten, fromEcs, fromEvtxDump, fromFlat, type Flat, type Json } from './shapes.js';
export { splitObjects, type JsonPiece } from './split.js';
