// Set-up problems found across a snapshot's failed parts: grouped once per cause, with the fix.

import { describe, expect, it } from 'vitest';
import check from '../../checks/category-club-access.js';
import { runChecks } from '../../src/engine/runner.js';
import type { Cause } from '../../src/engine/types.js';
import { findSetupProblems, referToSetup, renderSetupProblem, setupKey, stoppedCounts } from '../../src/report/setup.js';
import { makeSnapshot } from '../checks/harness.js';

const fail = (cause: Cause) => ({ status: 'failed' as const, cause });
const auth: Cause = { source: 'prestashop', kind: 'auth', host: 'shop.test', status: 401, code: 21, message: 'shop.test /api/ refused the webservice key: [20] … [21] …', fix: [{ fr: 'Paramètres avancés > Webservice', en: 'Advanced Parameters > Webservice' }] };
const denied = (resource: string): Cause => ({ source: 'prestashop', kind: 'forbidden-resource', host: 'shop.test', status: 401, code: 26, message: `shop.test /api/${resource}: [26] Resource of type "${resource}" is not allowed with this authentication key` });

describe('findSetupProblems', () => {
  it('one problem for every part failed with the same set-up cause, club and lookup parts included', () => {
    const { snapshot } = makeSnapshot({
      shopParts: { 'prestashop.groups': fail(auth), 'prestashop.configuration': fail({ ...auth }) },
      clubParts: { 'club.group': fail(auth) },
      lookups: { customer: { 'a@b.fr': fail({ ...auth }) } },
    });
    const problems = findSetupProblems(snapshot);
    expect(problems).toHaveLength(1);
    expect(problems[0]!.title.en).toBe('The shop refuses the webservice key');
    expect(renderSetupProblem(problems[0]!, 3, 'fr')).toMatch(/^Problème de configuration\u00a0: La boutique refuse la clé webservice \(shop\.test\)\.\n/);
  });

  it('resources refused to the key: one problem, one step naming each', () => {
    const { snapshot } = makeSnapshot({ shopParts: { 'prestashop.zones': fail(denied('zones')), 'prestashop.carriers': fail(denied('carriers')), 'prestashop.groups': fail(denied('zones')) } });
    const [problem, ...rest] = findSetupProblems(snapshot);
    expect(rest).toEqual([]);
    expect(problem!.resources).toEqual(['zones', 'carriers']);
    expect(problem!.fix.map((f) => f.en)).toEqual(['In the back office: Advanced Parameters > Webservice > edit the key, tick "View (GET)" for the resources "zones", "carriers", then Save.']);
  });

  it('a request the shop rejects is not a set-up problem', () => {
    expect(setupKey({ source: 'prestashop', kind: 'bad-request', message: 'x' })).toBeUndefined();
    expect(setupKey({ source: 'stripe', kind: 'auth', message: 'x' })).toBeUndefined();
    // The webservice and the front page refused by the same host are one problem.
    expect(setupKey({ source: 'prestashop', kind: 'unreachable', host: 'h:1', message: 'a' })).toBe(setupKey({ source: 'shop-front', kind: 'unreachable', host: 'h:1', message: 'b' }));
  });
});

describe('referToSetup', () => {
  it('a stopped check says one line and keeps its cause', async () => {
    const { snapshot, club } = makeSnapshot({ clubParts: { 'club.category': fail(auth), 'club.group': fail(auth) } });
    const results = await runChecks({ checks: [check], snapshot, club, query: {} });
    const problems = findSetupProblems(snapshot);
    expect(stoppedCounts(results, problems)).toEqual([1]);
    const [brief] = referToSetup(results, problems);
    expect(brief!.status).toBe('error');
    expect(brief!.message.en).toBe('Not evaluated: the shop refuses the webservice key (see the set-up problem, reported once).');
    expect(brief!.remediation.map((r) => r.en)).toEqual(['Fix the set-up problem, then run the diagnosis again.']);
    expect(brief!.cause).toMatchObject({ kind: 'auth', code: 21 });
  });
});
