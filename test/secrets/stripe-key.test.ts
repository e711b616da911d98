import { describe, expect, it } from 'vitest';
import { KeyFactsSchema } from '../../src/secrets/key-facts-schema.js';
import { describeKey, maskSecret, type KeyContamination } from '../../src/secrets/stripe-key.js';

// Fake keys shaped like Stripe's (not real keys).
const OLD_BODY = 'aB3dE5fG7hJ9kL1mN2pQ4rS6'; // 24 characters
const SK = `sk_test_${OLD_BODY}`;
const ACCOUNT_A = '51AbCdEfGhIjKlMnO'; // "5" + "1" + 15: 17 characters
const ACCOUNT_B = '51ZyXwVuTsRqPoNmL';
const newBody = (account: string, tail: string) => (account + tail.repeat(100)).slice(0, 99);

describe('describeKey: kind, mode, style', () => {
  const rows: Array<{ name: string; raw: string; kind: string | null; mode: string | null; style: string; prefix: string | null }> = [
    { name: 'old-style test secret key', raw: SK, kind: 'secret', mode: 'test', style: 'old', prefix: 'sk_test_' },
    { name: 'old-style live publishable key', raw: `pk_live_${OLD_BODY}`, kind: 'publishable', mode: 'live', style: 'old', prefix: 'pk_live_' },
    { name: 'restricted key', raw: `rk_live_${OLD_BODY}`, kind: 'restricted', mode: 'live', style: 'old', prefix: 'rk_live_' },
    { name: 'new-style key (99 after the prefix, starting 51)', raw: `pk_test_${newBody(ACCOUNT_A, 'x9')}`, kind: 'publishable', mode: 'test', style: 'new', prefix: 'pk_test_' },
    { name: 'unusual length', raw: `sk_live_${OLD_BODY}abc`, kind: 'secret', mode: 'live', style: 'other', prefix: 'sk_live_' },
    { name: '99 characters not starting with 51', raw: `sk_live_${'7'.repeat(99)}`, kind: 'secret', mode: 'live', style: 'other', prefix: 'sk_live_' },
    { name: 'webhook signing secret', raw: `whsec_${OLD_BODY}${OLD_BODY}`, kind: 'webhook-secret', mode: null, style: 'other', prefix: 'whsec_' },
    { name: 'not a Stripe key', raw: 'hello-world-1234567890', kind: null, mode: null, style: 'other', prefix: null },
    { name: 'prefix without mode', raw: `sk_${OLD_BODY}`, kind: null, mode: null, style: 'other', prefix: null },
    { name: 'upper-case prefix', raw: `SK_TEST_${OLD_BODY}`, kind: null, mode: null, style: 'other', prefix: null },
  ];
  it.each(rows)('$name', ({ raw, kind, mode, style, prefix }) => {
    const facts = describeKey(raw);
    expect(KeyFactsSchema.parse(facts)).toEqual(facts);
    expect(facts.kind).toBe(kind);
    expect(facts.mode).toBe(mode);
    expect(facts.style).toBe(style);
    expect(facts.prefix).toBe(prefix);
    expect(facts.length).toBe(raw.length);
    expect(facts.contamination.filter((c) => c.kind !== 'unexpected-character')).toEqual([]);
  });

  it('gives an account segment only to new-style keys, shared by the pk and sk of one account', () => {
    const pkA = describeKey(`pk_live_${newBody(ACCOUNT_A, 'q1')}`);
    const skA = describeKey(`sk_live_${newBody(ACCOUNT_A, 'w2')}`);
    const skB = describeKey(`sk_live_${newBody(ACCOUNT_B, 'w2')}`);
    expect(pkA.accountSegment).not.toBeNull();
    expect(pkA.accountSegment).toBe(skA.accountSegment);
    expect(skB.accountSegment).not.toBe(skA.accountSegment);
    expect(describeKey(SK).accountSegment).toBeNull();
    // The segment is a hash, not the characters themselves.
    expect(pkA.accountSegment).not.toContain(ACCOUNT_A);
  });

  it('fingerprints the cleaned key: same key with or without stray characters, different keys differ', () => {
    expect(describeKey(`${SK}\n`).fingerprint).toBe(describeKey(SK).fingerprint);
    expect(describeKey(` "${SK}" `).fingerprint).toBe(describeKey(SK).fingerprint);
    expect(describeKey(`pk_test_${OLD_BODY}`).fingerprint).not.toBe(describeKey(SK).fingerprint);
    expect(describeKey(SK).fingerprint).not.toContain(OLD_BODY);
  });
});

describe('describeKey: contamination', () => {
  const rows: Array<{ name: string; raw: string; expected: Array<Pick<KeyContamination, 'kind' | 'position' | 'codePoint'>> }> = [
    { name: 'trailing newline', raw: `${SK}\n`, expected: [{ kind: 'newline', position: 32, codePoint: 'U+000A' }] },
    {
      name: 'trailing CRLF',
      raw: `${SK}\r\n`,
      expected: [
        { kind: 'newline', position: 32, codePoint: 'U+000D' },
        { kind: 'newline', position: 33, codePoint: 'U+000A' },
      ],
    },
    { name: 'leading space', raw: ` ${SK}`, expected: [{ kind: 'leading-whitespace', position: 0, codePoint: 'U+0020' }] },
    { name: 'trailing tab', raw: `${SK}\t`, expected: [{ kind: 'trailing-whitespace', position: 32, codePoint: 'U+0009' }] },
    { name: 'inner space', raw: `sk_test_aB3d E5fG7hJ9kL1mN2pQ4rS6`, expected: [{ kind: 'inner-whitespace', position: 12, codePoint: 'U+0020' }] },
    {
      name: 'surrounding quotes',
      raw: `"${SK}"`,
      expected: [
        { kind: 'quote', position: 0, codePoint: 'U+0022' },
        { kind: 'quote', position: 33, codePoint: 'U+0022' },
      ],
    },
    { name: 'French quote', raw: `«${SK}`, expected: [{ kind: 'quote', position: 0, codePoint: 'U+00AB' }] },
    { name: 'zero-width space', raw: `sk_test_\u200b${OLD_BODY}`, expected: [{ kind: 'zero-width', position: 8, codePoint: 'U+200B' }] },
    { name: 'byte-order mark', raw: `\ufeff${SK}`, expected: [{ kind: 'zero-width', position: 0, codePoint: 'U+FEFF' }] },
    { name: 'left-to-right mark', raw: `${SK}\u200e`, expected: [{ kind: 'zero-width', position: 32, codePoint: 'U+200E' }] },
    { name: 'non-breaking space', raw: `${SK}\u00a0`, expected: [{ kind: 'nbsp', position: 32, codePoint: 'U+00A0' }] },
    { name: 'narrow non-breaking space', raw: `\u202f${SK}`, expected: [{ kind: 'nbsp', position: 0, codePoint: 'U+202F' }] },
    { name: 'C0 control', raw: `sk_test_\u0007${OLD_BODY}`, expected: [{ kind: 'control', position: 8, codePoint: 'U+0007' }] },
    { name: 'C1 control', raw: `sk_test_\u0090${OLD_BODY}`, expected: [{ kind: 'control', position: 8, codePoint: 'U+0090' }] },
    { name: 'line separator', raw: `${SK}\u2028`, expected: [{ kind: 'newline', position: 32, codePoint: 'U+2028' }] },
    {
      name: 'space hidden before an invisible character at the end',
      raw: `${SK} \u200b`,
      expected: [
        { kind: 'trailing-whitespace', position: 32, codePoint: 'U+0020' },
        { kind: 'zero-width', position: 33, codePoint: 'U+200B' },
      ],
    },
  ];
  it.each(rows)('$name', ({ raw, expected }) => {
    const facts = describeKey(raw);
    expect(facts.contamination).toEqual(expected);
    // The cleaned key is the one a person meant: same facts as the clean key.
    expect(facts.rawLength).toBe(raw.length);
    expect(facts.length).toBe(32);
    expect(facts.kind).toBe('secret');
    expect(facts.style).toBe('old');
    expect(facts.masked).toBe('sk_test_…4rS6');
  });

  it('counts positions in UTF-16 units of the raw value', () => {
    // The emoji (two UTF-16 units) is an unexpected character, part of the key; the space follows it.
    const facts = describeKey(`${SK}😀 `);
    const space = facts.contamination.find((c) => c.kind === 'trailing-whitespace');
    expect(space?.position).toBe(34);
  });

  it('flags unexpected printable characters but keeps them in the key', () => {
    const facts = describeKey(`sk_live_${OLD_BODY.slice(0, 10)}-${OLD_BODY.slice(10)}`);
    expect(facts.contamination).toEqual([{ kind: 'unexpected-character', position: 18, codePoint: 'U+002D' }]);
    expect(facts.length).toBe(33);
    expect(facts.style).toBe('other');
  });

  it('handles empty and blank values', () => {
    expect(describeKey('').length).toBe(0);
    const blank = describeKey('  \n');
    expect(blank.length).toBe(0);
    expect(blank.kind).toBeNull();
    expect(blank.contamination.map((c) => c.kind)).toEqual(['leading-whitespace', 'leading-whitespace', 'newline']);
  });
});

describe('maskSecret', () => {
  const rows: Array<{ name: string; value: string; masked: string }> = [
    { name: 'Stripe secret key', value: SK, masked: 'sk_test_…4rS6' },
    { name: 'Stripe key with surrounding spaces', value: `  pk_live_${OLD_BODY}  `, masked: 'pk_live_…4rS6' },
    { name: 'webhook secret', value: `whsec_${OLD_BODY}`, masked: 'whsec_…4rS6' },
    { name: 'short Stripe-like value shows only its prefix', value: 'sk_live_abcdefgh', masked: 'sk_live_…' },
    { name: 'webservice key (32 characters, no prefix)', value: 'ABCDEFGHIJKLMNOPQRSTUVWXYZ123456', masked: '…3456' },
    { name: 'password whose underscore is far in: no prefix shown', value: 'supersecretpassword_2024', masked: '…2024' },
    { name: 'short password: nothing shown', value: 'hunter2pw', masked: '…' },
    { name: 'empty value', value: '', masked: '…' },
  ];
  it.each(rows)('$name', ({ value, masked }) => {
    expect(maskSecret(value)).toBe(masked);
  });

  it('never shows more than a token prefix and four characters, and always hides at least eight', () => {
    const secrets = [SK, `pk_live_${newBody(ACCOUNT_A, 'z8')}`, 'my_db_password_is_long', 'ab_cd_efghijklmnop', 'x'.repeat(12), 'Passw0rd!Passw0rd!'];
    for (const secret of secrets) {
      const masked = maskSecret(secret);
      const [prefix, tail = ''] = masked.split('…');
      expect(secret.startsWith(prefix!)).toBe(true);
      expect(tail.length).toBeLessThanOrEqual(4);
      expect(secret.length - prefix!.length - tail.length).toBeGreaterThanOrEqual(8);
      expect(prefix).toMatch(/^([a-z]+_){0,2}$/);
    }
  });

  it('describeKey masks the cleaned key', () => {
    expect(describeKey(`\n"${SK}"\n`).masked).toBe('sk_test_…4rS6');
  });
});
