// `diagnose --fix` and `undo` end to end: the CLI against the sandbox's PrestaShop emulator (PUT
// with PrestaShop's semantics), started in the test process so that its request log and its shop
// can be read. Every field of every touched object is compared (date_upd aside: PrestaShop's
// ObjectModel::update() stamps it on every write, undo included).
//
// The runs go through the program in this process (runInProcess: what a fix writes, says and
// keeps is the point, not the process); the two runs killed between two writes (SIGKILL) are the
// built CLI, since a killed process is what they test.

import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { allFields, entityFields, parseXml } from '../../src/fix/xml.js';
import type { Backup } from '../../src/fix/backup.js';
import { resolveFixtureSet, startFixtureSet, type RunningSandbox } from '../../src/sandbox/fixture-set.js';
import { BIN, cleanEnv, fixtureSecrets, type JsonReport } from './run-cli.js';
import { runInProcess } from './run-in-process.js';

const CUSTOMER = 'paul.martin@example.fr'; // customer 2: groups [3], default 3, not in Fréjus (group 4)
const CLUB = 'Étoile Sportive de Fréjus';
/** The customer checks only: the runs stay short on a loaded machine. */
const ONLY = ['--only', 'customer-club-membership,customer-account-status'];

let running: RunningSandbox;
let dir: string;

beforeEach(async () => {
  running = await startFixtureSet(resolveFixtureSet('demo'));
  dir = mkdtempSync(join(tmpdir(), 'cd-fix-'));
  writeFileSync(join(dir, '.checkout-doctorrc.json'), JSON.stringify(running.config, null, 2));
});
afterEach(async () => {
  await running.close();
});

const run = (args: string[]) => runInProcess(args, { cwd: dir });
const json = (stdout: string) => JSON.parse(stdout) as JsonReport;
const puts = () => running.prestashop.requests.filter((r) => r.method === 'PUT');

/** Every field of a webservice object as the write key reads it (XML), date_upd aside. */
async function object(resource: string, singular: string, id: number): Promise<Record<string, string>> {
  const res = await fetch(`${running.prestashop.apiUrl}${resource}/${id}`, {
    headers: { Authorization: `Basic ${Buffer.from(`${running.config.prestashop!.fixWebserviceKey}:`).toString('base64')}` },
  });
  const fields = allFields(entityFields(parseXml(await res.text()), singular));
  delete fields.date_upd;
  return fields;
}

/** Resolves when the emulator has received the customer's PUT (an event: no polling, no deadline). */
function customerPutArrived(): Promise<void> {
  const faults = running.prestashop.faults;
  const intercept = faults.intercept.bind(faults);
  return new Promise((arrived) => {
    // The emulator logs a request before it asks the fault injector about it.
    faults.intercept = (req, res) => {
      if (puts().some((r) => r.path === '/api/customers/2')) arrived();
      return intercept(req, res);
    };
  });
}

const statusOf = (report: JsonReport, id: string) => report.clubs[0]!.results.find((r) => r.id === id)?.status;

describe('diagnose --fix against the sandbox', { timeout: 120_000 }, () => {
  it('fixes the customer (the check then passes), and undo brings back every field and the failure', async () => {
    const before = await object('customers', 'customer', 2);
    const fixed = await run(['diagnose', CLUB, '--customer', CUSTOMER, ...ONLY, '--fix', '--yes', '--format', 'json']);
    expect(fixed.code).toBe(0);
    const report = json(fixed.stdout);
    expect(report.fixes).toEqual([expect.objectContaining({ check: 'customer-club-membership', outcome: 'applied', statusBefore: 'fail', statusAfter: 'pass' })]);
    expect(statusOf(report, 'customer-club-membership')).toBe('pass');
    const after = await object('customers', 'customer', 2);
    expect(after['associations.groups']).toBe('3,4');
    expect(after.id_default_group).toBe('4');
    // A full read-modify-write: nothing else changed (a partial PUT would have reset fields).
    expect({ ...after, id_default_group: before.id_default_group, 'associations.groups': before['associations.groups'] }).toEqual(before);

    const next = await run(['diagnose', CLUB, '--customer', CUSTOMER, ...ONLY, '--format', 'json']);
    expect(statusOf(json(next.stdout), 'customer-club-membership')).toBe('pass');

    const backupFile = report.fixBackup!;
    const backup = readFileSync(backupFile, 'utf8');
    const auditLog = readFileSync(join(dir, '.checkout-doctor/audit.log'), 'utf8');
    for (const secret of fixtureSecrets()) {
      expect(backup).not.toContain(secret);
      expect(auditLog).not.toContain(secret);
    }
    expect((JSON.parse(backup) as Backup).state).toBe('applied');

    const undone = await run(['undo', backupFile]);
    expect(undone.code).toBe(0);
    expect(undone.stderr).toContain('customers/2: restored and verified');
    expect(await object('customers', 'customer', 2)).toEqual(before);
    const again = await run(['diagnose', CLUB, '--customer', CUSTOMER, ...ONLY, '--format', 'json']);
    expect(again.code).toBe(1);
    expect(statusOf(json(again.stdout), 'customer-club-membership')).toBe('fail');
    expect(readFileSync(join(dir, '.checkout-doctor/audit.log'), 'utf8').trim().split('\n').map((l) => JSON.parse(l).action)).toEqual(['fix', 'undo']);
  });

  it('--dry-run and a run without a terminal plan only: no write reaches the shop', async () => {
    const dry = await run(['diagnose', CLUB, '--customer', CUSTOMER, ...ONLY, '--fix', '--dry-run']);
    expect(dry.stderr).toContain('Proposed fixes (1 fix):');
    expect(dry.stderr).toContain('groups 3 → 3, 4');
    expect(dry.stderr).toContain('--dry-run: nothing was changed.');
    const noTty = await run(['diagnose', CLUB, '--customer', CUSTOMER, ...ONLY, '--fix', '--format', 'json']);
    expect(noTty.stderr).toContain('No terminal to confirm: nothing was changed. Add --yes');
    expect(json(noTty.stdout).fixes).toEqual([expect.objectContaining({ outcome: 'planned' })]);
    expect(running.prestashop.requests.length).toBeGreaterThan(0);
    expect(puts()).toEqual([]);
    expect(statusOf(json((await run(['diagnose', CLUB, '--customer', CUSTOMER, ...ONLY, '--format', 'json'])).stdout), 'customer-club-membership')).toBe('fail');
  });

  it('enables merchandise returns for the diagnosed shop, and undo turns them off again', async () => {
    running.prestashop.fixture.configuration.find((c) => c.id_configuration === 44)!.value = '0';
    const before = await object('configurations', 'configuration', 44);
    const result = await run(['diagnose', CLUB, '--only', 'credit-note-prerequisites', '--fix', '--yes', '--format', 'json']);
    const report = json(result.stdout);
    expect(report.fixes).toEqual([
      expect.objectContaining({ outcome: 'applied', statusBefore: 'fail', statusAfter: 'pass', changes: [{ object: 'Configuration PS_ORDER_RETURN', field: 'value', from: '"0"', to: '"1"' }] }),
    ]);
    // The shop's own row (shop 1), not the global one.
    expect(puts().map((r) => r.path)).toEqual(['/api/configurations/44']);
    expect((await run(['undo', report.fixBackup!])).code).toBe(0);
    expect(await object('configurations', 'configuration', 44)).toEqual(before);
  });

  it('a write failing half-way rolls back the writes already made', async () => {
    // Merchandise returns off for shop 1: two fixes, the configuration written first, then the customer.
    running.prestashop.fixture.configuration.find((c) => c.id_configuration === 44)!.value = '0';
    const configBefore = await object('configurations', 'configuration', 44);
    const customerBefore = await object('customers', 'customer', 2);
    running.prestashop.faults.add({ method: 'PUT', path: '/api/customers/*', respond: { kind: 'php-warning', status: 500 } });
    const result = await run(['diagnose', CLUB, '--customer', CUSTOMER, '--only', 'credit-note-prerequisites,customer-club-membership', '--fix', '--yes', '--format', 'json']);
    const report = json(result.stdout);
    expect(report.fixes!.map((f) => [f.check, f.outcome])).toEqual([
      ['credit-note-prerequisites', 'rolled-back'],
      ['customer-club-membership', 'failed'],
    ]);
    expect(puts().map((r) => r.path)).toEqual(['/api/configurations/44', '/api/customers/2', '/api/configurations/44']);
    expect(await object('configurations', 'configuration', 44)).toEqual(configBefore);
    expect(await object('customers', 'customer', 2)).toEqual(customerBefore);
    expect((JSON.parse(readFileSync(report.fixBackup!, 'utf8')) as Backup).state).toBe('rolled-back');
  });

  it('a run killed between two writes leaves no partial change once undo has run, or once the tool runs again', async () => {
    running.prestashop.fixture.configuration.find((c) => c.id_configuration === 44)!.value = '0';
    const configBefore = await object('configurations', 'configuration', 44);
    const customerBefore = await object('customers', 'customer', 2);
    running.prestashop.faults.add({ method: 'PUT', path: '/api/customers/*', respond: { kind: 'hang' } });
    const args = ['diagnose', CLUB, '--customer', CUSTOMER, '--only', 'credit-note-prerequisites,customer-club-membership', '--fix', '--yes'];
    const putArrived = customerPutArrived();
    const child: ChildProcess = spawn(process.execPath, [BIN, ...args], { cwd: dir, env: cleanEnv(), stdio: ['ignore', 'pipe', 'pipe'] });
    let stderr = '';
    child.stderr!.setEncoding('utf8').on('data', (d: string) => (stderr += d));
    const closed = new Promise((done) => child.on('close', done));
    // The configuration is written, the customer's PUT hangs: kill the process there.
    await putArrived;
    expect(puts().map((r) => r.path)).toEqual(['/api/configurations/44', '/api/customers/2']);
    child.kill('SIGKILL');
    await closed;
    running.prestashop.faults.clear();
    expect((await object('configurations', 'configuration', 44)).value).toBe('1');
    const backupFile = /Backup of what will be changed: (\S+)/.exec(stderr)![1]!;
    expect((JSON.parse(readFileSync(backupFile, 'utf8')) as Backup).state).toBe('applying');

    const undone = await run(['undo', backupFile]);
    expect(undone.code).toBe(0);
    expect(await object('configurations', 'configuration', 44)).toEqual(configBefore);
    expect(await object('customers', 'customer', 2)).toEqual(customerBefore);
  });

  it('the next --fix undoes a killed run first, then fixes everything', async () => {
    running.prestashop.fixture.configuration.find((c) => c.id_configuration === 44)!.value = '0';
    running.prestashop.faults.add({ method: 'PUT', path: '/api/customers/*', respond: { kind: 'hang' } });
    const args = ['diagnose', CLUB, '--customer', CUSTOMER, '--only', 'credit-note-prerequisites,customer-club-membership', '--fix', '--yes'];
    const putArrived = customerPutArrived();
    const child = spawn(process.execPath, [BIN, ...args], { cwd: dir, env: cleanEnv(), stdio: ['ignore', 'ignore', 'ignore'] });
    const closed = new Promise((done) => child.on('close', done));
    await putArrived;
    child.kill('SIGKILL');
    await closed;
    running.prestashop.faults.clear();

    const again = await run([...args, '--format', 'json']);
    expect(again.stderr).toMatch(/A previous fix did not finish .*: it is undone first\./);
    expect(again.stderr).toContain('configurations/44: restored and verified.');
    expect(again.code).toBe(0);
    expect(json(again.stdout).fixes!.map((f) => f.outcome)).toEqual(['applied', 'applied']);
  });

  it('undo refuses (exit 2, saying what changed) when the object was changed since the fix, unless --force', async () => {
    const before = await object('customers', 'customer', 2);
    const report = json((await run(['diagnose', CLUB, '--customer', CUSTOMER, ...ONLY, '--fix', '--yes', '--format', 'json'])).stdout);
    // Someone edits the customer in the back office after the fix.
    running.prestashop.fixture.customers.find((c) => c.id_customer === 2)!.lastname = 'Martin-Durand';
    const refused = await run(['undo', report.fixBackup!]);
    expect(refused.code).toBe(2);
    expect(refused.stderr).toContain('customers/2 was changed since the fix (lastname): nothing was undone.');
    expect((await object('customers', 'customer', 2))['associations.groups']).toBe('3,4');

    const forced = await run(['undo', report.fixBackup!, '--force']);
    expect(forced.code).toBe(0);
    expect(await object('customers', 'customer', 2)).toEqual({ ...before, lastname: 'Martin-Durand' });
  });

  it('a fix that does not verify (its check still fails) is rolled back, and the report says so', async () => {
    const row = running.prestashop.fixture.configuration.find((c) => c.id_configuration === 47)!;
    // A line break to clean, and a live secret key beside a test publishable key: once cleaned, the modes still differ.
    const raw = 'sk_live_DEMOBoutiqueFakeKey00001\n';
    row.value = raw;
    const config = structuredClone(running.config);
    delete config.clubs![0]!.stripe;
    writeFileSync(join(dir, '.checkout-doctorrc.json'), JSON.stringify(config, null, 2));
    const result = await run(['diagnose', CLUB, '--only', 'stripe-keys-format', '--fix', '--yes', '--format', 'json']);
    const report = json(result.stdout);
    expect(report.fixes).toEqual([expect.objectContaining({ outcome: 'rolled-back', statusBefore: 'fail', statusAfter: 'fail' })]);
    expect(report.fixes![0]!.reason).toContain('still does not pass after the fix: it was rolled back');
    expect(puts()).toHaveLength(2);
    expect(row.value).toBe(raw);
    expect(result.code).toBe(1);
  });

  it('cleans a Stripe key stored in the shop (backup without the key), and undo puts the characters back', async () => {
    const row = running.prestashop.fixture.configuration.find((c) => c.id_configuration === 47)!; // STRIPE_TEST_KEY, shop 1
    const raw = '\u200bsk_test_DEMOBoutiqueFakeKey00001\n';
    row.value = raw;
    // Fréjus without keys of its own in the configuration: the Stripe module's keys are used.
    const config = structuredClone(running.config);
    delete config.clubs![0]!.stripe;
    writeFileSync(join(dir, '.checkout-doctorrc.json'), JSON.stringify(config, null, 2));
    const result = await run(['diagnose', CLUB, '--only', 'stripe-keys-format', '--fix', '--yes', '--format', 'json']);
    const report = json(result.stdout);
    expect(report.fixes).toEqual([expect.objectContaining({ outcome: 'applied', statusBefore: 'fail', statusAfter: 'pass' })]);
    expect(report.fixes![0]!.changes[0]!.from).toBe('sk_test_…0001 + 2 (U+200B@0 U+000A@33)');
    expect(row.value).toBe('sk_test_DEMOBoutiqueFakeKey00001');
    const backup = readFileSync(report.fixBackup!, 'utf8');
    expect(backup).not.toContain('DEMOBoutiqueFakeKey');
    expect((await run(['undo', report.fixBackup!])).code).toBe(0);
    expect(row.value).toBe(raw);
  });
});
