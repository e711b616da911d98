// src/cli/replay.ts: which questions a snapshot replay re-evaluates by default.

import { describe, expect, it } from 'vitest';
import type { Snapshot } from '../../src/engine/snapshot.js';
import { replayQuery, shellArg } from '../../src/cli/replay.js';

const snapshot = (lookups: Snapshot['lookups']): Snapshot => ({
  format: 'checkout-doctor-snapshot',
  schemaVersion: 1,
  generatedAt: '2026-11-20T09:30:00Z',
  shop: {},
  sources: {},
  parts: {},
  lookups,
  clubs: [],
});

const failed = { status: 'failed' as const, cause: { source: 'prestashop' as const, kind: 'timeout', message: 'timed out' } };

describe('replayQuery', () => {
  it('replays the one question of each kind, as typed, and says so', () => {
    const s = snapshot({
      customer: { 'o’brien|x@example.fr': { status: 'ok', data: { query: "O'Brien|X@example.fr", matches: [] } } },
      code: { ete2025: { status: 'ok', data: { code: 'ETE2025', matches: [] } } },
      order: { PAYEEEEEE: failed },
    });
    // The customer's typed form does not normalise to its key: the key is used.
    const { query, notes } = replayQuery(s, {});
    expect(query).toEqual({ customer: 'o’brien|x@example.fr', code: 'ETE2025', order: 'PAYEEEEEE' });
    expect(notes).toEqual([
      "checkout-doctor: re-evaluating what the snapshot was taken with: --customer 'o’brien|x@example.fr' --code ETE2025 --order PAYEEEEEE (give --customer, --code or --order to ask something else).",
    ]);
  });

  it('lists several questions of a kind with the flag to repeat, and guesses none', () => {
    const s = snapshot({ code: { a: { status: 'ok', data: { code: 'A', matches: [] } }, 'b c': failed }, order: { X: failed } });
    const { query, notes } = replayQuery(s, {});
    expect(query).toEqual({ order: 'X' });
    expect(notes.slice(1)).toEqual(['checkout-doctor: the snapshot also answers these questions; repeat the one to evaluate:', '  --code A', "  --code 'b c'"]);
  });

  it('adds nothing once the person asked something', () => {
    const s = snapshot({ code: { a: failed }, customer: { 'x@y.fr': failed } });
    expect(replayQuery(s, { code: 'B' })).toEqual({ query: { code: 'B' }, notes: [] });
  });

  it('quotes values a shell would misread', () => {
    expect(shellArg('paul.martin@example.fr')).toBe('paul.martin@example.fr');
    expect(shellArg("it's")).toBe(`'it'\\''s'`);
  });
});
