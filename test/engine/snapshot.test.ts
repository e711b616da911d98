import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { UsageError } from '../../src/engine/errors.js';
import { loadSnapshot, parseSnapshot } from '../../src/engine/snapshot.js';
import { KeyFactsSchema } from '../../src/secrets/key-facts-schema.js';

const base = { format: 'checkout-doctor-snapshot', schemaVersion: 1, generatedAt: '2026-03-01T12:00:00Z' };

function parseError(text: string): UsageError {
  try {
    parseSnapshot(text, 'shop.json');
  } catch (error) {
    if (error instanceof UsageError) return error;
    throw error;
  }
  throw new Error('expected a UsageError');
}

describe('parseSnapshot', () => {
  it('text that is not JSON is a usage error naming the file', () => {
    const error = parseError('{"format": "checkout-doctor-snapshot",');
    expect(error.message).toMatch(/^shop\.json is not valid JSON/);
    expect(error.hint).toContain('checkout-doctor snapshot');
  });

  it('JSON that is not a snapshot is a usage error saying what is wrong', () => {
    expect(parseError('{"clubs": []}').message).toMatch(/shop\.json is not a checkout-doctor snapshot: .*format/);
    expect(parseError('[1, 2]').message).toContain('is not a checkout-doctor snapshot');
    expect(parseError(JSON.stringify({ ...base, generatedAt: 'yesterday', clubs: [] })).message).toContain('generatedAt');
  });

  it('fills the optional sections with empty defaults', () => {
    const snapshot = parseSnapshot(JSON.stringify({ ...base, clubs: [{ name: 'FC Lyon' }] }), 'shop.json');
    expect(snapshot).toMatchObject({ shop: {}, sources: {}, parts: {}, lookups: {}, clubs: [{ name: 'FC Lyon', parts: {} }] });
  });

  it('a bad part envelope becomes a failed envelope naming where it is; the rest loads', () => {
    const snapshot = parseSnapshot(
      JSON.stringify({
        ...base,
        parts: { 'prestashop.groups': { status: 'ok', data: [] } },
        clubs: [{ name: 'FC Lyon', parts: { 'club.group': { id: 4, name: 'FC Lyon' }, 'club.category': { status: 'ok', data: null } } }],
      }),
      'shop.json',
    );
    const bad = snapshot.clubs[0]!.parts['club.group'];
    expect(bad?.status).toBe('failed');
    if (bad?.status !== 'failed') throw new Error('unreachable');
    expect(bad.cause).toMatchObject({ source: 'snapshot', kind: 'malformed' });
    expect(bad.cause.message).toContain('clubs[0].parts.club.group');
    expect(snapshot.clubs[0]!.parts['club.category']).toEqual({ status: 'ok', data: null });
    expect(snapshot.parts['prestashop.groups']).toEqual({ status: 'ok', data: [] });
  });

  it('ignores part names it does not know (newer tool versions)', () => {
    const snapshot = parseSnapshot(JSON.stringify({ ...base, parts: { 'future.thing': { status: 'ok', data: 1 } }, clubs: [] }), 'shop.json');
    expect(snapshot.parts).toEqual({});
  });

  it('reduces raw Stripe keys in club.stripeKeys to key facts', () => {
    const sk = 'sk_test_' + 'a1B2c3D4e5F6g7H8i9J0k1L2';
    const pk = ' pk_test_' + 'Z9y8X7w6V5u4T3s2R1q0P9o8\n';
    const snapshot = parseSnapshot(
      JSON.stringify({
        ...base,
        clubs: [{ name: 'FC Lyon', parts: { 'club.stripeKeys': { status: 'ok', data: { origin: 'shop', mode: 'test', publishableKey: pk, secretKey: sk } } } }],
      }),
      'shop.json',
    );
    const envelope = snapshot.clubs[0]!.parts['club.stripeKeys'];
    if (envelope?.status !== 'ok') throw new Error('expected ok');
    const data = envelope.data as { publishableKey: unknown; secretKey: unknown; origin: string };
    expect(data.origin).toBe('shop');
    const secret = KeyFactsSchema.parse(data.secretKey);
    expect(secret).toMatchObject({ kind: 'secret', mode: 'test', style: 'old', masked: 'sk_test_…k1L2' });
    const publishable = KeyFactsSchema.parse(data.publishableKey);
    expect(publishable.kind).toBe('publishable');
    expect(publishable.contamination.map((c) => c.kind)).toEqual(['leading-whitespace', 'newline']);
    const text = JSON.stringify(snapshot);
    expect(text).not.toContain(sk);
    expect(text).not.toContain(pk.trim());
  });

  it('keys lookups by the normalised question', () => {
    const snapshot = parseSnapshot(
      JSON.stringify({
        ...base,
        lookups: {
          customer: { 'Paul@Example.FR': { status: 'ok', data: { query: 'Paul@Example.FR', matches: [] } } },
          order: { xkbkny: { status: 'ok', data: { query: 'xkbkny', matches: [] } } },
          unknownQuestion: { a: { status: 'ok', data: 1 } },
        },
        clubs: [],
      }),
      'shop.json',
    );
    expect(Object.keys(snapshot.lookups.customer ?? {})).toEqual(['paul@example.fr']);
    expect(Object.keys(snapshot.lookups.order ?? {})).toEqual(['XKBKNY']);
    expect(snapshot.lookups).not.toHaveProperty('unknownQuestion');
  });
});

describe('loadSnapshot', () => {
  it('an unreadable file is a usage error naming it', async () => {
    await expect(loadSnapshot('/nonexistent/shop.json')).rejects.toThrow(/Cannot read snapshot \/nonexistent\/shop\.json \(ENOENT\)/);
  });

  it('reads a file', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'cd-snap-'));
    writeFileSync(join(dir, 's.json'), JSON.stringify({ ...base, clubs: [{ name: 'A' }] }));
    expect((await loadSnapshot(join(dir, 's.json'))).clubs.map((c) => c.name)).toEqual(['A']);
  });
});

describe('parseSnapshot keeps raw-key reduction to the Stripe keys part', () => {
  it('leaves a secretKey field of another part untouched', () => {
    const text = JSON.stringify({
      format: 'checkout-doctor-snapshot',
      schemaVersion: 1,
      generatedAt: '2026-11-20T09:30:00Z',
      clubs: [
        {
          name: 'X',
          parts: {
            'club.group': { status: 'ok', data: { id: 1, name: 'X', secretKey: 'not-a-stripe-key' } },
            'club.stripeKeys': { status: 'ok', data: { origin: 'config', mode: null, publishableKey: null, secretKey: 'sk_test_abcdefghijklmnopqrstuvwx' } },
          },
        },
      ],
    });
    const parts = parseSnapshot(text, 'x.json').clubs[0]!.parts;
    expect((parts['club.group'] as { data: { secretKey: unknown } }).data.secretKey).toBe('not-a-stripe-key');
    expect((parts['club.stripeKeys'] as { data: { secretKey: { masked: string } } }).data.secretKey.masked).toBe('sk_test_…uvwx');
  });
});
