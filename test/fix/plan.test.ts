// Planning is pure: from the demo snapshot's results, each check proposes its fix, described as
// "object: field before → after", with keys masked; keys from checkout-doctor's own configuration
// are a step for a person, never a change.

import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { builtinRegistry } from '../../src/engine/registry.js';
import { runChecks } from '../../src/engine/runner.js';
import { loadSnapshot } from '../../src/engine/snapshot.js';
import type { Query } from '../../src/engine/types.js';
import { planFixes, renderPlan } from '../../src/fix/plan.js';
import { ROOT } from '../e2e/run-cli.js';

async function plan(clubName: string, query: Query) {
  const snapshot = await loadSnapshot(join(ROOT, 'fixtures/demo-shop.snapshot.json'));
  const club = snapshot.clubs.find((c) => c.name === clubName)!;
  const results = await runChecks({ checks: builtinRegistry().all(), snapshot, club, query });
  return planFixes({ snapshot, clubs: [{ club, results }], query });
}

describe('planFixes', () => {
  it('plans the customer fix from the check that found it: groups added, default group set, nothing removed', async () => {
    const p = await plan('Étoile Sportive de Fréjus', { customer: 'paul.martin@example.fr' });
    const fix = p.fixes.find((f) => f.checkId === 'customer-club-membership')!;
    expect(fix.change).toEqual({ kind: 'customer-groups', customerId: 2, email: 'paul.martin@example.fr', groupsBefore: [3], groupsAfter: [3, 4], defaultBefore: 3, defaultAfter: 4 });
    expect(renderPlan(p, 'en')).toContain('Customer paul.martin@example.fr (#2): default group 3 → 4');
    expect(renderPlan(p, 'fr')).toContain('Client paul.martin@example.fr (n° 2)\u00a0: groupes 3 → 3, 4');
  });

  it('a key from checkout-doctor’s configuration is a manual step, shown masked, never a change', async () => {
    const p = await plan('Racing Club Sévigné', {});
    const key = p.fixes.filter((f) => f.checkId === 'stripe-keys-format');
    expect(key).toHaveLength(1);
    expect(key[0]!.change).toBeUndefined();
    expect(key[0]!.manual![0]!.en).toContain("comes from checkout-doctor's own configuration");
    expect(renderPlan(p, 'en')).toContain('(to do by hand)');
  });

  it('proposes nothing for a healthy club', async () => {
    const p = await plan('Étoile Sportive de Fréjus', {});
    expect(p.fixes).toEqual([]);
    expect(renderPlan(p, 'en')).toBe('No automatic fix to propose.\n');
  });
});
