/**
 * The event as every reader hands it to the case store.
 *
 * Native fields keep their native names (`Image`, `CommandLine`, `id.resp_h`, `query`) in `fields`, so that
 * Sigma rules written against the source work unchanged. The typed columns below are the few that rules,
 * joins and the timeline touch on every row; they are copies of native values, never replacements.
 */
export interface NormalizedEvent {
  /** UTC time as epoch nanoseconds, at the source's full precision; null when the record carries no usable time. */
  tsNs: bigint | null;
  /** Reader id that produced the event (`evtx`, `winjson`, `zeek`, `suricata`, `syslog`, `auditd`, `chrony`, `ntpd`, `jsonl`, `csv`). */
  format: string;
  /** Sigma logsource taxonomy: product (`windows`, `linux`, `zeek`, …), category (`process_creation`, …), service (`security`, `sysmon`, `conn`, …). */
  product?: string;
  category?: string;
  service?: string;
  host?: string;
  user?: string;
  /** Process image (full path where known). */
  image?: string;
  commandLine?: string;
  srcIp?: string;
  srcPort?: number;
  dstIp?: string;
  dstPort?: number;
  /** Transport or application protocol as the source names it (`tcp`, `udp`, `dns`, …). */
  proto?: string;
  /** Numeric event id (Windows EventID, Sysmon id, auditd has none). */
  eventId?: number;
  /** Native fields under native names. Flat where the source is flat (EVTX EventData, Zeek), nested where it is nested (Suricata EVE, ECS). */
  fields: Record<string, unknown>;
  /** Where the record starts in the decompressed input: byte offset for binary formats, 1-based line number for text formats. */
  offset: number;
}

/** A record-level oddity: the record was kept (or skipped) and the file goes on, like Zeek's weird.log. */
export interface Anomaly {
  offset: number;
  kind: string;
  message: string;
}

/** The row layout of the `events` table, in column order. Shared by every store dialect. */
export const EVENT_COLUMNS = [
  'id', 'evidence', 'record', 'ts', 'format', 'product', 'category', 'service', 'host', 'user_name',
  'image', 'command_line', 'src_ip', 'src_port', 'dst_ip', 'dst_port', 'proto', 'event_id', 'source_offset', 'raw',
] as const;
export type EventColumn = (typeof EVENT_COLUMNS)[number];
