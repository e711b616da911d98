// One run writes JSON, JUnit and markdown (issue 12.1), and the three agree on every status
// (issue 12, "done means"): each output is parsed back, through the CLI's program in-process.

import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { Status } from '../../src/engine/types.js';
import { GLYPHS } from '../../src/report/render/pretty.js';
import { htmlStatuses } from '../support/html-report.js';
import { DEMO, type JsonReport } from './run-cli.js';
import { runInProcess as runCli } from './run-in-process.js';

type Statuses = Map<string, Status>;

function fromJson(report: JsonReport): Statuses {
  const out: Statuses = new Map();
  report.clubs.forEach((c, i) => c.results.forEach((r) => out.set(`${i}|${r.id}`, r.status)));
  return out;
}

function fromJunit(xml: string): Statuses {
  const out: Statuses = new Map();
  const suites = xml.split('<testsuite ').slice(1);
  suites.forEach((suite, i) => {
    for (const m of suite.matchAll(/<testcase [^>]*name="([a-z-]+) — [^"]*"[^>]*?(\/>|>\n\s*<(failure|error|skipped|system-out)[^>]*>([^<]*))/g)) {
      const [, id, selfClosing, element, text] = m;
      const status: Status =
        selfClosing === '/>' ? 'pass' : element === 'failure' ? 'fail' : element === 'error' ? 'error' : element === 'skipped' ? 'skip' : text!.startsWith('WARN:') ? 'warn' : 'manual';
      out.set(`${i}|${id}`, status);
    }
  });
  return out;
}

function fromMarkdown(md: string): Statuses {
  const byGlyph = new Map(Object.entries(GLYPHS).map(([s, g]) => [g, s as Status]));
  const out: Statuses = new Map();
  md.split(/^## /m).slice(1).forEach((club, i) => {
    for (const m of club.matchAll(/^### (\S) \S+ — .*\(`([a-z-]+)`\)/gm)) out.set(`${i}|${m[2]}`, byGlyph.get(m[1]!)!);
    for (const m of club.matchAll(/^\| (\S) \| \S+ \| .*\(`([a-z-]+)`\)/gm)) out.set(`${i}|${m[2]}`, byGlyph.get(m[1]!)!);
  });
  return out;
}

describe('several outputs from one run', () => {
  it('one run writes JSON, JUnit and markdown (and pretty on stdout); the formats agree on every status', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'cd-formats-'));
    // A copy of the demo snapshot where one club's category access is not visible (webservice only):
    // that check becomes `manual`, so every status appears.
    const snapshot = JSON.parse(readFileSync(DEMO, 'utf8')) as { clubs: { name: string; parts: Record<string, unknown> }[] };
    snapshot.clubs.find((c) => c.name === 'Racing Club Sévigné')!.parts['club.categoryAccess'] = { status: 'unavailable', reason: { fr: 'Webservice seul.', en: 'Webservice only.' } };
    writeFileSync(join(dir, 'shop.json'), JSON.stringify(snapshot));
    const asked = ['--customer', 'marie.durand@example.fr', '--code', 'ETE2025', '--order', 'PAYEEEEEE'];
    const r = await runCli(
      ['diagnose', '--all', '--snapshot', 'shop.json', ...asked, '--format', 'json', '--output', 'out/r.json', '--format', 'junit', '--output', 'out/r.xml', '--format', 'markdown', '--output', 'out/r.md', '--format', 'html', '--output', 'out/r.html', '--format', 'pretty'],
      { cwd: dir },
    );
    expect(r.code).toBe(1);
    expect(r.stderr).toContain('JSON report written to out/r.json');
    expect(r.stderr).toContain('JUnit report written to out/r.xml');
    expect(r.stderr).toContain('Markdown report written to out/r.md');
    expect(r.stderr).toContain('HTML report written to out/r.html');
    expect(r.stdout).toMatch(/^AS Saint-Étienne \(group 5, category 11\)$/m);

    const json = JSON.parse(readFileSync(join(dir, 'out/r.json'), 'utf8')) as JsonReport;
    const expected = fromJson(json);
    expect(expected.size).toBe(5 * 15);
    // Every status is represented, so the comparison covers every mapping.
    expect(new Set(expected.values())).toEqual(new Set(['pass', 'warn', 'fail', 'error', 'skip', 'manual']));
    expect(fromJunit(readFileSync(join(dir, 'out/r.xml'), 'utf8'))).toEqual(expected);
    expect(fromMarkdown(readFileSync(join(dir, 'out/r.md'), 'utf8'))).toEqual(expected);
    // The HTML page's data island, by club name: the same statuses as the JSON report.
    const byName = Object.fromEntries(json.clubs.map((c) => [c.club.name, Object.fromEntries(c.results.map((r) => [r.id, r.status]))]));
    expect(htmlStatuses(readFileSync(join(dir, 'out/r.html'), 'utf8'))).toEqual(byName);
    expect(json.shop?.url).toBe('https://boutique-clubs.example/');
    expect(json.query).toEqual({ customer: 'marie.durand@example.fr', code: 'ETE2025', order: 'PAYEEEEEE' });
  });

  it('--output alone infers each format from its extension; mismatches are exit-2 errors saying what to do', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'cd-formats-'));
    const ok = await runCli(['diagnose', 'Fréjus', '--snapshot', DEMO, '--output', 'a.json', '--output', 'a.md', '--output', 'a.xml', '--lang', 'fr'], { cwd: dir });
    expect(ok.code).toBe(0);
    expect(ok.stdout).toBe('');
    expect(JSON.parse(readFileSync(join(dir, 'a.json'), 'utf8')).clubs).toHaveLength(1);
    expect(readFileSync(join(dir, 'a.md'), 'utf8')).toMatch(/^# Diagnostic checkout-doctor/);
    expect(readFileSync(join(dir, 'a.xml'), 'utf8')).toMatch(/^<\?xml/);
    expect(ok.stderr).toContain('checkout-doctor\u00a0: rapport JSON écrit dans a.json');

    const unknown = await runCli(['diagnose', 'Fréjus', '--snapshot', DEMO, '--output', 'a.pdf'], { cwd: dir });
    expect(unknown.code).toBe(2);
    expect(unknown.stderr).toContain('--output a.pdf: its extension does not tell which format to write');
    const twice = await runCli(['diagnose', 'Fréjus', '--snapshot', DEMO, '--format', 'json', '--format', 'markdown'], { cwd: dir });
    expect(twice.code).toBe(2);
    expect(twice.stderr).toContain('Several formats would go to stdout (json, markdown): only one can.');
    expect(twice.stdout).toBe('');
  });
});
