import Holidays from 'date-holidays';

/**
 * Public holidays as local epoch days, from date-holidays (offline data). Only `public` holidays count: on
 * those, offices close by law; observances and optional days are left out.
 */
export const DEFAULT_CALENDARS = ['CN', 'DE', 'FR', 'GB', 'IL', 'IN', 'IR', 'JP', 'KR', 'PK', 'RU', 'SA', 'TR', 'UA', 'US', 'VN', 'BY', 'AE'];

const cache = new Map<string, Set<number>>();
const perYear = new Map<string, number[]>();
const calendars = new Map<string, Holidays>();

export function holidayDays(calendar: string, years: readonly number[]): Set<number> {
  const key = `${calendar}|${years.join(',')}`;
  const hit = cache.get(key);
  if (hit) return hit;
  const days = new Set<number>();
  for (const y of years) for (const d of yearDays(calendar, y)) days.add(d);
  cache.set(key, days);
  return days;
}

/** One calendar year's holidays; date-holidays computes lunar and solar calendars astronomically, so cache. */
function yearDays(calendar: string, y: number): number[] {
  const key = `${calendar}|${y}`;
  const hit = perYear.get(key);
  if (hit) return hit;
  let hd = calendars.get(calendar);
  if (!hd) {
    const [country, region] = calendar.split('-');
    hd = region ? new Holidays(country ?? '', region) : new Holidays(country ?? '');
    calendars.set(calendar, hd);
  }
  const days = new Set<number>();
  for (const h of hd.getHolidays(y) || []) {
    if (h.type !== 'public') continue;
    // `date` is the local calendar date ("2025-01-01 00:00:00"); multi-day holidays run to `end`.
    const start = Date.parse(`${h.date.slice(0, 10)}T00:00:00Z`);
    const n = Math.max(1, Math.round((h.end.getTime() - h.start.getTime()) / 86_400_000));
    for (let d = 0; d < n; d++) days.add(Math.floor(start / 86_400_000) + d);
  }
  const out = [...days].sort((a, b) => a - b);
  perYear.set(key, out);
  return out;
}
