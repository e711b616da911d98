// Issue 9, item 1: gathering as a dataflow. The runner starts each fetcher the moment what it
// declares it needs is known, ranks the reads others wait for first, turns a failed need into the
// dependent's failure; and through the real sources (sandbox emulators), Stripe starts before a slow
// unrelated webservice read ends, and no upstream resource is asked twice.

import { performance } from 'node:perf_hooks';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Config } from '../../src/config/schema.js';
import { resolveFixtureSet, startFixtureSet, type RunningSandbox } from '../../src/sandbox/fixture-set.js';
import { currentPriority, dependencyBound, priorities, runDataflow, type Fetcher } from '../../src/sources/dataflow.js';
import { gatherSnapshot, planGathering } from '../../src/sources/gather.js';
import { priorityPool } from '../../src/sources/pool.js';

function deferred<T = void>() {
  let resolve!: (value: T) => void;
  let reject!: (error: unknown) => void;
  const promise = new Promise<T>((res, rej) => {
    resolve = res;
    reject = rej;
  });
  return { promise, resolve, reject };
}
const tick = () => new Promise((r) => setTimeout(r, 5));

describe('the dataflow runner', () => {
  it('starts a fetcher as soon as its declared needs are known, and not before; independent ones at once', async () => {
    const started: string[] = [];
    const config = deferred<string>();
    const slow = deferred<string>();
    const fetchers: Fetcher[] = [
      // Declared before what it needs: the runner, not the list, decides the order.
      { id: 'stripe', needs: ['config'], run: async (c) => (started.push('stripe'), `probe ${await c.get<string>('config')}`) },
      { id: 'config', run: () => (started.push('config'), config.promise) },
      { id: 'slow', run: () => (started.push('slow'), slow.promise) },
    ];
    const flow = runDataflow(fetchers);
    await tick();
    expect(started).toEqual(['config', 'slow']);
    config.resolve('keys');
    await tick();
    // Stripe started while the slow unrelated read is still pending.
    expect(started).toEqual(['config', 'slow', 'stripe']);
    expect(await flow.outcome('stripe')).toEqual({ ok: true, value: 'probe keys' });
    slow.resolve('done');
    await flow.done;
  });

  it('an awaited fetcher does not delay the start, only the end', async () => {
    const config = deferred<number>();
    let groupsStarted = false;
    const flow = runDataflow([
      { id: 'config', run: () => config.promise },
      { id: 'groups', awaits: ['config'], run: async (c) => ((groupsStarted = true), `lang ${await c.get<number>('config')}`) },
    ]);
    await tick();
    expect(groupsStarted).toBe(true);
    config.resolve(2);
    expect(await flow.outcome('groups')).toEqual({ ok: true, value: 'lang 2' });
  });

  it('a failed need makes its dependents fail with the same error, without running them; a tolerant one runs and sees it', async () => {
    const cause = new Error('configurations: HTTP 500');
    let ran = false;
    const flow = runDataflow([
      { id: 'config', run: () => Promise.reject(cause) },
      { id: 'stripe', needs: ['config'], run: () => ((ran = true), 'x') },
      { id: 'after-stripe', needs: ['stripe'], run: () => 'y' },
      { id: 'clubs', needs: ['config'], tolerant: true, run: async (c) => ((await c.outcome('config')).ok ? 'read' : 'without the shop') },
    ]);
    await flow.done;
    expect(ran).toBe(false);
    expect(await flow.outcome('stripe')).toEqual({ ok: false, error: cause });
    expect(await flow.outcome('after-stripe')).toEqual({ ok: false, error: cause });
    expect(await flow.outcome('clubs')).toEqual({ ok: true, value: 'without the shop' });
  });

  it('refuses a cycle, an unknown need, an undeclared read', async () => {
    expect(() => runDataflow([{ id: 'a', needs: ['b'], run: () => 1 }, { id: 'b', needs: ['a'], run: () => 2 }])).toThrow(/cycle/);
    expect(() => runDataflow([{ id: 'a', needs: ['nope'], run: () => 1 }])).toThrow(/unknown "nope"/);
    const flow = runDataflow([
      { id: 'a', run: () => 1 },
      { id: 'b', run: (c) => c.get('a') },
    ]);
    expect(await flow.outcome('b')).toMatchObject({ ok: false, error: expect.objectContaining({ message: expect.stringMatching(/did not declare "a"/) }) });
  });

  it('computes the dependency bound and ranks the reads others wait for first', () => {
    const fetchers: Fetcher[] = [
      { id: 'config', rounds: 1, run: () => 0 },
      { id: 'groups', rounds: 1, awaits: ['config'], run: () => 0 },
      { id: 'clubs', needs: ['config', 'groups'], run: () => 0 },
      { id: 'stripe', needs: ['clubs'], rounds: 1, run: () => 0 },
      { id: 'carriers', rounds: 1, run: () => 0 },
      { id: 'integrations', rounds: 1, run: () => 0 },
      { id: 'logs', needs: ['integrations'], rounds: 1, run: () => 0 },
    ];
    expect(dependencyBound(fetchers)).toEqual({ rounds: 2, chain: ['config', 'clubs', 'stripe'] });
    const prio = priorities(fetchers);
    expect(prio.get('config')).toBe(2);
    expect(prio.get('groups')).toBe(2);
    expect(prio.get('carriers')).toBe(1);
    expect(prio.get('config')!).toBeGreaterThan(prio.get('carriers')!);
  });

  it('runs each fetcher under its priority, which the request pool serves first when full', async () => {
    const pool = priorityPool(1);
    const order: string[] = [];
    const gate = deferred();
    const first = pool(() => gate.promise);
    const flow = runDataflow([
      { id: 'carriers', rounds: 1, run: () => pool(async () => void order.push('carriers')) },
      { id: 'config', rounds: 1, run: () => pool(async () => void order.push(`config@${currentPriority()}`)) },
      { id: 'stripe', needs: ['config'], rounds: 1, run: () => 0 },
    ]);
    await tick();
    gate.resolve();
    await first;
    await flow.done;
    // Queued second, served first: the configuration is on the longest chain.
    expect(order).toEqual(['config@2', 'carriers']);
  });
});

describe('gathering through the sandbox as a dataflow', () => {
  let running: RunningSandbox;
  /** When each request reached an emulator. */
  let arrivals: { at: number; who: string; target: string }[] = [];
  /**
   * When set, every webservice answer waits for Stripe's first request (or `guardMs`, then says
   * so): a Stripe request that waited on a webservice answer could never come. An event, not a
   * duration, so a loaded machine cannot fail it.
   */
  let holdWebserviceUntilStripe: { guardMs: number; gaveUp: boolean } | undefined;
  let held: Array<() => void> = [];
  /**
   * The slow unrelated read: the carriers' answer is held until Stripe's first request arrives (or
   * `guardMs`, then says so). A Stripe request that waited on the carriers could never come.
   */
  let holdCarriersUntilStripe: { guardMs: number; gaveUp: boolean } | undefined;
  /** When the carriers' answer was let through (the hold over). */
  let carriersReleased = 0;

  beforeAll(async () => {
    // The SDK's first import (hundreds of modules) costs more than a round trip on a loaded machine:
    // loaded here, so that the timings below are about the order of requests only.
    await import('stripe');
    running = await startFixtureSet(resolveFixtureSet('demo'));
    for (const [who, emulator] of [
      ['ps', running.prestashop],
      ['stripe', running.stripe!],
    ] as const) {
      const original = emulator.faults.intercept.bind(emulator.faults);
      emulator.faults.intercept = async (req, res) => {
        arrivals.push({ at: performance.now(), who, target: `${req.method} ${req.url}` });
        if (who === 'stripe') for (const release of held.splice(0)) release();
        const hold = holdWebserviceUntilStripe ?? (req.url?.startsWith('/api/carriers') ? holdCarriersUntilStripe : undefined);
        if (who === 'ps' && hold && !arrivals.some((a) => a.who === 'stripe')) {
          await new Promise<void>((resolve) => {
            const guard = setTimeout(() => {
              hold.gaveUp = true;
              resolve();
            }, hold.guardMs);
            held.push(() => {
              clearTimeout(guard);
              resolve();
            });
          });
        }
        if (who === 'ps' && req.url?.startsWith('/api/carriers')) carriersReleased = performance.now();
        return original(req, res);
      };
    }
  }, 60_000);
  afterAll(async () => {
    await running?.close();
  });

  // The carriers stand for a slow read the club's Stripe requests do not need: held until Stripe's
  // first request (an event; a latency of 1.5 s per gathering did the same by waiting).
  async function gatherWithSlowCarriers(config: Config, club: string) {
    arrivals = [];
    running.prestashop.requests.length = 0;
    running.stripe!.clearLog();
    const hold = (holdCarriersUntilStripe = { guardMs: 20_000, gaveUp: false });
    try {
      const snapshot = await gatherSnapshot({ config, query: {}, choose: (clubs) => clubs.filter((c) => c.name === club), fallbackNames: [club] });
      expect(hold.gaveUp, 'Stripe waited on the carriers').toBe(false);
      return snapshot;
    } finally {
      holdCarriersUntilStripe = undefined;
    }
  }
  const firstStripe = () => arrivals.find((a) => a.who === 'stripe')!;
  const carriersAnswered = () => carriersReleased;

  it('a configured club with its keys: Stripe is asked at once, before a slow unrelated webservice read ends', async () => {
    const snapshot = await gatherWithSlowCarriers(running.config, 'Étoile Sportive de Fréjus');
    expect(snapshot.clubs[0]!.parts['club.stripeAccount']?.status).toBe('ok');
    expect(snapshot.parts['prestashop.carriers']?.status).toBe('ok');
    expect(firstStripe().at).toBeLessThan(carriersAnswered());
  });

  it('a configured club with its keys: Stripe is asked with the first wave, no webservice answer awaited', async () => {
    // Every webservice answer is held until Stripe's first request arrives: had Stripe waited on
    // one, the hold would give up (guardMs) and say so.
    const hold = (holdWebserviceUntilStripe = { guardMs: 30_000, gaveUp: false });
    try {
      const snapshot = await gatherWithSlowCarriers(running.config, 'Étoile Sportive de Fréjus');
      expect(snapshot.clubs[0]!.parts['club.stripeAccount']?.status).toBe('ok');
      expect(hold.gaveUp).toBe(false);
    } finally {
      holdWebserviceUntilStripe = undefined;
    }
  }, 60_000);

  it('keys from the shop’s Stripe module: Stripe starts once the configuration is read, not after every read', async () => {
    const config: Config = { ...running.config, clubs: undefined };
    const snapshot = await gatherWithSlowCarriers(config, 'Étoile Sportive de Fréjus');
    const club = snapshot.clubs[0]!;
    expect((club.parts['club.stripeKeys'] as { data: { origin: string } }).data.origin).toBe('shop');
    const configurationAnswered = Math.max(...arrivals.filter((a) => a.target.includes('/api/configurations')).map((a) => a.at));
    expect(firstStripe().at).toBeGreaterThan(configurationAnswered);
    expect(firstStripe().at).toBeLessThan(carriersAnswered());
  });

  it('asks no upstream resource twice, the speculative start and the chosen club sharing their requests', async () => {
    for (const config of [running.config, { ...running.config, clubs: undefined }]) {
      await gatherWithSlowCarriers(config, 'Étoile Sportive de Fréjus');
      const ps = running.prestashop.requests.map((r) => `${r.method} ${r.url}`);
      expect(ps.length).toBeGreaterThan(5);
      expect(new Set(ps).size).toBe(ps.length);
      const stripe = running.stripe!.calls.map((c) => `${c.method} ${c.path}?${new URLSearchParams(c.query)} ${c.key}`);
      expect(stripe.length).toBeGreaterThan(1);
      expect(new Set(stripe).size).toBe(stripe.length);
    }
  });

  it('a failed read turns what needs it into a failure with its cause; what does not need it is unaffected', async () => {
    const remove = running.prestashop.faults.add({ path: '/api/groups', respond: { kind: 'status', status: 500 } });
    try {
      const snapshot = await gatherSnapshot({ config: running.config, query: {}, choose: (clubs) => clubs.slice(0, 1), fallbackNames: [] });
      const groups = snapshot.parts['prestashop.groups'];
      expect(groups?.status).toBe('failed');
      const club = snapshot.clubs[0]!;
      expect(club.parts['club.group']).toEqual(groups);
      expect(club.parts['club.category']).toEqual(groups);
      // Configured keys are facts whatever the shop says: Stripe still answered.
      expect(club.parts['club.stripeAccount']?.status).toBe('ok');
      expect(snapshot.parts['prestashop.configuration']?.status).toBe('ok');
      expect(snapshot.parts['prestashop.carriers']?.status).toBe('ok');
    } finally {
      remove();
    }
  });

  it('sizes the webservice pool so that its first wave fits the critical path, and declares Sendcloud’s chain', () => {
    const plan = planGathering({ config: running.config, query: {}, choose: (clubs) => clubs.slice(0, 1), fallbackNames: [] });
    const bound = dependencyBound(plan.fetchers);
    expect(bound.rounds).toBe(2);
    expect(bound.chain).toEqual(['sendcloud']);
    // 3 configuration lists, groups, categories, order states, carriers, zones, countries in 2 rounds.
    expect(plan.pools.prestashop).toBe(5);
  });
});
