// `--format html` through the CLI's program in-process and the real sources (the demo shop served by the emulators
// on 127.0.0.1): the page agrees with the JSON report on every status, follows --lang, and holds no
// configured secret, on stdout or in an --output file.

import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { htmlStatuses } from '../support/html-report.js';
import { DEMO, fixtureSecrets, type JsonReport } from './run-cli.js';
import { runInProcess as runCli } from './run-in-process.js';

describe('diagnose --format html (in-process, sandbox)', () => {
  it('writes a page for --all that agrees with the JSON report, in the --lang language, without a secret', async () => {
    const [html, json] = await Promise.all([
      runCli(['diagnose', '--all', '--sandbox', '--format', 'html', '--lang', 'en']),
      runCli(['diagnose', '--all', '--sandbox', '--format', 'json', '--lang', 'en']),
    ]);
    expect(html.code).toBe(1);
    expect(html.code).toBe(json.code);
    expect(html.stdout).toMatch(/^<!doctype html>\n<html lang="en">/);
    expect(html.stdout).toContain('Clubs with problems only');
    const report = JSON.parse(json.stdout) as JsonReport;
    const expected = Object.fromEntries(report.clubs.map((c) => [c.club.name, Object.fromEntries(c.results.map((r) => [r.id, r.status]))]));
    expect(htmlStatuses(html.stdout)).toEqual(expected);
    // The Racing club's key is shown masked, never whole (runCli scans for every fixture secret).
    expect(html.stdout).toMatch(/sk_test_…\w{4}/);
  });

  it('writes one club\'s page to --output, in French, without a secret', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'cd-html-'));
    const file = join(dir, 'reports', 'racing.html');
    const r = await runCli(['diagnose', 'Racing Club Sévigné', '--sandbox', '--format', 'html', '--output', file, '--lang', 'fr']);
    expect(r.code).toBe(1);
    const html = readFileSync(file, 'utf8');
    expect(html).toMatch(/^<!doctype html>\n<html lang="fr">/);
    expect(html).toContain('<h2 id="fix-h">À traiter</h2>');
    expect(html).toContain('stripe-keys-format');
    for (const secret of fixtureSecrets()) expect(html).not.toContain(secret);
  });

  it('dates the report in the shop time zone (PS_TIMEZONE), the French way', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'cd-html-tz-'));
    const snapshot = JSON.parse(readFileSync(DEMO, 'utf8'));
    snapshot.parts['prestashop.configuration'].data.PS_TIMEZONE = 'Pacific/Auckland';
    writeFileSync(join(dir, 'auckland.json'), JSON.stringify(snapshot));
    const r = await runCli(['diagnose', 'Fréjus', '--snapshot', join(dir, 'auckland.json'), '--format', 'html', '--lang', 'fr']);
    const [, iso, shown] = /<time datetime="([^"]+)" class="volatile">([^<]+)<\/time>/.exec(r.stdout)!;
    const at = new Intl.DateTimeFormat('fr-FR', { timeZone: 'Pacific/Auckland', day: '2-digit', month: '2-digit', year: 'numeric', hour: '2-digit', minute: '2-digit', hourCycle: 'h23' }).formatToParts(new Date(iso!));
    const get = (type: string) => at.find((p) => p.type === type)!.value;
    expect(shown).toBe(`${get('day')}/${get('month')}/${get('year')} à ${get('hour')}:${get('minute')}`);
    // Auckland is 11 to 13 hours from Paris: the hour differs from the Paris one.
    const paris = new Intl.DateTimeFormat('fr-FR', { timeZone: 'Europe/Paris', hour: '2-digit', hourCycle: 'h23' }).format(new Date(iso!));
    expect(get('hour')).not.toBe(paris);
  });
});
