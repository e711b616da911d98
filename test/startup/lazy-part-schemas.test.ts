// Start-up (issue 9): the schemas of the answers to --customer, --code and --order are built on
// their first parse only, so a snapshot diagnosis without those questions never pays for them —
// and a run that asks still validates them as strictly. Well-formed answers take the fast path
// (src/engine/shapes.ts) and build nothing; a malformed one builds its schema, for zod's issues.
// Its own process (test/startup is not a unit folder): the unit tests share one module graph per
// worker, where another file may already have built these schemas.

import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { builtinChecks } from '../../checks/index.js';
import { builtLazySchemas } from '../../src/engine/parts.js';
import { runChecks } from '../../src/engine/runner.js';
import { answeredQueries, parseSnapshot, type Snapshot } from '../../src/engine/snapshot.js';

const DEMO = 'fixtures/demo-shop.snapshot.json';
const demo = (): Snapshot => parseSnapshot(readFileSync(DEMO, 'utf8'), DEMO);

describe('lazily built part schemas', () => {
  it('a diagnosis of every club without questions builds none of them', async () => {
    expect(builtLazySchemas()).toEqual([]);
    const snapshot = demo();
    for (const club of snapshot.clubs) {
      const results = await runChecks({ checks: builtinChecks, snapshot, club, query: {} });
      expect(results.length).toBe(builtinChecks.length);
    }
    expect(builtLazySchemas()).toEqual([]);
  });

  it('a question whose answer is well formed builds no schema either (the fast path validates it)', async () => {
    const snapshot = demo();
    const code = answeredQueries(snapshot, 'code')[0]!;
    const results = await runChecks({ checks: builtinChecks, snapshot, club: snapshot.clubs[0]!, query: { code } });
    const promo = results.find((r) => r.check.meta.id === 'promo-code')!;
    expect(promo.status).not.toBe('skip');
    expect(promo.cause?.kind).not.toBe('malformed');
    expect(builtLazySchemas()).toEqual([]);
  });

  it('a malformed answer is still refused with the path of the bad field', async () => {
    const snapshot = demo();
    const customer = answeredQueries(snapshot, 'customer')[0]!;
    const envelope = snapshot.lookups.customer![customer]!;
    expect(envelope.status).toBe('ok');
    const data = (envelope as { data: { query: string; matches: Record<string, unknown>[] } }).data;
    snapshot.lookups.customer![customer] = { status: 'ok', data: { ...data, matches: [{ ...data.matches[0], active: 'yes' }] } };
    const results = await runChecks({ checks: builtinChecks, snapshot, club: snapshot.clubs[0]!, query: { customer } });
    const needing = results.filter((r) => r.check.meta.needs.includes('prestashop.customer'));
    expect(needing.length).toBeGreaterThan(0);
    for (const r of needing) {
      expect(r.status).toBe('error');
      expect(r.cause?.kind).toBe('malformed');
      expect(r.cause?.message).toContain('prestashop.customer.matches[0].active');
    }
    expect(builtLazySchemas()).toContain('customer');
  });
});
