// Start-up (issue 9): the configuration's schema is built on first use, so a snapshot diagnosis
// without a configuration file never pays for it — and a configuration file is still validated.
// Its own process (test/startup is not a unit folder): in the unit tests' shared module graph
// another file may already have built it.

import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { configSchemaBuilt } from '../../src/config/schema.js';
import { DEMO } from '../e2e/run-cli.js';
import { runInProcess } from '../e2e/run-in-process.js';

describe('the configuration schema, built on first use', () => {
  it('a snapshot diagnosis without configuration file does not build it; one with a file does, and still refuses a bad key', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'cd-lazy-config-'));
    writeFileSync(join(dir, 'package.json'), '{"name":"support-desk"}');
    const plain = await runInProcess(['diagnose', 'AS Saint-Étienne', '--snapshot', DEMO], { cwd: dir });
    expect(plain.code).toBe(1);
    expect(configSchemaBuilt()).toBe(false);

    writeFileSync(join(dir, '.checkout-doctorrc.json'), JSON.stringify({ checks: { 'stripe-keys-format': 'off' } }));
    const configured = await runInProcess(['diagnose', 'AS Saint-Étienne', '--snapshot', DEMO, '--format', 'json'], { cwd: dir });
    expect(configSchemaBuilt()).toBe(true);
    expect(configured.stderr).not.toMatch(/configuration/i);
    expect((JSON.parse(configured.stdout) as { clubs: { results: { id: string }[] }[] }).clubs[0]!.results.map((r) => r.id)).not.toContain('stripe-keys-format');

    writeFileSync(join(dir, '.checkout-doctorrc.json'), JSON.stringify({ checks: {}, prestashopp: {} }));
    const bad = await runInProcess(['diagnose', 'AS Saint-Étienne', '--snapshot', DEMO], { cwd: dir });
    expect(bad.code).toBe(2);
    expect(bad.stderr).toMatch(/prestashopp/);
  });
});
