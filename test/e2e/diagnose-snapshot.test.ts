// `diagnose --snapshot` end to end: the demo shop, stdout/stderr/exit code; the program in-process
// (run-in-process.ts), the first case through the built binary too.

import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { DEMO, runCli as runBuilt } from './run-cli.js';
import { runInProcess as runCli } from './run-in-process.js';

const tmp = mkdtempSync(join(tmpdir(), 'cd-e2e-'));

// DESIGN.md §5, the JSON report contract.
const ReportSchema = z.object({
  schemaVersion: z.literal(1),
  tool: z.object({ name: z.literal('checkout-doctor'), version: z.string().regex(/^\d+\.\d+\.\d+/) }),
  generatedAt: z.iso.datetime(),
  durationMs: z.number().nonnegative(),
  clubs: z.array(
    z.object({
      club: z.object({ name: z.string(), groupId: z.number().nullable(), categoryId: z.number().nullable() }),
      summary: z.object({ pass: z.number(), warn: z.number(), fail: z.number(), error: z.number(), skip: z.number(), manual: z.number() }),
      results: z.array(
        z.object({
          id: z.string(),
          title: z.string(),
          category: z.string(),
          status: z.enum(['pass', 'warn', 'fail', 'error', 'skip', 'manual']),
          severity: z.enum(['fail', 'warn']),
          message: z.string(),
          remediation: z.array(z.string()),
          evidence: z.record(z.string(), z.unknown()),
          durationMs: z.number().nonnegative(),
        }),
      ),
    }),
  ),
});

const D = ['--snapshot', DEMO];

const twoLyons = join(tmp, 'two-lyons.json');
writeFileSync(
  twoLyons,
  JSON.stringify({
    format: 'checkout-doctor-snapshot',
    schemaVersion: 1,
    generatedAt: '2026-11-20T09:30:00Z',
    clubs: [{ name: 'FC Lyon' }, { name: 'FC Lyon Féminines' }],
  }),
);

/**
 * The demo snapshot answers several customers, codes and orders: a run without those flags lists
 * them on stderr (src/cli/replay.ts). Whatever else is on stderr is what these tests look at.
 */
function beyondReplayNote(stderr: string): string {
  return stderr.replace(/^checkout-doctor: the snapshot also answers these questions; repeat the one to evaluate:\n(  --(customer|code|order) .*\n)+/, '');
}

function jsonReport(stdout: string) {
  return ReportSchema.parse(JSON.parse(stdout));
}

describe('diagnose --snapshot (demo shop)', () => {
  it('names the FAQ cause and its fix for a broken club, exit 1', async () => {
    const r = await runBuilt(['diagnose', 'AS Saint-Étienne', ...D]);
    expect(r.code).toBe(1);
    expect(r.stdout).toContain('✗');
    expect(r.stdout).toMatch(/Group access/);
    expect(r.stdout).toMatch(/Catalogue > Categories/);
    expect(beyondReplayNote(r.stderr)).toBe('');
  });

  it("gives the club platform's Stripe menus and the stock PrestaShop path, in both languages", async () => {
    for (const [lang, platform, stock] of [
      ['en', "In the club platform's back office: Mettre à jour ma boutique club", 'on a stock PrestaShop: Modules > Module Manager > Stripe > Configure'],
      ['fr', 'Dans le back-office de la plateforme club\u00a0: Mettre à jour ma boutique club', 'sur un PrestaShop standard\u00a0: Modules > Gestionnaire de modules > Stripe > Configurer'],
    ] as const) {
      const r = await runCli(['diagnose', 'Racing Club Sévigné', ...D, '--only', 'stripe-keys-format', '--format', 'json', '--lang', lang]);
      expect(r.code).toBe(1);
      const [result] = jsonReport(r.stdout).clubs[0]!.results;
      const steps = result!.remediation.join('\n');
      expect(steps).toContain(platform);
      // Both the settings step and the re-save step (« Accès rapide » > « Compte Stripe ») offer it.
      expect(steps.split(stock)).toHaveLength(3);
    }
  });

  it('exits 0 for the healthy club, matched ignoring case and accents', async () => {
    const r = await runCli(['diagnose', 'etoile sportive de frejus', ...D]);
    expect(r.stdout).toContain('Étoile Sportive de Fréjus');
    expect(r.stdout).not.toContain('✗');
    expect(r.code).toBe(0);
  });

  it('speaks French with --lang fr and with LANG=fr_FR', async () => {
    const flag = await runCli(['diagnose', 'as saint-etienne', ...D, '--lang', 'fr']);
    expect(flag.stdout).toMatch(/Accès des groupes/);
    const env = await runCli(['diagnose', 'as saint-etienne', ...D], { env: { LANG: 'fr_FR.UTF-8' } });
    expect(env.stdout).toBe(flag.stdout.replace(/\(\d+ ms\)/, env.stdout.match(/\(\d+ ms\)/)![0]));
  });

  it('prints a JSON report of the documented shape on stdout', async () => {
    const r = await runCli(['diagnose', '--all', ...D, '--format', 'json']);
    expect(r.code).toBe(1);
    const report = jsonReport(r.stdout);
    expect(report.clubs.map((c) => c.club.name)).toHaveLength(5);
    const asse = report.clubs.find((c) => c.club.name === 'AS Saint-Étienne')!;
    expect(asse.club).toEqual({ name: 'AS Saint-Étienne', groupId: 5, categoryId: 11 });
    expect(asse.results.find((x) => x.id === 'category-club-access')!.status).toBe('fail');
  });

  it('writes the report to --output and nothing to stdout', async () => {
    const out = join(tmp, 'report.json');
    const r = await runCli(['diagnose', 'Fréjus', ...D, '--format', 'json', '--output', out]);
    expect(r.stdout).toBe('');
    expect(jsonReport(readFileSync(out, 'utf8')).clubs[0]!.club.name).toBe('Étoile Sportive de Fréjus');
  });

  it('--only and --skip restrict the checks', async () => {
    const only = jsonReport((await runCli(['diagnose', 'Fréjus', ...D, '--format', 'json', '--only', 'category-club-access'])).stdout);
    expect(only.clubs[0]!.results.map((x) => x.id)).toEqual(['category-club-access']);
    const skip = jsonReport((await runCli(['diagnose', 'AS Saint-Étienne', ...D, '--format', 'json', '--skip', 'category-club-access'])).stdout);
    expect(skip.clubs[0]!.results.map((x) => x.id)).not.toContain('category-club-access');
  });

  it('--all --format junit gives CI one test suite per club and the exit code it trusts', async () => {
    const r = await runCli(['diagnose', '--all', ...D, '--format', 'junit'], { env: { CI: 'true' } });
    expect(r.code).toBe(1);
    expect(beyondReplayNote(r.stderr)).toBe('');
    expect(r.stdout).toMatch(/^<\?xml version="1.0" encoding="UTF-8"\?>/);
    expect(r.stdout.match(/<testsuite /g)).toHaveLength(5);
    expect(r.stdout).toMatch(/<testsuite [^>]*name="AS Saint-Étienne"[^>]*failures="[1-9]/);
    expect(r.stdout).toMatch(/<testsuite [^>]*name="Étoile Sportive de Fréjus"[^>]*failures="0"/);
    // classname carries the club, so clubs stay apart in CI test views (issue 12.2).
    expect(r.stdout).toContain('<testcase classname="AS Saint-Étienne.catalogue" name="category-club-access — ');
  });

  it('--shard splits --all between runs without overlap', async () => {
    const names = async (shard: string) =>
      jsonReport((await runCli(['diagnose', '--all', ...D, '--format', 'json', '--shard', shard])).stdout).clubs.map((c) => c.club.name);
    const [a, b] = await Promise.all([names('1/2'), names('2/2')]);
    expect([...a, ...b].sort()).toHaveLength(5);
    expect(a.filter((n) => b.includes(n))).toEqual([]);
  });
});

describe('diagnose usage errors exit 2 with a sentence, never a stack', () => {
  const cases: Array<[string, string[], RegExp]> = [
    ['unknown club lists close matches', ['diagnose', 'saint etiene', ...D], /No club named "saint etiene"[\s\S]*AS Saint-Étienne/],
    ['ambiguous club lists candidates', ['diagnose', 'lyon', '--snapshot', twoLyons], /"lyon" matches several clubs:\n  FC Lyon\n  FC Lyon Féminines/],
    ['no club and no --all', ['diagnose', ...D], /Which club\?/],
    ['unreadable snapshot', ['diagnose', 'x', '--snapshot', '/nonexistent/shop.json'], /Cannot read snapshot .*ENOENT/],
    ['unknown check id', ['diagnose', 'Fréjus', ...D, '--only', 'category-club-acess'], /Unknown check id "category-club-acess"[\s\S]*category-club-access/],
    ['bad format', ['diagnose', 'Fréjus', ...D, '--format', 'pdf'], /--format must be one of/],
    ['bad --fail-on', ['diagnose', 'Fréjus', ...D, '--fail-on', 'error'], /--fail-on must be one of warn, fail/],
    ['bad --shard', ['diagnose', '--all', ...D, '--shard', '3/2'], /--shard must look like/],
    ['unknown option', ['diagnose', 'Fréjus', ...D, '--bogus'], /unknown option '--bogus'/],
    ['nothing to diagnose', ['diagnose', 'Fréjus'], /no snapshot given and no shop configured/],
  ];
  it.each(cases)('%s', async (_name, args, pattern) => {
    const r = await runCli(args, { cwd: tmp });
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(pattern);
    expect(r.stderr).not.toMatch(/\n\s+at /);
    expect(r.stdout).toBe('');
  });
});

describe('snapshots with garbage', () => {
  it('turns a garbage part into error results with a readable cause, exit 1, no stack trace', async () => {
    const snapshot = JSON.parse(readFileSync(DEMO, 'utf8'));
    const asse = snapshot.clubs.find((c: { name: string }) => c.name === 'AS Saint-Étienne');
    asse.parts['club.category'] = { status: 'ok', data: { id: 'eleven', name: 42 } };
    asse.parts['club.group'] = 'garbage';
    const file = join(tmp, 'garbage.json');
    writeFileSync(file, JSON.stringify(snapshot));
    const r = await runCli(['diagnose', 'AS Saint-Étienne', '--snapshot', file, '--format', 'json']);
    expect(r.code).toBe(1);
    expect(beyondReplayNote(r.stderr)).toBe('');
    const result = jsonReport(r.stdout).clubs[0]!.results.find((x) => x.id === 'category-club-access')!;
    expect(result.status).toBe('error');
    expect(result.message).toMatch(/club\.group|club\.category/);
    const pretty = await runCli(['diagnose', 'AS Saint-Étienne', '--snapshot', file]);
    expect(pretty.stdout).not.toMatch(/\n\s+at /);
  });

  it('refuses a file that is not a snapshot with exit 2', async () => {
    const file = join(tmp, 'not-a-snapshot.json');
    writeFileSync(file, JSON.stringify({ hello: 'world' }));
    const r = await runCli(['diagnose', 'x', '--snapshot', file]);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/is not a checkout-doctor snapshot/);
    writeFileSync(file, '{ not json');
    const bad = await runCli(['diagnose', 'x', '--snapshot', file]);
    expect(bad.code).toBe(2);
    expect(bad.stderr).toMatch(/is not valid JSON/);
  });
});
