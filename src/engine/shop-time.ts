// The shop's clock. PrestaShop stores dates as wall-clock times of the shop's time zone
// (PS_TIMEZONE) without any offset, so checks compare them with "now" as read on that clock.

import type { Snapshot } from './snapshot.js';

export const DEFAULT_TIME_ZONE = 'Europe/Paris';

// ICU's canonical zone names: looking one up costs ~1 ms, while the first Intl.DateTimeFormat
// (the only other way to ask ICU) loads its calendar and pattern data, ~25 ms of CPU at the start
// of every diagnosis that prints no date. Aliases (`Europe/Kiev`, `US/Eastern`...) are not listed:
// for those, ICU is asked through a formatter.
let canonicalZones: Set<string> | undefined;

/**
 * Whether ICU lists `zone` among its canonical names. The default zone, nearly every shop's, without
 * asking: listing the names still costs ~1.5 ms of CPU per diagnosis (issue 9), and Europe/Paris is
 * canonical in every ICU (test/engine/shop-time.test.ts checks the running one).
 */
function isCanonicalZone(zone: string): boolean {
  if (zone === DEFAULT_TIME_ZONE) return true;
  canonicalZones ??= new Set(Intl.supportedValuesOf('timeZone'));
  return canonicalZones.has(zone);
}

export function isValidTimeZone(zone: unknown): zone is string {
  if (typeof zone !== 'string' || zone.trim() === '') return false;
  if (isCanonicalZone(zone)) return true;
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

// The first Intl.DateTimeFormat costs ~25 ms of CPU (ICU's calendar and pattern data), more than
// the rest of a diagnosis's checks: the first reads of the clock ask Date instead, with the process
// time zone (TZ) set to the shop's for the length of the read. Same ICU rules (V8 reads local time
// through ICU's zone data, as Intl does; test/engine/shop-time.test.ts compares both), ~50 µs a
// read: past a few reads (--all), one formatter is cheaper. Only where setting TZ moves the clock:
// not in a worker thread, whose process.env is its own copy (the read would silently come out in
// the process's zone). That is asked of the clock itself, once, rather than of node:worker_threads
// (isMainThread), whose loading cost every diagnosis ~4 ms of CPU (issue 9).
const CHEAP_READS = 8;
let cheapReads = 0;
let tzWorks: boolean | undefined;
const FIRST_CHEAP = Date.UTC(1970, 0, 2);
const LAST_CHEAP = Date.UTC(2100, 0, 1);

const pad = (n: number, width = 2) => String(n).padStart(width, '0');

/** Exported for its test (against a formatter); callers use shopClock. */
export function clockThroughTz(now: Date, timeZone: string): string {
  const before = process.env['TZ'];
  process.env['TZ'] = timeZone;
  try {
    return `${pad(now.getFullYear(), 4)}-${pad(now.getMonth() + 1)}-${pad(now.getDate())} ${pad(now.getHours())}:${pad(now.getMinutes())}:${pad(now.getSeconds())}`;
  } finally {
    if (before === undefined) delete process.env['TZ'];
    else process.env['TZ'] = before;
  }
}

/**
 * Whether setting TZ moves this thread's clock: 2000-01-01 00:00 UTC read at UTC+14 and at UTC−12
 * must be 14:00 and 12:00 (the day before); anywhere TZ is ignored, both reads give the same hour.
 */
export function tzMovesClock(): boolean {
  if (tzWorks === undefined) {
    const instant = new Date(Date.UTC(2000, 0, 1));
    tzWorks = clockThroughTz(instant, 'Etc/GMT-14') === '2000-01-01 14:00:00' && clockThroughTz(instant, 'Etc/GMT+12') === '1999-12-31 12:00:00';
  }
  return tzWorks;
}

/** The wall-clock time of `now` in `timeZone`, in PrestaShop's `YYYY-MM-DD HH:MM:SS` form. */
export function shopClock(now: Date, timeZone: string): string {
  const time = now.getTime();
  // Canonical names only: ICU reads an unknown TZ as GMT, where a formatter throws.
  if (!formatters.has(timeZone) && cheapReads < CHEAP_READS && time >= FIRST_CHEAP && time < LAST_CHEAP && isCanonicalZone(timeZone) && tzMovesClock()) {
    cheapReads++;
    return clockThroughTz(now, timeZone);
  }
  const parts = formatterFor(timeZone).formatToParts(now);
  const get = (type: Intl.DateTimeFormatPartTypes) => parts.find((p) => p.type === type)?.value ?? '00';
  return `${get('year')}-${get('month')}-${get('day')} ${get('hour')}:${get('minute')}:${get('second')}`;
}

/** Whole days between two calendar dates (`YYYY-MM-DD…`), like MySQL TO_DAYS(a) - TO_DAYS(b). */
export function daysBetween(later: string, earlier: string): number {
  return Math.round((Date.parse(`${later.slice(0, 10)}T00:00:00Z`) - Date.parse(`${earlier.slice(0, 10)}T00:00:00Z`)) / 86_400_000);
}
