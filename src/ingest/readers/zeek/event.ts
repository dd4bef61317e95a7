/**
 * The normalized event for one Zeek record. `fields` keeps Zeek's flat native names (`id.orig_h`, `query`,
 * `uid`) exactly as the log spells them; the typed columns are copies:
 *   srcIp/srcPort/dstIp/dstPort ← `id.orig_h`/`id.orig_p`/`id.resp_h`/`id.resp_p` (also the `id_orig_h` spelling
 *     of a changed scope separator, a nested `id` object of re-shipped JSON, and `src`/`dst`/`p` of notice-like logs);
 *   proto ← `proto`; host ← `_system_name` (the sensor, when the log was extended with it).
 */
import type { NormalizedEvent } from '../../../model/index.js';
import { toPort, toText } from '../../net/index.js';
import { categoryFor } from './logtype.js';

function pick(f: Record<string, unknown>, dotted: string, underscored: string, nested: string): unknown {
  const v = f[dotted];
  if (v !== undefined) return v;
  const u = f[underscored];
  if (u !== undefined) return u;
  const id = f['id'];
  if (id !== null && typeof id === 'object' && !Array.isArray(id)) return (id as Record<string, unknown>)[nested];
  return undefined;
}

export function zeekEvent(fields: Record<string, unknown>, tsNs: bigint | null, logType: string | undefined, offset: number): NormalizedEvent {
  let srcIp = pick(fields, 'id.orig_h', 'id_orig_h', 'orig_h');
  let dstIp = pick(fields, 'id.resp_h', 'id_resp_h', 'resp_h');
  let srcPort = pick(fields, 'id.orig_p', 'id_orig_p', 'orig_p');
  let dstPort = pick(fields, 'id.resp_p', 'id_resp_p', 'resp_p');
  if (srcIp === undefined && dstIp === undefined) {
    // notice.log and friends name the endpoints `src`, `dst` and the port `p` (of the responder).
    srcIp = fields['src'];
    dstIp = fields['dst'];
    if (dstPort === undefined) dstPort = fields['p'];
  }
  return {
    tsNs,
    format: 'zeek',
    product: 'zeek',
    category: categoryFor(logType),
    service: logType,
    host: toText(fields['_system_name']),
    user: undefined,
    image: undefined,
    commandLine: undefined,
    srcIp: toText(srcIp),
    srcPort: toPort(srcPort),
    dstIp: toText(dstIp),
    dstPort: toPort(dstPort),
    proto: toText(fields['proto']),
    eventId: undefined,
    fields,
    offset,
  };
}
