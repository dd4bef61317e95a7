/**
 * A user's `FieldMapping` applied to generic records (JSONL objects, CSV rows): which native field feeds the
 * time and each typed column, and the logsource to stamp. Without a time mapping the time field is guessed
 * once per file from common names; a file with none gets one anomaly, not one per record.
 */
import type { Anomaly, NormalizedEvent } from '../../model/index.js';
import { IngestError } from '../../model/index.js';
import type { FieldMapping } from '../reader.js';
import { timeFormatOf, timeValueToNs, type TimeFormat } from './time.js';
import { lookup, toInt, toPort, toText } from './values.js';

/** Names tried, in order, when the user named no time field (compared case-insensitively). */
export const TIME_FIELD_CANDIDATES = ['@timestamp', 'timestamp', 'time', 'ts', 'date', 'datetime', 'eventtime', '_time'] as const;

export class RecordMapper {
  private readonly mapping: FieldMapping;
  private readonly format: TimeFormat;
  private timeField: string | undefined;
  private timeDecided: boolean;

  constructor(readonly reader: string, readonly file: string, mapping: FieldMapping | undefined) {
    this.mapping = mapping ?? {};
    const f = timeFormatOf(this.mapping.timeFormat);
    if (f === null) {
      throw new IngestError({ file }, `unsupported time format '${this.mapping.timeFormat}' in the mapping (use epoch, epoch_ms, epoch_us, epoch_ns or iso)`);
    }
    this.format = f;
    this.timeField = this.mapping.time;
    this.timeDecided = this.mapping.time !== undefined;
  }

  /** The event for one record; anomalies (no time field, unparseable time) are appended to `anomalies`. */
  toEvent(record: Record<string, unknown>, offset: number, anomalies: Anomaly[]): NormalizedEvent {
    const m = this.mapping;
    if (!this.timeDecided) this.decideTimeField(record, offset, anomalies);
    let tsNs: bigint | null = null;
    if (this.timeField !== undefined) {
      const v = lookup(record, this.timeField);
      tsNs = timeValueToNs(v, this.format);
      if (tsNs === null) {
        anomalies.push({
          offset,
          kind: v === undefined || v === null || v === '' ? 'missing-time' : 'bad-time',
          message: `${this.file}:${offset}: ${v === undefined ? 'no' : 'unusable'} time in field '${this.timeField}'${v === undefined ? '' : `: ${JSON.stringify(v).slice(0, 80)}`}`,
        });
      }
    }
    return {
      tsNs,
      format: this.reader,
      product: m.product,
      category: m.category,
      service: m.service,
      host: m.host === undefined ? undefined : toText(lookup(record, m.host)),
      user: m.user === undefined ? undefined : toText(lookup(record, m.user)),
      image: m.image === undefined ? undefined : toText(lookup(record, m.image)),
      commandLine: m.commandLine === undefined ? undefined : toText(lookup(record, m.commandLine)),
      srcIp: m.srcIp === undefined ? undefined : toText(lookup(record, m.srcIp)),
      srcPort: m.srcPort === undefined ? undefined : toPort(lookup(record, m.srcPort)),
      dstIp: m.dstIp === undefined ? undefined : toText(lookup(record, m.dstIp)),
      dstPort: m.dstPort === undefined ? undefined : toPort(lookup(record, m.dstPort)),
      proto: m.proto === undefined ? undefined : toText(lookup(record, m.proto)),
      eventId: m.eventId === undefined ? undefined : toInt(lookup(record, m.eventId)),
      fields: record,
      offset,
    };
  }

  private decideTimeField(record: Record<string, unknown>, offset: number, anomalies: Anomaly[]): void {
    this.timeDecided = true;
    const keys = Object.keys(record);
    for (const want of TIME_FIELD_CANDIDATES) {
      const hit = keys.find((k) => k.toLowerCase() === want);
      if (hit !== undefined) { this.timeField = hit; return; }
    }
    anomalies.push({
      offset,
      kind: 'no-time-field',
      message: `${this.file}:${offset}: no time field given and none of ${TIME_FIELD_CANDIDATES.join(', ')} present; events of this file have no time`,
    });
  }
}
