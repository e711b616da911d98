// The CLI's program in-process on the demo shop served by the emulators (`diagnose … --sandbox`): a promo code the
// customer already used up (Marie's cancelled order used FREJUS10, one use per customer, and
// PrestaShop counts cancelled orders), its minimum amount printed with its currency in each
// language, and no pass while the customer's uses cannot be counted.

import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { type JsonResult } from './run-cli.js';
import { runInProcess as runCli } from './run-in-process.js';

const cwd = mkdtempSync(join(tmpdir(), 'cd-promo-'));
const CLUB = 'Étoile Sportive de Fréjus';

async function promoCode(args: string[]) {
  const r = await runCli(['diagnose', CLUB, '--sandbox', '--code', 'FREJUS10', '--format', 'json', ...args], { cwd });
  expect(r.stderr, 'no stack trace').not.toMatch(/\n\s+at /);
  const report = JSON.parse(r.stdout) as { clubs: Array<{ results: JsonResult[] }> };
  return { code: r.code, result: report.clubs[0]!.results.find((x) => x.id === 'promo-code')! };
}

describe('promo-code through the webservice emulator', () => {
  it('fails for a customer who already used up their share, counting the cancelled order', async () => {
    const { code, result } = await promoCode(['--customer', 'marie.durand@example.fr']);
    expect(result.status, result.message).toBe('fail');
    expect(result.message).toContain('customer "marie.durand@example.fr" already used it 1 time out of 1 allowed');
    expect(result.message).toContain('The cart must reach €20.00 tax excl., shipping excluded');
    expect(result.message).not.toMatch(/20 1\b/);
    expect(result.remediation.join('\n')).toContain('Total available for each user');
    expect(result.evidence).toMatchObject({ usesByCustomer: 1, usesCustomerId: 1, quantityPerUser: 1, minimumAmountCurrencyResolved: { isoCode: 'EUR' } });
    expect(code).toBe(1);
  });

  it('says it in French, amount in the French format', async () => {
    const { result } = await promoCode(['--customer', 'marie.durand@example.fr', '--lang', 'fr']);
    expect(result.message).toContain('le client «\u00a0marie.durand@example.fr\u00a0» l’a déjà utilisé 1 fois sur 1 autorisée');
    expect(result.message).toContain('Le panier doit atteindre 20,00\u00a0€ HT, hors frais de port');
  });

  it('does not pass without --customer: the per-customer limit is left to verify by hand', async () => {
    const { result } = await promoCode([]);
    expect(result.status, result.message).toBe('manual');
    expect(result.message).toContain("without --customer, a customer's past uses are not counted");
    expect(result.remediation.join('\n')).toContain('--customer');
  });
});
