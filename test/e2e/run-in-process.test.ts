// The in-process runner says what the built CLI says: same exit code, stdout and stderr for a
// report, a usage error and --help (the volatile fields of a JSON report aside), and each run
// starts with a redactor that knows no secret of an earlier run, as a new process does.

import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { redactor } from '../../src/secrets/redact.js';
import { DEMO, runCli } from './run-cli.js';
import { runInProcess } from './run-in-process.js';

/** generatedAt and the durations differ from run to run. */
const stable = (text: string) =>
  text.replace(/"(generatedAt|durationMs)": ?("[^"]*"|\d+(\.\d+)?)/g, '"$1": 0').replace(/\(\d[\d,.\u00a0\u202f]*\s?m?s\)/g, '(…)');

describe('runInProcess agrees with the built CLI', () => {
  it.each([
    [['diagnose', 'AS Saint-Étienne', '--snapshot', DEMO, '--format', 'json']],
    [['diagnose', 'Fréjus', '--snapshot', DEMO, '--lang', 'fr']],
    [['diagnose', 'no such club', '--snapshot', DEMO]],
    [['diagnose', '--no-such-flag']],
    [['--help']],
    // A subcommand's help (commander's exit inside the action tree) and a French locale from the
    // environment: what french-errors.test.ts runs in-process.
    [['diagnose', '--help', '--lang', 'fr']],
    [['explain', '--help'], { LANG: 'fr_FR.UTF-8' }],
    [['sandbox', 'nowhere'], { LANG: 'fr_FR.UTF-8' }],
  ])('%j %j', async (args, env?: Record<string, string>) => {
    const [built, inProcess] = await Promise.all([runCli(args, { env }), runInProcess(args, { env })]);
    expect(inProcess.code).toBe(built.code);
    expect(stable(inProcess.stdout)).toBe(stable(built.stdout));
    expect(inProcess.stderr).toBe(built.stderr);
  });

  it('a run does not inherit the secrets an earlier run registered', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'cd-in-process-'));
    const key = 'INPROCESSWSKEY0123456789ABCDEFGH';
    writeFileSync(join(dir, 'config.json'), JSON.stringify({ prestashop: { url: 'http://127.0.0.1:9/', webserviceKey: key } }));
    await runInProcess(['diagnose', '--all', '--snapshot', DEMO, '--config', join(dir, 'config.json')], { cwd: dir, secrets: [key] });
    expect(redactor.redact(key), 'registered by the run').not.toContain(key);
    await runInProcess(['--help']);
    expect(redactor.redact(key), 'forgotten by the next run').toBe(key);
  });
});
