// Issue 9 (scale, item 3): the Stripe SDK is imported before the PrestaShop reads are under way when
// the run already knows it will ask Stripe (the clubs' keys are in the configuration), so the clubs'
// Stripe requests leave with the webservice's first wave instead of after the SDK's (CPU-bound)
// import, which under load came last. Observed through the emulators' arrival order (one log shared
// by both), never through timings.

import { mkdtempSync, writeFileSync } from 'node:fs';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { resolveFixtureSet, startFixtureSet, type RunningSandbox } from '../../src/sandbox/fixture-set.js';
import type { FaultInjector } from '../../src/sandbox/faults.js';
import { fixtureSecrets, runCli } from './run-cli.js';

const dir = mkdtempSync(join(tmpdir(), 'cd-stripe-early-'));
const CLUB = 'Étoile Sportive de Fréjus';
let running: RunningSandbox;
/** Every request either emulator received, in arrival order. */
const arrivals: { source: 'prestashop' | 'stripe'; path: string }[] = [];

/** Records each request an emulator receives, before its faults and its answer. */
function observe(faults: FaultInjector, source: 'prestashop' | 'stripe'): void {
  const intercept = faults.intercept.bind(faults);
  faults.intercept = (req: IncomingMessage, res: ServerResponse) => {
    arrivals.push({ source, path: req.url ?? '' });
    return intercept(req, res);
  };
}

beforeAll(async () => {
  running = await startFixtureSet(resolveFixtureSet('demo'));
  observe(running.prestashop.faults, 'prestashop');
  observe(running.stripe!.faults, 'stripe');
}, 60_000);
afterAll(async () => {
  await running?.close();
});

describe('the Stripe SDK, when the configuration gives the club’s keys', () => {
  it('is ready before the webservice is read: the club’s first Stripe request arrives among the first requests of the run', async () => {
    const config = join(dir, 'config.json');
    writeFileSync(config, JSON.stringify(running.config));
    arrivals.length = 0;
    const r = await runCli(['diagnose', CLUB, '--config', config, '--format', 'json'], { cwd: dir, secrets: fixtureSecrets() });
    expect(r.code, r.stderr).toBe(0);

    const api = arrivals.filter((a) => a.source === 'stripe' || a.path.startsWith('/api'));
    const firstStripe = api.findIndex((a) => a.source === 'stripe');
    const webservice = api.filter((a) => a.source === 'prestashop').length;
    expect(firstStripe).toBeGreaterThanOrEqual(0);
    // Before the SDK was imported first, every webservice read (all 9, three waves) had arrived
    // before the first Stripe request. Now it leaves with the webservice's first wave (at most its
    // pool, 5 reads), before any read that waited for an answer of the shop.
    const order = api.map((a) => `${a.source} ${a.path.slice(0, 60)}`).join('\n');
    expect(firstStripe, order).toBeLessThanOrEqual(5);
    expect(firstStripe, order).toBeLessThan(webservice);
  });
});
