// Issue 8, items 1 and 2: side effects only when asked.
// - A run gathers only what its selected checks need: `--only`, `--skip` and `"off"` restrict what
//   is requested, proven by the emulators' own request logs (the CLI's program in-process).
// - The SPREAD test coupon is the only write, sent only with `--test-coupon`, once per run even with
//   `--all`; without it every request any emulator receives is a GET or HEAD.

import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { resolveFixtureSet, startFixtureSet, type RunningSandbox } from '../../src/sandbox/fixture-set.js';
import type { LoggedRequest } from '../../src/sandbox/server.js';
import { type JsonReport } from '../e2e/run-cli.js';
import { runInProcess as runCli } from '../e2e/run-in-process.js';

const dir = mkdtempSync(join(tmpdir(), 'cd-side-effects-'));
let running: RunningSandbox;
const secrets: string[] = [];
const CLUB = 'Étoile Sportive de Fréjus';

type Logged = Pick<LoggedRequest, 'method' | 'path'>;

/** Each emulator's request log, as the emulator itself recorded it, and how to clear it. */
function servers(): Record<string, { requests: () => Logged[]; clear: () => void }> {
  return {
    prestashop: { requests: () => running.prestashop.requests, clear: () => void (running.prestashop.requests.length = 0) },
    stripe: { requests: () => running.stripe!.requests(), clear: () => running.stripe!.clearLog() },
    sendcloud: { requests: () => running.sendcloud!.requests(), clear: () => running.sendcloud!.clearLog() },
    coupons: { requests: () => running.coupons.requests, clear: () => void ((running.coupons.requests.length = 0), (running.coupons.calls.length = 0)) },
  };
}
function requests(name: string): Logged[] {
  return servers()[name]!.requests();
}
function clearLogs(): void {
  for (const server of Object.values(servers())) server.clear();
}

function config(name: string, extra: Record<string, unknown> = {}): string {
  const file = join(dir, name);
  writeFileSync(file, JSON.stringify({ ...running.config, ...extra }, null, 2));
  return file;
}

async function diagnose(args: string[], configFile = config('sandbox.json')) {
  const r = await runCli(['diagnose', ...args, '--config', configFile, '--format', 'json'], { cwd: dir, secrets });
  expect(r.stderr).not.toMatch(/\n\s+at /);
  const report = JSON.parse(r.stdout) as JsonReport;
  const result = (id: string, club = 0) => report.clubs[club]!.results.find((x) => x.id === id);
  return { ...r, report, result };
}

beforeAll(async () => {
  running = await startFixtureSet(resolveFixtureSet('demo'));
  const c = running.config;
  secrets.push(c.prestashop!.webserviceKey!, c.sendcloud!.secretKey!, c.sendcloud!.publicKey!);
  for (const club of c.clubs ?? []) for (const key of [club.stripe?.secretKey, club.stripe?.publishableKey]) if (key) secrets.push(key, key.trim());
}, 60_000);

beforeEach(clearLogs);

afterAll(async () => {
  await running?.close();
});

describe('a run gathers only what its selected checks need', () => {
  it('--only shop-online: no Stripe, Sendcloud or coupon request; on PrestaShop only what lists the clubs', async () => {
    const r = await diagnose([CLUB, '--only', 'shop-online']);
    expect(r.code).toBe(0);
    expect(r.report.clubs[0]!.results.map((x) => x.id)).toEqual(['shop-online']);
    expect(requests('stripe')).toEqual([]);
    expect(requests('sendcloud')).toEqual([]);
    expect(requests('coupons')).toEqual([]);
    const resources = new Set(requests('prestashop').map((q) => q.path.replace(/^\/api\/?/, '')));
    // The shop front (`/`), and what the club list is built from; nothing else.
    expect([...resources].sort()).toEqual(['/', 'categories', 'configurations', 'groups']);
  });

  it('--only stripe-keys-format reads the keys without asking Stripe; stripe-keys-live does ask', async () => {
    await diagnose([CLUB, '--only', 'stripe-keys-format']);
    expect(requests('stripe')).toEqual([]);
    await diagnose([CLUB, '--only', 'stripe-keys-live']);
    expect(requests('stripe').length).toBeGreaterThan(0);
    expect(requests('sendcloud')).toEqual([]);
  });

  it('--skip and "off" restrict what is fetched: no Sendcloud request when its checks are skipped or off', async () => {
    await diagnose([CLUB, '--skip', 'sendcloud-account-setup,sendcloud-service-points,sendcloud-integration-health']);
    expect(requests('sendcloud')).toEqual([]);
    expect(requests('stripe').length).toBeGreaterThan(0);
    clearLogs();

    const off = config('off.json', {
      checks: { 'sendcloud-account-setup': 'off', 'sendcloud-service-points': 'off', 'sendcloud-integration-health': 'off', 'stripe-keys-live': 'off', 'stripe-account-status': 'off', 'relay-carrier-zones': 'off', 'relay-module-conflicts': 'off' },
    });
    await diagnose([CLUB], off);
    expect(requests('sendcloud')).toEqual([]);
    expect(requests('stripe')).toEqual([]);
    expect(requests('prestashop').filter((q) => /\/api\/(carriers|zones)\b/.test(q.path))).toEqual([]);
  });

  it('a question whose check is not selected is not looked up (--customer with --only shop-online)', async () => {
    await diagnose([CLUB, '--only', 'shop-online', '--customer', 'marie.durand@example.fr', '--order', 'XKBKNABJK']);
    expect(requests('prestashop').filter((q) => /\/api\/(customers|orders|order_states)\b/.test(q.path))).toEqual([]);
  });
});

describe('the SPREAD test coupon is written only with --test-coupon', () => {
  it('without it: every request of the run is a GET or HEAD, and dynamic-coupons is a manual item saying how to test', async () => {
    const r = await diagnose(['--all', '--customer', 'marie.durand@example.fr', '--code', 'FREJUS10', '--order', 'XKBKNABJK']);
    const all = Object.entries(servers()).flatMap(([name, s]) => s.requests().map((q) => `${name} ${q.method} ${q.path}`));
    expect(all.length).toBeGreaterThan(10);
    expect(all.filter((line) => !/^\S+ (GET|HEAD) /.test(line))).toEqual([]);
    expect(running.coupons.calls).toEqual([]);
    for (const club of r.report.clubs) {
      const coupons = club.results.find((x) => x.id === 'dynamic-coupons')!;
      expect(coupons.status).toBe('manual');
      expect(coupons.evidence).toMatchObject({ outcome: 'not-tested', requestSent: false });
      expect(coupons.message).toMatch(/not tested/);
      expect(coupons.remediation.join(' ')).toContain('--test-coupon');
    }
  });

  it('with it: exactly one POST, and the report gives the coupon code and how to delete it', async () => {
    const r = await diagnose([CLUB, '--test-coupon']);
    const writes = Object.values(servers()).flatMap((s) => s.requests()).filter((q) => q.method !== 'GET' && q.method !== 'HEAD');
    expect(writes.map((q) => `${q.method} ${q.path}`)).toEqual(['POST /module/spread/coupons']);
    const code = running.coupons.created[running.coupons.created.length - 1]!.code;
    const result = r.result('dynamic-coupons')!;
    expect(result.status).toBe('pass');
    expect(result.message).toContain(code);
    expect(result.remediation.join(' ')).toMatch(new RegExp(`Delete the test coupon ${code}.*Cart Rules`));
  });

  it('with --all: still one test coupon for the shop, reported under every club', async () => {
    const r = await diagnose(['--all', '--test-coupon']);
    expect(r.report.clubs.length).toBeGreaterThan(1);
    expect(running.coupons.calls.map((c) => c.method)).toEqual(['POST']);
    const codes = new Set(r.report.clubs.map((c) => c.results.find((x) => x.id === 'dynamic-coupons')!.evidence.testCode));
    expect(codes.size).toBe(1);
  });
});
