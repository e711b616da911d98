// The launcher answers --version itself and each command loads its own modules on demand
// (issue 9, start-up): the answers must stay exactly what the full program gives.

import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { ROOT, runCli } from './run-cli.js';

const version = (JSON.parse(readFileSync(`${ROOT}package.json`, 'utf8')) as { version: string }).version;

describe('start-up paths of the built CLI', () => {
  it.each([['--version'], ['-V']])('%s prints the package version and exits 0', async (flag) => {
    const r = await runCli([flag]);
    expect(r).toMatchObject({ code: 0, stdout: `${version}\n`, stderr: '' });
  });

  it('--version among other arguments still goes through the program', async () => {
    const r = await runCli(['--debug', '--version']);
    expect(r.code).toBe(0);
    expect(r.stdout).toContain(version);
  });

  it('loads each command on demand: --help, list-checks and explain answer without a configuration', async () => {
    const help = await runCli(['--help']);
    expect(help.code).toBe(0);
    expect(help.stdout).toMatch(/diagnose \[options\] \[club\]/);
    const list = await runCli(['list-checks', '--format', 'json']);
    expect(list.code).toBe(0);
    expect((JSON.parse(list.stdout) as unknown[]).length).toBeGreaterThanOrEqual(15);
    const explain = await runCli(['explain', 'shop-online', '--lang', 'en']);
    expect(explain.code).toBe(0);
    expect(explain.stdout).toContain('shop-online');
  });
});
