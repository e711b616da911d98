// The CLI (in-process, sandbox-cli.ts) against the sandbox over 127.0.0.1: FAQ causes seen
// through the webservice, one request per resource, and a snapshot that replays the live verdicts.
// The same shop through the database: diagnose-sandbox-database.test.ts; upstream failures:
// diagnose-sandbox-failures*.test.ts (split so that the files run in parallel).

import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runCli, type JsonReport } from './run-cli.js';
import { runInProcess } from './run-in-process.js';
import { useSandboxCli } from './sandbox-cli.js';

const sandbox = useSandboxCli();
const { diagnose } = sandbox;

describe('FAQ causes through the webservice', () => {
  it('tells each broken club apart; category group access is a manual item', async () => {
    const r = await diagnose(['--all']);
    expect(r.code).toBe(1);
    const status = (club: string, id: string) => r.report.clubs.find((c) => c.club.name === club)!.results.find((x) => x.id === id)!.status;
    expect(status('Olympique Noisy-le-Sec', 'category-club-access')).toBe('fail');
    expect(status('Cercle Nautique Hyérois', 'category-club-access')).toBe('fail');
    expect(status('AS Saint-Étienne', 'category-club-access')).toBe('manual');
    expect(status('Racing Club Sévigné', 'stripe-keys-format')).toBe('fail');
    expect(status('Étoile Sportive de Fréjus', 'stripe-keys-format')).toBe('pass');
    expect(status('Étoile Sportive de Fréjus', 'shop-online')).toBe('pass');
  });

  const questions: Array<[string, string[], string, string]> = [
    ['customer outside the club', ['--customer', 'paul.martin@example.fr'], 'customer-club-membership', 'fail'],
    ['guest checkout only', ['--customer', 'invite@example.fr'], 'customer-account-status', 'fail'],
    ['deleted account', ['--customer', 'ancien.membre@example.fr'], 'customer-account-status', 'fail'],
    ['refused account', ['--customer', 'compte.bloque@example.fr'], 'customer-account-status', 'fail'],
    ['member of the club', ['--customer', 'marie.durand@example.fr'], 'customer-club-membership', 'pass'],
    ['expired promo code', ['--code', 'ETE2025'], 'promo-code', 'fail'],
    ['promo code used up', ['--code', 'EPUISE'], 'promo-code', 'fail'],
    ['order not shipped', ['--order', 'PAYEEEEEE'], 'credit-note-prerequisites', 'fail'],
    // Paid and shipped, but delivered long before today, past the 30-day return window:
    // Order::isReturnable() is false, so no credit note.
    ['order shipped long ago', ['--order', 'XKBKNABJK'], 'credit-note-prerequisites', 'fail'],
  ];
  it.each(questions)('%s', async (_name, args, id, expected) => {
    const r = await diagnose(['Étoile Sportive de Fréjus', ...args]);
    expect(r.byId()[id]!.status, r.byId()[id]!.message).toBe(expected);
  });

  it('a shipped but unpaid (cash on delivery) order is not returnable', async () => {
    const r = await diagnose(['Étoile Sportive de Fréjus', '--order', 'CONTREREM']);
    const result = r.byId()['credit-note-prerequisites']!;
    expect(result.status).toBe('fail');
    expect(result.message).toContain('"Expédié, paiement à la livraison" (#14): shipped but not paid');
    expect(result.message).toContain('both paid and shipped');
  });

  it('a customer with no group row is in no group at all, not in its default club group', async () => {
    const r = await diagnose(['Étoile Sportive de Fréjus', '--customer', 'sans.groupe@example.fr']);
    const result = r.byId()['customer-club-membership']!;
    expect(result.status).toBe('fail');
    expect(result.message).toContain('it is in no customer group at all');
    expect(result.message).toContain('"Étoile Sportive de Fréjus" (#4) does not count on its own');
    expect(result.message).not.toContain('not in the Customer group');
  });

  it('snapshot then diagnose --snapshot gives the live verdicts, with no secret in the file', async () => {
    const { dir, secrets } = sandbox;
    const file = join(dir, 'webservice-snapshot.json');
    const taken = await runInProcess(['snapshot', '--all', '--customer', 'compte.bloque@example.fr', '--code', 'EPUISE', '--config', join(dir, 'sandbox.json'), '--output', file], { cwd: dir, secrets });
    expect(taken.code).toBe(0);
    const text = readFileSync(file, 'utf8');
    for (const secret of secrets) expect(text).not.toContain(secret.trim());
    const args = ['--all', '--customer', 'compte.bloque@example.fr', '--code', 'EPUISE'];
    // One after the other: in-process runs share the redactor, which each run starts afresh.
    const live = await diagnose(args);
    const offline = await runInProcess(['diagnose', ...args, '--snapshot', file, '--format', 'json'], { cwd: dir, secrets });
    const table = (report: JsonReport) => report.clubs.map((c) => [c.club.name, c.results.map((x) => `${x.id}:${x.status}`)]);
    expect(table(JSON.parse(offline.stdout) as JsonReport)).toEqual(table(live.report));
  });

  it('fetches no resource twice in a run', async () => {
    const { dir, secrets } = sandbox;
    // The built CLI: a fresh process, so no cache of an earlier run in this one can hide a repeat.
    const r = await runCli(['--debug', 'diagnose', '--all', '--customer', 'marie.durand@example.fr', '--code', 'FREJUS10', '--order', 'XKBKNABJK', '--config', join(dir, 'sandbox.json')], { cwd: dir, secrets });
    const stats = /stats: requests=(\d+) \(([^)]*)\) repeated=(\d+)/.exec(r.stderr);
    expect(stats, r.stderr).not.toBeNull();
    expect(Number(stats![3])).toBe(0);
    expect(stats![2]).toMatch(/prestashop \d+/);
  });
});
