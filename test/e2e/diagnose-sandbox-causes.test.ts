// Every Stripe and Sendcloud cause the FAQ and the notes describe, told apart by the CLI (in-process)
// against the emulators over 127.0.0.1 (issue 4): the demo Stripe accounts (expired, revoked,
// restricted keys, keys of two accounts, under review, past due, dormant) and the Sendcloud
// account variants (set-up incomplete, service points off, failing integration...).

import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { resolveFixtureSet, startFixtureSet, type RunningSandbox } from '../../src/sandbox/fixture-set.js';
import { loadSendcloudFixture, SENDCLOUD_VARIANTS, sendcloudVariant, type SendcloudVariant } from '../../src/sandbox/sendcloud/fixture.js';
import { startSendcloudSandbox } from '../../src/sandbox/sendcloud/server.js';
import { ROOT, type JsonReport } from './run-cli.js';
import { runInProcess as runCli } from './run-in-process.js';

const dir = mkdtempSync(join(tmpdir(), 'cd-causes-'));
let running: RunningSandbox;
const secrets: string[] = [];

async function statuses(config: string, club: string, only: string[]) {
  const r = await runCli(['diagnose', club, '--config', join(dir, config), '--only', only.join(','), '--format', 'json', '--lang', 'en'], { cwd: dir, secrets });
  expect(r.stderr).not.toMatch(/\n\s+at /);
  const report = JSON.parse(r.stdout) as JsonReport;
  return { code: r.code, results: Object.fromEntries(report.clubs[0]!.results.map((x) => [x.id, x])) };
}

beforeAll(async () => {
  running = await startFixtureSet(resolveFixtureSet('demo'));
  const stripeClubs = (JSON.parse(readFileSync(join(ROOT, 'fixtures/shops/demo-stripe.json'), 'utf8')) as { clubs: Array<{ name: string; publishableKey?: string; secretKey?: string }> }).clubs;
  for (const c of stripeClubs) for (const k of [c.publishableKey, c.secretKey]) if (k) secrets.push(k, k.trim());
  secrets.push(running.config.prestashop!.webserviceKey!, running.config.sendcloud!.secretKey!);
  writeFileSync(
    join(dir, 'stripe.json'),
    JSON.stringify({ ...running.config, clubs: stripeClubs.map((c) => ({ name: c.name, stripe: { publishableKey: c.publishableKey, secretKey: c.secretKey } })) }),
  );
}, 60_000);

afterAll(async () => {
  await running?.close();
});

describe('Stripe causes, each with its own verdict', () => {
  const LIVE = 'stripe-keys-live';
  const ACCOUNT = 'stripe-account-status';
  const cases: Array<[string, string, Record<string, string>, RegExp]> = [
    ['healthy account', 'Étoile Sportive de Fréjus', { [LIVE]: 'pass', [ACCOUNT]: 'pass' }, /./],
    ['under review after a security check: send Stripe an invoice', 'Union Sportive Cannet-Rocheville', { [ACCOUNT]: 'fail' }, /invoice/i],
    ['requirements past due', 'Stade Mandelieu-la-Napoule', { [ACCOUNT]: 'fail' }, /not provided in time|completes the requested information/i],
    ['dormant account', 'Olympique Noisy-le-Sec', { [ACCOUNT]: 'warn' }, /days|reactivat/i],
    ['expired secret key', 'Gymnastique Club Antibois', { [LIVE]: 'fail' }, /expired/i],
    ['revoked secret key', 'Tennis Club de Grasse', { [LIVE]: 'fail' }, /revoked|deleted|unknown|invalid/i],
    ['restricted key without the needed permission', 'Judo Club Vallauris', { [LIVE]: 'fail' }, /restricted|permission/i],
    ['keys of two different accounts', 'Aviron Club des Lérins', { [LIVE]: 'fail' }, /account/i],
  ];
  it.each(cases)('%s', async (_name, club, expected, message) => {
    const r = await statuses('stripe.json', club, [LIVE, ACCOUNT]);
    for (const [id, status] of Object.entries(expected)) {
      expect(r.results[id]!.status, `${id}: ${r.results[id]!.message}`).toBe(status);
      // The cause is named in the message or in the steps that fix it.
      if (status !== 'pass') expect([r.results[id]!.message, ...r.results[id]!.remediation].join('\n'), [r.results[id]!.message, ...r.results[id]!.remediation].join('\n')).toMatch(message);
    }
  });
});

describe('Sendcloud causes, each with its own verdict', () => {
  const SETUP = 'sendcloud-account-setup';
  const POINTS = 'sendcloud-service-points';
  const HEALTH = 'sendcloud-integration-health';
  const cases: Array<[SendcloudVariant, string, string]> = [
    ['no-sender-address', SETUP, 'fail'],
    ['no-invoice-address', SETUP, 'fail'],
    ['no-direct-debit', SETUP, 'warn'],
    ['service-points-off', POINTS, 'fail'],
    ['no-service-point-carriers', POINTS, 'fail'],
    ['carrier-not-in-shop', POINTS, 'warn'],
    ['failing', HEALTH, 'fail'],
    ['stale-fetch', HEALTH, 'warn'],
    ['log-errors', HEALTH, 'warn'],
  ];
  it('covers every variant of the fixture', () => {
    expect(Object.keys(SENDCLOUD_VARIANTS).filter((v) => !cases.some(([c]) => c === v))).toEqual(['no-shop-integration']);
  });
  it.each(cases)('%s → %s %s', async (variant, id, status) => {
    const base = await loadSendcloudFixture(join(ROOT, 'fixtures/shops/demo-sendcloud.json'));
    const server = await startSendcloudSandbox({ fixture: sendcloudVariant(base, variant) });
    try {
      const file = `sendcloud-${variant}.json`;
      writeFileSync(join(dir, file), JSON.stringify({ ...running.config, sendcloud: { ...running.config.sendcloud, apiBase: server.url } }));
      const r = await statuses(file, 'Étoile Sportive de Fréjus', [SETUP, POINTS, HEALTH]);
      expect(r.results[id]!.status, r.results[id]!.message).toBe(status);
    } finally {
      await server.close();
    }
  });
  it('no integration for the shop in Sendcloud', async () => {
    const base = await loadSendcloudFixture(join(ROOT, 'fixtures/shops/demo-sendcloud.json'));
    const server = await startSendcloudSandbox({ fixture: sendcloudVariant(base, 'no-shop-integration') });
    try {
      writeFileSync(join(dir, 'sendcloud-none.json'), JSON.stringify({ ...running.config, sendcloud: { ...running.config.sendcloud, apiBase: server.url } }));
      const r = await statuses('sendcloud-none.json', 'Étoile Sportive de Fréjus', [POINTS, HEALTH]);
      expect([r.results[POINTS]!.status, r.results[HEALTH]!.status]).toEqual(['fail', 'fail']);
    } finally {
      await server.close();
    }
  });
});
