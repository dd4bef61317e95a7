/**
 * Time-zone candidates and DST-correct UTC offsets. Offsets of IANA zones come from `Intl.DateTimeFormat`
 * (Node ships full ICU), cached per zone and UTC day: a zone changes its offset at most once in a day, so one
 * look-up at each day's start and end tells whether the hours in between need their own.
 */

/** A candidate zone: an IANA name (with its DST rules) or a fixed offset written `UTC±hh:mm`. */
export interface ZoneCandidate { zone: string; fixedOffset?: number }

const DAY = 86_400_000;
const HOUR = 3_600_000;

export function fixedZoneName(minutes: number): string {
  const a = Math.abs(minutes);
  return `UTC${minutes < 0 ? '-' : '+'}${String(Math.floor(a / 60)).padStart(2, '0')}:${String(a % 60).padStart(2, '0')}`;
}

/** Offsets in use somewhere in the world: whole hours −12…+14 and the 30/45-minute ones. */
const FIXED_OFFSETS = [
  ...Array.from({ length: 27 }, (_, i) => (i - 12) * 60),
  -570, -210, 210, 270, 330, 345, 390, 525, 570, 630, 765, 825,
].sort((a, b) => a - b);

/** Zones whose daylight-saving rules differ from a fixed offset, north and south. */
const DST_ZONES = [
  'America/Los_Angeles', 'America/Denver', 'America/Chicago', 'America/New_York', 'America/Halifax', 'America/St_Johns',
  'America/Santiago', 'Europe/London', 'Europe/Berlin', 'Europe/Kiev', 'Asia/Jerusalem', 'Asia/Beirut',
  'Australia/Adelaide', 'Australia/Sydney', 'Australia/Lord_Howe', 'Pacific/Auckland', 'Pacific/Chatham',
];

export function defaultCandidates(extraZones: readonly string[] = []): ZoneCandidate[] {
  const fixed = FIXED_OFFSETS.map((m) => ({ zone: fixedZoneName(m), fixedOffset: m }));
  const named = [...new Set([...DST_ZONES, ...extraZones])].sort().map((zone) => ({ zone }));
  return [...fixed, ...named];
}

const formatters = new Map<string, Intl.DateTimeFormat>();
function formatter(zone: string): Intl.DateTimeFormat {
  let f = formatters.get(zone);
  if (!f) {
    f = new Intl.DateTimeFormat('en-US', { timeZone: zone, hourCycle: 'h23', year: 'numeric', month: 'numeric', day: 'numeric', hour: 'numeric', minute: 'numeric' });
    formatters.set(zone, f);
  }
  return f;
}

/** The zone's offset from UTC in minutes at `ms`, straight from ICU. */
export function icuOffset(zone: string, ms: number): number {
  const parts: Record<string, number> = {};
  for (const p of formatter(zone).formatToParts(new Date(ms))) if (p.type !== 'literal') parts[p.type] = Number(p.value);
  const local = Date.UTC(parts.year ?? 1970, (parts.month ?? 1) - 1, parts.day ?? 1, parts.hour ?? 0, parts.minute ?? 0);
  return Math.round((local - Math.floor(ms / 60_000) * 60_000) / 60_000);
}

const dayCache = new Map<string, Map<number, number[] | number>>();

/** The offset for a whole UTC day when it does not change during the day, else undefined. */
export function dayOffset(c: ZoneCandidate, day: number): number | undefined {
  if (c.fixedOffset !== undefined) return c.fixedOffset;
  const e = dayEntry(c.zone, day);
  return typeof e === 'number' ? e : undefined;
}

function dayEntry(zone: string, day: number): number[] | number {
  let days = dayCache.get(zone);
  if (!days) { days = new Map(); dayCache.set(zone, days); }
  let entry = days.get(day);
  if (entry === undefined) {
    const a = icuOffset(zone, day * DAY);
    const b = icuOffset(zone, day * DAY + DAY - 1);
    entry = a === b ? a : Array.from({ length: 24 }, (_, h) => icuOffset(zone, day * DAY + h * HOUR));
    days.set(day, entry);
  }
  return entry;
}

/** Offset in minutes of a candidate at `ms`, DST-correct for IANA zones. */
export function offsetAt(c: ZoneCandidate, ms: number): number {
  if (c.fixedOffset !== undefined) return c.fixedOffset;
  const day = Math.floor(ms / DAY);
  const entry = dayEntry(c.zone, day);
  if (typeof entry === 'number') return entry;
  const h = Math.floor((ms - day * DAY) / HOUR);
  // Transitions happen on the hour or half hour in every zone veritrace lists; within a transition hour, ask ICU.
  const at = entry[h] ?? entry[0] ?? 0;
  return entry[h + 1] !== undefined && entry[h + 1] !== at ? icuOffset(c.zone, ms) : at;
}
