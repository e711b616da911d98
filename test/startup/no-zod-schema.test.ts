// Start-up (issue 9): a snapshot diagnosis of well-formed data builds no zod schema at all — the
// snapshot file, its envelopes and every part take the fast path (src/engine/shapes.ts), the
// facts about Stripe keys are computed without their schemas (src/secrets/key-facts-schema.ts),
// and configuration keys named by the report are told from a generated tree (src/config/keys.ts).
// Building the first schemas cost ~5 ms of CPU (zod installs its members on each class's
// prototype at the first schema of that class), parsing with them more.
// Its own process (test/startup is not a unit folder): another file of a shared worker may
// already have built schemas.

import * as z from 'zod';
import { describe, expect, it } from 'vitest';
import { builtinChecks } from '../../checks/index.js';
import { runChecks } from '../../src/engine/runner.js';
import { loadSnapshot } from '../../src/engine/snapshot.js';
import { describeKey } from '../../src/secrets/stripe-key.js';
import { runInProcess } from '../e2e/run-in-process.js';

const DEMO = 'fixtures/demo-shop.snapshot.json';

/** The zod classes of which a schema was built in this process: zod installs a class's members on its prototype at its first schema. */
const builtClasses = () =>
  Object.entries(z)
    .filter(([name, value]) => /^Zod[A-Z]/.test(name) && typeof value === 'function' && value.prototype && Object.getOwnPropertyNames(value.prototype).length > 1)
    .map(([name]) => name);

describe('a snapshot diagnosis builds no zod schema', () => {
  it('diagnose --all of the demo snapshot builds none, though its report names configuration keys', async () => {
    expect(builtClasses()).toEqual([]);
    for (const format of ['pretty', 'json']) {
      const r = await runInProcess(['diagnose', '--all', '--snapshot', DEMO, '--format', format, '--lang', 'fr']);
      expect(r.code).toBe(1);
      expect(r.stdout).toMatch(/clubs\[\]\.stripe|prestashop\.|dynamicCoupons/);
    }
    expect(builtClasses()).toEqual([]);
  });

  it('loading the demo snapshot, describing a key and evaluating every club build none; building one is seen', async () => {
    expect(builtClasses()).toEqual([]);
    const snapshot = await loadSnapshot(DEMO);
    expect(describeKey('sk_test_51AbCdEfGhIjKlMnOpQrStUvWx \n').contamination.length).toBeGreaterThan(0);
    for (const club of snapshot.clubs) {
      const results = await runChecks({ checks: builtinChecks, snapshot, club, query: {} });
      expect(results.filter((r) => r.cause?.kind === 'malformed')).toEqual([]);
    }
    expect(builtClasses()).toEqual([]);
    // The probe itself works: one schema built, and its classes are seen.
    z.object({ name: z.string() });
    expect(builtClasses()).toEqual(expect.arrayContaining(['ZodObject', 'ZodString']));
  });
});
