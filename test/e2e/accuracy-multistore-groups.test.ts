// Verdicts a real PrestaShop 8.1.2 would contradict, fixed to mirror PrestaShop, through the CLI's
// program (in-process: the verdicts are the point, not the process) against the emulator over
// 127.0.0.1 (the state zones are in relay-zones.test.ts):
// - the customer-group feature off (PS_GROUP_FEATURE_ACTIVE = 0): Customer::getGroupsStatic() is
//   [PS_CUSTOMER_GROUP] whatever customer_group holds, so a well-ticked account is not tied to its club;
// - customers shared across the shops of a group: CartRule::checkValidity counts the customer's
//   uses of a code in every shop, which the webservice lists only with id_shop=all.

import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { resolveFixtureSet, startFixtureSet, type RunningSandbox } from '../../src/sandbox/fixture-set.js';
import type { JsonReport } from './run-cli.js';
import { runInProcess } from './run-in-process.js';

const dir = mkdtempSync(join(tmpdir(), 'cd-accuracy-'));
let running: RunningSandbox;
const secrets: string[] = [];

beforeAll(async () => {
  running = await startFixtureSet(resolveFixtureSet('demo'));
  const config = { ...running.config, prestashop: { ...running.config.prestashop!, timeoutMs: 5000 } };
  secrets.push(config.prestashop.webserviceKey!);
  for (const club of config.clubs ?? []) for (const key of [club.stripe?.secretKey, club.stripe?.publishableKey]) if (key) secrets.push(key, key.trim());
  writeFileSync(join(dir, 'webservice.json'), JSON.stringify(config));
}, 60_000);

afterAll(async () => {
  await running?.close();
});

async function diagnose(args: string[], lang = 'en') {
  const r = await runInProcess(['diagnose', 'Étoile Sportive de Fréjus', ...args, '--config', join(dir, 'webservice.json'), '--format', 'json', '--lang', lang], { cwd: dir, secrets });
  expect(r.stderr, 'no stack trace').not.toMatch(/\n\s+at /);
  return { code: r.code, result: (JSON.parse(r.stdout) as JsonReport).clubs[0]!.results[0]! };
}

describe('customer-group feature off: the account is not tied to the club in PrestaShop’s eyes', () => {
  const args = ['--only', 'customer-club-membership', '--customer', 'marie.durand@example.fr'];
  it('pass while the feature is on, fail once it is off, with the back-office step', async () => {
    const before = await diagnose(args);
    expect(before.result.status, before.result.message).toBe('pass');
    const row = running.prestashop.fixture.configuration.find((c) => c.name === 'PS_GROUP_FEATURE_ACTIVE')!;
    const value = row.value;
    row.value = '0';
    try {
      const after = await diagnose(args);
      expect(after.result.status).toBe('fail');
      expect(after.code).toBe(1);
      expect(after.result.message).toContain('"Customer groups" feature is disabled');
      expect(after.result.remediation.join('\n')).toContain('Advanced Parameters > Performance');
      expect(after.result.evidence).toMatchObject({ groupFeatureActive: false, effectiveGroupIds: [3] });
      const fr = await diagnose(args, 'fr');
      expect(fr.result.message).toContain('Groupes de clients');
      expect(fr.result.remediation.join('\n')).toContain('Paramètres avancés > Performances');
    } finally {
      row.value = value;
    }
  });
});

describe('customers shared across shops: a use of the code in the other shop counts', () => {
  it('the webservice counts the order placed in shop 2, so the once-per-customer code is used up', async () => {
    const fixture = running.prestashop.fixture;
    const template = fixture.cart_rules.find((r) => r.code === 'ETE2025')!;
    fixture.shop_groups[0]!.share_customer = 1;
    fixture.cart_rules.push({ ...template, id_cart_rule: 30, code: 'UNEFOIS', date_to: '2030-12-31 23:59:59', name: { '1': 'UNEFOIS', '2': 'UNEFOIS' }, groups: [], group_restriction: 0, quantity: 50, quantity_per_user: 1 });
    const order = fixture.orders.find((o) => o.reference === 'BOUTIQUEB')!;
    expect(order.id_shop, 'the demo order of Paul placed in the test shop').toBe(2);
    fixture.order_cart_rules.push({ id_order_cart_rule: 400, id_order: order.id_order, id_cart_rule: 30, id_order_invoice: 0, name: 'UNEFOIS', value: '1.000000', value_tax_excl: '1.000000', free_shipping: 0, deleted: 0 });
    const { code, result } = await diagnose(['--only', 'promo-code', '--code', 'UNEFOIS', '--customer', 'paul.martin@example.fr']);
    // Read in shop 1's context only, the use in shop 2 was missed and the code passed.
    expect(result.status, result.message).toBe('fail');
    expect(code).toBe(1);
    expect(result.message).toContain('already used it 1 time out of 1 allowed');
    expect(result.evidence).toMatchObject({ usesByCustomer: 1, usesByCustomerScope: 'active-shops' });
  });
});
