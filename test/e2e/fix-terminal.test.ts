// `diagnose --fix` at a real terminal (tmux): the plan, then a question whose default is No. Enter
// alone changes nothing (no PUT reaches the shop); "y" applies.

import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { resolveFixtureSet, startFixtureSet, type RunningSandbox } from '../../src/sandbox/fixture-set.js';
import { requireTmux, Terminal } from '../support/terminal.js';
import { BIN } from './run-cli.js';

let running: RunningSandbox;
let dir: string;
let term: Terminal | undefined;

beforeEach(async () => {
  running = await startFixtureSet(resolveFixtureSet('demo'));
  dir = mkdtempSync(join(tmpdir(), 'cd-fix-tty-'));
  writeFileSync(join(dir, 'config.json'), JSON.stringify(running.config));
});
afterEach(async () => {
  term?.close();
  await running.close();
});

async function answer(keys: string[]): Promise<{ code: string; pane: string }> {
  term = new Terminal(`cd '${dir}' && '${process.execPath}' '${BIN}' diagnose 'Fréjus' --config config.json --customer paul.martin@example.fr --only customer-club-membership --fix > report.txt`);
  await term.waitFor('[y/N]', 60_000);
  term.send(...keys);
  const code = await term.exitCode(60_000);
  return { code: String(code), pane: term.screen() };
}

describe('diagnose --fix on a terminal', { timeout: 120_000 }, () => {
  it('asks, and Enter alone (default No) changes nothing', async () => {
    requireTmux();
    const { code, pane } = await answer(['Enter']);
    expect(pane).toContain('Apply this fix to the shop? [y/N]');
    expect(pane).toContain('Nothing was changed.');
    expect(running.prestashop.requests.filter((r) => r.method === 'PUT')).toEqual([]);
    expect(code).toBe('1');
  });

  it('applies after "y"', async () => {
    const { code } = await answer(['y', 'Enter']);
    expect(running.prestashop.requests.filter((r) => r.method === 'PUT').map((r) => r.path)).toEqual(['/api/customers/2']);
    expect(code).toBe('0');
    expect(readFileSync(join(dir, 'report.txt'), 'utf8')).toContain('[APPLIED]');
  });
});
