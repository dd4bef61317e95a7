/**
 * The columns of chronyd's statistics logs (chrony.conf `log measurements statistics tracking refclocks`), as the
 * chrony documentation lists them. Offsets, delays and dispersions are seconds, frequencies ppm. Older chrony
 * versions write fewer trailing columns; those fields are then absent.
 */
export type ChronyLog = 'measurements' | 'statistics' | 'tracking' | 'refclocks';

const LEAP = /^[N+\-?]$/;
const NUM = /^[-+]?(?:\d+\.?\d*|\.\d+)(?:e[-+]?\d+)?$/i;

const COLUMNS: Record<ChronyLog, string[]> = {
  measurements: ['source', 'leap', 'stratum', 'tests_123', 'tests_567', 'tests_abcd', 'poll_local', 'poll_remote', 'score',
    'offset_s', 'peer_delay_s', 'peer_dispersion_s', 'root_delay_s', 'root_dispersion_s', 'refid', 'mode', 'tx_timestamp', 'rx_timestamp'],
  statistics: ['source', 'std_dev_s', 'est_offset_s', 'offset_sd_s', 'diff_freq_ppm', 'est_skew_ppm', 'stress', 'samples',
    'start_sample', 'runs', 'asymmetry'],
  tracking: ['source', 'stratum', 'freq_ppm', 'skew_ppm', 'offset_s', 'leap', 'combined_sources', 'offset_sd_s',
    'remaining_correction_s', 'root_delay_s', 'root_dispersion_s', 'max_error_s'],
  refclocks: ['refid', 'driver_poll', 'leap', 'pps', 'raw_offset_s', 'cooked_offset_s', 'dispersion_s'],
};
/** Columns that must be present for a line to count as that log. */
const MIN_COLUMNS: Record<ChronyLog, number> = { measurements: 14, statistics: 9, tracking: 8, refclocks: 7 };
const TEXT = new Set(['source', 'leap', 'tests_123', 'tests_567', 'tests_abcd', 'refid', 'mode', 'tx_timestamp', 'rx_timestamp', 'pps']);

/** Which log a banner line announces (`Date (UTC) Time  IP Address  …  Peer del. …`), or undefined. */
export function logOfBanner(line: string): ChronyLog | undefined {
  if (!line.includes('Date (UTC)')) return undefined;
  if (line.includes('Peer del')) return 'measurements';
  if (line.includes("Std dev'n")) return 'statistics';
  if (line.includes('Freq ppm')) return 'tracking';
  if (line.includes('Cooked offset')) return 'refclocks';
  return undefined;
}

/** Which log a data line's shape fits, given its columns after date and time. */
export function logOfShape(cols: string[]): ChronyLog | undefined {
  if (cols.length >= 14 && LEAP.test(cols[1]!) && /^[01]{3}$/.test(cols[3]!)) return 'measurements';
  if (cols.length >= 8 && /^\d+$/.test(cols[1]!) && LEAP.test(cols[5]!)) return 'tracking';
  if (cols.length >= 7 && LEAP.test(cols[2]!) && /^\d+$/.test(cols[1]!)) return 'refclocks';
  if (cols.length >= 9 && cols.slice(1, 9).every((c) => NUM.test(c))) return 'statistics';
  return undefined;
}

/** The named fields of a data line, or a reason why it does not fit `log`. */
export function fieldsOf(log: ChronyLog, cols: string[]): Record<string, string | number> | string {
  if (cols.length < MIN_COLUMNS[log]) return `${cols.length + 2} columns, ${log}.log needs at least ${MIN_COLUMNS[log] + 2}`;
  const names = COLUMNS[log];
  const out: Record<string, string | number> = {};
  for (let i = 0; i < cols.length && i < names.length; i++) {
    const name = names[i]!;
    const v = cols[i]!;
    if (TEXT.has(name)) { out[name] = v; continue; }
    if (!NUM.test(v)) return `column ${name} is not a number: ${v}`;
    out[name] = Number(v);
  }
  return out;
}
