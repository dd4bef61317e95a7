/**
 * ntpd's 16-bit peer status word (peerstats' fourth column, `ntpq -c as`), decoded as the NTP reference
 * implementation's "Peer Status Word" documentation describes it: five flag bits, the 3-bit selection code, then a
 * 4-bit count and the 4-bit code of the last event.
 */
const SELECT = ['reject', 'falsetick', 'excess', 'outlier', 'candidate', 'backup', 'sys.peer', 'pps.peer'];
const EVENTS = ['', 'mobilize', 'demobilize', 'unreachable', 'reachable', 'restart', 'no_reply', 'rate_exceeded',
  'access_denied', 'leap_armed', 'sys_peer', 'clock_event', 'bad_auth', 'popcorn', 'interleave_mode', 'interleave_error'];

export interface PeerStatus {
  configured: boolean;
  auth_enabled: boolean;
  authentic: boolean;
  reachable: boolean;
  broadcast: boolean;
  select: string;
  event_count: number;
  event: string;
}

export function decodePeerStatus(hex: string): PeerStatus | undefined {
  if (!/^[0-9a-fA-F]{1,4}$/.test(hex)) return undefined;
  const w = parseInt(hex, 16);
  const hi = w >> 8;
  return {
    configured: (hi & 0x80) !== 0,
    auth_enabled: (hi & 0x40) !== 0,
    authentic: (hi & 0x20) !== 0,
    reachable: (hi & 0x10) !== 0,
    broadcast: (hi & 0x08) !== 0,
    select: SELECT[hi & 0x07]!,
    event_count: (w >> 4) & 0x0f,
    event: EVENTS[w & 0x0f] || 'none',
  };
}
