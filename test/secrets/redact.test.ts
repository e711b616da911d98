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

describe('Redactor: every form of a secret', () => {
  const KEY = 'DEMO4CHECKOUTDOCTOR7READONLY0001';
  const b64 = (s: string) => Buffer.from(s).toString('base64');

  it.each([
    ['Basic base64(key:) of the webservice key', `Authorization: Basic ${b64(`${KEY}:`)}`],
    ['base64 without its padding', b64(`${KEY}:`).replace(/=+$/, '')],
    ['base64 percent-encoded', encodeURIComponent(b64(`${KEY}x:`))],
    ['the key percent-encoded inside a query', `?ws_key=${encodeURIComponent(`${KEY}/+&`)}`],
  ])('%s', (_name, text) => {
    const r = new Redactor();
    r.add(KEY);
    r.add(`${KEY}x`);
    r.add(`${KEY}/+&`);
    const out = r.redact(text);
    expect(out).toContain('…');
    expect(out).not.toContain(KEY.slice(0, 12));
    expect(out).not.toContain(b64(`${KEY}:`).slice(0, 16));
  });

  it('addCredentials masks base64(user:password) in its standard, URL-safe and PHP-JSON forms', () => {
    const r = new Redactor();
    r.addCredentials('publickey0123456789', 'secret/key?+>0123456789');
    const plain = b64('publickey0123456789:secret/key?+>0123456789');
    for (const form of [plain, plain.replace(/\+/g, '-').replace(/\//g, '_'), plain.replace(/\//g, '\\/')]) expect(r.redact(`x ${form} y`)).toBe(`x ${r.redact('secret/key?+>0123456789')} y`);
  });

  it('redactDeep masks every string of a report and keeps its shape', () => {
    const r = new Redactor();
    r.add(KEY);
    expect(r.redactDeep({ a: [KEY, 1, null], b: { c: `k=${KEY}` }, d: true })).toEqual({ a: ['…0001', 1, null], b: { c: 'k=…0001' }, d: true });
  });
});
