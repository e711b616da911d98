// Issue 9, item 1, through the built CLI: on a terminal the spinner shows the gathering's progress
// per source ("PrestaShop 9/9 · Stripe 0/2 · …") from the progress events; off a terminal, or with
// CI set, nothing of it reaches stderr (the report alone on stdout).

import { existsSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { resolveFixtureSet, startFixtureSet, type RunningSandbox } from '../../src/sandbox/fixture-set.js';
import { requireTmux, Terminal } from '../support/terminal.js';
import { BIN, runCli } from './run-cli.js';

const dir = mkdtempSync(join(tmpdir(), 'cd-progress-'));
const CLUB = 'Étoile Sportive de Fréjus';
const PROGRESS = /PrestaShop \d+\/\d+|Gathering…|Stripe \d+\/\d+/;
let running: RunningSandbox;
let configFile: string;

beforeAll(async () => {
  running = await startFixtureSet(resolveFixtureSet('demo'));
  configFile = join(dir, 'sandbox.json');
  writeFileSync(configFile, JSON.stringify({ ...running.config, stripe: { ...running.config.stripe, timeoutMs: 60_000 } }));
}, 60_000);
afterAll(async () => {
  await running?.close();
});

async function until(condition: () => boolean, what: string, ms = 20_000): Promise<void> {
  const end = Date.now() + ms;
  while (!condition()) {
    if (Date.now() > end) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

describe('progress of a live run', () => {
  it('off a terminal, and with CI set: no progress on stderr, the report on stdout', async () => {
    for (const env of [{}, { CI: '1' }] as Record<string, string>[]) {
      const r = await runCli(['diagnose', CLUB, '--config', configFile, '--format', 'json'], { cwd: dir, env });
      expect(r.stderr).not.toMatch(PROGRESS);
      expect(JSON.parse(r.stdout).clubs).toHaveLength(1);
    }
  });

  it('on a terminal (tmux): the spinner counts each source’s parts, PrestaShop done while Stripe is pending', async () => {
    requireTmux();
    // Stripe never answers: the spinner stays on its last text while the test reads the terminal.
    running.stripe!.clearLog();
    running.stripe!.faults.add({ path: '/v1/*', respond: { kind: 'hang' } });
    const out = join(dir, 'tty-report.json');
    const term = new Terminal(`cd '${dir}' && '${process.execPath}' '${BIN}' diagnose '${CLUB}' --config '${configFile}' --format json --lang en > '${out}'`, { height: 40 });
    try {
      await until(() => running.stripe!.requests().length > 0, 'the first Stripe request');
      // Stripe's first requests now leave with the shop's first wave (the SDK is loaded first):
      // wait for every PrestaShop part to be known (n/n) while Stripe's two parts stay pending.
      await term.waitFor(/PrestaShop (\d+)\/\1 · Stripe 0\/2/, 20_000);
      expect(term.screen()).toMatch(/PrestaShop (\d+)\/\1 · Stripe 0\/2/);
      term.press('C-c');
      await until(() => existsSync(out) && readFileSync(out, 'utf8').trim().endsWith('}'), 'the report', 10_000);
    } finally {
      term.close();
      running.stripe!.faults.clear();
      running.stripe!.faults.releaseHung();
    }
  });
});
