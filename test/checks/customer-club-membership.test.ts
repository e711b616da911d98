import { describe, expect, it } from 'vitest';
import check from '../../checks/customer-club-membership.js';
import type { Customer, Group } from '../../src/engine/parts.js';
import { runChecks } from '../../src/engine/runner.js';
import type { CheckContext, CheckOutcome } from '../../src/engine/types.js';
import { makeCtx, makeSnapshot, ok, remediationText } from './harness.js';

const EMAIL = 'jeanne.martin@example.fr';
const GROUPS: Group[] = [
  { id: 1, name: 'Visiteur' },
  { id: 2, name: 'Invité' },
  { id: 3, name: 'Client' },
  { id: 4, name: 'FC Lyon' },
  { id: 5, name: 'AS Saint-Étienne' },
];
const LYON: Group = { id: 4, name: 'FC Lyon' };

function customer(over: Partial<Customer> & { id: number }): Customer {
  return { email: EMAIL, active: true, deleted: false, isGuest: false, defaultGroupId: 4, groupIds: [3, 4], ...over };
}

function run(matches: Customer[], opts: { group?: Group | null; configuration?: Record<string, string | null>; groups?: Group[] } = {}) {
  const parts: CheckContext['parts'] = {
    'prestashop.customer': { query: EMAIL, matches },
    'club.group': opts.group === undefined ? LYON : opts.group,
    'prestashop.groups': opts.groups ?? GROUPS,
    'prestashop.configuration': opts.configuration ?? { PS_CUSTOMER_GROUP: '3' },
  };
  return check.run(makeCtx(parts, { query: { customer: EMAIL } })) as CheckOutcome;
}

interface Row {
  name: string;
  matches: Customer[];
  group?: Group | null;
  configuration?: Record<string, string | null>;
  groups?: Group[];
  status: CheckOutcome['status'];
  says: string[];
  dit?: string[];
  steps?: string[];
  notSays?: string[];
}

const rows: Row[] = [
  { name: 'Client and club, club by default', matches: [customer({ id: 12 })], status: 'pass', says: ['"Client" (#3)', '"FC Lyon" (#4)', 'club as default group'] },
  {
    name: 'a guest checkout with the same e-mail is not evaluated',
    matches: [customer({ id: 40, isGuest: true, defaultGroupId: 2, groupIds: [2] }), customer({ id: 12 })],
    status: 'pass',
    says: ['#12', 'not evaluated: #40 guest checkout'],
    dit: ['non évalués : n° 40 en invité'],
  },
  {
    name: 'Customer group id read from PS_CUSTOMER_GROUP',
    matches: [customer({ id: 12, groupIds: [7, 4] })],
    configuration: { PS_CUSTOMER_GROUP: '7' },
    groups: [...GROUPS, { id: 7, name: 'Clients' }],
    status: 'pass',
    says: ['"Clients" (#7)'],
  },
  {
    name: 'PS_CUSTOMER_GROUP unreadable: default 3',
    matches: [customer({ id: 12, groupIds: [4] })],
    configuration: { PS_CUSTOMER_GROUP: null },
    status: 'fail',
    says: ['not in the Customer group "Client" (#3)'],
  },
  {
    name: 'not in the club group',
    matches: [customer({ id: 12, groupIds: [3], defaultGroupId: 3 })],
    status: 'fail',
    says: ['not tied to the club "FC Lyon"', 'not in the club\'s group "FC Lyon" (#4)', 'default group is "Client" (#3)'],
    dit: ['pas associé au club « FC Lyon »', 'groupe par défaut est « Client » (n° 3)'],
    steps: ['tick "Client" and "FC Lyon"', 'Default customer group', 'choose "FC Lyon"'],
  },
  {
    name: 'not in the Customer group',
    matches: [customer({ id: 12, groupIds: [4] })],
    status: 'fail',
    says: ['not in the Customer group "Client" (#3)'],
    notSays: ['default group is'],
    steps: ['tick "Client" and "FC Lyon"'],
  },
  {
    name: 'default group is another club',
    matches: [customer({ id: 12, groupIds: [3, 4, 5], defaultGroupId: 5 })],
    status: 'fail',
    says: ['default group is "AS Saint-Étienne" (#5) instead of the club "FC Lyon" (#4)', 'also in "AS Saint-Étienne" (#5)'],
    notSays: ["not in the club's group"],
    steps: ['untick "AS Saint-Étienne" (#5)', 'choose "FC Lyon"'],
  },
  {
    name: 'right groups but default group Client',
    matches: [customer({ id: 12, defaultGroupId: 3 })],
    status: 'fail',
    says: ['default group is "Client" (#3) instead of the club'],
    steps: ['choose "FC Lyon"'],
  },
  {
    name: 'also in another club group',
    matches: [customer({ id: 12, groupIds: [3, 4, 5] })],
    status: 'warn',
    says: ['is tied to the club "FC Lyon"', 'also in "AS Saint-Étienne" (#5)'],
    steps: ['untick "AS Saint-Étienne" (#5)'],
  },
  {
    name: 'group missing from the shop list is named by id',
    matches: [customer({ id: 12, groupIds: [3, 4, 99] })],
    status: 'warn',
    says: ['also in #99'],
  },
  {
    // Customer::getGroups() is the customer_group rows: none means no group, the default included.
    name: 'no group rows, even with the club as default group',
    matches: [customer({ id: 12, groupIds: [], defaultGroupId: 4 })],
    status: 'fail',
    says: ['in no customer group at all', 'no box is ticked under "Group access"', 'default group "FC Lyon" (#4) does not count on its own'],
    dit: ["n'est dans aucun groupe client", 'son groupe par défaut « FC Lyon » (n° 4) ne compte pas à lui seul'],
    notSays: ['not in the Customer group', "not in the club's group", 'default group is'],
    steps: ['tick "Client" and "FC Lyon"', 'choose "FC Lyon"', 'Save'],
  },
  {
    name: 'no group rows and another default group',
    matches: [customer({ id: 12, groupIds: [], defaultGroupId: 3 })],
    status: 'fail',
    says: ['in no customer group at all', 'default group "Client" (#3) does not count', 'default group is "Client" (#3) instead of the club'],
    steps: ['tick "Client" and "FC Lyon"', 'choose "FC Lyon"'],
  },
  { name: 'no account', matches: [], status: 'fail', says: ['No customer account matches', 'guest checkout creates no account'], dit: ['invité ne crée pas de compte'] },
  {
    name: 'only guest and deleted accounts',
    matches: [customer({ id: 40, isGuest: true, groupIds: [2], defaultGroupId: 2 }), customer({ id: 5, deleted: true })],
    status: 'fail',
    says: ['no usable account', '#40: guest checkout', '#5: deleted account'],
    steps: ['must create an account'],
  },
  { name: 'the club has no group', matches: [customer({ id: 12 })], group: null, status: 'fail', says: ['No customer group matches the club "FC Lyon"'], steps: ['Customers > Groups'] },
  // Customer::getGroupsStatic() is [PS_CUSTOMER_GROUP] when Group::isFeatureActive() is false.
  {
    name: 'group feature on: the rows count',
    matches: [customer({ id: 12 })],
    configuration: { PS_CUSTOMER_GROUP: '3', PS_GROUP_FEATURE_ACTIVE: '1' },
    status: 'pass',
    says: ['club as default group'],
    notSays: ['"Customer groups"'],
  },
  {
    name: 'group feature off: right rows, yet only in the Customer group for PrestaShop',
    matches: [customer({ id: 12 })],
    configuration: { PS_CUSTOMER_GROUP: '3', PS_GROUP_FEATURE_ACTIVE: '0' },
    status: 'fail',
    says: ['not tied to the club "FC Lyon"', '"Customer groups" feature is disabled', 'in the "Client" (#3) group only'],
    dit: ['« Groupes de clients » de PrestaShop est désactivée', 'dans le seul groupe « Client » (n° 3)'],
    notSays: ["not in the club's group", 'default group is'],
    steps: ['Advanced Parameters > Performance', '"Customer groups" to Yes'],
  },
  {
    name: 'group feature off (empty value) and rows wrong: both told',
    matches: [customer({ id: 12, groupIds: [3], defaultGroupId: 3 })],
    configuration: { PS_CUSTOMER_GROUP: '3', PS_GROUP_FEATURE_ACTIVE: '' },
    status: 'fail',
    says: ['"Customer groups" feature is disabled', 'not in the club\'s group "FC Lyon" (#4)'],
    steps: ['"Customer groups" to Yes', 'tick "Client" and "FC Lyon"', 'choose "FC Lyon"'],
  },
  {
    name: 'group feature row with NULL: off, like Configuration::get',
    matches: [customer({ id: 12 })],
    configuration: { PS_CUSTOMER_GROUP: '3', PS_GROUP_FEATURE_ACTIVE: null },
    status: 'fail',
    says: ['"Customer groups" feature is disabled'],
  },
  {
    name: 'group feature not read (older snapshot): the pass says so',
    matches: [customer({ id: 12 })],
    configuration: { PS_CUSTOMER_GROUP: '3' },
    status: 'pass',
    says: ['"Customer groups" setting was not read'],
    dit: ['« Groupes de clients » de PrestaShop n’a pas été lu'],
  },
];

describe('customer-club-membership: run', () => {
  it.each(rows)('$name → $status', (row) => {
    const outcome = run(row.matches, row);
    expect(outcome.status).toBe(row.status);
    for (const phrase of row.says) expect(outcome.message.en).toContain(phrase);
    for (const phrase of row.dit ?? []) expect(outcome.message.fr).toContain(phrase);
    for (const phrase of row.notSays ?? []) expect(outcome.message.en).not.toContain(phrase);
    const en = remediationText(outcome, 'en');
    for (const step of row.steps ?? []) expect(en).toContain(step);
    if (row.status === 'pass') expect(outcome.remediation ?? []).toEqual([]);
    else expect(outcome.remediation?.length).toBeGreaterThan(0);
  });

  it('gives the FAQ steps in French with the back-office labels', () => {
    const outcome = run([customer({ id: 12, groupIds: [3], defaultGroupId: 3 })]);
    const fr = remediationText(outcome, 'fr');
    expect(fr).toContain('Clients > Clients');
    expect(fr).toContain(`${EMAIL} (n° 12)`);
    expect(fr).toContain('« Modifier »');
    expect(fr).toContain('« Accès des groupes », cochez « Client » et « FC Lyon »');
    expect(fr).toContain('« Groupe de client par défaut », choisissez « FC Lyon »');
    expect(fr).toContain('Enregistrez');
  });

  it('reports the evaluated account and its groups by name', () => {
    const outcome = run([customer({ id: 40, isGuest: true }), customer({ id: 12, groupIds: [3, 4, 5], defaultGroupId: 5 })]);
    expect(outcome.evidence).toMatchObject({
      evaluatedId: 12,
      customerGroupId: 3,
      clubGroupId: 4,
      groupNames: ['Client', 'FC Lyon', 'AS Saint-Étienne'],
      defaultGroupName: 'AS Saint-Étienne',
      extraGroupIds: [5],
    });
  });
});

describe('customer-club-membership: the customer-group feature', () => {
  it('plans no change of the customer page when only the feature is off', () => {
    const outcome = run([customer({ id: 12 })], { configuration: { PS_CUSTOMER_GROUP: '3', PS_GROUP_FEATURE_ACTIVE: '0' } });
    expect(outcome.evidence).toMatchObject({ groupFeatureActive: false, effectiveGroupIds: [3], effectiveDefaultGroupId: 3, membershipProblems: false });
    expect(check.fix!({ status: outcome.status, evidence: outcome.evidence ?? {} } as never)).toEqual([]);
  });

  it('still plans the customer fix when the rows are wrong too', () => {
    const outcome = run([customer({ id: 12, groupIds: [3], defaultGroupId: 3 })], { configuration: { PS_CUSTOMER_GROUP: '3', PS_GROUP_FEATURE_ACTIVE: '0' } });
    expect(check.fix!({ status: outcome.status, evidence: outcome.evidence ?? {} } as never)).toHaveLength(1);
  });
});

describe('customer-club-membership: through the runner', () => {
  const shopParts = { 'prestashop.groups': ok(GROUPS), 'prestashop.configuration': ok({ PS_CUSTOMER_GROUP: '3' }) };
  const lookups = { customer: { [EMAIL]: ok({ query: EMAIL, matches: [customer({ id: 12, defaultGroupId: 3 })] }) } };

  it('gathers shop, club and lookup parts', async () => {
    const { snapshot, club } = makeSnapshot({ shopParts, clubParts: { 'club.group': ok(LYON) }, lookups });
    const [result] = await runChecks({ checks: [check], snapshot, club, query: { customer: EMAIL } });
    expect(result!.status).toBe('fail');
    expect(result!.message.en).toContain('instead of the club "FC Lyon"');
  });

  it('is skipped without --customer and an error when a part is missing', async () => {
    const { snapshot, club } = makeSnapshot({ shopParts, clubParts: { 'club.group': ok(LYON) }, lookups });
    const [skipped] = await runChecks({ checks: [check], snapshot, club, query: {} });
    expect(skipped!.status).toBe('skip');

    const noGroups = makeSnapshot({ shopParts: { 'prestashop.configuration': ok({}) }, clubParts: { 'club.group': ok(LYON) }, lookups });
    const [error] = await runChecks({ checks: [check], ...noGroups, query: { customer: EMAIL } });
    expect(error!.status).toBe('error');
    expect(error!.message.en).toContain('prestashop.groups');
  });
});
