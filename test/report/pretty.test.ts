import { describe, expect, it } from 'vitest';
import { renderPretty } from '../../src/report/render/pretty.js';
import { sampleReport } from './fixture.js';

const ANSI = /\u001b\[/;

describe('pretty renderer', () => {
  const text = renderPretty(sampleReport('en'), { color: false });

  it('has no colour escape codes when colour is off, and has them when on', () => {
    expect(text).not.toMatch(ANSI);
    expect(renderPretty(sampleReport('en'), { color: true })).toMatch(ANSI);
  });

  it('carries each status with its glyph and word, readable without colour', () => {
    for (const line of ['✗ FAIL', '✓ PASS', '‼ ERROR', '! WARN', '- SKIP', '? MANUAL']) expect(text).toContain(line);
  });

  it('groups results by category, in a fixed order, under each club', () => {
    const clubA = text.slice(text.indexOf('AS Saint-Étienne (group 5, category 11)'), text.indexOf('Club <Tom'));
    const headings = ['Shop', 'Catalogue', 'Payments', 'Promotions', 'Shipping'].map((h) => clubA.indexOf(`\n${h}\n`));
    expect(headings.every((i) => i > 0)).toBe(true);
    expect([...headings].sort((a, b) => a - b)).toEqual(headings);
    // Both payment checks sit under Payments, before Promotions.
    const payments = clubA.slice(headings[2], headings[3]);
    expect(payments).toContain('[stripe-keys-format]');
    expect(payments).toContain('[stripe-account-status]');
    expect(clubA).not.toContain('\nCustomers\n');
  });

  it('prints messages and numbered remediation for problems, not for passes', () => {
    expect(text).toContain('The secret key is missing.');
    expect(text).toMatch(/How to fix:\n\s+1\. Open Stripe account settings\.\n\s+2\. Paste the secret key\./);
    expect(text).toMatch(/To verify:\n\s+1\. Open Shipping > Carriers\./);
    expect(text).not.toContain('The shop answers.');
  });

  it('ends with an English summary', () => {
    expect(text.trimEnd().split('\n').pop()).toBe('Summary: 2 passed, 1 warning, 2 failed, 1 error, 1 skipped, 1 to verify by hand (1234 ms)');
  });

  it('speaks French with a French summary', () => {
    const fr = renderPretty(sampleReport('fr'), { color: false });
    expect(fr).toContain('✗ ÉCHEC');
    expect(fr).toContain('À faire\u00a0:');
    expect(fr).toContain('Paiement');
    expect(fr.trimEnd().split('\n').pop()).toBe('Bilan\u00a0: 2 réussis, 1 avertissement, 2 échecs, 1 erreur, 1 non lancé, 1 à vérifier (1234 ms)');
  });
});
