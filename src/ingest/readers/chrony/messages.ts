/**
 * chronyd's syslog messages, the ones that tell how the clock was steered: source selection, steps and slews,
 * jumps, loss of sync. These arrive through the syslog reader (program `chronyd`), which stamps `service: chronyd`,
 * `category: time`. Fields: `time_event` (source_selected, clock_wrong, clock_stepped, time_jump, no_sync,
 * source_online, source_offline, source_replaced, falseticker, kod, starting, exiting, frequency_read,
 * adjustment_too_large, leap_second), `source`, `source_name`, `offset_s` (seconds, signed as chronyd writes it),
 * `direction` (forward/backward), `reason`, `version`, `frequency_ppm`.
 */
const PATTERNS: [string, RegExp][] = [
  ['source_selected', /^Selected source (\S+)(?: \(([^)]*)\))?/],
  ['clock_wrong', /^System clock wrong by ([-+]?[\d.]+(?:e[-+]?\d+)?) seconds?/],
  ['clock_stepped', /^System clock was stepped by ([-+]?[\d.]+(?:e[-+]?\d+)?) seconds?/],
  ['time_jump', /^(Forward|Backward) time jump detected/],
  ['no_sync', /^Can't synchroni[sz]e: (.*)$/],
  ['source_online', /^Source (\S+)(?: \(([^)]*)\))? online/],
  ['source_offline', /^Source (\S+)(?: \(([^)]*)\))? offline/],
  ['source_replaced', /^Source (\S+) replaced with (\S+)(?: \(([^)]*)\))?/],
  ['falseticker', /^Detected falseticker (\S+)(?: \(([^)]*)\))?/],
  ['kod', /^Received KoD (\S+) from (\S+)/],
  ['starting', /^chronyd version (\S+) starting/],
  ['exiting', /^chronyd exiting/],
  ['frequency_read', /^Frequency ([-+]?[\d.]+) \+\/- ([\d.]+) ppm read from (\S+)/],
  ['adjustment_too_large', /^Adjustment of ([-+]?[\d.]+(?:e[-+]?\d+)?) seconds? exceeds the allowed maximum/],
  ['leap_second', /^(?:Inserting|Deleting|Injecting) leap second/],
];

export function parseChronydMessage(msg: string): Record<string, unknown> | null {
  for (const [event, re] of PATTERNS) {
    const m = re.exec(msg);
    if (!m) continue;
    const f: Record<string, unknown> = { time_event: event };
    switch (event) {
      case 'source_selected': case 'source_online': case 'source_offline': case 'falseticker':
        f.source = m[1]; if (m[2]) f.source_name = m[2];
        break;
      case 'clock_wrong': case 'clock_stepped': case 'adjustment_too_large':
        f.offset_s = Number(m[1]);
        break;
      case 'time_jump':
        f.direction = m[1]!.toLowerCase();
        break;
      case 'no_sync':
        f.reason = m[1];
        break;
      case 'source_replaced':
        f.source = m[2]; f.replaced_source = m[1]; if (m[3]) f.source_name = m[3];
        break;
      case 'kod':
        f.kod_code = m[1]; f.source = m[2];
        break;
      case 'starting':
        f.version = m[1];
        break;
      case 'frequency_read':
        f.frequency_ppm = Number(m[1]); f.frequency_error_ppm = Number(m[2]); f.file = m[3];
        break;
    }
    return f;
  }
  return null;
}
