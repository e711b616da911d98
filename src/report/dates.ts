// Dates shown to people, in one place for every text: check messages, renderers, the guided mode.
// Always on the shop's clock (PS_TIMEZONE, Paris when unknown), since that is the clock the club
// admin reads in the back office.
//
// French: `31/08/2025 à 23:59`, as a French reader expects (never ISO in French prose).
// English: `2025-08-31 23:59`, year first. Why not `31/08/2025 at 23:59`: English readers split
// between day-first (UK) and month-first (US), so `04/08/2025` means 4 August to one and 8 April to
// the other; the year-month-day order reads one way only, whoever the support agent is.

import { DEFAULT_TIME_ZONE, isValidTimeZone, shopClock } from '../engine/shop-time.js';
import type { Lang } from '../engine/types.js';

/** A PrestaShop wall-clock string: `YYYY-MM-DD[ HH:MM[:SS]]`, already on the shop's clock, no offset. */
const WALL_CLOCK = /^(\d{4})-(\d{2})-(\d{2})(?:[ T](\d{2}):(\d{2})(?::(\d{2}))?)?$/;

/**
 * A date as its reader expects it: French `31/08/2025 à 23:59` (`31/08/2025` for a date alone),
 * English `2025-08-31 23:59`. `value` is either a PrestaShop wall-clock string (already on the
 * shop's clock, shown as is) or an instant (a Date, an ISO string with its offset, Unix seconds),
 * shown on the shop's clock `timeZone` (Paris when missing or not a time zone). Anything unreadable
 * is returned as given.
 */
export function formatShopDate(value: string | Date | number, lang: Lang, timeZone?: string): string {
  let y: string, mo: string, d: string, h: string | undefined, mi: string | undefined;
  const wall = typeof value === 'string' ? WALL_CLOCK.exec(value.trim()) : null;
  if (wall) {
    [, y, mo, d, h, mi] = wall as unknown as [string, string, string, string, string | undefined, string | undefined];
  } else {
    const date = typeof value === 'number' ? new Date(value * 1000) : new Date(value);
    if (Number.isNaN(date.getTime())) return String(value);
    const clock = shopClock(date, isValidTimeZone(timeZone) ? timeZone : DEFAULT_TIME_ZONE);
    [, y, mo, d, h, mi] = /^(\d{4})-(\d{2})-(\d{2}) (\d{2}):(\d{2})/.exec(clock) as unknown as [string, string, string, string, string, string];
  }
  const day = lang === 'fr' ? `${d}/${mo}/${y}` : `${y}-${mo}-${d}`;
  if (h === undefined || mi === undefined) return day;
  return lang === 'fr' ? `${day} à ${h}:${mi}` : `${day} ${h}:${mi}`;
}

/** A calendar day alone (`31/08/2025`, `2025-08-31`), whatever time `value` carries. */
export function formatShopDay(value: string | Date | number, lang: Lang, timeZone?: string): string {
  return formatShopDate(value, lang, timeZone).replace(/ (à )?\d{2}:\d{2}$/, '');
}

/** A date in both languages (see formatShopDate), for a check's `t(…)` texts. */
export function shopDates(value: string | Date | number, timeZone?: string): { fr: string; en: string } {
  return { fr: formatShopDate(value, 'fr', timeZone), en: formatShopDate(value, 'en', timeZone) };
}
