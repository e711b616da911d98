import { describe, expect, it } from 'vitest';
import { resolveCheckSettings } from '../../src/config/checks.js';
import { validateConfig } from '../../src/config/load.js';
import { UsageError } from '../../src/engine/errors.js';
import { Registry } from '../../src/engine/registry.js';
import { t, type Check } from '../../src/engine/types.js';

function check(id: string, defaultOptions?: Record<string, unknown>): Check {
  return {
    meta: { id, category: 'payments', severity: 'fail', needs: [], title: t(id, id), description: t(id, id), docs: 'x', ...(defaultOptions ? { defaultOptions } : {}) },
    run: () => ({ status: 'pass', message: t('', '') }),
  };
}

const registry = new Registry([check('stripe-account-status', { dormantDays: 60, strict: false }), check('shop-online'), check('promo-code')]);

function settings(checks: unknown) {
  return resolveCheckSettings(validateConfig({ checks }, 'c.json', {}).checks, registry, 'c.json');
}

function problems(checks: unknown): string[] {
  try {
    settings(checks);
  } catch (error) {
    if (error instanceof UsageError) return error.details;
    throw error;
  }
  throw new Error('expected a UsageError');
}

describe('resolveCheckSettings', () => {
  it('reads "off", a bare severity, and severity with options', () => {
    const resolved = settings({ 'shop-online': 'off', 'promo-code': 'warn', 'stripe-account-status': { severity: 'warn', dormantDays: 90 } });
    expect([...resolved.off]).toEqual(['shop-online']);
    expect(resolved.settings).toEqual({ 'promo-code': { severity: 'warn', options: {} }, 'stripe-account-status': { severity: 'warn', options: { dormantDays: 90 } } });
  });

  it('options without a severity keep the default severity; { severity: "off" } is off', () => {
    const resolved = settings({ 'stripe-account-status': { dormantDays: 30 }, 'promo-code': { severity: 'off' } });
    expect(resolved.settings['stripe-account-status']).toEqual({ options: { dormantDays: 30 } });
    expect(resolved.off.has('promo-code')).toBe(true);
  });

  it('an unknown check id is reported with the closest id', () => {
    expect(problems({ 'stripe-acount-status': 'warn', 'totally-unrelated-thing': 'off' })).toEqual([
      '  checks.stripe-acount-status: unknown check id (did you mean "stripe-account-status"?)',
      '  checks.totally-unrelated-thing: unknown check id (run `checkout-doctor list-checks` to see them)',
    ]);
  });

  it('a misspelt or mistyped option of a check that declares its options is reported', () => {
    expect(problems({ 'stripe-account-status': { dormantdays: 90, strict: 'yes' } })).toEqual([
      '  checks.stripe-account-status.dormantdays: unknown option (did you mean "dormantDays"?)',
      '  checks.stripe-account-status.strict: expected true or false (default false), got a string',
    ]);
  });
});
