import { describe, expect, it } from 'vitest';
import check from '../../checks/category-club-access.js';
import type { Category, Group } from '../../src/engine/parts.js';
import { runChecks } from '../../src/engine/runner.js';
import { t, type CheckContext, type CheckOutcome, type Text } from '../../src/engine/types.js';
import { makeCtx, makeSnapshot, ok, remediationText } from './harness.js';

const LYON: Group = { id: 4, name: 'FC Lyon' };
const CATEGORY: Category = { id: 12, name: 'Boutique FC Lyon', active: true };
const WEBSERVICE_ONLY = t("Accès des groupes illisible par le webservice.", 'Group access is not readable through the webservice.');

interface Row {
  name: string;
  group: Group | null;
  category: Category | null;
  access?: number[];
  unavailable?: Text;
  status: CheckOutcome['status'];
  says: string[];
  steps?: string[];
}

const rows: Row[] = [
  { name: 'active category open to the club group', group: LYON, category: CATEGORY, access: [1, 4], status: 'pass', says: ['"Boutique FC Lyon"', '"FC Lyon"'] },
  { name: 'no club group', group: null, category: CATEGORY, access: [4], status: 'fail', says: ['No customer group matches the club "FC Lyon"'], steps: ['Customers > Groups', 'clubs[].group'] },
  { name: 'no club category', group: LYON, category: null, status: 'fail', says: ['No category matches the club "FC Lyon"'], steps: ['Catalogue > Categories', 'clubs[].category'] },
  { name: 'category disabled', group: LYON, category: { ...CATEGORY, active: false }, access: [4], status: 'fail', says: ['#12', 'is disabled'], steps: ['Catalogue > Categories', '"Displayed" to Yes', 'Save'] },
  { name: 'club group not in the group access', group: LYON, category: CATEGORY, access: [1, 2, 3], status: 'fail', says: ['Group "FC Lyon" (#4) has no access', 'payment is blocked'], steps: ['Catalogue > Categories', 'Under "Group access", tick "FC Lyon"', 'Save'] },
  { name: 'group access unreadable with the configured sources', group: LYON, category: CATEGORY, unavailable: WEBSERVICE_ONLY, status: 'manual', says: ['not readable through the webservice'], steps: ['"Group access"', '(group "FC Lyon", #4)'] },
  { name: 'group access absent without a reason', group: LYON, category: CATEGORY, status: 'manual', says: ['could not be read'], steps: ['(group "FC Lyon", #4)'] },
];

function run(row: Row) {
  const parts: CheckContext['parts'] = { 'club.group': row.group, 'club.category': row.category };
  if (row.access) parts['club.categoryAccess'] = { groupIds: row.access };
  return check.run(makeCtx(parts, { unavailable: row.unavailable ? { 'club.categoryAccess': row.unavailable } : {} })) as CheckOutcome;
}

describe('category-club-access: run', () => {
  it.each(rows)('$name → $status', (row) => {
    const outcome = run(row);
    expect(outcome.status).toBe(row.status);
    for (const phrase of row.says) expect(outcome.message.en).toContain(phrase);
    const en = remediationText(outcome, 'en');
    for (const step of row.steps ?? []) expect(en).toContain(step);
    if (row.status === 'pass') expect(outcome.remediation ?? []).toEqual([]);
  });

  it('gives the FAQ path in French', () => {
    const outcome = run(rows[4]!);
    const fr = remediationText(outcome, 'fr');
    expect(fr).toContain('Catalogue > Catégories');
    expect(fr).toContain('« Accès des groupes », cochez « FC Lyon »');
    expect(outcome.message.fr).toContain("n'a pas accès à la catégorie « Boutique FC Lyon »");
    expect(outcome.evidence).toMatchObject({ groupId: 4, categoryId: 12, allowedGroupIds: [1, 2, 3] });
  });
});

describe('category-club-access: through the runner', () => {
  it('passes the optional part when gathered', async () => {
    const { snapshot, club } = makeSnapshot({ clubParts: { 'club.group': ok(LYON), 'club.category': ok(CATEGORY), 'club.categoryAccess': ok({ groupIds: [3] }) } });
    const [result] = await runChecks({ checks: [check], snapshot, club, query: {} });
    expect(result!.status).toBe('fail');
    expect(result!.evidence.allowedGroupIds).toEqual([3]);
  });

  it('turns an unavailable optional part into manual with its reason', async () => {
    const { snapshot, club } = makeSnapshot({
      clubParts: { 'club.group': ok(LYON), 'club.category': ok(CATEGORY), 'club.categoryAccess': { status: 'unavailable', reason: WEBSERVICE_ONLY } },
    });
    const [result] = await runChecks({ checks: [check], snapshot, club, query: {} });
    expect(result!.status).toBe('manual');
    expect(result!.message).toEqual(WEBSERVICE_ONLY);
  });

  it('is an error when a needed part is missing, and club.group null is data, not an error', async () => {
    const missing = makeSnapshot({ clubParts: { 'club.group': ok(LYON) } });
    const [error] = await runChecks({ checks: [check], ...missing, query: {} });
    expect(error!.status).toBe('error');
    expect(error!.message.en).toContain('club.category');

    const noGroup = makeSnapshot({ clubParts: { 'club.group': ok(null), 'club.category': ok(CATEGORY) } });
    const [failed] = await runChecks({ checks: [check], ...noGroup, query: {} });
    expect(failed!.status).toBe('fail');
  });
});
