// The built CLI against the sandbox's demo shop (set-up: sandbox-cli.ts), read once through the
// webservice and once through a real MariaDB loaded with the same shop: the same verdicts but for
// the facts only SQL can see.

import { describe, expect, it } from 'vitest';
import type { JsonReport } from './run-cli.js';
import { useSandboxCli } from './sandbox-cli.js';

const { diagnose } = useSandboxCli({ database: true });

describe('through the database', () => {
  it('a shipped but unpaid (cash on delivery) order is not returnable', async () => {
    const r = await diagnose(['Étoile Sportive de Fréjus', '--order', 'CONTREREM'], 'database.json');
    const result = r.byId()['credit-note-prerequisites']!;
    expect(result.status).toBe('fail');
    expect(result.message).toContain('"Expédié, paiement à la livraison" (#14): shipped but not paid');
    expect(result.message).toContain('both paid and shipped');
  });

  it("an order of another shop is judged with that shop's return settings", async () => {
    const r = await diagnose(['Étoile Sportive de Fréjus', '--order', 'BOUTIQUEB'], 'database.json');
    const result = r.byId()['credit-note-prerequisites']!;
    expect(result.status).toBe('fail');
    expect(result.message).toContain("merchandise returns are disabled for the order's shop #2");
  });

  it('a customer with no group row is in no group at all, not in its default club group', async () => {
    const r = await diagnose(['Étoile Sportive de Fréjus', '--customer', 'sans.groupe@example.fr'], 'database.json');
    const result = r.byId()['customer-club-membership']!;
    expect(result.status).toBe('fail');
    expect(result.message).toContain('it is in no customer group at all');
    expect(result.message).toContain('"Étoile Sportive de Fréjus" (#4) does not count on its own');
    expect(result.message).not.toContain('not in the Customer group');
  });
});

describe('the same shop through the webservice and through the database', () => {
  // Facts only SQL can see: category group access, carrier zones, installed modules.
  const DATABASE_ONLY = new Set(['category-club-access', 'relay-carrier-zones', 'relay-module-conflicts']);

  it('gives the same statuses but for the facts only the database can see', async () => {
    const args = ['--all', '--customer', 'paul.martin@example.fr', '--code', 'ETE2025', '--order', 'XKBKNABJK'];
    const [ws, sql] = await Promise.all([diagnose(args), diagnose(args, 'database.json')]);
    const table = (r: { report: JsonReport }) =>
      Object.fromEntries(r.report.clubs.map((c) => [c.club.name, Object.fromEntries(c.results.filter((x) => !DATABASE_ONLY.has(x.id)).map((x) => [x.id, x.status]))]));
    const diff = Object.entries(table(ws)).flatMap(([club, checks]) =>
      Object.entries(checks).filter(([id, status]) => table(sql)[club]?.[id] !== status).map(([id, status]) => `${club} ${id}: webservice ${status}, database ${table(sql)[club]?.[id]}`),
    );
    expect(diff).toEqual([]);
    expect(table(ws)).toEqual(table(sql));
    const asse = (r: { report: JsonReport }) => r.report.clubs.find((c) => c.club.name === 'AS Saint-Étienne')!.results.find((x) => x.id === 'category-club-access')!.status;
    expect([asse(ws), asse(sql)]).toEqual(['manual', 'fail']);
  });

  it('sees cart-rule group restrictions only through the database', async () => {
    const args = ['Étoile Sportive de Fréjus', '--customer', 'paul.martin@example.fr', '--code', 'FREJUS10'];
    const [ws, sql] = await Promise.all([diagnose(args), diagnose(args, 'database.json')]);
    expect(ws.byId()['promo-code']!.status).toBe('manual');
    expect(sql.byId()['promo-code']!.status).toBe('fail');
  });

  it("counts a customer's uses of a code alike, the cancelled order included", async () => {
    const args = ['Étoile Sportive de Fréjus', '--customer', 'marie.durand@example.fr', '--code', 'FREJUS10'];
    const [ws, sql] = await Promise.all([diagnose(args), diagnose(args, 'database.json')]);
    for (const r of [ws, sql]) {
      expect(r.byId()['promo-code']!.status).toBe('fail');
      expect(r.byId()['promo-code']!.message).toContain('already used it 1 time out of 1');
    }
  });
});
