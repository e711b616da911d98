// Dates shown to people: on the shop's clock (PS_TIMEZONE), as a club admin reads them,
// `31/08/2025 à 23:59` in French and `31/08/2025 at 23:59` in English.

import { DEFAULT_TIME_ZONE, isValidTimeZone, shopClock } from '../engine/shop-time.js';
import type { Lang } from '../engine/types.js';

/** An ISO instant as day/month/year and hour:minute in `timeZone`; the input as is if it is no date. */
export function shopDate(iso: string, timeZone: string | undefined, lang: Lang): string {
  const date = new Date(iso);
  if (Number.isNaN(date.getTime())) return iso;
  const clock = shopClock(date, isValidTimeZone(timeZone) ? timeZone : DEFAULT_TIME_ZONE);
  const [, y, m, d, hh, mm] = /^(\d{4})-(\d{2})-(\d{2}) (\d{2}):(\d{2})/.exec(clock)!;
  return `${d}/${m}/${y} ${lang === 'fr' ? 'à' : 'at'} ${hh}:${mm}`;
}
