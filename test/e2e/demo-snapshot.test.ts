// The bundled demo snapshot is a recording of the demo fixture shop through the real sources
// (scripts/record-demo-snapshot.ts). This test records it again and compares: fixtures and
// sources cannot drift apart without someone running `npm run record-demo` and looking at the diff.

import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { recordDemoSnapshot } from '../../scripts/record-demo-snapshot.js';
import { DEMO, ROOT, fixtureSecrets } from './run-cli.js';

describe('fixtures/demo-shop.snapshot.json', () => {
  it('is what recording the demo fixture shop gives today (else: npm run record-demo)', async () => {
    const fresh = JSON.parse(JSON.stringify(await recordDemoSnapshot(ROOT)));
    const committed = JSON.parse(readFileSync(DEMO, 'utf8'));
    expect(committed).toEqual(fresh);
  }, 120_000);

  it('holds no secret of the fixtures it was recorded from', () => {
    const text = readFileSync(DEMO, 'utf8');
    const secrets = fixtureSecrets().filter((s) => s.trim().length >= 8);
    expect(secrets.length).toBeGreaterThan(10);
    for (const secret of secrets) expect(text).not.toContain(secret.trim());
  });
});
