// Stripe and Sendcloud failing (set-up: sandbox-cli.ts): each ends as a readable `error` while the
// PrestaShop checks are still evaluated. The Stripe cases run with the SDK's own retries off
// (`stripe.maxNetworkRetries: 0`) and, for the hang, a short per-request timeout: they test what
// the report says, not how long the SDK insists.

import { beforeAll, describe, it } from 'vitest';
import { expectReadableError, useSandboxCli, type FailureCase } from './sandbox-cli.js';

const sandbox = useSandboxCli();

beforeAll(() => {
  const { config, writeConfig } = sandbox;
  writeConfig('stripe-once.json', { ...config, stripe: { ...config.stripe, maxNetworkRetries: 0 } });
  writeConfig('stripe-hangs.json', { ...config, stripe: { ...config.stripe, timeoutMs: 1000, maxNetworkRetries: 0 } });
  writeConfig('stripe-down.json', { ...config, stripe: { ...config.stripe, apiBase: 'http://127.0.0.1:9', maxNetworkRetries: 0 } });
});

const cases: FailureCase[] = [
  { name: 'Stripe hangs', on: 'stripe', rule: { path: '/v1/account', respond: { kind: 'hang' } }, config: 'stripe-hangs.json', check: 'stripe-account-status', message: /time|abort|answer/i, still: 'category-club-access' },
  { name: 'Stripe answers 500', on: 'stripe', rule: { path: '/v1/account', respond: { kind: 'status', status: 500, body: '{"error":{"type":"api_error","message":"Something went wrong"}}', contentType: 'application/json' } }, config: 'stripe-once.json', check: 'stripe-account-status', message: /500|stripe|wrong/i, still: 'category-club-access' },
  { name: 'Stripe answers garbage', on: 'stripe', rule: { path: '/v1/account', respond: { kind: 'garbage' } }, config: 'stripe-once.json', check: 'stripe-account-status', message: /.+/, still: 'category-club-access' },
  { name: 'Stripe unreachable (connection refused)', on: 'stripe', config: 'stripe-down.json', check: 'stripe-account-status', message: /connect|reach|refused/i, still: 'category-club-access' },
  { name: 'Sendcloud answers 500 on integrations', on: 'sendcloud', rule: { path: '/api/v2/integrations', respond: { kind: 'status', status: 500, body: '{"error":{"code":500,"request":"api/v2/integrations","message":"Internal error"}}', contentType: 'application/json' } }, check: 'sendcloud-service-points', message: /500|server/i, still: 'sendcloud-account-setup' },
  { name: 'Sendcloud answers garbage', on: 'sendcloud', rule: { path: '/api/v2/user', respond: { kind: 'garbage' } }, check: 'sendcloud-account-setup', message: /.+/, still: 'stripe-keys-format' },
];

describe('Stripe and Sendcloud failures end as readable errors, the other checks still evaluated', () => {
  it.each(cases)('$name', (c) => expectReadableError(sandbox, c));
});
