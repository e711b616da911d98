// Class: "reading the configuration has no bound". YAML alias bombs, huge files, absurd nesting and
// the same through cosmiconfig's `$import` all end quickly as exit 2 with a message naming the file
// and the limit, never a hang, an out-of-memory crash or a stack overflow. Through the built CLI.

import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { DEMO, runCli } from '../e2e/run-cli.js';
import { expectNoSecret } from './secret-forms.js';

const WS_KEY = 'BOUNDEDCONFIGWSKEY0123456789ABCD';

/** "Billion laughs": 9 levels of 10 aliases each, 10^9 values in well under a kilobyte. */
function aliasBomb(): string {
  const lines = [`prestashop:\n  url: https://shop.example.fr\n  webserviceKey: ${WS_KEY}`, 'a0: &a0 ["lol"]'];
  for (let i = 1; i <= 9; i++) lines.push(`a${i}: &a${i} [${Array.from({ length: 10 }, () => `*a${i - 1}`).join(', ')}]`);
  lines.push('clubs: *a9');
  return lines.join('\n') + '\n';
}

let dirs: string[] = [];
function project(files: Record<string, string>): string {
  const dir = mkdtempSync(join(tmpdir(), 'cd-bounded-'));
  dirs.push(dir);
  writeFileSync(join(dir, 'package.json'), '{"name":"shop-tools"}\n');
  for (const [name, text] of Object.entries(files)) writeFileSync(join(dir, name), text);
  return dir;
}
afterEach(() => {
  for (const dir of dirs) rmSync(dir, { recursive: true, force: true });
  dirs = [];
});

async function refused(files: Record<string, string>, args: string[] = []) {
  const dir = project(files);
  const result = await runCli(['diagnose', '--all', '--snapshot', DEMO, ...args], { cwd: dir, secrets: [WS_KEY] });
  expect(result.code, result.stderr).toBe(2);
  expect(result.stdout).toBe('');
  expect(result.stderr).not.toMatch(/internal error|Maximum call stack|heap/i);
  expectNoSecret({ stdout: result.stdout, stderr: result.stderr }, [WS_KEY]);
  return { ...result, dir };
}

describe('bounded configuration', () => {
  it('a YAML alias bomb ends at once as exit 2 naming the file and the limit', async () => {
    // Refused by counting values, not by a timer: the message names the limit reached.
    const { stderr, dir } = await refused({ '.checkout-doctorrc.yaml': aliasBomb() });
    expect(stderr).toContain(`Configuration ${join(dir, '.checkout-doctorrc.yaml')} refused: it describes more than 100,000 values (YAML aliases expanded), the limit for a configuration.`);
    expect(stderr).toMatch(/YAML alias/);
  });

  it('the same bomb pulled in through $import is refused, naming the imported file', async () => {
    const { stderr, dir } = await refused({ '.checkout-doctorrc.json': '{ "$import": "shared.yaml" }', 'shared.yaml': aliasBomb() });
    expect(stderr).toContain(`Configuration ${join(dir, 'shared.yaml')} refused`);
  });

  it('a huge file is refused before it is parsed, in French with --lang fr', async () => {
    const huge = `{ "prestashop": { "url": "https://shop.example.fr", "webserviceKey": "${WS_KEY}" },${' '.repeat(2 * 1024 * 1024)}"clubs": [] }`;
    const { stderr, dir } = await refused({ '.checkout-doctorrc.json': huge }, ['--lang', 'fr']);
    expect(stderr).toContain(`La configuration ${join(dir, '.checkout-doctorrc.json')} est refusée\u00a0: le fichier pèse 2,0 Mio, au-delà de la limite de 1 Mio pour une configuration.`);
  });

  it('a huge file given with --config is refused the same way', async () => {
    const { stderr } = await refused({ 'big.yaml': `# ${'x'.repeat(3 * 1024 * 1024)}\nclubs: []\n` }, ['--config', 'big.yaml']);
    expect(stderr).toMatch(/big\.yaml refused: the file is 3\.0 MiB, over the 1 MiB limit/);
  });

  it('absurd nesting is refused, not a stack overflow', async () => {
    const depth = 50_000;
    const { stderr } = await refused({ '.checkout-doctorrc.json': `{ "clubs": ${'['.repeat(depth)}${']'.repeat(depth)} }` });
    expect(stderr).toMatch(/refused: it nests more than 64 levels deep/);
  });

  it('absurd YAML nesting ends as a configuration error too', async () => {
    const depth = 5_000;
    const { stderr } = await refused({ '.checkout-doctorrc.yaml': `clubs: ${'['.repeat(depth)}${']'.repeat(depth)}\n` });
    expect(stderr).toMatch(/\.checkout-doctorrc\.yaml/);
  });
});
