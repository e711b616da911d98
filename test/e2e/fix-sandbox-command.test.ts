// `--fix` with the sandbox as a user runs it: against a running `checkout-doctor sandbox` (its
// written configuration carries the write key), and with `diagnose --sandbox --fix`. The sandbox is
// the command, as a process; the diagnoses and the undo run the program in this process
// (runInProcess: what they write and say is the point).

import { spawn, type ChildProcess } from 'node:child_process';
import { once } from 'node:events';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { BIN, cleanEnv, type JsonReport } from './run-cli.js';
import { runInProcess } from './run-in-process.js';

const CLUB = 'Étoile Sportive de Fréjus';
const CUSTOMER = 'paul.martin@example.fr';
const ONLY = ['--only', 'customer-club-membership,customer-account-status'];
const statuses = (stdout: string) => Object.fromEntries((JSON.parse(stdout) as JsonReport).clubs[0]!.results.map((r) => [r.id, r.status]));

describe('--fix with the sandbox', { timeout: 180_000 }, () => {
  const dir = mkdtempSync(join(tmpdir(), 'cd-fix-sb-'));
  let sandbox: ChildProcess;

  beforeAll(async () => {
    sandbox = spawn(process.execPath, [BIN, 'sandbox', '--write-config', 'sandbox.json'], { cwd: dir, env: cleanEnv(), stdio: ['ignore', 'ignore', 'pipe'] });
    let stderr = '';
    await new Promise<void>((ready, fail) => {
      sandbox.stderr!.setEncoding('utf8').on('data', (d: string) => {
        stderr += d;
        if (stderr.includes('Stop with Ctrl-C.')) ready();
      });
      sandbox.on('close', (code) => fail(new Error(`sandbox exited with ${code}: ${stderr}`)));
    });
  });
  // Waits for the sandbox's exit: its process must not outlive this file (the next one may run in
  // this same process, vitest.config.ts e2e-shared).
  afterAll(async () => {
    if (!sandbox || sandbox.exitCode !== null || sandbox.signalCode !== null) return;
    const exited = once(sandbox, 'exit');
    sandbox.kill('SIGINT');
    await exited;
  });

  it('against a running `checkout-doctor sandbox`: the customer checks pass after --fix --yes, and undo brings the failure back', async () => {
    const config = ['--config', 'sandbox.json'];
    const first = await runInProcess(['diagnose', CLUB, '--customer', CUSTOMER, ...config, ...ONLY, '--format', 'json'], { cwd: dir });
    expect(statuses(first.stdout)['customer-club-membership']).toBe('fail');
    const fixed = await runInProcess(['diagnose', CLUB, '--customer', CUSTOMER, ...config, ...ONLY, '--fix', '--yes', '--format', 'json'], { cwd: dir });
    expect(fixed.code).toBe(0);
    const next = await runInProcess(['diagnose', CLUB, '--customer', CUSTOMER, ...config, ...ONLY, '--format', 'json'], { cwd: dir });
    expect(next.code).toBe(0);
    expect(statuses(next.stdout)).toEqual({ 'customer-account-status': 'pass', 'customer-club-membership': 'pass' });
    const undone = await runInProcess(['undo', (JSON.parse(fixed.stdout) as JsonReport).fixBackup!, ...config], { cwd: dir });
    expect(undone.code).toBe(0);
    const after = await runInProcess(['diagnose', CLUB, '--customer', CUSTOMER, ...config, ...ONLY, '--format', 'json'], { cwd: dir });
    expect(after.code).toBe(1);
    expect(statuses(after.stdout)['customer-club-membership']).toBe('fail');
  });

  it('diagnose --sandbox --fix --yes applies and verifies in the in-process sandbox', async () => {
    const result = await runInProcess(['diagnose', CLUB, '--sandbox', '--customer', CUSTOMER, ...ONLY, '--fix', '--yes', '--format', 'json', '--lang', 'fr'], { cwd: dir });
    expect(result.code).toBe(0);
    const report = JSON.parse(result.stdout) as JsonReport;
    expect(report.fixes).toEqual([expect.objectContaining({ outcome: 'applied', statusBefore: 'fail', statusAfter: 'pass' })]);
    expect(result.stderr).toContain('Corrections proposées (1 correction)\u00a0:');
  });

  it('--dry-run and --yes go with --fix; --fix needs the live shop', async () => {
    expect((await runInProcess(['diagnose', CLUB, '--sandbox', '--yes'], { cwd: dir })).stderr).toContain('--dry-run and --yes go with --fix.');
    const snap = await runInProcess(['diagnose', CLUB, '--snapshot', join(BIN, '../../fixtures/demo-shop.snapshot.json'), '--fix'], { cwd: dir });
    expect(snap.code).toBe(2);
    expect(snap.stderr).toContain('--fix changes the live shop');
  });
});
