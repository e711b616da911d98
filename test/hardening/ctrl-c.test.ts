// Issue 8, item 12: Ctrl-C is always honoured. During a run hanging on an upstream (the Stripe
// emulator never answers), SIGINT stops the requests in flight, the report of what is known is
// printed, and the process exits 130: sent as a signal (no terminal), and typed as Ctrl-C on a real
// pseudo-terminal (tmux), where the progress spinner runs and used to swallow it.

import { spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { resolveFixtureSet, startFixtureSet, type RunningSandbox } from '../../src/sandbox/fixture-set.js';
import { requireTmux, Terminal } from '../support/terminal.js';
import { BIN, cleanEnv, fixtureSecrets, type JsonReport } from '../e2e/run-cli.js';

const dir = mkdtempSync(join(tmpdir(), 'cd-ctrl-c-'));
const CLUB = 'Étoile Sportive de Fréjus';
let running: RunningSandbox;
let configFile: string;
let secrets: string[];

beforeAll(async () => {
  running = await startFixtureSet(resolveFixtureSet('demo'));
  configFile = join(dir, 'sandbox.json');
  // Stripe's per-request timeout at its maximum (10 min), past every test's hang guard: a run that
  // waited for the hung Stripe requests after Ctrl-C could not end before the guard fails the test.
  // That, not a bound on the wall time, is what proves Ctrl-C ends the run at once.
  writeFileSync(configFile, JSON.stringify({ ...running.config, stripe: { ...running.config.stripe, timeoutMs: 600_000 } }));
  secrets = [...fixtureSecrets(), running.config.prestashop!.webserviceKey!, running.config.sendcloud!.secretKey!];
}, 60_000);

beforeEach(() => {
  running.stripe!.clearLog();
  running.stripe!.faults.clear();
  running.stripe!.faults.releaseHung();
  // Stripe never answers: without Ctrl-C the run would wait for its timeouts.
  running.stripe!.faults.add({ path: '/v1/*', respond: { kind: 'hang' } });
});

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

/**
 * Stripe asked and every shop read sent (the webservice's 9, its second wave only once the first has
 * answered, and the front page): since the Stripe SDK is ready before the shop is read (issue 9),
 * the first Stripe request no longer waits for the shop's answers, so it alone does not mean they
 * are in. A short pause lets the CLI take in the last answers.
 */
async function untilShopReadAndStripeAsked(before: number): Promise<void> {
  const shopReads = () => running.prestashop.requests.slice(before);
  await until(() => running.stripe!.requests().length > 0, 'the first Stripe request');
  await until(() => shopReads().filter((r) => r.path.startsWith('/api/')).length >= 9 && shopReads().some((r) => r.path === '/'), 'the shop reads');
  await new Promise((resolve) => setTimeout(resolve, 300));
}

function expectInterruptedReport(stdout: string): void {
  const results = (JSON.parse(stdout) as JsonReport).clubs[0]!.results;
  const byId = Object.fromEntries(results.map((x) => [x.id, x]));
  expect(byId['stripe-keys-live']!.status).toBe('error');
  expect(byId['stripe-keys-live']!.message).toMatch(/interrupted \(Ctrl-C\) before stripe answered/);
  // What had answered is reported as usual.
  expect(byId['shop-online']!.status).toBe('pass');
  expect(byId['category-club-access']!.status).not.toBe('error');
  for (const secret of secrets) expect(stdout).not.toContain(secret);
}

describe('Ctrl-C during a run', () => {
  it('without a terminal: SIGINT stops the run, the report is printed, exit 130', async () => {
    const before = running.prestashop.requests.length;
    const child = spawn(process.execPath, [BIN, 'diagnose', CLUB, '--config', configFile, '--format', 'json'], { cwd: dir, env: cleanEnv(), stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.setEncoding('utf8').on('data', (d: string) => (stdout += d));
    child.stderr.setEncoding('utf8').on('data', (d: string) => (stderr += d));
    const closed = new Promise<number | null>((resolve) => child.on('close', resolve));
    await untilShopReadAndStripeAsked(before);
    child.kill('SIGINT');
    const code = await closed;
    expect(code).toBe(130);
    expect(stderr).toMatch(/interrupted: stopping, printing what is known/);
    for (const secret of secrets) expect(stderr).not.toContain(secret);
    expectInterruptedReport(stdout);
  });

  it('on a real terminal (tmux), with the spinner running: Ctrl-C is honoured, report printed, exit 130', async () => {
    requireTmux();
    const out = join(dir, 'tty-report.json');
    // Only stdout is redirected: stderr (spinner, messages) and stdin stay on the terminal.
    const before = running.prestashop.requests.length;
    const term = new Terminal(`cd '${dir}' && '${process.execPath}' '${BIN}' diagnose '${CLUB}' --config '${configFile}' --format json > '${out}'`, { width: 160, height: 40 });
    try {
      await untilShopReadAndStripeAsked(before);
      // The spinner itself says the shop's answers are in (every part started is settled, the shop
      // front's too) while Stripe has none: the state this test interrupts, seen on the screen.
      await term.waitFor(/PrestaShop (\d+)\/\1 · Stripe 0\/\d+.* · Shop front 1\/1/, 20_000);
      term.press('C-c');
      const code = await term.exitCode();
      expect(code).toBe(130);
      expect(term.screen()).toMatch(/interrupted: stopping/);
      expectInterruptedReport(readFileSync(out, 'utf8'));
    } finally {
      term.close();
    }
  });
});
