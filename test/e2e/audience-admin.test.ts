// Issue 10, item 5, through the CLI's program in-process: `diagnose --audience admin` speaks to a club admin in
// plain words. On every club of the demo shop, live through the sandbox (webservice: manual items)
// and from the demo snapshot with each question it holds (database: customers, codes, orders), the
// admin report names no configuration key or data part, no command-line flag, no check id, no code
// point (U+000A) and no HTTP code; the support report of the same run still does.

import { describe, expect, it } from 'vitest';
import { DEMO } from './run-cli.js';
import { runInProcess as runCli } from './run-in-process.js';

// Written here, not imported from src/report/audience.ts: the test must not share the code it judges.
const CONFIG_KEY = /(?<![\w./-])(?:prestashop|stripe|sendcloud|clubs|club|shop|checks|database|dynamicCoupons)(?:\[\])?\.(?!com\b)[A-Za-z]/;
const FLAG = /(?<![\w-])--[a-z]/;
const CODE_POINT = /U\+[0-9A-F]{4}/i;
const HTTP_CODE = /HTTP\s*\d{3}|\b(?:code|status|statut)\s*[1-5]\d\d\b/i;
const CHECK_ID = /\[(?:[a-z]+-)+[a-z]+\]|`[a-z]+(?:-[a-z]+)+`|\bstripe-keys-format\b/;

function technicalLines(text: string): string[] {
  return text.split('\n').filter((line) => [CONFIG_KEY, FLAG, CODE_POINT, HTTP_CODE, CHECK_ID].some((re) => re.test(line)));
}

describe('--audience admin', () => {
  it.each(['fr', 'en'])('live on the sandbox, every demo club (%s): plain words, the support report keeps the detail', async (lang) => {
    const admin = await runCli(['diagnose', '--all', '--sandbox', '--lang', lang, '--audience', 'admin']);
    expect(admin.code).toBe(1);
    // The broken clubs are there, said plainly.
    expect(admin.stdout).toContain('Racing Club Sévigné');
    expect(admin.stdout).toMatch(lang === 'fr' ? /ÉCHEC/ : /FAIL/);
    expect(technicalLines(admin.stdout)).toEqual([]);
    expect(technicalLines(admin.stderr)).toEqual([]);

    // The same run for support names the code point, the configuration key and the check ids.
    const support = await runCli(['diagnose', '--all', '--sandbox', '--lang', lang]);
    expect(support.code).toBe(1);
    expect(support.stdout).toMatch(CODE_POINT);
    expect(support.stdout).toMatch(CONFIG_KEY);
    expect(support.stdout).toMatch(CHECK_ID);
  }, 60_000);

  it('markdown for a ticket, admin audience: no check id, no cause line, no technical detail', async () => {
    const r = await runCli(['diagnose', 'Racing', '--sandbox', '--lang', 'fr', '--audience', 'admin', '--format', 'markdown']);
    expect(r.code).toBe(1);
    expect(r.stdout).toContain('Clés Stripe du club présentes et bien formées');
    expect(r.stdout).not.toMatch(/Cause\s*:/);
    expect(technicalLines(r.stdout)).toEqual([]);
  }, 30_000);

  it('JSON says which audience it speaks to (an addition), messages plain, fields unchanged', async () => {
    const r = await runCli(['diagnose', 'Racing', '--sandbox', '--lang', 'en', '--audience', 'admin', '--format', 'json']);
    const report = JSON.parse(r.stdout);
    expect(report.audience).toBe('admin');
    const format = report.clubs[0].results.find((x: { id: string }) => x.id === 'stripe-keys-format');
    expect(format.status).toBe('fail');
    expect(format.message).toContain('line break');
    expect(format.message).not.toMatch(CODE_POINT);
    for (const step of format.remediation) expect(step).not.toMatch(CONFIG_KEY);
    // The evidence (data for scripts) is the support report's.
    expect(format.evidence.origin).toBeDefined();
    const support = JSON.parse((await runCli(['diagnose', 'Racing', '--sandbox', '--lang', 'en', '--format', 'json'])).stdout);
    expect(support.audience).toBeUndefined();
  }, 30_000);

  const questions = [
    ...['marie.durand@example.fr', 'paul.martin@example.fr', 'invite@example.fr', 'ancien.membre@example.fr', 'compte.bloque@example.fr', 'sans.groupe@example.fr'].map((q) => ['--customer', q]),
    ...['FREJUS10', 'ETE2025', 'EPUISE'].map((q) => ['--code', q]),
    ...['XKBKNABJK', 'PAYEEEEEE', 'CONTREREM', 'BOUTIQUEB'].map((q) => ['--order', q]),
  ];
  // French, the club admins' language; English is covered by the live runs above.
  it('from the demo snapshot, every club and every question it holds', async () => {
    const lang = 'fr';
    for (const question of [[], ...questions]) {
      const r = await runCli(['diagnose', '--all', '--snapshot', DEMO, ...question, '--lang', lang, '--audience', 'admin']);
      expect(r.code, question.join(' ')).toBe(1);
      expect(technicalLines(r.stdout), question.join(' ')).toEqual([]);
    }
  }, 120_000);

  it('an unknown audience is a usage error (exit 2)', async () => {
    const r = await runCli(['diagnose', 'Racing', '--snapshot', DEMO, '--audience', 'club']);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/--audience must be one of support, admin/);
  });
});
