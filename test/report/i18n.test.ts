import { describe, expect, it } from 'vitest';
import { STATUSES } from '../../src/engine/types.js';
import { CATEGORY_LABELS, STATUS_LABELS, SUMMARY_LABELS, UI, detectLang } from '../../src/report/i18n.js';

describe('detectLang', () => {
  it('LC_ALL wins over LANG; fr* is French, anything else English', () => {
    expect(detectLang({ LANG: 'fr_FR.UTF-8' })).toBe('fr');
    expect(detectLang({ LC_ALL: 'fr_CA.UTF-8', LANG: 'en_US.UTF-8' })).toBe('fr');
    expect(detectLang({ LC_ALL: 'en_US.UTF-8', LANG: 'fr_FR.UTF-8' })).toBe('en');
    expect(detectLang({ LC_ALL: '', LANG: 'FR_fr' })).toBe('fr');
    expect(detectLang({ LANG: 'C' })).toBe('en');
    expect(detectLang({})).toBe('en');
  });
});

describe('frame texts', () => {
  it('exist in both languages', () => {
    const tables = [CATEGORY_LABELS, STATUS_LABELS, SUMMARY_LABELS, UI] as Array<Record<string, { fr: string; en: string }>>;
    for (const table of tables) for (const [key, text] of Object.entries(table)) expect([key, !!text.fr && !!text.en]).toEqual([key, true]);
    for (const s of STATUSES) expect(STATUS_LABELS[s] && SUMMARY_LABELS[s]).toBeTruthy();
  });
});
