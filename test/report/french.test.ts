import { describe, expect, it, vi } from 'vitest';
import { formatNumber, frenchSpaces, frenchText, plural, pluralIsOne } from '../../src/report/french.js';

const FORMS = { fr: { one: '{n} échec', other: '{n} échecs' }, en: { one: '{n} failure', other: '{n} failures' } };

describe('plural', () => {
  it('follows each language’s rules: French 0 and 1 are singular, English only 1', () => {
    expect(plural('fr', 0, FORMS)).toBe('0 échec');
    expect(plural('fr', 1, FORMS)).toBe('1 échec');
    expect(plural('fr', 2, FORMS)).toBe('2 échecs');
    expect(plural('en', 0, FORMS)).toBe('0 failures');
    expect(plural('en', 1, FORMS)).toBe('1 failure');
    // Large French numbers are grouped with a non-breaking (narrow) space.
    expect(plural('fr', 1500, FORMS)).toBe('1\u202f500 échecs');
  });

  // Whole numbers are chosen without Intl (start-up, issue 9.4): the same choice as Intl.PluralRules.
  it('chooses as Intl.PluralRules does, in both languages, whole numbers without asking it', () => {
    const values = [0, -0, 1, -1, 2, -2, 3, 11, 21, 101, 1000, 1000000, 2000000, 1e9, Number.MAX_SAFE_INTEGER, 0.5, 1.5, -1.5, 2.5, 0.1, 1e21];
    for (let n = -300; n <= 300; n++) values.push(n);
    const rules = { fr: new Intl.PluralRules('fr-FR'), en: new Intl.PluralRules('en-GB') };
    for (const n of values) for (const lang of ['fr', 'en'] as const) expect(pluralIsOne(lang, n), `${lang} ${n}`).toBe(rules[lang].select(n) === 'one');
    const select = vi.spyOn(Intl.PluralRules.prototype, 'select');
    try {
      for (const n of [0, 1, 2, 1500]) for (const lang of ['fr', 'en'] as const) plural(lang, n, FORMS);
      expect(select).not.toHaveBeenCalled();
    } finally {
      select.mockRestore();
    }
  });
});

describe('formatNumber', () => {
  // Whole numbers are grouped without Intl (start-up, issue 9.4): the same text as Intl, byte for byte.
  it('writes whole numbers exactly as Intl.NumberFormat does, in both languages, and other numbers through it', () => {
    const values = [0, -0, 1, 7, 12, 999, 1000, -1000, 1001, 9999, 10000, 12345, 99999, 100000, 123456, 999999, 1000000, -1234567, 2 ** 31, Number.MAX_SAFE_INTEGER, -Number.MAX_SAFE_INTEGER, 1.5, -2.25, 1234.5678, 0.1];
    for (let i = 0; i < 2000; i++) values.push(Math.floor((Math.random() - 0.3) * 10 ** (1 + (i % 15))));
    for (const n of values) {
      expect(formatNumber('fr', n), `fr ${n}`).toBe(new Intl.NumberFormat('fr-FR').format(n));
      expect(formatNumber('en', n), `en ${n}`).toBe(new Intl.NumberFormat('en-GB').format(n));
    }
    expect(formatNumber('fr', 1234567)).toBe('1\u202f234\u202f567');
    expect(formatNumber('en', 1234567)).toBe('1,234,567');
  });
});

describe('frenchSpaces', () => {
  it('puts non-breaking spaces before : ; ! ?, inside « », in n° 5 and 5 %', () => {
    expect(frenchSpaces('À faire : ceci ; cela ! Vraiment ?')).toBe('À faire\u00a0: ceci\u202f; cela\u202f! Vraiment\u202f?');
    expect(frenchSpaces('cliquez sur « Enregistrer »')).toBe('cliquez sur «\u00a0Enregistrer\u00a0»');
    expect(frenchSpaces('le «Compte»')).toBe('le «\u00a0Compte\u00a0»');
    expect(frenchSpaces('caractère n° 33, remise de 5 %')).toBe('caractère n°\u00a033, remise de 5\u00a0%');
  });

  it('leaves colons without a space before them alone (times, URLs) and is idempotent', () => {
    const text = 'à 23:59 sur https://shop.example.fr/api?x=1';
    expect(frenchSpaces(text)).toBe(text);
    const once = frenchSpaces('Bilan : « OK » ; n° 5 !');
    expect(frenchSpaces(once)).toBe(once);
  });

  it('frenchText also makes apostrophes typographic, between letters only', () => {
    expect(frenchText("l'accès n'est pas 'cité'")).toBe('l’accès n’est pas \'cité\'');
  });
});
