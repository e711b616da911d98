import { describe, expect, it } from 'vitest';
import { UsageError } from '../../src/engine/errors.js';
import { compareWithBaseline } from '../../src/report/baseline.js';
import { exitCodeFor, type Report } from '../../src/report/model.js';
import { sampleReport } from './fixture.js';

/** The sample report with some results' statuses changed (club index, check id → status). */
function withStatuses(report: Report, changes: Record<string, string>): Report {
  return {
    ...report,
    clubs: report.clubs.map((c, i) => ({ ...c, results: c.results.map((r) => ({ ...r, status: (changes[`${i}/${r.id}`] ?? r.status) as never })) })),
  };
}

describe('compareWithBaseline', () => {
  const before = sampleReport('en');

  it('marks each result new, persisting, resolved or unchanged, and names the new and resolved problems', () => {
    const now = withStatuses(before, { '0/stripe-keys-format': 'pass', '0/shop-online': 'fail', '0/relay-carrier-zones': 'pass' });
    const compared = compareWithBaseline(now, before);
    const marks = Object.fromEntries(compared.clubs[0]!.results.map((r) => [r.id, r.change]));
    expect(marks).toEqual({
      'stripe-keys-format': 'resolved', // fail → pass
      'shop-online': 'new', // pass → fail
      'category-club-access': 'persisting', // error → error
      'stripe-account-status': 'persisting', // warn → warn
      'promo-code': 'unchanged', // skip → skip
      'relay-carrier-zones': 'unchanged', // manual is not a problem
    });
    expect(compared.changes).toMatchObject({ new: 1, resolved: 1, persisting: 3 });
    expect(compared.changes!.newProblems).toEqual([{ club: 'AS Saint-Étienne', groupId: 5, id: 'shop-online', title: 'Shop online', status: 'fail' }]);
    expect(compared.changes!.resolvedProblems).toEqual([{ club: 'AS Saint-Étienne', groupId: 5, id: 'stripe-keys-format', title: 'Stripe keys well-formed', status: 'fail' }]);
    expect(exitCodeFor(compared, 'new')).toBe(1);
    expect(exitCodeFor(compareWithBaseline(before, before), 'new')).toBe(0);
    expect(exitCodeFor(compareWithBaseline(before, before), 'fail')).toBe(1);
  });

  it('a club this run did not diagnose (another shard) has nothing resolved; a club new since then has only new problems', () => {
    const shard = { ...before, clubs: [before.clubs[1]!] };
    expect(compareWithBaseline(shard, before).changes).toMatchObject({ new: 0, resolved: 0, persisting: 1 });
    const onlyA = { ...before, clubs: [before.clubs[0]!] };
    const compared = compareWithBaseline(before, onlyA);
    expect(compared.changes!.newProblems.map((p) => `${p.club}/${p.id}`)).toEqual(['Club <Tom & "Jerry"> | Ünïcode/relay-carrier-zones']);
  });

  it('clubs sharing a name are told apart by their group id', () => {
    const twin = (groupId: number, status: string): Report['clubs'][number] => ({
      ...before.clubs[0]!,
      club: { ...before.clubs[0]!.club, groupId },
      results: [{ ...before.clubs[0]!.results[0]!, status: status as never }],
    });
    const then = { ...before, clubs: [twin(20, 'fail'), twin(21, 'pass')] };
    const now = { ...before, clubs: [twin(20, 'pass'), twin(21, 'fail')] };
    expect(compareWithBaseline(now, then).changes).toMatchObject({ new: 1, resolved: 1, newProblems: [{ groupId: 21 }], resolvedProblems: [{ groupId: 20 }] });
  });

  it('refuses a baseline of another shop', () => {
    const ours = { ...before, shop: { url: 'https://shop.example.fr/' } };
    const theirs = { ...before, shop: { url: 'https://other.example/' } };
    expect(() => compareWithBaseline(ours, theirs, 'prev.json')).toThrow(UsageError);
    // Same shop written differently (case, trailing slash) is the same shop.
    expect(() => compareWithBaseline(ours, { ...before, shop: { url: 'HTTPS://Shop.Example.fr' } }, 'prev.json')).not.toThrow();
  });
});
