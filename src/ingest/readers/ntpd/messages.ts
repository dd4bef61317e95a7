/**
 * ntpd's syslog messages that record clock steering: `0.0.0.0 061c 0c clock_step -0.512 s`, `time reset +0.3 s`,
 * `synchronized to 192.0.2.1, stratum 2`, `kernel reports TIME_ERROR`, `no servers reachable`. They arrive through
 * the syslog reader (program `ntpd`), which stamps `service: ntpd`, `category: time`. Fields: `time_event`
 * (event_report, clock_step, time_reset, synchronized, kernel_time_error, no_servers, starting, exiting),
 * `source`, `status_word`, `event_name`, `offset_s` (seconds), `stratum`, `version`, `reason`.
 */
const PATTERNS: [string, RegExp][] = [
  ['event_report', /^(\S+) ([0-9a-f]{4}) ([0-9a-f]{2}) (\S+)(?: (.*))?$/],
  ['time_reset', /^time reset ([-+]?[\d.]+) s/],
  ['synchronized', /^synchronized to (\S+?),? stratum (\d+)/],
  ['kernel_time_error', /^kernel reports TIME_ERROR: (.*)$/],
  ['no_servers', /^no servers (?:can be used|reachable)/],
  ['starting', /^ntpd (\S+)(?: .*)?: Starting/],
  ['exiting', /^ntpd exiting on signal (\d+)/],
];

export function parseNtpdMessage(msg: string): Record<string, unknown> | null {
  for (const [event, re] of PATTERNS) {
    const m = re.exec(msg);
    if (!m) continue;
    const f: Record<string, unknown> = { time_event: event };
    switch (event) {
      case 'event_report': {
        f.source = m[1]; f.status_word = m[2]; f.event_code = m[3]; f.event_name = m[4];
        const off = /^([-+]?[\d.]+(?:e[-+]?\d+)?) s$/.exec(m[5] ?? '');
        if (off) f.offset_s = Number(off[1]);
        else if (m[5]) f.detail = m[5];
        if (m[4] === 'clock_step') f.time_event = 'clock_step';
        break;
      }
      case 'time_reset': f.offset_s = Number(m[1]); break;
      case 'synchronized': f.source = m[1]; f.stratum = Number(m[2]); break;
      case 'kernel_time_error': f.reason = m[1]; break;
      case 'starting': f.version = m[1]; break;
      case 'exiting': f.signal = Number(m[1]); break;
    }
    return f;
  }
  return null;
}
