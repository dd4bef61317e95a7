/** The Suricata EVE reader: eve.json events of every type, nested fields kept, flow ids exact, Sigma's suricata logsource. */
export { suricataReader, eveEvent } from './reader.js';
export { exactBigIntegers } from './ids.js';
