// The runner: each check sees only its declared parts; missing, failed, malformed and unavailable
// parts become error or manual results; a crashing check does not stop the others.

import { describe, expect, it } from 'vitest';
import { runChecks, type CheckResult } from '../../src/engine/runner.js';
import type { ClubSnapshot, PartMap, Snapshot } from '../../src/engine/snapshot.js';
import { t, type Check, type CheckContext, type CheckMeta, type CheckOutcome, type Query } from '../../src/engine/types.js';

function snapshotOf(clubParts: PartMap, shopParts: PartMap = {}, lookups: Snapshot['lookups'] = {}): { snapshot: Snapshot; club: ClubSnapshot } {
  const club: ClubSnapshot = { name: 'FC Lyon', parts: clubParts };
  return {
    club,
    snapshot: { format: 'checkout-doctor-snapshot', schemaVersion: 1, generatedAt: '2026-03-01T12:00:00Z', shop: {}, sources: {}, parts: shopParts, lookups, clubs: [club] },
  };
}

function check(meta: Partial<CheckMeta>, run: (ctx: CheckContext) => CheckOutcome | Promise<CheckOutcome> = () => ({ status: 'pass', message: t('ok', 'ok') })): Check {
  return {
    meta: {
      id: 'probe',
      category: 'shop',
      severity: 'fail',
      needs: [],
      title: t('Sonde', 'Probe'),
      description: t('Sonde', 'Probe'),
      docs: 'test',
      ...meta,
    },
    run,
  };
}

async function runOne(c: Check, parts: PartMap, options: { shop?: PartMap; query?: Query; settings?: Record<string, { severity?: 'warn' | 'fail'; options?: Record<string, unknown> }>; lookups?: Snapshot['lookups'] } = {}): Promise<CheckResult> {
  const { snapshot, club } = snapshotOf(parts, options.shop, options.lookups);
  const [result] = await runChecks({ checks: [c], snapshot, club, query: options.query ?? {}, settings: options.settings });
  return result!;
}

const group = { status: 'ok' as const, data: { id: 4, name: 'FC Lyon' } };
const category = { status: 'ok' as const, data: { id: 12, name: 'Lyon', active: true } };

describe('parts', () => {
  it('gives a check its declared parts, validated, and nothing else', async () => {
    let seen: CheckContext | undefined;
    const result = await runOne(
      check({ needs: ['club.group'] }, (ctx) => {
        seen = ctx;
        return { status: 'pass', message: t('ok', 'ok') };
      }),
      { 'club.group': group, 'club.category': category },
    );
    expect(result.status).toBe('pass');
    expect(seen?.parts['club.group']).toEqual({ id: 4, name: 'FC Lyon' });
    expect(seen?.parts).not.toHaveProperty('club.category');
    expect(seen?.club).toEqual({ name: 'FC Lyon' });
    expect(seen?.now.toISOString()).toBe('2026-03-01T12:00:00.000Z');
  });

  it('a missing required part is an error naming the part', async () => {
    const result = await runOne(check({ needs: ['club.group', 'club.category'] }), { 'club.group': group });
    expect(result.status).toBe('error');
    expect(result.message.en).toContain('"club.category"');
    // French names what the part holds, never the internal part name.
    expect(result.message.fr).toContain('la catégorie du club');
    expect(result.message.fr).not.toContain('club.category');
    expect(result.cause).toMatchObject({ kind: 'not-gathered' });
  });

  it('a failed part is an error carrying the cause: host, status and code', async () => {
    const cause = {
      source: 'prestashop' as const,
      kind: 'http',
      message: 'webservice refused the key',
      host: 'shop.example.fr',
      status: 401,
      code: 'WS_KEY_DISABLED',
      fix: [t('Réactivez la clé.', 'Enable the key again.')],
    };
    const result = await runOne(check({ needs: ['prestashop.groups'] }), {}, { shop: { 'prestashop.groups': { status: 'failed', cause } } });
    expect(result.status).toBe('error');
    expect(result.cause).toEqual(cause);
    expect(result.message.en).toContain('prestashop.groups');
    expect(result.message.en).toContain('shop.example.fr');
    expect(result.message.en).toContain('HTTP 401');
    expect(result.message.en).toContain('WS_KEY_DISABLED');
    expect(result.remediation).toEqual(cause.fix);
  });

  it('malformed part data is an error naming the JSON path inside the part', async () => {
    const result = await runOne(check({ needs: ['prestashop.groups'] }), {}, {
      shop: { 'prestashop.groups': { status: 'ok', data: [{ id: 1, name: 'Visiteur' }, { id: 'two', name: 'Client' }] } },
    });
    expect(result.status).toBe('error');
    expect(result.message.en).toContain('prestashop.groups[1].id');
    expect(result.cause).toMatchObject({ source: 'snapshot', kind: 'malformed' });
  });

  it('an unavailable required part makes the check manual, with its manual steps', async () => {
    const steps = [t('Ouvrez la catégorie.', 'Open the category.'), t('Cochez le groupe.', 'Tick the group.')];
    const reason = t('Le webservice ne montre pas les accès.', 'The webservice does not show group access.');
    let ran = false;
    const result = await runOne(
      check({ needs: ['club.categoryAccess'], manualSteps: steps }, () => {
        ran = true;
        return { status: 'pass', message: t('ok', 'ok') };
      }),
      { 'club.categoryAccess': { status: 'unavailable', reason } },
    );
    expect(ran).toBe(false);
    expect(result.status).toBe('manual');
    expect(result.message).toEqual(reason);
    expect(result.remediation).toEqual(steps);
  });

  it('an unavailable optional part reaches the check as ctx.unavailable', async () => {
    const reason = t('Base de données non configurée.', 'No database configured.');
    let seen: CheckContext | undefined;
    const result = await runOne(
      check({ needs: ['club.group'], optional: ['club.categoryAccess'] }, (ctx) => {
        seen = ctx;
        return { status: 'manual', message: ctx.unavailable['club.categoryAccess']! };
      }),
      { 'club.group': group, 'club.categoryAccess': { status: 'unavailable', reason } },
    );
    expect(seen?.unavailable['club.categoryAccess']).toEqual(reason);
    expect(seen?.parts).not.toHaveProperty('club.categoryAccess');
    expect(result.status).toBe('manual');
  });

  it('an absent optional part is simply absent', async () => {
    let seen: CheckContext | undefined;
    await runOne(
      check({ optional: ['club.categoryAccess'] }, (ctx) => {
        seen = ctx;
        return { status: 'pass', message: t('ok', 'ok') };
      }),
      {},
    );
    expect(seen?.parts).toEqual({});
    expect(seen?.unavailable).toEqual({});
  });

  it('a failed optional part is still an error (the cause must be seen)', async () => {
    const cause = { source: 'database' as const, kind: 'connect', message: 'connection refused', host: '127.0.0.1' };
    const result = await runOne(check({ optional: ['club.categoryAccess'] }), { 'club.categoryAccess': { status: 'failed', cause } });
    expect(result.status).toBe('error');
    expect(result.cause).toEqual(cause);
  });
});

describe('checks that misbehave', () => {
  it('a throwing check becomes an error and the other checks still run', async () => {
    const { snapshot, club } = snapshotOf({});
    const results = await runChecks({
      checks: [
        check({ id: 'first' }),
        check({ id: 'boom' }, () => {
          throw new Error('kaboom');
        }),
        check({ id: 'async-boom' }, async () => {
          await Promise.resolve();
          throw new TypeError('cannot read x of undefined');
        }),
        check({ id: 'last' }),
      ],
      snapshot,
      club,
      query: {},
    });
    expect(results.map((r) => [r.check.meta.id, r.status])).toEqual([
      ['first', 'pass'],
      ['boom', 'error'],
      ['async-boom', 'error'],
      ['last', 'pass'],
    ]);
    expect(results[1]!.message.en).toContain('kaboom');
    expect(results[1]!.stack).toContain('kaboom');
    expect(results[2]!.message.en).toContain('cannot read x of undefined');
  });

  it('a check returning something that is not an outcome becomes an error, not a broken report', async () => {
    const bad = await runOne(check({}, () => ({ status: 'ok', message: t('x', 'x') }) as unknown as CheckOutcome), {});
    expect(bad.status).toBe('error');
    expect(bad.message.en).toContain('"ok"');
    const noText = await runOne(check({}, () => ({ status: 'pass', message: 'fine' }) as unknown as CheckOutcome), {});
    expect(noText.status).toBe('error');
  });

  it('times a slow asynchronous check', async () => {
    const result = await runOne(
      check({}, async () => {
        await new Promise((r) => setTimeout(r, 60));
        return { status: 'pass', message: t('ok', 'ok') };
      }),
      {},
    );
    expect(result.durationMs).toBeGreaterThanOrEqual(45);
  });
});

describe('settings and questions', () => {
  const failing = check({ id: 'strict' }, () => ({ status: 'fail', message: t('non', 'no'), remediation: [t('faire', 'do')] }));

  it('a severity override turns fail into warn', async () => {
    const result = await runOne(failing, {}, { settings: { strict: { severity: 'warn' } } });
    expect(result.status).toBe('warn');
    expect(result.severity).toBe('warn');
    expect(result.remediation).toEqual([t('faire', 'do')]);
  });

  it('without override the default severity applies; an override never touches pass', async () => {
    expect((await runOne(failing, {})).status).toBe('fail');
    const passing = await runOne(check({ id: 'ok' }), {}, { settings: { ok: { severity: 'warn' } } });
    expect(passing.status).toBe('pass');
    expect(passing.severity).toBe('warn');
  });

  it('options are the defaults overridden by the settings', async () => {
    let options: Record<string, unknown> = {};
    await runOne(
      check({ id: 'opts', defaultOptions: { dormantDays: 30, mode: 'strict' } }, (ctx) => {
        options = ctx.options;
        return { status: 'pass', message: t('ok', 'ok') };
      }),
      {},
      { settings: { opts: { options: { dormantDays: 90 } } } },
    );
    expect(options).toEqual({ dormantDays: 90, mode: 'strict' });
  });

  it('a check that asks a question is skipped when it was not asked', async () => {
    let ran = false;
    const result = await runOne(
      check({ asks: 'customer', needs: ['prestashop.customer'] }, () => {
        ran = true;
        return { status: 'pass', message: t('ok', 'ok') };
      }),
      {},
    );
    expect(ran).toBe(false);
    expect(result.status).toBe('skip');
    expect(result.message.en).toContain('--customer');
  });

  it('an asked question reads its answer from the lookups (normalised key)', async () => {
    let seen: unknown;
    const data = { query: 'paul@example.fr', matches: [] };
    const result = await runOne(
      check({ asks: 'customer', needs: ['prestashop.customer'] }, (ctx) => {
        seen = ctx.parts['prestashop.customer'];
        return { status: 'pass', message: t('ok', 'ok') };
      }),
      {},
      { query: { customer: '  Paul@Example.FR ' }, lookups: { customer: { 'paul@example.fr': { status: 'ok', data } } } },
    );
    expect(result.status).toBe('pass');
    expect(seen).toEqual(data);
  });

  it('an asked question the snapshot cannot answer is an error listing what it holds', async () => {
    const result = await runOne(check({ asks: 'customer', needs: ['prestashop.customer'] }), {}, {
      query: { customer: 'nobody@example.fr' },
      lookups: { customer: { 'paul@example.fr': { status: 'ok', data: { query: 'paul@example.fr', matches: [] } } } },
    });
    expect(result.status).toBe('error');
    expect(result.message.en).toContain('--customer "nobody@example.fr"');
    expect(result.message.en).toContain('paul@example.fr');
  });
});
