// Start-up (issue 9): the schema of a JSON report (read for --baseline and by merge) is built on its
// first use, so a diagnosis without --baseline never pays for it — and a baseline is still checked.
// Its own process (test/startup is not a unit folder): in the unit tests' shared module graph
// another file may already have built it.

import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { reportSchemaBuilt } from '../../src/report/read-report.js';
import { DEMO } from '../e2e/run-cli.js';
import { runInProcess } from '../e2e/run-in-process.js';

describe('the JSON report schema, built on first use', () => {
  it('a diagnosis without --baseline does not build it; one with --baseline does, and still refuses a bad baseline', async () => {
    const plain = await runInProcess(['diagnose', 'AS Saint-Étienne', '--snapshot', DEMO, '--format', 'json']);
    expect(plain.code).toBe(1);
    expect(reportSchemaBuilt()).toBe(false);

    const dir = mkdtempSync(join(tmpdir(), 'cd-lazy-report-'));
    writeFileSync(join(dir, 'baseline.json'), plain.stdout);
    const compared = await runInProcess(['diagnose', 'AS Saint-Étienne', '--snapshot', DEMO, '--baseline', join(dir, 'baseline.json'), '--fail-on', 'new']);
    expect(compared.stderr).not.toMatch(/baseline/i);
    expect(compared.code).toBe(0);
    expect(reportSchemaBuilt()).toBe(true);

    writeFileSync(join(dir, 'bad.json'), JSON.stringify({ ...JSON.parse(plain.stdout), clubs: 'none' }));
    const bad = await runInProcess(['diagnose', 'AS Saint-Étienne', '--snapshot', DEMO, '--baseline', join(dir, 'bad.json')]);
    expect(bad.code).toBe(2);
    expect(bad.stderr).toMatch(/clubs/);
  });
});
