// Issue 10 item 4: a French reader finds no English sentence, no "(s)" plural, no ISO date and no
// wrong spacing in anything the CLI says in French: every check on the demo shop (every question
// the demo snapshot holds), in every format, explain, list-checks, help and errors.

import { describe, expect, it } from 'vitest';
import { loadSnapshot, answeredQueries } from '../../src/engine/snapshot.js';
import { builtinRegistry } from '../../src/engine/registry.js';
import { runMain } from '../support/run-main.js';
import { expectGoodFrench, frenchProblems } from '../support/french-scan.js';
import { DEMO } from '../e2e/run-cli.js';

const fr = { LANG: 'fr_FR.UTF-8', NO_COLOR: '1' };

/** The human text of a JSON report: titles, messages, steps, set-up problems (not evidence nor upstream quotes). */
function jsonTexts(stdout: string): string {
  const report = JSON.parse(stdout) as { clubs: { results: { title: string; message: string; remediation: string[] }[] }[]; setup?: { title: string; message: string; fix: string[] }[] };
  const texts = report.clubs.flatMap((c) => c.results.flatMap((r) => [r.title, r.message, ...r.remediation]));
  for (const s of report.setup ?? []) texts.push(s.title, s.message, ...s.fix);
  return texts.join('\n');
}

/** The human text of a JUnit report: element text and message attributes, XML unescaped. */
function junitTexts(xml: string): string {
  const unescape = (s: string) => s.replace(/&#10;/g, '\n').replace(/&quot;/g, '"').replace(/&apos;/g, "'").replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&amp;/g, '&');
  const attrs = [...xml.matchAll(/ message="([^"]*)"/g)].map((m) => unescape(m[1]!));
  const body = unescape(xml.replace(/<[^>]*>/g, '\n'));
  return [...attrs, body].join('\n');
}

describe('the scanner', () => {
  it('catches each thing the native reader complained about', () => {
    const rules = (text: string) => frenchProblems(text).map((p) => p.rule);
    expect(rules('3 échec(s)')).toContain('"(s)" plural');
    expect(rules('le 2026-05-04')).toContain('ISO date');
    expect(rules('récupérées le 2026-11-20T09:00:00Z')).toContain('ISO date');
    expect(rules('À faire : ceci')).toContain('ordinary space before : ; ! ?');
    expect(rules('cliquez sur « Enregistrer »')).toContain('no non-breaking space after «');
    expect(rules("n'a pas")).toContain('ASCII apostrophe between letters');
    expect(rules('the secret key contains newline characters')).toContain('English word');
    expect(rules('Impossible d’obtenir le compte\u00a0: « the key »')).toEqual(['no non-breaking space after «', 'no non-breaking space before »']);
    // Paths and values the person wrote are verbatim; the same words in prose are not.
    expect(frenchProblems('Impossible de lire /tmp/x/unknown-key.json ni "./not-a-list.mjs" («\u00a0of\u00a0»)')).toEqual([]);
    expect(rules('the file is missing')).toContain('English word');
    expect(frenchProblems('À faire\u00a0: cliquez sur «\u00a0Enregistrer\u00a0» le 31/08/2025 à 23:59, 2\u00a0échecs')).toEqual([]);
  });
});

describe('French everywhere', async () => {
  const snapshot = await loadSnapshot(DEMO);
  const questions = [
    [],
    ...(['customer', 'code', 'order'] as const).flatMap((key) => answeredQueries(snapshot, key).map((v) => [`--${key}`, v])),
  ];

  it.each(['pretty', 'markdown', 'junit', 'json'])('every check on the demo shop, every question, in %s', async (format) => {
    for (const question of questions) {
      const r = await runMain(['diagnose', '--all', '--snapshot', DEMO, '--format', format, ...question], { env: fr });
      expect(r.code, r.stderr).toBeLessThan(2);
      const text = format === 'json' ? jsonTexts(r.stdout) : format === 'junit' ? junitTexts(r.stdout) : r.stdout;
      expectGoodFrench(text, `diagnose ${question.join(' ')} --format ${format}`);
      expectGoodFrench(r.stderr, `stderr of diagnose ${question.join(' ')}`);
    }
  });

  it('explain of every check, and list-checks', async () => {
    for (const id of builtinRegistry().ids()) {
      const r = await runMain(['explain', id], { env: fr });
      expect(r.code).toBe(0);
      expectGoodFrench(r.stdout, `explain ${id}`);
    }
    const list = await runMain(['list-checks'], { env: fr });
    expectGoodFrench(list.stdout, 'list-checks');
  });

  it('help of the program and of every command', async () => {
    for (const args of [['--help'], ['diagnose', '--help'], ['snapshot', '--help'], ['sandbox', '--help'], ['list-checks', '--help'], ['explain', '--help']]) {
      const r = await runMain(args, { env: fr });
      expect(r.code).toBe(0);
      expectGoodFrench(r.stdout, args.join(' '));
    }
  });

  it('usage errors, commander’s own included', async () => {
    const cases = [
      ['diagnose', 'Frejsu', '--snapshot', DEMO],
      ['diagnose', '--snapshot', DEMO],
      ['diagnose', 'Fréjus', '--all', '--snapshot', DEMO],
      ['diagnose', 'Fréjus', '--snapshot', DEMO, '--only', 'stripe-kyes-format'],
      ['diagnose', 'Fréjus', '--snapshot', DEMO, '--format', 'pdf'],
      ['diagnose', 'Fréjus', '--snapshot', DEMO, '--shard', 'x'],
      ['diagnose', 'Fréjus', '--snapshot', DEMO, '--timeout', '-1'],
      ['diagnose', 'Fréjus', '--snapshot', '/nonexistent/snap.json'],
      ['diagnose', 'Fréjus', '--snapshot', DEMO, '--bogus'],
      ['diagnose', 'Fréjus', '--snapshot'],
      ['explain'],
      ['explain', 'nope'],
      ['diagnos'],
      ['diagnose', 'Fréjus', '--config', '/nonexistent/rc.json'],
    ];
    for (const args of cases) {
      const r = await runMain(args, { env: fr });
      expect(r.code, args.join(' ')).toBe(2);
      expectGoodFrench(r.stderr, args.join(' '));
    }
  });
});

describe('French everywhere, hand-built inputs', () => {
  it('failed, missing and malformed parts, an unanswered question and set-up problems read as French', async () => {
    const { runChecks } = await import('../../src/engine/runner.js');
    const { buildClubReport, buildReport } = await import('../../src/report/model.js');
    const { RENDERERS } = await import('../../src/report/render/index.js');
    const { findSetupProblems, referToSetup, renderSetupProblem, setupJson, stoppedCounts } = await import('../../src/report/setup.js');
    const snapshot = structuredClone(await loadSnapshot(DEMO));
    const club = snapshot.clubs.find((c) => c.name === 'Étoile Sportive de Fréjus')!;
    // An upstream failure without French words: quoted, never left as an English sentence.
    club.parts['club.stripeAccount'] = { status: 'failed', cause: { source: 'stripe', kind: 'http', message: 'Invalid API Key provided: the key was revoked', host: 'api.stripe.com', status: 401 } };
    // Not gathered at all, and malformed.
    delete (club.parts as Record<string, unknown>)['club.category'];
    snapshot.parts['prestashop.carriers'] = { status: 'ok', data: 'not a list' };
    // A set-up problem: the shop refuses the key.
    snapshot.parts['prestashop.orderStates'] = { status: 'failed', cause: { source: 'prestashop', kind: 'auth', message: 'Authentication key is empty or invalid', host: 'shop.example.fr', status: 401 } };
    const problems = findSetupProblems(snapshot);
    expect(problems.length).toBeGreaterThan(0);
    // A question the snapshot cannot answer.
    const results = await runChecks({ checks: builtinRegistry().all(), snapshot, club, query: { customer: 'personne@example.fr', code: 'NOPE', order: 'XKBKNABJK' } });
    const stopped = stoppedCounts(results, problems);
    const report = buildReport([buildClubReport(club, referToSetup(results, problems), 'fr')], 'fr', 0, new Date('2026-08-31T21:59:00Z'), problems.map((p, i) => setupJson(p, stopped[i]!, 'fr')));
    expect(report.clubs[0]!.results.map((r) => r.status)).toContain('error');
    expectGoodFrench(RENDERERS.pretty(report, { color: false }), 'pretty, hand-built');
    expectGoodFrench(RENDERERS.markdown(report), 'markdown, hand-built');
    expectGoodFrench(junitTexts(RENDERERS.junit(report)), 'junit, hand-built');
    expectGoodFrench(jsonTexts(RENDERERS.json(report)), 'json, hand-built');
    problems.forEach((p, i) => expectGoodFrench(renderSetupProblem(p, stopped[i]! || 1, 'fr'), 'set-up problem'));
  });
});
