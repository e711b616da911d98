// Issue 9 (scale): a live gathering tells each club as soon as it is complete (gather.ts
// `onClubReady`), so `diagnose --all` evaluates it while other clubs' Stripe requests are still in
// flight; and a club evaluated then gets exactly the report the end of the run would give it.
//
// One Stripe request hangs until the test releases it, which it does only once a club was told
// ready: the gathering cannot end before that, so that club was ready while another club's Stripe
// read was still unanswered (an ordering of events, no timing). Without early readiness nothing is
// told before the end, and the run ends only when the held club times out (60 s), with every club
// told after the end of its Stripe reads: the ordering assertions fail.

import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { clubReport, earlyEvaluation, type EvaluatedClub } from '../../src/cli/club-evaluation.js';
import { builtinRegistry, partsNeeded } from '../../src/engine/registry.js';
import { runChecks } from '../../src/engine/runner.js';
import type { GatherEvent } from '../../src/engine/progress.js';
import type { Snapshot } from '../../src/engine/snapshot.js';
import { findSetupProblems } from '../../src/report/setup.js';
import { resolveFixtureSet, startFixtureSet, type RunningSandbox } from '../../src/sandbox/fixture-set.js';
import { gatherSnapshot } from '../../src/sources/gather.js';

const checks = builtinRegistry().all();
const query = { customer: 'marie.durand@example.fr' };
let running: RunningSandbox;
/** What happened, in order: `ready <club>`, `release`, `club-done <club>`, `gathered`. */
const log: string[] = [];
let snapshot: Snapshot;
let total = 0;
const early = earlyEvaluation({ checks, settings: {}, query, audience: 'support', lang: 'en' });
const earlyIndexes: number[] = [];

beforeAll(async () => {
  running = await startFixtureSet(resolveFixtureSet('demo'));
  // One club's account read never answers until released (the first one asked, whichever club).
  running.stripe!.faults.add({ name: 'held', path: '/v1/account', times: 1, respond: { kind: 'hang' } });
  // A failed shop-wide read and a set-up problem (the shop front unreachable): their causes and
  // the set-up referral are part of what an early club report must get right.
  running.prestashop.faults.add({ path: '/api/carriers', respond: { kind: 'status', status: 500 } });
  running.prestashop.faults.add({ path: '/', respond: { kind: 'reset' } });
  const config = { ...running.config, stripe: { ...running.config.stripe, timeoutMs: 600_000, maxNetworkRetries: 0 } };
  snapshot = await gatherSnapshot({
    config,
    query,
    needs: partsNeeded(checks, query),
    choose: (clubs) => {
      total = clubs.length;
      return [...clubs];
    },
    fallbackNames: [],
    onProgress: (event: GatherEvent) => {
      if (event.type === 'club-done') log.push(`club-done ${event.club}`);
    },
    onClubReady: (club, index, shopWide) => {
      log.push(`ready ${club.name}`);
      earlyIndexes.push(index);
      early.onClubReady(club, index, shopWide);
      // A club is ready while a Stripe request is held: let the held request fail now.
      if (earlyIndexes.length === 1) {
        log.push('release');
        running.stripe!.faults.releaseHung();
      }
    },
  });
  log.push('gathered');
}, 120_000);
afterAll(async () => {
  await running?.close();
});

describe('a club is told ready as soon as it is complete', () => {
  it('the set-up held one Stripe request and has several clubs', () => {
    expect(total).toBeGreaterThan(2);
    expect(running.stripe!.faults.hits.filter((h) => h.action === 'hang')).toHaveLength(1);
  });

  it('clubs are ready while the held request is unanswered, the held club only after it is released, each once', () => {
    const ready = log.filter((line) => line.startsWith('ready '));
    expect(ready).toHaveLength(total);
    expect(new Set(earlyIndexes).size).toBe(total);
    const release = log.indexOf('release');
    expect(release).toBeGreaterThan(0);
    // The held club (whose Stripe read was unanswered) is told after the release.
    expect(ready.filter((line) => log.indexOf(line) > release).length).toBeGreaterThan(0);
    expect(log.at(-1)).toBe('gathered');
  });

  it('club-done comes with each club’s readiness (the spinner counts it then), once per club', () => {
    const done = log.filter((line) => line.startsWith('club-done '));
    expect(done).toHaveLength(total);
    for (const line of log.filter((l) => l.startsWith('ready '))) {
      const name = line.slice('ready '.length);
      // The club-done of that club came before its ready (both from the same settle), not at the end.
      expect(log.indexOf(`club-done ${name}`)).toBeLessThan(log.indexOf(line));
    }
    expect(log.findIndex((l) => l.startsWith('club-done '))).toBeLessThan(log.indexOf('release'));
  });

  it('each club evaluated early gets the report the end of the run gives it from the final snapshot', async () => {
    const problems = findSetupProblems(snapshot);
    expect(problems.length).toBeGreaterThan(0);
    const withoutDurations = (value: unknown) => JSON.parse(JSON.stringify(value, (key, v: unknown) => (key === 'durationMs' ? 0 : v)));
    let referred = 0;
    for (const [i, club] of snapshot.clubs.entries()) {
      const evaluated: EvaluatedClub | undefined = await early.take(i);
      expect(evaluated?.report).toBeDefined();
      const atEnd = clubReport(club, await runChecks({ checks, snapshot, club, query, settings: {} }), problems, { audience: 'support', lang: 'en' });
      expect(withoutDurations(evaluated!.report)).toEqual(withoutDurations(atEnd));
      expect(withoutDurations(evaluated!.results.map(({ check, ...r }) => ({ id: check.meta.id, ...r })))).toEqual(
        withoutDurations((await runChecks({ checks, snapshot, club, query, settings: {} })).map(({ check, ...r }) => ({ id: check.meta.id, ...r }))),
      );
      referred += atEnd.results.filter((r) => r.message.startsWith('Not evaluated')).length;
    }
    // The set-up referral was exercised.
    expect(referred).toBeGreaterThan(0);
  });
});

describe('a part no source will give does not hold the clubs back', () => {
  it('without a coupon endpoint configured (its part stays absent), every club is still told ready', async () => {
    const { dynamicCoupons: _none, ...config } = running.config;
    running.stripe!.faults.clear();
    const told: number[] = [];
    const gathered = await gatherSnapshot({
      config,
      query: {},
      needs: partsNeeded(checks, {}),
      choose: (clubs) => [...clubs],
      fallbackNames: [],
      onClubReady: (_club, index) => told.push(index),
    });
    expect(gathered.parts['shop.dynamicCoupons']).toBeUndefined();
    expect(told.sort()).toEqual(gathered.clubs.map((_, i) => i));
  });
});

describe('an early evaluation that fails', () => {
  it('is no unhandled rejection: the club is left to the end of the run', async () => {
    const failing = earlyEvaluation({
      checks,
      settings: {},
      query,
      audience: 'support',
      lang: 'en',
      prepare: () => {
        throw new Error('prepare failed');
      },
    });
    const unhandled: unknown[] = [];
    const onUnhandled = (reason: unknown) => unhandled.push(reason);
    process.on('unhandledRejection', onUnhandled);
    try {
      failing.onClubReady(snapshot.clubs[0]!, 0, { ...snapshot, clubs: [] });
      // Two turns of the event loop: an unhandled rejection is reported after the microtasks drain.
      await new Promise((resolve) => setImmediate(resolve));
      await new Promise((resolve) => setImmediate(resolve));
      expect(unhandled).toEqual([]);
      expect(await failing.take(0)).toBeUndefined();
    } finally {
      process.off('unhandledRejection', onUnhandled);
    }
  });
});
