// Issue 9, item 1: the progress emitter. Each (club, part) is started once and settled once, a
// settle of a part never started starts it first, and nothing at all happens without a listener.

import { describe, expect, it } from 'vitest';
import { gatherProgress, type GatherEvent } from '../../src/engine/progress.js';

const cause = { source: 'stripe', kind: 'http', message: 'HTTP 401 from api.stripe.com' } as const;

function recorded() {
  const events: GatherEvent[] = [];
  return { events, progress: gatherProgress((e) => events.push(e)) };
}

describe('gatherProgress', () => {
  it('is silent and says so without a listener', () => {
    const progress = gatherProgress(undefined);
    expect(progress.listening).toBe(false);
    // No listener to call: these must not throw nor keep state.
    progress.start('prestashop', ['prestashop.groups']);
    progress.settle('prestashop', { 'prestashop.groups': { status: 'ok', data: [] } });
    progress.clubDone({ key: '0', name: 'A' });
  });

  it('emits started, then finished with the status, or failed with the cause', () => {
    const { events, progress } = recorded();
    expect(progress.listening).toBe(true);
    progress.start('prestashop', ['prestashop.groups', 'prestashop.modules']);
    progress.settle('prestashop', { 'prestashop.groups': { status: 'ok', data: [] }, 'prestashop.modules': { status: 'unavailable', reason: { fr: 'x', en: 'x' } } });
    progress.start('stripe', ['club.stripeAccount'], { key: '0', name: 'Club A' });
    progress.settle('stripe', { 'club.stripeAccount': { status: 'failed', cause } }, { key: '0', name: 'Club A' });
    progress.clubDone({ key: '0', name: 'Club A' });
    expect(events).toEqual([
      { type: 'part-started', source: 'prestashop', part: 'prestashop.groups' },
      { type: 'part-started', source: 'prestashop', part: 'prestashop.modules' },
      { type: 'part-finished', source: 'prestashop', part: 'prestashop.groups', status: 'ok' },
      { type: 'part-finished', source: 'prestashop', part: 'prestashop.modules', status: 'unavailable' },
      { type: 'part-started', source: 'stripe', part: 'club.stripeAccount', club: 'Club A' },
      { type: 'part-failed', source: 'stripe', part: 'club.stripeAccount', club: 'Club A', cause },
      { type: 'club-done', club: 'Club A' },
    ]);
  });

  it('starts a part settled without a start, and reports each part and club once', () => {
    const { events, progress } = recorded();
    const ok = { status: 'ok', data: {} } as const;
    progress.start('sendcloud', ['sendcloud.user']);
    progress.start('sendcloud', ['sendcloud.user']);
    progress.settle('sendcloud', { 'sendcloud.user': ok, 'sendcloud.integrations': ok });
    // The sweep after a stopped run settles everything again: no second event.
    progress.settle('sendcloud', { 'sendcloud.user': { status: 'failed', cause } });
    progress.clubDone({ key: '1', name: 'B' });
    progress.clubDone({ key: '1', name: 'B' });
    expect(events.map((e) => (e.type === 'club-done' ? `done ${e.club}` : `${e.type} ${e.part}`))).toEqual([
      'part-started sendcloud.user',
      'part-finished sendcloud.user',
      'part-started sendcloud.integrations',
      'part-finished sendcloud.integrations',
      'done B',
    ]);
  });

  it('keeps two clubs of the same name apart (keyed by position, not name)', () => {
    const { events, progress } = recorded();
    const ok = { status: 'ok', data: {} } as const;
    progress.settle('stripe', { 'club.stripeAccount': ok }, { key: '0', name: 'Twin' });
    progress.settle('stripe', { 'club.stripeAccount': ok }, { key: '1', name: 'Twin' });
    progress.clubDone({ key: '0', name: 'Twin' });
    progress.clubDone({ key: '1', name: 'Twin' });
    expect(events.filter((e) => e.type === 'part-finished')).toHaveLength(2);
    expect(events.filter((e) => e.type === 'club-done')).toHaveLength(2);
  });
});
