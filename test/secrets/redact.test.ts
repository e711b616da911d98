import { describe, expect, it } from 'vitest';
import { Redactor } from '../../src/secrets/redact.js';

describe('Redactor', () => {
  const cases: Array<[string, string[], string, string]> = [
    ['a configured long secret anywhere', ['DEMO4CHECKOUTDOCTOR7READONLY0001'], 'key=DEMO4CHECKOUTDOCTOR7READONLY0001 rejected', 'key=…0001 rejected'],
    ['a Stripe-shaped key never configured', [], 'got sk_live_abcdefghijklmnopqrstuvwx here', 'got sk_live_…uvwx here'],
    ['a short password standing alone', ['pa55'], "access denied for 'ro' using password pa55", "access denied for 'ro' using password …"],
    ['a short password inside a word is left (it is not the secret there)', ['pa55'], 'compa55ion', 'compa55ion'],
    ['a secret with regex characters', ['a.b*c+d?e'], 'x a.b*c+d?e y', 'x … y'],
    ['a secret with a trailing newline, masked trimmed', ['whsec_abcdefgh12345678\n'], 'secret whsec_abcdefgh12345678 end', 'secret whsec_…5678 end'],
  ];
  it.each(cases)('masks %s', (_name, secrets, input, output) => {
    const r = new Redactor();
    for (const s of secrets) r.add(s);
    expect(r.redact(input)).toBe(output);
  });

  it('ignores values too short to mask safely', () => {
    const r = new Redactor();
    r.add('abc');
    expect(r.redact('abc abcd')).toBe('abc abcd');
  });
});
