// The shop's clock. PrestaShop stores dates as wall-clock times of the shop's time zone
// (PS_TIMEZONE) without any offset, so checks compare them with "now" as read on that clock.

import type { Snapshot } from './snapshot.js';

export const DEFAULT_TIME_ZONE = 'Europe/Paris';

export function isValidTimeZone(zone: unknown): zone is string {
  if (typeof zone !== 'string' || zone.trim() === '') return false;
  try {
    formatterFor(zone);
    return true;
  } catch {
    return false;
  }
}

/** PS_TIMEZONE when the shop's configuration has a valid one, else the check's option, else Paris. */
export function shopTimeZone(configuration: Record<string, string | null> | undefined, option: unknown): string {
  const fromShop = configuration?.['PS_TIMEZONE'];
  if (isValidTimeZone(fromShop)) return fromShop;
  return isValidTimeZone(option) ? option : DEFAULT_TIME_ZONE;
}

/** The shop's time zone as a snapshot knows it (PS_TIMEZONE when gathered), else Paris: for dates a report prints. */
export function snapshotTimeZone(snapshot: Pick<Snapshot, 'parts'>): string {
  const envelope = snapshot.parts['prestashop.configuration'];
  return shopTimeZone(envelope?.status === 'ok' ? (envelope.data as Record<string, string | null>) : undefined, undefined);
}

// Building an Intl.DateTimeFormat costs far more than using one, and --all asks the same zone once
// per club and check: one formatter per zone for the life of the process.
const formatters = new Map<string, Intl.DateTimeFormat>();

function formatterFor(timeZone: string): Intl.DateTimeFormat {
  let formatter = formatters.get(timeZone);
  if (!formatter) {
    formatter = new Intl.DateTimeFormat('en-GB', {
      timeZone,
      year: 'numeric',
      month: '2-digit',
      day: '2-digit',
      hour: '2-digit',
      minute: '2-digit',
      second: '2-digit',
      hourCycle: 'h23',
    });
    formatters.set(timeZone, formatter);
  }
  return formatter;
}

/** The wall-clock time of `now` in `timeZone`, in PrestaShop's `YYYY-MM-DD HH:MM:SS` form. */
export function shopClock(now: Date, timeZone: string): string {
  const parts = formatterFor(timeZone).formatToParts(now);
  const get = (type: Intl.DateTimeFormatPartTypes) => parts.find((p) => p.type === type)?.value ?? '00';
  return `${get('year')}-${get('month')}-${get('day')} ${get('hour')}:${get('minute')}:${get('second')}`;
}

/** Whole days between two calendar dates (`YYYY-MM-DD…`), like MySQL TO_DAYS(a) - TO_DAYS(b). */
export function daysBetween(later: string, earlier: string): number {
  return Math.round((Date.parse(`${later.slice(0, 10)}T00:00:00Z`) - Date.parse(`${earlier.slice(0, 10)}T00:00:00Z`)) / 86_400_000);
}
