// PrestaShop failing in every way the webservice fails (set-up: sandbox-cli.ts): each ends as a
// readable `error` while the checks of the other sources are still evaluated. A hang waits for a
// short per-request timeout given in the configuration, not for the default one.

import { beforeAll, describe, expect, it } from 'vitest';
import { expectReadableError, useSandboxCli, type FailureCase } from './sandbox-cli.js';

const sandbox = useSandboxCli();

beforeAll(() => {
  const { config, writeConfig } = sandbox;
  writeConfig('bad-key.json', { ...config, prestashop: { ...config.prestashop, webserviceKey: 'ZZZZ4THISKEYDOESNOTEXIST00000000' } });
  // Long enough for the requests that answer on a loaded machine, short for the one that hangs.
  writeConfig('prestashop-hangs.json', { ...config, prestashop: { ...config.prestashop, timeoutMs: 2000 } });
});

const PS_DISABLED = JSON.stringify({ errors: [{ code: 22, message: 'The PrestaShop webservice is disabled. Please activate it in the PrestaShop Back Office' }] });
const NOT_GRANTED = JSON.stringify({ errors: [{ code: 26, message: 'Resource of type "customers" is not allowed with this authentication key' }] });

const cases: FailureCase[] = [
  { name: 'PrestaShop webservice disabled (503, code 22)', on: 'prestashop', rule: { path: '/api/*', respond: { kind: 'status', status: 503, body: PS_DISABLED, contentType: 'application/json' } }, check: 'category-club-access', message: /disabled/i, still: 'sendcloud-account-setup' },
  { name: 'PrestaShop key unknown (401, codes 20+21)', on: 'prestashop', config: 'bad-key.json', check: 'category-club-access', message: /refuses the webservice key/i, still: 'sendcloud-account-setup', stderr: /Authentification key is not active/ },
  { name: 'resource not granted to the key (401, code 26)', on: 'prestashop', rule: { path: '/api/customers', respond: { kind: 'status', status: 401, body: NOT_GRANTED, contentType: 'application/json' } }, args: ['--customer', 'marie.durand@example.fr'], check: 'customer-account-status', message: /cannot read some resources/i, still: 'category-club-access', stderr: /Resources refused to the key: customers\./ },
  { name: 'PrestaShop HTML 500 page', on: 'prestashop', rule: { path: '/api/orders', respond: { kind: 'html-error' } }, args: ['--order', 'XKBKNABJK'], check: 'credit-note-prerequisites', message: /500|html/i, still: 'stripe-keys-format' },
  { name: 'PrestaShop PHP warning instead of the payload', on: 'prestashop', rule: { path: '/api/customers', respond: { kind: 'php-warning' } }, args: ['--customer', 'marie.durand@example.fr'], check: 'customer-club-membership', message: /php|warning|500/i, still: 'stripe-keys-format' },
  { name: 'PrestaShop hangs', on: 'prestashop', rule: { path: '/api/orders', respond: { kind: 'hang' } }, args: ['--order', 'XKBKNABJK'], config: 'prestashop-hangs.json', check: 'credit-note-prerequisites', message: /time|answer/i, still: 'category-club-access' },
];

describe('PrestaShop failures end as readable errors, the other checks still evaluated', () => {
  it.each(cases)('$name', (c) => expectReadableError(sandbox, c));

  it('a 429 with Retry-After, then success, is waited for and ends well', async () => {
    const { running, diagnose } = sandbox;
    running.prestashop.faults.add({ path: '/api/customers', times: 1, respond: { kind: 'status', status: 429, retryAfter: 1 } });
    running.stripe!.faults.add({ path: '/v1/account', times: 1, respond: { kind: 'status', status: 429, retryAfter: 1, body: '{"error":{"type":"invalid_request_error","code":"rate_limit","message":"Too many requests"}}', contentType: 'application/json' } });
    const r = await diagnose(['Étoile Sportive de Fréjus', '--customer', 'marie.durand@example.fr']);
    expect(r.byId()['customer-club-membership']!.status).toBe('pass');
    expect(r.byId()['stripe-account-status']!.status).not.toBe('error');
    expect(running.prestashop.faults.hits.length + running.stripe!.faults.hits.length).toBe(2);
  });
});
