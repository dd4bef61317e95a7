/**
 * Exfiltration: bytes each source sent to each external destination per day. Zeek and Suricata see the same flows,
 * so a cell keeps the sensor that counted most, never the sum. A cell is flagged when its volume is unlike the
 * source's own history: robust z-score of log bytes against the median and MAD of that source's daily external upload
 * totals (MAD floored so a very steady host does not turn every small change into an alarm), and at least `minBytes`.
 * Only cells of at least `minBytes` are stored (flagged or not): smaller ones are baseline, never a claim.
 */
import type { CaseStore } from '../store/index.js';

export interface ExfilOptions {
  /** Robust z-score above which a day's volume to one destination is flagged (default 3.5, Iglewicz and Hoaglin). */
  zThreshold?: number;
  /** Smallest volume worth flagging (default 1 MiB). */
  minBytes?: number;
}

export async function buildExfil(store: CaseStore, opts: ExfilOptions = {}): Promise<void> {
  const z = opts.zThreshold ?? 3.5;
  const minBytes = opts.minBytes ?? 1_048_576;
  await store.exec(`CREATE TABLE trace_exfil AS
    WITH per_sensor AS (
      SELECT src, dst, sensor, date_trunc('day', ts) AS day, sum(bytes_out) AS bytes, min(ts) AS first_ts, max(ts) AS last_ts
      FROM tr_conn WHERE dst_external AND bytes_out IS NOT NULL GROUP BY src, dst, sensor, day
    ),
    cell AS (
      SELECT src, dst, day, max(bytes) AS bytes, max({'b': bytes, 's': sensor}).s AS sensor, min(first_ts) AS first_ts, max(last_ts) AS last_ts
      FROM per_sensor GROUP BY src, dst, day
    ),
    daily AS (SELECT src, day, sum(bytes) AS total FROM cell GROUP BY src, day),
    base AS (
      SELECT src, count(*) AS days, median(ln(1 + total)) AS med, greatest(coalesce(mad(ln(1 + total)), 0), 0.25) AS mad
      FROM daily GROUP BY src
    ),
    kept AS (SELECT * FROM cell WHERE bytes >= ${minBytes}),
    ids AS (
      SELECT k.src, k.dst, k.day, list_sort(list(c.id)) AS event_ids FROM kept k
      JOIN tr_conn c ON c.src = k.src AND c.dst = k.dst AND c.sensor = k.sensor AND date_trunc('day', c.ts) = k.day AND c.bytes_out IS NOT NULL
      GROUP BY k.src, k.dst, k.day
    )
    SELECT md5(concat_ws('|', kept.src, kept.dst, CAST(kept.day AS VARCHAR))) AS id, kept.src, kept.dst, kept.day, kept.bytes, kept.sensor,
      kept.first_ts, kept.last_ts, base.days AS baseline_days, exp(base.med) - 1 AS baseline_daily_bytes,
      0.6745 * (ln(1 + kept.bytes) - base.med) / base.mad AS robust_z,
      0.6745 * (ln(1 + kept.bytes) - base.med) / base.mad > ${z} AS flagged,
      ids.event_ids
    FROM kept JOIN base USING (src) JOIN ids USING (src, dst, day) ORDER BY kept.day, kept.src, kept.dst`);
}
