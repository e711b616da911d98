import { describe, expect, it } from 'vitest';
import check from '../../checks/customer-account-status.js';
import type { Customer } from '../../src/engine/parts.js';
import { runChecks } from '../../src/engine/runner.js';
import type { CheckOutcome } from '../../src/engine/types.js';
import { makeCtx, makeSnapshot, ok, remediationText } from './harness.js';

const EMAIL = 'jeanne.martin@example.fr';

function customer(over: Partial<Customer> & { id: number }): Customer {
  return { email: EMAIL, firstname: 'Jeanne', lastname: 'Martin', active: true, deleted: false, isGuest: false, defaultGroupId: 4, groupIds: [3, 4], ...over };
}

function run(matches: Customer[], query = EMAIL) {
  return check.run(makeCtx({ 'prestashop.customer': { query, matches } }, { query: { customer: query } })) as CheckOutcome;
}

interface Row {
  name: string;
  matches: Customer[];
  status: CheckOutcome['status'];
  says: string[];
  dit?: string[];
  steps?: string[];
  evaluatedId?: number;
}

const rows: Row[] = [
  { name: 'one active account', matches: [customer({ id: 12 })], status: 'pass', says: ['#12', 'exists and is active'], evaluatedId: 12 },
  {
    name: 'guest checkout and registered account with one e-mail',
    matches: [customer({ id: 40, isGuest: true, groupIds: [2], defaultGroupId: 2 }), customer({ id: 12 })],
    status: 'pass',
    says: ['#12', 'exists and is active', 'Other accounts', '#40', 'guest checkout'],
    evaluatedId: 12,
  },
  {
    name: 'old deleted account and a new active one',
    matches: [customer({ id: 5, deleted: true }), customer({ id: 12 })],
    status: 'pass',
    says: ['#12', 'is active', '#5', 'deleted'],
    evaluatedId: 12,
  },
  {
    name: 'no account at all',
    matches: [],
    status: 'fail',
    says: ['No customer account matches', 'guest checkout creates no customer account'],
    dit: ['Aucun compte client', 'invité ne crée pas de compte'],
    steps: ['create an account'],
  },
  {
    name: 'only a guest checkout',
    matches: [customer({ id: 40, isGuest: true, groupIds: [2], defaultGroupId: 2 })],
    status: 'fail',
    says: ['only checked out as a guest', 'creates no customer account'],
    dit: ["qu'une commande en invité"],
    steps: ['must create an account'],
  },
  {
    name: 'several guest checkouts',
    matches: [customer({ id: 40, isGuest: true }), customer({ id: 41, isGuest: true })],
    status: 'fail',
    says: ['only checked out as a guest (2 times)'],
    steps: ['must create an account'],
  },
  {
    name: 'deleted account',
    matches: [customer({ id: 5, deleted: true })],
    status: 'fail',
    says: ['was deleted', 'cannot be undone'],
    dit: ['supprimé', 'définitive'],
    steps: ['must create a new account'],
  },
  {
    name: 'deleted account, then guest checkouts',
    matches: [customer({ id: 5, deleted: true }), customer({ id: 40, isGuest: true })],
    status: 'fail',
    says: ['was deleted', 'as a guest did not create an account'],
    steps: ['must create a new account'],
  },
  {
    name: 'refused (disabled) account',
    matches: [customer({ id: 12, active: false })],
    status: 'fail',
    says: ['#12', 'refused (disabled)', 'neither log in nor place an order'],
    dit: ['refusé', 'ni se connecter ni passer commande'],
    steps: ['Customers > Customers', 'Untick "Refused"', 'Save'],
    evaluatedId: 12,
  },
  {
    name: 'disabled account with a guest checkout beside it',
    matches: [customer({ id: 40, isGuest: true }), customer({ id: 12, active: false })],
    status: 'fail',
    says: ['#12', 'refused', 'Other accounts', '#40'],
    steps: ['Untick "Refused"'],
    evaluatedId: 12,
  },
];

describe('customer-account-status: run', () => {
  it.each(rows)('$name → $status', ({ matches, status, says, dit, steps, evaluatedId }) => {
    const outcome = run(matches);
    expect(outcome.status).toBe(status);
    for (const phrase of says) expect(outcome.message.en).toContain(phrase);
    for (const phrase of dit ?? []) expect(outcome.message.fr).toContain(phrase);
    const en = remediationText(outcome, 'en');
    for (const step of steps ?? []) expect(en).toContain(step);
    if (status === 'pass') expect(outcome.remediation ?? []).toEqual([]);
    else expect(outcome.remediation?.length).toBeGreaterThan(0);
    if (evaluatedId !== undefined) expect(outcome.evidence?.evaluatedId).toBe(evaluatedId);
    // Both languages are filled.
    expect(outcome.message.fr.length).toBeGreaterThan(10);
    for (const step of outcome.remediation ?? []) expect(step.fr && step.en).toBeTruthy();
  });

  it('names the back-office path for a refused account in French', () => {
    const outcome = run([customer({ id: 12, active: false })]);
    const fr = remediationText(outcome, 'fr');
    expect(fr).toContain('Clients > Clients');
    expect(fr).toContain('« Modifier »');
    expect(fr).toContain('Décochez « Refusé »');
    expect(fr).toContain(EMAIL);
  });
});

describe('customer-account-status: through the runner', () => {
  const part = ok({ query: EMAIL, matches: [customer({ id: 12, active: false })] });

  it('is skipped without --customer', async () => {
    const { snapshot, club } = makeSnapshot({ lookups: { customer: { [EMAIL]: part } } });
    const [result] = await runChecks({ checks: [check], snapshot, club, query: {} });
    expect(result!.status).toBe('skip');
    expect(result!.message.en).toContain('--customer');
  });

  it('reads the customer lookup matching --customer (case-insensitive)', async () => {
    const { snapshot, club } = makeSnapshot({ lookups: { customer: { [EMAIL]: part } } });
    const [result] = await runChecks({ checks: [check], snapshot, club, query: { customer: EMAIL.toUpperCase() } });
    expect(result!.status).toBe('fail');
    expect(result!.evidence.evaluatedId).toBe(12);
  });

  it('is manual with the back-office steps when the sources cannot read customers', async () => {
    const reason = { fr: 'Clients illisibles.', en: 'Customers are not readable.' };
    const { snapshot, club } = makeSnapshot({ lookups: { customer: { [EMAIL]: { status: 'unavailable', reason } } } });
    const [result] = await runChecks({ checks: [check], snapshot, club, query: { customer: EMAIL } });
    expect(result!.status).toBe('manual');
    expect(result!.message).toEqual(reason);
    expect(result!.remediation.map((s) => s.en).join('\n')).toContain('Customers > Customers');
  });

  it('is an error when the snapshot holds nothing for that customer, or malformed data', async () => {
    const { snapshot, club } = makeSnapshot({ lookups: { customer: { [EMAIL]: part } } });
    const [missing] = await runChecks({ checks: [check], snapshot, club, query: { customer: 'other@example.fr' } });
    expect(missing!.status).toBe('error');
    expect(missing!.message.en).toContain('other@example.fr');

    const bad = makeSnapshot({ lookups: { customer: { [EMAIL]: ok({ query: EMAIL, matches: [{ id: 'x' }] }) } } });
    const [malformed] = await runChecks({ checks: [check], ...bad, query: { customer: EMAIL } });
    expect(malformed!.status).toBe('error');
    expect(malformed!.message.en).toContain('prestashop.customer');
  });
});
