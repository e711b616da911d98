// Issue 10, items 1 and 3, through the built CLI on a real pseudo-terminal (tmux) against the
// sandbox (`diagnose -i --sandbox`): the safe fixes offered one by one (default no, "yes" applies
// and verifies in the session's sandbox), and Ctrl-C at a manual question late in a French session
// (exit 130, nothing written). Split from guided-mode.test.ts so that vitest runs them on another
// worker. Every session has its own terminal, folder and sandbox: the sessions run side by side
// (concurrent), as each mostly waits on its CLI.

import { existsSync, mkdtempSync, readdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { guidedTerminals, noSecret } from '../support/guided-session.js';
import { requireTmux, type AutoAnswer } from '../support/terminal.js';

const terminal = guidedTerminals();

describe.concurrent('guided mode on a terminal (tmux), against the sandbox', () => {
  beforeAll(() => requireTmux());

  it('offers the safe fixes one by one (default no): "yes" fixes the customer, verified, with an undo file; Enter changes nothing', async () => {
    // Paul Martin is not in the Fréjus group: the customer fix is offered.
    const customer = 'paul.martin@example.fr';
    // The two sessions, declined and accepted, run side by side: each has its own terminal, folder
    // and sandbox (the sandbox lives in its session's process), so neither can see the other's fix.
    const session = async (dir: string, answers: AutoAnswer[]) => {
      const t = terminal(dir, 'diagnose -i --sandbox --lang en --only customer-club-membership,customer-account-status');
      await t.waitFor(/Which club\? Type part of its name/);
      t.send('frej', 'Enter');
      return { t, code: await t.answerUntilExit(answers) };
    };
    const declined = mkdtempSync(join(tmpdir(), 'cd-guided-nofix-'));
    const accepted = mkdtempSync(join(tmpdir(), 'cd-guided-fix-'));
    const [{ t: t1, code: code1 }, { t: t2, code: code2 }] = await Promise.all([
      session(declined, [{ prompt: /A customer cannot pay\?/, keys: [customer, 'Enter'] }]),
      session(accepted, [
        { prompt: /A customer cannot pay\?/, keys: [customer, 'Enter'] },
        { prompt: /Apply this fix to the shop\?/, keys: ['Down', 'Enter'] },
      ]),
    ]);
    expect(t1.history()).toMatch(/Apply this fix to the shop\?/);
    expect(t1.history()).toMatch(/No fix applied: the shop was not changed\./);
    expect(existsSync(join(declined, '.checkout-doctor'))).toBe(false);
    expect(code1).toBe(1);

    const screen = t2.history();
    noSecret(screen);
    expect(screen).toMatch(/APPLIED.*customer-club-membership \(FAIL → PASS\)/);
    expect(readdirSync(join(accepted, '.checkout-doctor', 'backups')).length).toBe(1);
    // The sandbox lives as long as the session: the fix is verified there, and the report shows the club after it.
    expect(code2).toBe(0);
  }, 240_000);

});

describe.concurrent('Ctrl-C late in a French session', () => {
  it('at a manual question, after the checks ran: exit 130, « rien n’a été écrit », no report saved', async () => {
    requireTmux();
    const dir = mkdtempSync(join(tmpdir(), 'cd-guided-ctrl-c-fr-'));
    const t = terminal(dir, 'diagnose -i --sandbox', { LANG: 'fr_FR.UTF-8' });
    await t.waitFor(/Quel club[\u00a0\u202f]\? Tapez une partie de son nom/);
    t.send('noisy', 'Enter');
    // Enter through the questions and the problems, until the first point to check by hand.
    await t.answerUntilSeen(/À vérifier 1 sur \d+ — [\s\S]*\n\? /);
    t.send('C-c');
    expect(await t.exitCode()).toBe(130);
    expect(t.history()).toContain('Interrompu\u00a0: rien n’a été écrit.');
    expect(t.history()).not.toMatch(/Enregistré\u00a0:/);
    expect(readdirSync(dir)).toEqual([]);
  }, 180_000);
});
