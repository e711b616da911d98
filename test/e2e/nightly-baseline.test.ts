// "A nightly run with a baseline from the previous night names exactly the new and resolved
// problems" (issue 12.5): two snapshots, the second a copy of the demo snapshot edited the way a
// shop changes overnight (one club fixed, another broken), diagnosed through the CLI's program in-process.

import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { DEMO, type JsonReport } from './run-cli.js';
import { runInProcess as runCli } from './run-in-process.js';

interface SnapshotFile {
  generatedAt: string;
  shop: { url?: string };
  clubs: { name: string; parts: Record<string, { status: string; data?: Record<string, unknown> }> }[];
}

describe('--baseline: what changed since last night', () => {
  let dir: string;
  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'cd-nightly-'));
    const night2 = JSON.parse(readFileSync(DEMO, 'utf8')) as SnapshotFile;
    night2.generatedAt = '2026-11-21T01:00:00.000Z';
    const club = (name: string) => night2.clubs.find((c) => c.name === name)!;
    // AS Saint-Étienne's category now admits its group (resolved); Fréjus's category was disabled (new).
    (club('AS Saint-Étienne').parts['club.categoryAccess']!.data!.groupIds as number[]).push(5);
    club('Étoile Sportive de Fréjus').parts['club.category']!.data!.active = false;
    writeFileSync(join(dir, 'night2.json'), JSON.stringify(night2));
    const other = { ...night2, shop: { ...night2.shop, url: 'https://another-shop.example/' } };
    writeFileSync(join(dir, 'other-shop.json'), JSON.stringify(other));
    const first = await runCli(['diagnose', '--all', '--snapshot', DEMO, '--output', 'night1.json'], { cwd: dir });
    expect(first.code).toBe(1);
  });

  it('marks every result and names exactly the new and the resolved problems, in JSON, markdown, JUnit and pretty', async () => {
    const r = await runCli(
      ['diagnose', '--all', '--snapshot', 'night2.json', '--baseline', 'night1.json', '--format', 'json', '--output', 'night2-report.json', '--format', 'markdown', '--output', 'night2.md', '--format', 'junit', '--output', 'night2.xml', '--format', 'pretty'],
      { cwd: dir },
    );
    expect(r.code).toBe(1);
    const report = JSON.parse(readFileSync(join(dir, 'night2-report.json'), 'utf8')) as JsonReport;
    const changes = report.changes!;
    expect(changes.newProblems.map((p) => `${p.club}/${p.id}/${p.status}`)).toEqual(['Étoile Sportive de Fréjus/category-club-access/fail']);
    expect(changes.resolvedProblems.map((p) => `${p.club}/${p.id}/${p.status}`)).toEqual(['AS Saint-Étienne/category-club-access/fail']);
    expect(changes.baseline).toMatchObject({ file: 'night1.json' });
    // Every result is marked; the counts follow the marks.
    const marks = report.clubs.flatMap((c) => c.results.map((x) => x.change));
    expect(marks.every((m) => m !== undefined)).toBe(true);
    expect(marks.filter((m) => m === 'new')).toHaveLength(1);
    expect(marks.filter((m) => m === 'resolved')).toHaveLength(1);
    expect(changes.persisting).toBe(marks.filter((m) => m === 'persisting').length);
    expect(changes.persisting).toBeGreaterThan(0);

    const headline = 'Since the baseline report of ';
    expect(r.stdout.split('\n')[0]).toMatch(new RegExp(`^${headline}\\d{4}-\\d\\d-\\d\\d \\d\\d:\\d\\d: 1 new problem, ${changes.persisting} persisting, 1 resolved\\.$`));
    expect(r.stdout).toContain('New: Étoile Sportive de Fréjus (#4) — ');
    expect(r.stdout).toContain('Resolved: AS Saint-Étienne (#5) — ');
    const md = readFileSync(join(dir, 'night2.md'), 'utf8');
    expect(md.indexOf(headline)).toBeLessThan(md.indexOf('\n## '));
    expect(md).toMatch(/^### ✗ FAIL — .*\(`category-club-access`\) — \*\*new\*\*$/m);
    const xml = readFileSync(join(dir, 'night2.xml'), 'utf8');
    expect(xml.split('\n')[1]).toContain(`<!-- ${headline}`);
    expect(xml).toContain('<property name="changes.new" value="1"/>');
  });

  it('--fail-on new: exit 1 only for problems new since the baseline', async () => {
    const same = await runCli(['diagnose', '--all', '--snapshot', DEMO, '--baseline', 'night1.json', '--fail-on', 'new', '--format', 'json'], { cwd: dir });
    expect(same.code).toBe(0); // problems there are, but none is new
    expect((JSON.parse(same.stdout) as JsonReport).changes).toMatchObject({ new: 0, resolved: 0 });
    const next = await runCli(['diagnose', '--all', '--snapshot', 'night2.json', '--baseline', 'night1.json', '--fail-on', 'new', '--format', 'json'], { cwd: dir });
    expect(next.code).toBe(1);
    const without = await runCli(['diagnose', '--all', '--snapshot', DEMO, '--fail-on', 'new'], { cwd: dir });
    expect(without.code).toBe(2);
    expect(without.stderr).toContain('--fail-on new compares with a baseline report: it needs --baseline <report.json> too.');
  });

  it('a rolling baseline: the report may overwrite the baseline it was compared with', async () => {
    writeFileSync(join(dir, 'rolling.json'), readFileSync(join(dir, 'night1.json')));
    const r = await runCli(['diagnose', '--all', '--snapshot', 'night2.json', '--baseline', 'rolling.json', '--output', 'rolling.json'], { cwd: dir });
    expect(r.code).toBe(1);
    const written = JSON.parse(readFileSync(join(dir, 'rolling.json'), 'utf8')) as JsonReport;
    expect(written.changes).toMatchObject({ new: 1, resolved: 1 });
  });

  it('a baseline of another shop, unreadable or not a report: exit 2 with a clear message', async () => {
    const other = await runCli(['diagnose', '--all', '--snapshot', 'other-shop.json', '--baseline', 'night1.json'], { cwd: dir });
    expect(other.code).toBe(2);
    expect(other.stderr).toContain('The baseline report night1.json is of another shop (https://boutique-clubs.example/): this diagnosis is of https://another-shop.example/.');
    expect(other.stdout).toBe('');
    const missing = await runCli(['diagnose', '--all', '--snapshot', DEMO, '--baseline', 'nope.json', '--lang', 'fr'], { cwd: dir });
    expect(missing.code).toBe(2);
    expect(missing.stderr).toContain('Impossible de lire le rapport de référence (--baseline) nope.json (ENOENT).');
    writeFileSync(join(dir, 'junk.json'), '{"hello": 1}');
    const junk = await runCli(['diagnose', '--all', '--snapshot', DEMO, '--baseline', 'junk.json'], { cwd: dir });
    expect(junk.code).toBe(2);
    expect(junk.stderr).toContain('The baseline report (--baseline) junk.json is not a checkout-doctor JSON report (schemaVersion:');
    const snapshotGiven = await runCli(['diagnose', '--all', '--snapshot', DEMO, '--baseline', DEMO], { cwd: dir });
    expect(snapshotGiven.code).toBe(2);
    expect(snapshotGiven.stderr).toContain('is not a checkout-doctor JSON report');
  });
});
