// The built CLI against the sandbox over 127.0.0.1: the PrestaShop Webservice, Stripe and Sendcloud
// emulators serving the demo shop. FAQ causes seen through HTTP, one request per resource, the
// same verdicts as the database source but for the facts only SQL can see, and every upstream
// failure ending as a readable `error` while the other checks are still evaluated.

import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { FaultRule } from '../../src/sandbox/faults.js';
import { resolveFixtureSet, startFixtureSet, type RunningSandbox } from '../../src/sandbox/fixture-set.js';
import { loadShop, type ShopFixture } from '../support/load-shop.js';
import { startMariaDb, type MariaDb } from '../support/mariadb.js';
import { runCli, type JsonReport } from './run-cli.js';

const dir = mkdtempSync(join(tmpdir(), 'cd-sandbox-'));
let running: RunningSandbox;
let db: MariaDb;
const secrets: string[] = [];

function writeConfig(name: string, config: unknown): string {
  const file = join(dir, name);
  writeFileSync(file, JSON.stringify(config, null, 2));
  return file;
}

async function diagnose(args: string[], config = 'sandbox.json') {
  const r = await runCli(['diagnose', ...args, '--config', join(dir, config), '--format', 'json'], { cwd: dir, secrets });
  expect(r.stderr, 'no stack trace').not.toMatch(/\n\s+at /);
  const report = JSON.parse(r.stdout) as JsonReport;
  const byId = (club = 0) => Object.fromEntries(report.clubs[club]!.results.map((x) => [x.id, x]));
  return { ...r, report, byId };
}

beforeAll(async () => {
  [running, db] = await Promise.all([startFixtureSet(resolveFixtureSet('demo')), startMariaDb()]);
  const config = running.config;
  secrets.push(config.prestashop!.webserviceKey!, config.sendcloud!.secretKey!, config.sendcloud!.publicKey!);
  for (const club of config.clubs ?? []) for (const key of [club.stripe?.secretKey, club.stripe?.publishableKey]) if (key) secrets.push(key, key.trim());
  const short = { ...config, prestashop: { ...config.prestashop!, timeoutMs: 3000 }, stripe: { ...config.stripe, timeoutMs: 3000 }, sendcloud: { ...config.sendcloud, timeoutMs: 3000 } };
  writeConfig('sandbox.json', short);
  writeConfig('bad-key.json', { ...short, prestashop: { ...short.prestashop, webserviceKey: 'ZZZZ4THISKEYDOESNOTEXIST00000000' } });
  writeConfig('stripe-down.json', { ...short, stripe: { apiBase: 'http://127.0.0.1:9', timeoutMs: 3000 } });

  const root = await db.root();
  await loadShop(root, running.prestashop.fixture as unknown as ShopFixture, { database: 'prestashop' });
  await root.query("CREATE USER 'ro'@'127.0.0.1' IDENTIFIED BY 'sandbox-ro-pass'; GRANT SELECT ON prestashop.* TO 'ro'@'127.0.0.1';");
  await root.end();
  secrets.push('sandbox-ro-pass');
  writeConfig('database.json', {
    ...short,
    prestashop: { ...short.prestashop, database: { host: '127.0.0.1', port: db.port, user: 'ro', password: 'sandbox-ro-pass', database: 'prestashop' } },
  });
}, 120_000);

afterEach(() => {
  for (const s of [running.prestashop, running.stripe!, running.sendcloud!]) {
    s.faults.clear();
    s.faults.releaseHung();
  }
});

afterAll(async () => {
  await Promise.all([running?.close(), db?.stop()]);
});

describe('FAQ causes through the webservice', () => {
  it('tells each broken club apart; category group access is a manual item', async () => {
    const r = await diagnose(['--all']);
    expect(r.code).toBe(1);
    const status = (club: string, id: string) => r.report.clubs.find((c) => c.club.name === club)!.results.find((x) => x.id === id)!.status;
    expect(status('Olympique Noisy-le-Sec', 'category-club-access')).toBe('fail');
    expect(status('Cercle Nautique Hyérois', 'category-club-access')).toBe('fail');
    expect(status('AS Saint-Étienne', 'category-club-access')).toBe('manual');
    expect(status('Racing Club Sévigné', 'stripe-keys-format')).toBe('fail');
    expect(status('Étoile Sportive de Fréjus', 'stripe-keys-format')).toBe('pass');
    expect(status('Étoile Sportive de Fréjus', 'shop-online')).toBe('pass');
  });

  const questions: Array<[string, string[], string, string]> = [
    ['customer outside the club', ['--customer', 'paul.martin@example.fr'], 'customer-club-membership', 'fail'],
    ['guest checkout only', ['--customer', 'invite@example.fr'], 'customer-account-status', 'fail'],
    ['deleted account', ['--customer', 'ancien.membre@example.fr'], 'customer-account-status', 'fail'],
    ['refused account', ['--customer', 'compte.bloque@example.fr'], 'customer-account-status', 'fail'],
    ['member of the club', ['--customer', 'marie.durand@example.fr'], 'customer-club-membership', 'pass'],
    ['expired promo code', ['--code', 'ETE2025'], 'promo-code', 'fail'],
    ['promo code used up', ['--code', 'EPUISE'], 'promo-code', 'fail'],
    ['order not shipped', ['--order', 'PAYEEEEEE'], 'credit-note-prerequisites', 'fail'],
    // Paid and shipped, but delivered long before today, past the 30-day return window:
    // Order::isReturnable() is false, so no credit note.
    ['order shipped long ago', ['--order', 'XKBKNABJK'], 'credit-note-prerequisites', 'fail'],
  ];
  it.each(questions)('%s', async (_name, args, id, expected) => {
    const r = await diagnose(['Étoile Sportive de Fréjus', ...args]);
    expect(r.byId()[id]!.status, r.byId()[id]!.message).toBe(expected);
  });

  it.each(['sandbox.json', 'database.json'])('a shipped but unpaid (cash on delivery) order is not returnable (%s)', async (config) => {
    const r = await diagnose(['Étoile Sportive de Fréjus', '--order', 'CONTREREM'], config);
    const result = r.byId()['credit-note-prerequisites']!;
    expect(result.status).toBe('fail');
    expect(result.message).toContain('"Expédié, paiement à la livraison" (#14): shipped but not paid');
    expect(result.message).toContain('both paid and shipped');
  });

  it("an order of another shop is judged with that shop's return settings (database)", async () => {
    const r = await diagnose(['Étoile Sportive de Fréjus', '--order', 'BOUTIQUEB'], 'database.json');
    const result = r.byId()['credit-note-prerequisites']!;
    expect(result.status).toBe('fail');
    expect(result.message).toContain("merchandise returns are disabled for the order's shop #2");
  });

  it.each(['sandbox.json', 'database.json'])('a customer with no group row is in no group at all, not in its default club group (%s)', async (config) => {
    const r = await diagnose(['Étoile Sportive de Fréjus', '--customer', 'sans.groupe@example.fr'], config);
    const result = r.byId()['customer-club-membership']!;
    expect(result.status).toBe('fail');
    expect(result.message).toContain('it is in no customer group at all');
    expect(result.message).toContain('"Étoile Sportive de Fréjus" (#4) does not count on its own');
    expect(result.message).not.toContain('not in the Customer group');
  });

  it('snapshot then diagnose --snapshot gives the live verdicts, with no secret in the file', async () => {
    const file = join(dir, 'webservice-snapshot.json');
    const taken = await runCli(['snapshot', '--all', '--customer', 'compte.bloque@example.fr', '--code', 'EPUISE', '--config', join(dir, 'sandbox.json'), '--output', file], { cwd: dir, secrets });
    expect(taken.code).toBe(0);
    const text = readFileSync(file, 'utf8');
    for (const secret of secrets) expect(text).not.toContain(secret.trim());
    const args = ['--all', '--customer', 'compte.bloque@example.fr', '--code', 'EPUISE'];
    const [live, offline] = await Promise.all([diagnose(args), runCli(['diagnose', ...args, '--snapshot', file, '--format', 'json'], { cwd: dir, secrets })]);
    const table = (report: JsonReport) => report.clubs.map((c) => [c.club.name, c.results.map((x) => `${x.id}:${x.status}`)]);
    expect(table(JSON.parse(offline.stdout) as JsonReport)).toEqual(table(live.report));
  });

  it('fetches no resource twice in a run', async () => {
    const r = await runCli(['--debug', 'diagnose', '--all', '--customer', 'marie.durand@example.fr', '--code', 'FREJUS10', '--order', 'XKBKNABJK', '--config', join(dir, 'sandbox.json')], { cwd: dir, secrets });
    const stats = /stats: requests=(\d+) \(([^)]*)\) repeated=(\d+)/.exec(r.stderr);
    expect(stats, r.stderr).not.toBeNull();
    expect(Number(stats![3])).toBe(0);
    expect(stats![2]).toMatch(/prestashop \d+/);
  });
});

describe('the same shop through the webservice and through the database', () => {
  // Facts only SQL can see: category group access, carrier zones, installed modules.
  const DATABASE_ONLY = new Set(['category-club-access', 'relay-carrier-zones', 'relay-module-conflicts']);

  it('gives the same statuses but for the facts only the database can see', async () => {
    const args = ['--all', '--customer', 'paul.martin@example.fr', '--code', 'ETE2025', '--order', 'XKBKNABJK'];
    const [ws, sql] = await Promise.all([diagnose(args), diagnose(args, 'database.json')]);
    const table = (r: { report: JsonReport }) =>
      Object.fromEntries(r.report.clubs.map((c) => [c.club.name, Object.fromEntries(c.results.filter((x) => !DATABASE_ONLY.has(x.id)).map((x) => [x.id, x.status]))]));
    const diff = Object.entries(table(ws)).flatMap(([club, checks]) =>
      Object.entries(checks).filter(([id, status]) => table(sql)[club]?.[id] !== status).map(([id, status]) => `${club} ${id}: webservice ${status}, database ${table(sql)[club]?.[id]}`),
    );
    expect(diff).toEqual([]);
    expect(table(ws)).toEqual(table(sql));
    const asse = (r: { report: JsonReport }) => r.report.clubs.find((c) => c.club.name === 'AS Saint-Étienne')!.results.find((x) => x.id === 'category-club-access')!.status;
    expect([asse(ws), asse(sql)]).toEqual(['manual', 'fail']);
  });

  it('sees cart-rule group restrictions only through the database', async () => {
    const args = ['Étoile Sportive de Fréjus', '--customer', 'paul.martin@example.fr', '--code', 'FREJUS10'];
    const [ws, sql] = await Promise.all([diagnose(args), diagnose(args, 'database.json')]);
    expect(ws.byId()['promo-code']!.status).toBe('manual');
    expect(sql.byId()['promo-code']!.status).toBe('fail');
  });

  it('counts a customer\'s uses of a code alike, the cancelled order included', async () => {
    const args = ['Étoile Sportive de Fréjus', '--customer', 'marie.durand@example.fr', '--code', 'FREJUS10'];
    const [ws, sql] = await Promise.all([diagnose(args), diagnose(args, 'database.json')]);
    for (const r of [ws, sql]) {
      expect(r.byId()['promo-code']!.status).toBe('fail');
      expect(r.byId()['promo-code']!.message).toContain('already used it 1 time(s) out of 1');
    }
  });
});

describe('upstream failures end as readable errors, the other checks still evaluated', () => {
  const PS_DISABLED = JSON.stringify({ errors: [{ code: 22, message: 'The PrestaShop webservice is disabled. Please activate it in the PrestaShop Back Office' }] });
  const NOT_GRANTED = JSON.stringify({ errors: [{ code: 26, message: 'Resource of type "customers" is not allowed with this authentication key' }] });
  interface Case {
    name: string;
    on: 'prestashop' | 'stripe' | 'sendcloud';
    rule?: FaultRule;
    args?: string[];
    config?: string;
    check: string;
    message: RegExp;
    /** A check of another source, still evaluated. */
    still: string;
    /** Set-up problems: the upstream cause, said once on stderr (the result refers to it). */
    stderr?: RegExp;
  }
  const cases: Case[] = [
    { name: 'PrestaShop webservice disabled (503, code 22)', on: 'prestashop', rule: { path: '/api/*', respond: { kind: 'status', status: 503, body: PS_DISABLED, contentType: 'application/json' } }, check: 'category-club-access', message: /disabled/i, still: 'sendcloud-account-setup' },
    { name: 'PrestaShop key unknown (401, codes 20+21)', on: 'prestashop', config: 'bad-key.json', check: 'category-club-access', message: /refuses the webservice key/i, still: 'sendcloud-account-setup', stderr: /Authentification key is not active/ },
    { name: 'resource not granted to the key (401, code 26)', on: 'prestashop', rule: { path: '/api/customers', respond: { kind: 'status', status: 401, body: NOT_GRANTED, contentType: 'application/json' } }, args: ['--customer', 'marie.durand@example.fr'], check: 'customer-account-status', message: /cannot read some resources/i, still: 'category-club-access', stderr: /Resources refused to the key: customers\./ },
    { name: 'PrestaShop HTML 500 page', on: 'prestashop', rule: { path: '/api/orders', respond: { kind: 'html-error' } }, args: ['--order', 'XKBKNABJK'], check: 'credit-note-prerequisites', message: /500|html/i, still: 'stripe-keys-format' },
    { name: 'PrestaShop PHP warning instead of the payload', on: 'prestashop', rule: { path: '/api/customers', respond: { kind: 'php-warning' } }, args: ['--customer', 'marie.durand@example.fr'], check: 'customer-club-membership', message: /php|warning|500/i, still: 'stripe-keys-format' },
    { name: 'PrestaShop hangs', on: 'prestashop', rule: { path: '/api/orders', respond: { kind: 'hang' } }, args: ['--order', 'XKBKNABJK'], check: 'credit-note-prerequisites', message: /time|answer/i, still: 'category-club-access' },
    { name: 'Stripe hangs', on: 'stripe', rule: { path: '/v1/account', respond: { kind: 'hang' } }, check: 'stripe-account-status', message: /time|abort|answer/i, still: 'category-club-access' },
    { name: 'Stripe answers 500', on: 'stripe', rule: { path: '/v1/account', respond: { kind: 'status', status: 500, body: '{"error":{"type":"api_error","message":"Something went wrong"}}', contentType: 'application/json' } }, check: 'stripe-account-status', message: /500|stripe|wrong/i, still: 'category-club-access' },
    { name: 'Stripe answers garbage', on: 'stripe', rule: { path: '/v1/account', respond: { kind: 'garbage' } }, check: 'stripe-account-status', message: /.+/, still: 'category-club-access' },
    { name: 'Stripe unreachable (connection refused)', on: 'stripe', config: 'stripe-down.json', check: 'stripe-account-status', message: /connect|reach|refused/i, still: 'category-club-access' },
    { name: 'Sendcloud answers 500 on integrations', on: 'sendcloud', rule: { path: '/api/v2/integrations', respond: { kind: 'status', status: 500, body: '{"error":{"code":500,"request":"api/v2/integrations","message":"Internal error"}}', contentType: 'application/json' } }, check: 'sendcloud-service-points', message: /500|server/i, still: 'sendcloud-account-setup' },
    { name: 'Sendcloud answers garbage', on: 'sendcloud', rule: { path: '/api/v2/user', respond: { kind: 'garbage' } }, check: 'sendcloud-account-setup', message: /.+/, still: 'stripe-keys-format' },
  ];

  it.each(cases)('$name', async (c) => {
    if (c.rule) running[c.on]!.faults.add(c.rule);
    const r = await diagnose(['Étoile Sportive de Fréjus', ...(c.args ?? [])], c.config);
    expect(r.code).toBe(1);
    const result = r.byId()[c.check]!;
    expect(result.status, JSON.stringify(result)).toBe('error');
    expect(result.message).toMatch(c.message);
    if (c.stderr) expect(r.stderr).toMatch(c.stderr);
    expect(r.byId()[c.still]!.status, `${c.still} still evaluated`).not.toBe('error');
  });

  it('a 429 with Retry-After, then success, is waited for and ends well', async () => {
    running.prestashop.faults.add({ path: '/api/customers', times: 1, respond: { kind: 'status', status: 429, retryAfter: 1 } });
    running.stripe!.faults.add({ path: '/v1/account', times: 1, respond: { kind: 'status', status: 429, retryAfter: 1, body: '{"error":{"type":"invalid_request_error","code":"rate_limit","message":"Too many requests"}}', contentType: 'application/json' } });
    const r = await diagnose(['Étoile Sportive de Fréjus', '--customer', 'marie.durand@example.fr']);
    expect(r.byId()['customer-club-membership']!.status).toBe('pass');
    expect(r.byId()['stripe-account-status']!.status).not.toBe('error');
    expect(running.prestashop.faults.hits.length + running.stripe!.faults.hits.length).toBe(2);
  });
});
