// The shop's time zone is checked against ICU's list of zone names first (start-up, issue 9.4: the
// first Intl.DateTimeFormat costs ~25 ms of CPU), then through a formatter: the answer is the same
// as asking a formatter every time.
import { describe, expect, it, vi } from 'vitest';
import { once } from 'node:events';
import { Worker } from 'node:worker_threads';
import { clockThroughTz, DEFAULT_TIME_ZONE, isValidTimeZone, shopTimeZone, tzMovesClock } from '../../src/engine/shop-time.js';

function formatterAccepts(zone: unknown): boolean {
  if (typeof zone !== 'string' || zone.trim() === '') return false;
  try {
    new Intl.DateTimeFormat('en-GB', { timeZone: zone });
    return true;
  } catch {
    return false;
  }
}

describe('isValidTimeZone', () => {
  it('answers as an Intl formatter does, for canonical names, aliases, odd case and nonsense', () => {
    const zones: unknown[] = [
      ...Intl.supportedValuesOf('timeZone'),
      'UTC', 'Etc/UTC', 'GMT', 'Europe/Kiev', 'US/Eastern', 'europe/paris', 'EUROPE/PARIS', 'Asia/Calcutta',
      '+01:00', 'Europe/Atlantis', 'Paris', '', ' ', 'Europe/Paris ', null, undefined, 42,
    ];
    for (const zone of zones) expect(isValidTimeZone(zone), String(zone)).toBe(formatterAccepts(zone));
  });

  it('takes the default zone as canonical without listing ICU’s names: the running ICU lists it', () => {
    expect(Intl.supportedValuesOf('timeZone')).toContain(DEFAULT_TIME_ZONE);
  });

  it('keeps the shop’s zone when valid, else the option, else Paris', () => {
    expect(shopTimeZone({ PS_TIMEZONE: 'America/Montreal' }, 'Europe/London')).toBe('America/Montreal');
    expect(shopTimeZone({ PS_TIMEZONE: 'Mars/Olympus' }, 'Europe/London')).toBe('Europe/London');
    expect(shopTimeZone({ PS_TIMEZONE: null }, 'nowhere')).toBe('Europe/Paris');
  });
});

describe('shopClock', () => {
  const formatters = new Map<string, Intl.DateTimeFormat>();
  function throughFormatter(now: Date, timeZone: string): string {
    if (!formatters.has(timeZone)) formatters.set(timeZone, new Intl.DateTimeFormat('en-GB', { timeZone, year: 'numeric', month: '2-digit', day: '2-digit', hour: '2-digit', minute: '2-digit', second: '2-digit', hourCycle: 'h23' }));
    const parts = formatters.get(timeZone)!.formatToParts(now);
    const get = (type: string) => parts.find((p) => p.type === type)?.value ?? '00';
    return `${get('year')}-${get('month')}-${get('day')} ${get('hour')}:${get('minute')}:${get('second')}`;
  }

  it('reads the shop’s clock as an Intl formatter does, across DST changes, before and after it builds one', async () => {
    // A fresh module: its first reads go through TZ, later ones through its formatter.
    vi.resetModules();
    const { shopClock: fresh } = await import('../../src/engine/shop-time.js');
    const zones = ['Europe/Paris', 'America/New_York', 'Australia/Lord_Howe', 'Asia/Tehran', 'Pacific/Chatham', 'America/Sao_Paulo', 'Asia/Kolkata', 'Africa/Casablanca', 'Pacific/Apia'];
    const instants: Date[] = [];
    // Every 15 minutes around the 2025 EU and US changes, then instants spread over decades.
    for (const start of [Date.UTC(2025, 2, 29, 12), Date.UTC(2025, 9, 25, 12), Date.UTC(2025, 2, 8, 12), Date.UTC(2025, 10, 1, 12)]) {
      for (let t = start; t < start + 2 * 86_400_000; t += 15 * 60_000) instants.push(new Date(t + 7_000));
    }
    for (let t = Date.UTC(1975, 0, 1); t < Date.UTC(2090, 0, 1); t += 86_400_000 * 91.3 + 3_599_000) instants.push(new Date(t));
    const tzBefore = process.env['TZ'];
    const offsetBefore = new Date(Date.UTC(2025, 6, 1)).getTimezoneOffset();
    for (const zone of zones) {
      for (const now of instants) {
        const expected = throughFormatter(now, zone);
        expect(clockThroughTz(now, zone), `${zone} ${now.toISOString()}`).toBe(expected);
        expect(fresh(now, zone), `${zone} ${now.toISOString()}`).toBe(expected);
      }
    }
    // The process time zone is left as it was.
    expect(process.env['TZ']).toBe(tzBefore);
    expect(new Date(Date.UTC(2025, 6, 1)).getTimezoneOffset()).toBe(offsetBefore);
  });

  it('reads through TZ on the main thread only: a worker thread, where TZ does not move the clock, says so and uses a formatter', async () => {
    expect(tzMovesClock()).toBe(true);
    // The built module (npm run build), in a worker thread of its own.
    const built = new URL('../../dist/src/engine/shop-time.js', import.meta.url).href;
    const worker = new Worker(
      `const { parentPort } = require('node:worker_threads');
import(${JSON.stringify(built)}).then((m) => parentPort.postMessage({ moves: m.tzMovesClock(), clock: m.shopClock(new Date(Date.UTC(2025, 6, 14, 10, 30, 5)), 'Asia/Tokyo') }));`,
      { eval: true },
    );
    try {
      const [answer] = (await once(worker, 'message')) as [{ moves: boolean; clock: string }];
      expect(answer).toEqual({ moves: false, clock: '2025-07-14 19:30:05' });
    } finally {
      await worker.terminate();
    }
  });

  it('leaves a TZ the process had in place', async () => {
    vi.resetModules();
    const { shopClock: fresh } = await import('../../src/engine/shop-time.js');
    const before = process.env['TZ'];
    process.env['TZ'] = 'America/New_York';
    try {
      const now = new Date(Date.UTC(2025, 6, 14, 10, 30, 5));
      expect(fresh(now, 'Asia/Tokyo')).toBe('2025-07-14 19:30:05');
      expect(process.env['TZ']).toBe('America/New_York');
      expect(now.getHours()).toBe(6);
    } finally {
      if (before === undefined) delete process.env['TZ'];
      else process.env['TZ'] = before;
    }
  });
});
