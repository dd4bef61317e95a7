import type { Reader } from '../reader.js';
import { evtxReader } from './evtx/index.js';
import { winjsonReader } from './winjson/index.js';
import { zeekReader } from './zeek/index.js';
import { suricataReader } from './suricata/index.js';
import { auditdReader } from './auditd/index.js';
import { syslogReader } from './syslog/index.js';
import { chronyReader } from './chrony/index.js';
import { ntpdReader } from './ntpd/index.js';
import { jsonlReader } from './jsonl/index.js';
import { csvReader } from './csv/index.js';

/**
 * Every reader, in one explicit list (no registration by import side effects). Order breaks sniffing ties:
 * a more specific reader comes before a more general one (JSON shapes before plain JSONL).
 */
export const READERS: readonly Reader[] = [
  evtxReader,
  winjsonReader,
  zeekReader,
  suricataReader,
  auditdReader,
  syslogReader,
  chronyReader,
  ntpdReader,
  jsonlReader,
  csvReader,
];
