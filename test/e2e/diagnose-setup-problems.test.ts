// Set-up problems through the CLI against the emulators (issue 7 items 6-8, issue 8 item 11):
// a rejected webservice key and a wrong host name are each one clear message on stderr, in the
// report's language, with the exact fix, said once; the checks they stopped refer to it in one
// line; the 300-character redirect URL appears nowhere; shop-online still reads the front page.
// The rejected key runs the built CLI; the others run the same `main` in this process
// (runInProcess), what is said being the point.

import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { resolveFixtureSet, startFixtureSet, type RunningSandbox } from '../../src/sandbox/fixture-set.js';
import { runCli, type JsonReport } from './run-cli.js';
import { runInProcess } from './run-in-process.js';
import { closedPort } from '../support/hostile.js';

const dir = mkdtempSync(join(tmpdir(), 'cd-setup-'));
const CLUB = 'Racing Club Sévigné';
const BAD_KEY = 'ZZZZZZZZZZZZZZZZZZZZZZZZZZZZZZZZ';
let running: RunningSandbox;
let secrets: string[];

beforeAll(async () => {
  running = await startFixtureSet(resolveFixtureSet('demo'));
  secrets = [running.config.prestashop!.webserviceKey!, BAD_KEY];
}, 60_000);
afterAll(async () => {
  await running?.close();
});

function writeConfig(name: string, prestashop: Record<string, unknown>): string {
  const file = join(dir, name);
  // No dynamicCoupons: nothing here is about the coupon endpoint.
  const { dynamicCoupons: _ignored, ...rest } = running.config;
  writeFileSync(file, JSON.stringify({ ...rest, prestashop }));
  return file;
}

const count = (text: string, part: string) => text.split(part).length - 1;
const apiRequests = () => running.prestashop.requests.filter((r) => r.path.startsWith('/api/')).length;

describe('a rejected webservice key', () => {
  it('is one French message on stderr with the fix; the checks refer to it; the front is still read', async () => {
    const config = writeConfig('badkey.json', { ...running.config.prestashop, webserviceKey: BAD_KEY });
    const before = apiRequests();
    const r = await runCli(['diagnose', CLUB, '--config', config, '--format', 'json', '--lang', 'fr'], { cwd: dir, secrets });
    expect(r.code).toBe(1);
    // Fail fast: the key is refused once, not once per resource (at most the first wave of the
    // webservice's pool, 5 since the run sizes it from its fetchers, src/sources/gather.ts).
    expect(apiRequests() - before).toBeLessThanOrEqual(5);

    expect(count(r.stderr, 'Problème de configuration')).toBe(1);
    expect(r.stderr).toContain('La boutique refuse la clé webservice');
    expect(count(r.stderr, 'Authentification key is not active')).toBe(1);
    expect(r.stderr).toMatch(/Paramètres avancés > Webservice/);
    expect(r.stderr).not.toContain('/api/configurations');

    const report = JSON.parse(r.stdout) as JsonReport;
    expect(report.setup).toHaveLength(1);
    expect(report.setup![0]).toMatchObject({ kind: 'auth', title: 'La boutique refuse la clé webservice' });
    const stopped = report.clubs[0]!.results.filter((x) => x.cause?.kind === 'auth');
    expect(stopped.length).toBeGreaterThanOrEqual(5);
    expect(report.setup![0]!.checks).toBe(stopped.length);
    for (const x of stopped) {
      expect(x.status).toBe('error');
      expect(x.message).toMatch(/^Non évalué\u00a0: la boutique refuse la clé webservice/);
      expect(x.message.length).toBeLessThan(160);
    }
    // The upstream message is stated in the report's setup; results carry it only in their
    // machine-readable cause (and shop-online says why the maintenance flag is unknown).
    for (const x of stopped) expect(x.message).not.toContain('Authentification key is not active');

    // Item 8: shop-online reads the front page directly and says what is unknown.
    const online = report.clubs[0]!.results.find((x) => x.id === 'shop-online')!;
    expect(online.status).toBe('manual');
    expect(online.message).toMatch(/répond HTTP 200/);
    expect(online.message).toMatch(/PS_SHOP_ENABLE/);
  });
});

describe('a key without some permissions', () => {
  it('is one message naming every resource to tick', async () => {
    // The demo's Sendcloud key: no customers nor configurations.
    const key = 'DEMO4SENDCLOUDKEYNOCUSTOMERS0003';
    const config = writeConfig('partial.json', { ...running.config.prestashop, webserviceKey: key });
    const r = await runInProcess(['diagnose', CLUB, '--config', config, '--customer', 'marie.durand@example.fr', '--format', 'json', '--lang', 'en'], { cwd: dir, secrets: [...secrets, key] });
    expect(r.code).toBe(1);
    expect(count(r.stderr, 'Set-up problem')).toBe(1);
    expect(r.stderr).toContain('The webservice key cannot read some resources');
    expect(r.stderr).toMatch(/tick "View \(GET\)" for the resources "[a-z_]+"(, "[a-z_]+")+, then Save/);
    const report = JSON.parse(r.stdout) as JsonReport & { setup: Array<{ resources?: string[] }> };
    expect(report.setup[0]!.resources).toEqual(expect.arrayContaining(['configurations', 'customers']));
    for (const resource of report.setup[0]!.resources!) expect(r.stderr).toContain(`"${resource}"`);
    // No result repeats the request's query.
    expect(r.stdout).not.toContain('filter[name]');
  });
});

describe('a wrong host name', () => {
  it('is one English message with the base URL to configure, and no long redirect URL anywhere', async () => {
    const domain = `localhost:${running.prestashop.port}`;
    running.prestashop.setDomain(domain);
    try {
      const { shopId: _none, ...prestashop } = running.config.prestashop!;
      const config = writeConfig('wronghost.json', prestashop);
      const r = await runInProcess(['diagnose', CLUB, '--config', config, '--lang', 'en'], { cwd: dir, secrets });
      expect(r.code).toBe(1);
      expect(count(r.stderr, 'Set-up problem')).toBe(1);
      expect(r.stderr).toContain("`prestashop.url` is not the shop’s address: it redirects");
      expect(r.stderr).toContain(`put exactly that address in \`prestashop.url\``);
      expect(count(r.stderr, `http://${domain}/`)).toBeGreaterThanOrEqual(1);
      // The Location PrestaShop sends repeats the whole query: never shown.
      for (const out of [r.stdout, r.stderr]) {
        expect(out).not.toContain('url=');
        expect(out).not.toContain('output_format');
      }
      expect(r.stdout).toMatch(/Not evaluated: `prestashop\.url` is not the shop’s address/);
    } finally {
      running.prestashop.setDomain(undefined);
    }
  });
});

describe('an unreachable shop and a refused database', () => {
  it('a shop that refuses connections is one message (webservice and front page alike)', async () => {
    const port = await closedPort();
    const config = writeConfig('unreachable.json', { url: `http://127.0.0.1:${port}/`, webserviceKey: running.config.prestashop!.webserviceKey });
    const r = await runInProcess(['diagnose', CLUB, '--config', config, '--format', 'json', '--lang', 'en'], { cwd: dir, secrets });
    expect(r.code).toBe(1);
    expect(count(r.stderr, 'Set-up problem')).toBe(1);
    expect(r.stderr).toContain(`The shop cannot be reached (127.0.0.1:${port})`);
    expect(count(r.stderr, 'refused the connection')).toBe(1);
    expect(r.stderr).toContain('Check `prestashop.url`');
    const report = JSON.parse(r.stdout) as JsonReport;
    expect(report.setup).toHaveLength(1);
    const online = report.clubs[0]!.results.find((x) => x.id === 'shop-online')!;
    expect(online.message).toMatch(/^Not evaluated: the shop cannot be reached/);
  });

  it('a database that refuses connections is one message with the fix', async () => {
    const port = await closedPort();
    const config = writeConfig('db.json', {
      url: running.config.prestashop!.url,
      database: { host: '127.0.0.1', port, user: 'ro', password: 'not-a-real-password', database: 'prestashop', prefix: 'ps_' },
    });
    const r = await runInProcess(['diagnose', CLUB, '--config', config, '--format', 'json', '--lang', 'fr'], { cwd: dir, secrets: [...secrets, 'not-a-real-password'] });
    expect(r.code).toBe(1);
    expect(count(r.stderr, 'Problème de configuration')).toBe(1);
    expect(r.stderr).toContain('Impossible de joindre la base de données');
    expect(r.stderr).toContain('prestashop.database.host');
    const report = JSON.parse(r.stdout) as JsonReport;
    expect(report.setup).toEqual([expect.objectContaining({ kind: 'unreachable', title: 'Impossible de joindre la base de données' })]);
    expect(report.setup![0]!.checks).toBeGreaterThanOrEqual(5);
  });
});
