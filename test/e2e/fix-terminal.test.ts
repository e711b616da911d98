// `diagnose --fix` at a real terminal (tmux): the plan, then a question whose default is No. Enter
// alone changes nothing (no PUT reaches the shop); "y" applies.

import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { resolveFixtureSet, startFixtureSet, type RunningSandbox } from '../../src/sandbox/fixture-set.js';
import { BIN, cleanEnv } from './run-cli.js';

let running: RunningSandbox;
let dir: string;
const socket = `cd-fix-${process.pid}`;
const tmux = (...args: string[]) => spawnSync('tmux', ['-L', socket, ...args], { env: cleanEnv(), encoding: 'utf8' });

async function until(ok: () => boolean, what: string, ms = 60_000): Promise<void> {
  const end = Date.now() + ms;
  while (!ok()) {
    if (Date.now() > end) throw new Error(`timed out waiting for ${what}: ${tmux('capture-pane', '-p', '-t', 'run').stdout}`);
    await new Promise((r) => setTimeout(r, 100));
  }
}

beforeEach(async () => {
  running = await startFixtureSet(resolveFixtureSet('demo'));
  dir = mkdtempSync(join(tmpdir(), 'cd-fix-tty-'));
  writeFileSync(join(dir, 'config.json'), JSON.stringify(running.config));
});
afterEach(async () => {
  tmux('kill-server');
  await running.close();
});

async function answer(keys: string[]): Promise<{ code: string; pane: string }> {
  const codeFile = join(dir, 'code.txt');
  const command = `cd '${dir}' && '${process.execPath}' '${BIN}' diagnose 'Fréjus' --config config.json --customer paul.martin@example.fr --only customer-club-membership --fix > report.txt; echo $? > '${codeFile}'; sleep 30`;
  expect(tmux('new-session', '-d', '-s', 'run', '-x', '200', '-y', '50', command).status).toBe(0);
  await until(() => tmux('capture-pane', '-p', '-t', 'run').stdout.includes('[y/N]'), 'the question');
  expect(tmux('send-keys', '-t', 'run', ...keys).status).toBe(0);
  await until(() => existsSync(codeFile) && readFileSync(codeFile, 'utf8').trim() !== '', 'the exit code');
  return { code: readFileSync(codeFile, 'utf8').trim(), pane: tmux('capture-pane', '-p', '-t', 'run').stdout };
}

describe('diagnose --fix on a terminal', { timeout: 120_000 }, () => {
  it('asks, and Enter alone (default No) changes nothing', async () => {
    if (spawnSync('tmux', ['-V']).status !== 0) throw new Error('tmux is needed for this test (apt-get install tmux)');
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
