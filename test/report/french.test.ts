import { describe, expect, it } from 'vitest';
import { frenchSpaces, frenchText, plural } from '../../src/report/french.js';

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
