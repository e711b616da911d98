// Issue 7 item 9: a snapshot taken with --customer/--code/--order, replayed without those flags,
// gives the verdicts of the live run (the CLI's program in-process, the demo shop served by the sandbox).

import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { DEMO, type JsonReport } from './run-cli.js';
import { runInProcess as runCli } from './run-in-process.js';

const dir = mkdtempSync(join(tmpdir(), 'cd-replay-'));
const ASKED = ['--customer', 'Paul.Martin@example.fr', '--code', 'ETE2025', '--order', 'PAYEEEEEE'];
const verdicts = (stdout: string) => Object.fromEntries((JSON.parse(stdout) as JsonReport).clubs[0]!.results.map((r) => [r.id, r.status]));

describe('diagnose --snapshot keeps what the snapshot was asked', () => {
  it('re-evaluates the customer, code and order of the snapshot by default, with the live verdicts', async () => {
    const file = join(dir, 'ticket.json');
    const [live, taken] = await Promise.all([
      runCli(['diagnose', 'Fréjus', '--sandbox', ...ASKED, '--format', 'json'], { cwd: dir }),
      runCli(['snapshot', 'Fréjus', '--sandbox', ...ASKED, '--output', file], { cwd: dir }),
    ]);
    expect(taken.code).toBe(0);
    const replay = await runCli(['diagnose', 'Fréjus', '--snapshot', file, '--format', 'json'], { cwd: dir });
    const liveVerdicts = verdicts(live.stdout);
    // The questions were really asked (not skipped) in both runs, and the answers agree.
    for (const id of ['customer-club-membership', 'customer-account-status', 'promo-code']) expect(liveVerdicts[id]).not.toBe('skip');
    expect(liveVerdicts['promo-code']).toBe('fail');
    expect(verdicts(replay.stdout)).toEqual(liveVerdicts);
    expect(replay.code).toBe(live.code);
    expect(replay.stderr).toContain('re-evaluating what the snapshot was taken with: --customer Paul.Martin@example.fr --code ETE2025 --order PAYEEEEEE');

    // Asking something explicitly replaces the default: only the code is evaluated.
    const chosen = verdicts((await runCli(['diagnose', 'Fréjus', '--snapshot', file, '--format', 'json', '--code', 'ete2025'], { cwd: dir })).stdout);
    expect(chosen['promo-code']).toBe('fail');
    expect(chosen['customer-club-membership']).toBe('skip');
  });

  it('lists the questions and the flags to repeat when the snapshot holds several of a kind', async () => {
    const r = await runCli(['diagnose', 'Fréjus', '--snapshot', DEMO, '--format', 'json']);
    expect(r.stderr).toMatch(/the snapshot also answers these questions; repeat the one to evaluate:\n/);
    expect(r.stderr).toContain('\n  --customer paul.martin@example.fr\n');
    expect(r.stderr).toContain('\n  --code ETE2025\n');
    expect(r.stderr).toContain('\n  --order PAYEEEEEE\n');
    // Nothing guessed: the checks that need a question are skipped, as before.
    expect(verdicts(r.stdout)['promo-code']).toBe('skip');
    expect(r.code).toBe(0);
  });
});
