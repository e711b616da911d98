// Issue 9, item 1: what a person sees of the progress events. The spinner's text counts, per
// source, the parts known among those started; the plain mode gives one line per step.

import { describe, expect, it } from 'vitest';
import type { GatherEvent } from '../../src/engine/progress.js';
import { progressLine, progressLines, progressTally, progressText } from '../../src/cli/progress.js';
import { redactor } from '../../src/secrets/redact.js';

const started = (source: 'prestashop' | 'database' | 'stripe' | 'sendcloud' | 'shop-front', n: number): GatherEvent[] =>
  Array.from({ length: n }, () => ({ type: 'part-started', source, part: 'prestashop.groups' }) as const);
const finished = (source: 'prestashop' | 'database' | 'stripe' | 'sendcloud', n: number): GatherEvent[] =>
  Array.from({ length: n }, () => ({ type: 'part-finished', source, part: 'prestashop.groups', status: 'ok' }) as const);
const cause = { source: 'stripe', kind: 'http', message: 'HTTP 401 from api.stripe.com' } as const;

function textAfter(events: GatherEvent[], lang: 'fr' | 'en' = 'en'): string {
  const tally = progressTally();
  events.forEach(tally.consume);
  return progressText(tally.counts(), lang);
}

describe('the spinner text', () => {
  it('says it is gathering before any event', () => {
    expect(textAfter([])).toBe('Gathering…');
    expect(textAfter([], 'fr')).toBe('Collecte…');
  });

  it('counts known parts among started ones, per source, in a fixed order', () => {
    const events = [...started('sendcloud', 6), ...started('prestashop', 9), ...finished('sendcloud', 4), ...finished('prestashop', 5), ...started('stripe', 3), ...finished('stripe', 2)];
    expect(textAfter(events)).toBe('PrestaShop 5/9 · Stripe 2/3 · Sendcloud 4/6');
  });

  it('shows the database source as PrestaShop, failures counted, the shop front in French', () => {
    const events: GatherEvent[] = [
      ...started('database', 2),
      ...finished('database', 1),
      { type: 'part-failed', source: 'database', part: 'prestashop.carriers', cause: { ...cause, source: 'database' } },
      ...started('shop-front', 1),
      { type: 'club-done', club: 'A' },
    ];
    expect(textAfter(events)).toBe('PrestaShop 2/2 (1 failed) · Shop front 0/1');
    expect(textAfter(events, 'fr')).toBe('PrestaShop 2/2 (1 en échec) · Vitrine 0/1');
  });
});

describe('the plain-line mode', () => {

  it('writes one line per part known and per club done, none for a start', () => {
    const lines: string[] = [];
    const listen = progressLines((line) => lines.push(line), 'en');
    const events: GatherEvent[] = [
      { type: 'part-started', source: 'prestashop', part: 'prestashop.groups' },
      { type: 'part-finished', source: 'prestashop', part: 'prestashop.groups', status: 'ok' },
      { type: 'part-finished', source: 'prestashop', part: 'prestashop.modules', status: 'unavailable' },
      { type: 'part-started', source: 'stripe', part: 'club.stripeAccount', club: 'Club A' },
      { type: 'part-failed', source: 'stripe', part: 'club.stripeAccount', club: 'Club A', cause },
      { type: 'club-done', club: 'Club A' },
    ];
    events.forEach(listen);
    expect(lines).toEqual([
      'PrestaShop · prestashop.groups: read',
      'PrestaShop · prestashop.modules: not visible to the configured sources',
      'Stripe · club.stripeAccount (Club A): failed: HTTP 401 from api.stripe.com',
      'Club A: all its parts are known',
    ]);
  });

  it('speaks French, keeps a line on one line, and masks a configured secret', () => {
    const secret = 'sk_live_51ProgressLineSecretXYZ0123456789';
    redactor.add(secret);
    const line = progressLine({ type: 'part-failed', source: 'stripe', part: 'club.stripeAccount', club: 'Club\nB', cause: { ...cause, message: `rejected ${secret}` } }, 'fr');
    expect(line).toMatch(/^Stripe · le compte Stripe du club \(Club B\)\u00a0: échec\u00a0: «\u00a0rejected /);
    expect(line).not.toContain(secret);
    expect(progressLine({ type: 'club-done', club: 'Club B' }, 'fr')).toBe('Club B\u00a0: toutes ses données sont connues');
  });
});
