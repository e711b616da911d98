// Issue 10, items 1 and 3, through the built CLI: `checkout-doctor` alone on a terminal (tmux) is the
// guided mode on the shop configured in the folder (Ctrl-C at a prompt or while gathering exits 130
// with nothing written; the club list read once; Enter everywhere writes nothing but the report);
// with no shop configured it says what to do; without a terminal, or with CI set, the guided mode
// refuses with one sentence and exit 2. Split from guided-mode.test.ts so that vitest runs it on
// another worker.

import { existsSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { resolveFixtureSet, startFixtureSet, type RunningSandbox } from '../../src/sandbox/fixture-set.js';
import { expectGoodFrench } from '../support/french-scan.js';
import { guidedTerminals } from '../support/guided-session.js';
import { requireTmux } from '../support/terminal.js';
import { runCli } from './run-cli.js';

const terminal = guidedTerminals();

describe('checkout-doctor alone', () => {
  let running: RunningSandbox;
  let dir: string;
  beforeAll(async () => {
    running = await startFixtureSet(resolveFixtureSet('demo'));
    dir = mkdtempSync(join(tmpdir(), 'cd-guided-alone-'));
    // The configuration a user keeps in the shop's folder, discovered from the current folder.
    writeFileSync(join(dir, '.checkout-doctorrc.json'), JSON.stringify(running.config));
  }, 60_000);
  afterAll(async () => {
    await running?.close();
  });

  // First: the Ctrl-C tests below leave requests in flight when the CLI exits (Stripe hanging, the
  // shop's second wave on its way), which the shared emulators may log after this test cleared
  // their logs; this test counts every request.
  it('a live session reads the club list once (the diagnosis reuses it), and Enter everywhere after the club writes nothing', async () => {
    requireTmux();
    const logs = [running.prestashop.requests, running.stripe!.requests(), running.sendcloud!.requests(), running.coupons.requests];
    running.prestashop.requests.length = 0;
    running.coupons.requests.length = 0;
    running.stripe!.clearLog();
    running.sendcloud!.clearLog();
    const t = terminal(dir, 'diagnose -i --lang en --customer paul.martin@example.fr', { LANG: 'en_US.UTF-8' });
    await t.waitFor(/Which club\? Type part of its name/);
    t.send('frej', 'Enter');
    // Enter on every prompt: the fix offered for Paul Martin included (default no).
    const code = await t.answerUntilExit();
    expect(t.history()).toMatch(/Apply this fix to the shop\?/);
    expect(t.history()).toMatch(/No fix applied: the shop was not changed\./);
    expect(code).toBe(1);
    // Each webservice request once: the club list's reads (configurations, groups, categories)
    // were not asked again for the diagnosis.
    const asked = running.prestashop.requests.filter((r) => r.path.startsWith('/api/')).map((r) => `${r.method} ${r.url}`);
    const twice = asked.filter((request, i) => asked.indexOf(request) !== i);
    expect(twice).toEqual([]);
    expect(asked.filter((r) => /^GET \/api\/groups\b/.test(r))).toHaveLength(1);
    expect(asked.filter((r) => /^GET \/api\/categories\b/.test(r))).toHaveLength(1);
    // No write reached the shop or any upstream: only reads.
    const writes = [...running.prestashop.requests, ...running.stripe!.requests(), ...running.sendcloud!.requests(), ...running.coupons.requests].filter((r) => r.method !== 'GET' && r.method !== 'HEAD');
    expect(writes).toEqual([]);
    expect(logs[0]!.length).toBeGreaterThan(0);
    expect(readdirSync(dir).sort()).toEqual(['.checkout-doctorrc.json', 'report-etoile-sportive-de-frejus.md']);
    rmSync(join(dir, 'report-etoile-sportive-de-frejus.md'));
  }, 240_000);

  it('on a terminal: the guided mode on the configured shop (Ctrl-C at the club prompt: 130, nothing written)', async () => {
    requireTmux();
    const t = terminal(dir, '', { LANG: 'en_US.UTF-8' });
    await t.waitFor(/Which club\? Type part of its name/);
    // The prompt draws its question, then the configured shop's clubs: waited for, not read at once.
    await t.waitForScreen((screen) => screen.includes('Racing Club Sévigné'), 'the configured shop’s clubs under the prompt');
    t.send('C-c');
    const [, code] = await t.waitFor(/EXIT=(\d+)/);
    expect(code).toBe('130');
    expect(readdirSync(dir)).toEqual(['.checkout-doctorrc.json']);
  }, 120_000);

  it('Ctrl-C while the checks gather (Stripe never answers): exit 130, nothing walked, nothing written', async () => {
    requireTmux();
    running.stripe!.faults.add({ path: '/v1/*', respond: { kind: 'hang' } });
    try {
      const t = terminal(dir, 'diagnose -i --lang en', { LANG: 'en_US.UTF-8' });
      await t.waitFor(/Which club\? Type part of its name/);
      t.send('frejus', 'Enter');
      // Enter through the questions until the spinner waits on Stripe.
      await t.answerUntilSeen(/Stripe 0\/2/);
      t.send('C-c');
      const [, code] = await t.waitFor(/EXIT=(\d+)/);
      expect(code).toBe('130');
      expect(t.history()).toContain('Interrupted: nothing was written.');
      expect(t.history()).not.toMatch(/Problem 1 of|everything is read/);
      expect(readdirSync(dir)).toEqual(['.checkout-doctorrc.json']);
    } finally {
      running.stripe!.faults.clear();
      running.stripe!.faults.releaseHung();
    }
  }, 120_000);

  it('without a terminal: the usage, as before (exit 2)', async () => {
    const r = await runCli([], { cwd: dir });
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('Usage: checkout-doctor');
  });
});

describe('no shop configured', () => {
  it('on a terminal, in French: what to do, in French, exit 2, nothing written', async () => {
    requireTmux();
    const dir = mkdtempSync(join(tmpdir(), 'cd-guided-noshop-'));
    writeFileSync(join(dir, 'package.json'), '{}');
    const t = terminal(dir, 'diagnose -i', { LANG: 'fr_FR.UTF-8' });
    expect(await t.exitCode()).toBe(2);
    const screen = t.history();
    expect(screen).toContain('Rien à diagnostiquer\u00a0: aucune boutique n’est configurée dans ce dossier.');
    expect(screen).toContain('Lancez checkout-doctor init pour configurer la boutique');
    expectGoodFrench(screen.slice(screen.indexOf('Rien à diagnostiquer')).replace(/EXIT=\d+/, ''), 'no shop');
    expect(readdirSync(dir)).toEqual(['package.json']);
  }, 60_000);
});

describe('never a prompt without a terminal', () => {
  it('diagnose -i with stdin and stdout not terminals: one sentence, exit 2, in French and in English', async () => {
    const en = await runCli(['diagnose', '-i', '--sandbox']);
    expect(en.code).toBe(2);
    expect(en.stdout).toBe('');
    expect(en.stderr.trim().split('\n')).toHaveLength(1);
    expect(en.stderr).toContain('The guided mode asks questions: it needs a terminal');
    const fr = await runCli(['diagnose', '--interactive', '--sandbox'], { env: { LANG: 'fr_FR.UTF-8' } });
    expect(fr.code).toBe(2);
    expect(fr.stderr).toContain('Le mode guidé pose des questions\u00a0: il lui faut un terminal');
  });

  it('on a terminal but with CI set: refuses too (exit 2), before reading anything', async () => {
    requireTmux();
    const dir = mkdtempSync(join(tmpdir(), 'cd-guided-ci-'));
    const t = terminal(dir, 'diagnose -i --sandbox', { CI: 'true', LANG: 'en_US.UTF-8' });
    const [, code] = await t.waitFor(/EXIT=(\d+)/);
    expect(code).toBe('2');
    expect(t.history()).toContain('The guided mode asks questions: it needs a terminal, and does not start in continuous integration.');
    expect(t.history()).not.toContain('Which club?');
    expect(existsSync(join(dir, 'report-racing-club-sevigne.md'))).toBe(false);
  }, 60_000);
});
