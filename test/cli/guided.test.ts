// The guided mode's pieces that need no terminal: the club search folds case and accents, a
// person's answer to a manual point becomes the result's status with evidence saying a person
// answered, and every French sentence of the guided mode follows French typography.

import { describe, expect, it } from 'vitest';
import type { CheckResult } from '../../src/engine/runner.js';
import { t, type Check } from '../../src/engine/types.js';
import { clubsMatching } from '../../src/cli/guided/club-choice.js';
import { answered, questionFor } from '../../src/cli/guided/manual.js';
import { manualQuestions, messages } from '../../src/cli/guided/messages.js';
import { RELAY_MAP_POINTS } from '../../src/cli/guided/faq-points.js';

const clubs = ['AS Saint-Étienne', 'Racing Club Sévigné', 'Étoile Sportive de Fréjus', 'Olympique Noisy-le-Sec'].map((name) => ({ name }));

describe('club search', () => {
  it('matches any part of the name, case and accents aside; every club for no term', () => {
    expect(clubsMatching(clubs, 'SEVI').map((c) => c.name)).toEqual(['Racing Club Sévigné']);
    expect(clubsMatching(clubs, 'etienne').map((c) => c.name)).toEqual(['AS Saint-Étienne']);
    expect(clubsMatching(clubs, 'noisy le').map((c) => c.name)).toEqual(['Olympique Noisy-le-Sec']);
    expect(clubsMatching(clubs, 'é').map((c) => c.name)).toHaveLength(4);
    expect(clubsMatching(clubs, undefined)).toHaveLength(4);
    expect(clubsMatching(clubs, 'zzz')).toEqual([]);
  });
});

describe('a manual point answered by a person', () => {
  const check = { meta: { id: 'category-club-access', title: t('Catégorie', 'Category') } } as unknown as Check;
  const manual: CheckResult = {
    check,
    status: 'manual',
    severity: 'fail',
    message: t('À vérifier.', 'To verify.'),
    remediation: [t('Cochez le groupe.', 'Tick the group.')],
    evidence: { groupId: 6 },
    durationMs: 0,
  };
  const question = questionFor(manual, 'Racing Club Sévigné');

  it('asks the FAQ question of the check', () => {
    expect(question.fr).toContain('«\u00a0Racing Club Sévigné\u00a0» est-il coché\u00a0?');
  });

  it('yes: pass, no steps, evidence says a person answered', () => {
    const r = answered(manual, question, 'yes');
    expect(r.status).toBe('pass');
    expect(r.remediation).toEqual([]);
    expect(r.evidence).toMatchObject({ groupId: 6, answeredBy: 'person', answer: 'yes', question: question.en, questionFr: question.fr });
    expect(r.message.fr).toMatch(/^Vérifié par une personne\u00a0: /);
  });

  it("no: the check's severity, its steps kept", () => {
    const r = answered(manual, question, 'no');
    expect(r.status).toBe('fail');
    expect(r.remediation).toEqual(manual.remediation);
    expect(r.evidence.answeredBy).toBe('person');
    expect(answered({ ...manual, severity: 'warn' }, question, 'no').status).toBe('warn');
  });

  it("don't know: unchanged, nobody answered", () => {
    expect(answered(manual, question, 'unknown')).toBe(manual);
  });

  it('the FAQ points no API can see are manual, each with its own question', async () => {
    for (const point of RELAY_MAP_POINTS) {
      const outcome = await point.run({} as never);
      expect(outcome.status).toBe('manual');
      expect(manualQuestions[point.meta.id]).toBeDefined();
    }
  });
});

describe('French of the guided mode', () => {
  function frenchTexts(): string[] {
    const out: string[] = [];
    const visit = (value: unknown): void => {
      if (typeof value === 'function') {
        // Sample arguments: a club name, counts, a language.
        for (const args of [['Racing Club Sévigné', 1, 'fr'], ['Racing Club Sévigné', 3, 'fr'], [2, 3, 'x']]) {
          try {
            visit((value as (...a: unknown[]) => unknown)(...args));
          } catch {
            // Not every function takes these arguments.
          }
        }
      } else if (typeof value === 'string') out.push(value);
      else if (value && typeof value === 'object') {
        if ('fr' in value && typeof (value as { fr: unknown }).fr === 'string') out.push((value as { fr: string }).fr);
        else for (const v of Object.values(value)) visit(v);
      }
    };
    visit(messages);
    visit(manualQuestions);
    return out.filter((s) => /[a-z]/i.test(s));
  }

  it('non-breaking space before « : ; ! ? » and inside « », typographic apostrophes, no "(s)" plural', () => {
    const texts = frenchTexts().filter((s) => !/\b(the|is|and|your|their)\b/.test(s));
    expect(texts.length).toBeGreaterThan(20);
    for (const s of texts) {
      expect(s, s).not.toMatch(/ [:;!?](\s|$)/);
      expect(s, s).not.toMatch(/«(?!\u00a0)|(?<!\u00a0)»/);
      expect(s, s).not.toMatch(/[A-Za-zÀ-ÿ]'[A-Za-zÀ-ÿ]/);
      expect(s, s).not.toContain('(s)');
    }
  });

  it('counts with the plural rules of each language (French: 0 and 1 singular, the whole sentence agreeing)', () => {
    expect(messages.manualIntro(1, 'fr')).toBe('1\u00a0point ne peut pas être lu automatiquement\u00a0: vous pouvez le vérifier maintenant.');
    expect(messages.manualIntro(0, 'fr')).toBe('0\u00a0point ne peut pas être lu automatiquement\u00a0: vous pouvez le vérifier maintenant.');
    expect(messages.manualIntro(2, 'fr')).toBe('2\u00a0points ne peuvent pas être lus automatiquement\u00a0: vous pouvez les vérifier maintenant.');
    expect(messages.manualIntro(0, 'en')).toBe('0 points cannot be read automatically: you can check them now.');
    expect(messages.manualIntro(1, 'en')).toBe('1 point cannot be read automatically: you can check it now.');
    expect(messages.problemsFound('Racing {n}', 1, 'fr')).toBe('1\u00a0problème trouvé pour «\u00a0Racing {n}\u00a0».');
    expect(messages.problemsFound('Racing', 0, 'en')).toBe('0 problems found for "Racing".');
    expect(messages.problemsFound('Racing', 1500, 'fr')).toBe('1\u202f500\u00a0problèmes trouvés pour «\u00a0Racing\u00a0».');
    expect(messages.fixesIntro(1).fr).toMatch(/^checkout-doctor peut corriger un point lui-même/);
    expect(messages.fixesIntro(3).fr).toMatch(/^checkout-doctor peut corriger 3\u00a0points lui-même/);
  });
});

describe('the guided-only points in the JSON report', () => {
  it('are described like any other result: the same fields, the title, category and severity list-checks gives', async () => {
    const { loadSnapshot } = await import('../../src/engine/snapshot.js');
    const { runChecks } = await import('../../src/engine/runner.js');
    const { builtinRegistry } = await import('../../src/engine/registry.js');
    const { buildClubReport, buildReport } = await import('../../src/report/model.js');
    const { RENDERERS } = await import('../../src/report/render/index.js');
    const { checkListing, listedChecks } = await import('../../src/cli/list-checks.js');
    const snapshot = await loadSnapshot(new URL('../../fixtures/demo-shop.snapshot.json', import.meta.url).pathname);
    const club = snapshot.clubs[0]!;
    const checks = [builtinRegistry().get('category-club-access')!, ...RELAY_MAP_POINTS];
    const results = await runChecks({ checks, snapshot, club, query: {} });
    // The browser point answered "no" by a person; the others left as they are.
    const i = results.findIndex((r) => r.check.meta.id === 'customer-browser');
    results[i] = answered(results[i]!, questionFor(results[i]!, club.name), 'no');
    const json = JSON.parse(RENDERERS.json(buildReport([buildClubReport(club, results, 'en')], 'en', 0))) as { clubs: Array<{ results: Array<Record<string, unknown>> }> };
    const [builtin, ...points] = json.clubs[0]!.results;
    const listings = listedChecks(builtinRegistry()).map((c) => checkListing(c, 'en'));
    for (const r of points) {
      expect(Object.keys(r).sort()).toEqual(Object.keys(builtin!).sort());
      const listing = listings.find((l) => l.id === r['id'])!;
      expect(listing.guidedOnly).toBe(true);
      expect(r).toMatchObject({ title: listing.title, category: listing.category, severity: listing.severity });
      expect((r['remediation'] as string[]).length).toBeGreaterThan(0);
    }
    expect(points.map((r) => [r['id'], r['status']])).toEqual([
      ['checkout-theme', 'manual'],
      ['checkout-custom-script', 'manual'],
      ['customer-browser', 'warn'],
    ]);
    expect(points[2]!['evidence']).toMatchObject({ answeredBy: 'person', answer: 'no', question: 'Does the customer use the latest version of their browser?' });
  });
});
