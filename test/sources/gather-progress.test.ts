// Issue 9, item 1: gathering from the sandbox's emulators (webservice, Stripe, Sendcloud, coupon
// endpoint) emits, for every part present in the snapshot, one start and one finish or failure
// (failures carrying the part's own cause), a club-done per club after all its parts, and never a
// secret of the configuration.

import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Config } from '../../src/config/schema.js';
import type { GatherEvent } from '../../src/engine/progress.js';
import { LOOKUP_PARTS, type PartMap, type Snapshot } from '../../src/engine/snapshot.js';
import type { QueryKey } from '../../src/engine/types.js';
import { resolveFixtureSet, startFixtureSet, type RunningSandbox } from '../../src/sandbox/fixture-set.js';
import { gatherSnapshot } from '../../src/sources/gather.js';

let running: RunningSandbox;
let events: GatherEvent[];
/** When each event came (ms), to tell live progress from a batch at the end. */
let times: number[];
let snapshot: Snapshot;

/** Every value of the configuration that is a secret: none may appear in an event. */
function secretsOf(config: Config): string[] {
  const values = [
    config.prestashop?.webserviceKey,
    config.sendcloud?.publicKey,
    config.sendcloud?.secretKey,
    ...(config.clubs ?? []).flatMap((c) => [c.stripe?.secretKey]),
  ];
  return values.filter((v): v is string => typeof v === 'string' && v.length > 0);
}

beforeAll(async () => {
  running = await startFixtureSet(resolveFixtureSet('demo'));
  // A failing part on each kind of source: the shop's carriers, a Sendcloud read.
  running.prestashop.faults.add({ path: '/api/carriers', respond: { kind: 'status', status: 500 } });
  running.sendcloud!.faults.add({ path: '/api/v2/user/invoices', respond: { kind: 'status', status: 500 } });
  // A slow customer lookup: the shop's other parts must be reported before it ends, not with it.
  running.prestashop.faults.add({ path: '/api/customers', latencyMs: 600 });
  events = [];
  times = [];
  snapshot = await gatherSnapshot({
    config: running.config,
    query: { customer: 'marie.durand@example.fr' },
    choose: (clubs) => [...clubs],
    fallbackNames: [],
    onProgress: (event) => {
      events.push(event);
      times.push(performance.now());
    },
  });
}, 60_000);
afterAll(async () => {
  await running?.close();
});

/** Every envelope of the snapshot with the club it belongs to ('' for shop-wide). */
function envelopes(): Array<{ part: string; club: string; envelope: NonNullable<PartMap[keyof PartMap]> }> {
  const shopWide: PartMap = { ...snapshot.parts };
  for (const [key, answers] of Object.entries(snapshot.lookups) as [QueryKey, Record<string, never>][]) shopWide[LOOKUP_PARTS[key]] = Object.values(answers)[0];
  const all = Object.entries(shopWide).map(([part, envelope]) => ({ part, club: '', envelope: envelope! }));
  for (const club of snapshot.clubs) for (const [part, envelope] of Object.entries(club.parts)) all.push({ part, club: club.name, envelope: envelope! });
  return all;
}
type PartEvent = Exclude<GatherEvent, { type: 'club-done' }>;
const of = (type: PartEvent['type'], part: string, club: string): PartEvent[] =>
  events.filter((e): e is PartEvent => e.type !== 'club-done' && e.type === type && e.part === part && (e.club ?? '') === club);

describe('gathering emits progress events', () => {
  it('the set-up gives failures to report and several clubs', () => {
    expect(snapshot.parts['prestashop.carriers']?.status).toBe('failed');
    expect(snapshot.parts['sendcloud.invoices']?.status).toBe('failed');
    expect(snapshot.clubs.length).toBeGreaterThan(1);
    expect(snapshot.lookups.customer).toBeDefined();
    // The demo's club whose Stripe key holds a newline: a failure whose cause shows the key masked.
    expect(events.some((e) => e.type === 'part-failed' && e.source === 'stripe' && /sk_test_…/.test(e.cause.message))).toBe(true);
  });

  it('every part of the snapshot was started once, then finished or failed once with its status or cause', () => {
    const all = envelopes();
    expect(all.length).toBeGreaterThan(20);
    for (const { part, club, envelope } of all) {
      const where = `${part} ${club}`;
      expect(of('part-started', part, club), where).toHaveLength(1);
      const finished = of('part-finished', part, club);
      const failed = of('part-failed', part, club);
      expect(finished.length + failed.length, where).toBe(1);
      const settled = [...finished, ...failed][0]!;
      expect(events.indexOf(of('part-started', part, club)[0]!), where).toBeLessThan(events.indexOf(settled));
      if (envelope.status === 'failed') expect(settled, where).toMatchObject({ type: 'part-failed', cause: envelope.cause });
      else expect(settled, where).toMatchObject({ type: 'part-finished', status: envelope.status });
    }
  });

  it('parts are reported as they become known: the shop’s groups well before a slow customer lookup', () => {
    const when = (part: string) => times[events.indexOf([...of('part-finished', part, ''), ...of('part-failed', part, '')][0]!)]!;
    expect(when('prestashop.customer') - when('prestashop.groups')).toBeGreaterThan(300);
    expect(when('prestashop.customer') - when('prestashop.countries')).toBeGreaterThan(300);
  });

  it('the sources are named as the causes name them', () => {
    const source = (part: string, club = '') => [...of('part-finished', part, club), ...of('part-failed', part, club)][0]?.source;
    const club = snapshot.clubs[0]!.name;
    expect(source('prestashop.groups')).toBe('prestashop');
    expect(source('prestashop.customer')).toBe('prestashop');
    expect(source('sendcloud.invoices')).toBe('sendcloud');
    expect(source('shop.front')).toBe('shop-front');
    expect(source('shop.dynamicCoupons')).toBe('dynamic-coupons');
    expect(source('club.stripeAccount', club)).toBe('stripe');
    expect(source('club.group', club)).toBe('prestashop');
  });

  it('no event is about a part the snapshot does not hold, and no part is left started', () => {
    const held = new Set(envelopes().map((e) => `${e.part}\u0000${e.club}`));
    for (const e of events) if (e.type !== 'club-done') expect(held.has(`${e.part}\u0000${e.club ?? ''}`), `${e.type} ${e.part} ${e.club ?? ''}`).toBe(true);
    const started = events.filter((e) => e.type === 'part-started').length;
    expect(events.filter((e) => e.type === 'part-finished' || e.type === 'part-failed').length).toBe(started);
  });

  it('one club-done per club, after every event of that club', () => {
    const done = events.filter((e): e is Extract<GatherEvent, { type: 'club-done' }> => e.type === 'club-done');
    expect(done.map((e) => e.club)).toEqual(snapshot.clubs.map((c) => c.name));
    for (const d of done) {
      const last = events.map((e) => e.type !== 'club-done' && e.club === d.club).lastIndexOf(true);
      expect(events.indexOf(d)).toBeGreaterThan(last);
    }
  });

  it('no secret of the configuration appears in any event', () => {
    const secrets = secretsOf(running.config);
    expect(secrets.length).toBeGreaterThan(2);
    const text = JSON.stringify(events);
    for (const secret of secrets) expect(text).not.toContain(secret);
  });
});

describe('progress events of a stopped gathering', () => {
  it('Stripe never answers and the run is stopped: the Stripe parts fail with the stop reason, each club still done', async () => {
    running.stripe!.faults.add({ path: '/v1/*', respond: { kind: 'hang' } });
    running.stripe!.clearLog();
    const stopped: GatherEvent[] = [];
    const controller = new AbortController();
    try {
      const gathering = gatherSnapshot({
        config: running.config,
        query: {},
        choose: (clubs) => clubs.slice(0, 1),
        fallbackNames: [],
        onProgress: (event) => stopped.push(event),
        signal: controller.signal,
      });
      const end = Date.now() + 20_000;
      while (running.stripe!.requests().length === 0 && Date.now() < end) await new Promise((r) => setTimeout(r, 20));
      controller.abort(new Error('deadline'));
      const result = await gathering;
      const club = result.clubs[0]!;
      expect(club.parts['club.stripeAccount']?.status).toBe('failed');
      const failed = stopped.find((e) => e.type === 'part-failed' && e.part === 'club.stripeAccount');
      expect(failed).toMatchObject({ source: 'stripe', club: club.name, cause: (club.parts['club.stripeAccount'] as { cause: unknown }).cause });
      expect(stopped.filter((e) => e.type === 'part-started').length).toBe(stopped.filter((e) => e.type === 'part-finished' || e.type === 'part-failed').length);
      expect(stopped.at(-1)).toEqual({ type: 'club-done', club: club.name });
    } finally {
      running.stripe!.faults.clear();
      running.stripe!.faults.releaseHung();
    }
  });
});
