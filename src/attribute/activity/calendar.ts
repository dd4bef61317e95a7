import Holidays from 'date-holidays';

/**
 * Public holidays as local epoch days, from date-holidays (offline data). Only `public` holidays count: on
 * those, offices close by law; observances and optional days are left out.
 */
export const DEFAULT_CALENDARS = ['CN', 'DE', 'FR', 'GB', 'IL', 'IN', 'IR', 'JP', 'KR', 'PK', 'RU', 'SA', 'TR', 'UA', 'US', 'VN', 'BY', 'AE'];

const cache = new Map<string, Set<number>>();

export function holidayDays(calendar: string, years: readonly number[]): Set<number> {
  const key = `${calendar}|${years.join(',')}`;
  const hit = cache.get(key);
  if (hit) return hit;
  const [country, region] = calendar.split('-');
  const hd = region ? new Holidays(country ?? '', region) : new Holidays(country ?? '');
  const days = new Set<number>();
  for (const y of years) {
    for (const h of hd.getHolidays(y) || []) {
      if (h.type !== 'public') continue;
      // `date` is the local calendar date ("2025-01-01 00:00:00"); multi-day holidays run to `end`.
      const start = Date.parse(`${h.date.slice(0, 10)}T00:00:00Z`);
      const days_ = Math.max(1, Math.round((h.end.getTime() - h.start.getTime()) / 86_400_000));
      for (let d = 0; d < days_; d++) days.add(Math.floor(start / 86_400_000) + d);
    }
  }
  cache.set(key, days);
  return days;
}
