// Issue 9, item 3 (webservice pages): a list longer than a page is read with its remaining pages
// asked together once the total is known (the ids alone, one request), against the sandbox's
// webservice emulator; still bounded by the page cap, and a server ignoring the offset still detected
// (test/hardening/limits.test.ts).

import { performance } from 'node:perf_hooks';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startPrestaShopSandbox, type PrestaShopSandbox } from '../../src/sandbox/prestashop/server.js';
import { loadShopFixture } from '../../src/sandbox/shop-fixture.js';
import { PrestaShopWebservice } from '../../src/sources/prestashop/webservice.js';
import { RequestLog } from '../../src/sources/request-log.js';

let ps: PrestaShopSandbox;
let key: string;
let arrivals: { at: number; url: string }[] = [];
/** Requests the emulator holds at once, at most (reset per test). */
let inFlight = 0;
let mostInFlight = 0;

beforeAll(async () => {
  const fixture = await loadShopFixture('demo-shop');
  key = fixture.webservice_accounts.find((a) => a.active === 1 && a.permissions.categories)!.key;
  ps = await startPrestaShopSandbox({ fixture });
  const original = ps.faults.intercept.bind(ps.faults);
  ps.faults.intercept = (req, res) => {
    arrivals.push({ at: performance.now(), url: req.url ?? '' });
    inFlight += 1;
    mostInFlight = Math.max(mostInFlight, inFlight);
    res.once('close', () => (inFlight -= 1));
    return original(req, res);
  };
}, 60_000);
afterAll(async () => {
  await ps?.close();
});

const client = (pageSize: number, maxPages?: number) =>
  new PrestaShopWebservice({ url: `${ps.url}/`, key, pageSize, ...(maxPages ? { maxPages } : {}), requestLog: new RequestLog() });

describe('webservice lists over several pages', () => {
  it('asks the remaining pages together once the ids give the total, and reads every row once, in order', async () => {
    const all = await client(1000).listAll('categories', { display: ['name', 'active'] });
    expect(all.length).toBeGreaterThan(4);
    const latency = 400;
    const remove = ps.faults.add({ path: '/api/categories', latencyMs: latency });
    try {
      arrivals = [];
      mostInFlight = 0;
      const paged = await client(2).listAll('categories', { display: ['name', 'active'] });
      expect(paged).toEqual(all);
      const pages = Math.ceil(all.length / 2);
      expect(pages).toBeGreaterThan(2);
      const limits = arrivals.map((a) => new URL(a.url, 'http://x').searchParams.get('limit'));
      // The first page, the ids (no limit, no display), then every other page: each asked once (and,
      // when the last one is full, the empty one after it, as a page-by-page read does).
      expect(limits[0]).toBe('0,2');
      expect(limits[1]).toBeNull();
      expect(new URL(arrivals[1]!.url, 'http://x').searchParams.get('display')).toBeNull();
      expect(limits.slice(2).sort()).toEqual(Array.from({ length: Math.floor(all.length / 2) }, (_, i) => `${(i + 1) * 2},2`).sort());
      // Asked together (fewer than the client's pool of 4): held at once by the emulator, where a
      // page-by-page read never has more than one request in flight.
      expect(mostInFlight).toBeGreaterThanOrEqual(2);
    } finally {
      remove();
    }
  });

  it('a list that fits one page costs one request, as before', async () => {
    arrivals = [];
    await client(1000).listAll('categories', { display: ['name', 'active'] });
    expect(arrivals.length).toBe(1);
  });

  it('a total over the page cap is an error before any further page is asked', async () => {
    arrivals = [];
    const error = await client(2, 3)
      .listAll('categories', { display: ['name', 'active'] })
      .then(() => undefined, (e: unknown) => e);
    expect(error).toMatchObject({ kind: 'too-large' });
    expect((error as Error).message).toMatch(/more than 3 pages of 2 rows/);
    expect(arrivals.length).toBe(2);
  });
});
