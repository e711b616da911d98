// The HTML renderer without a browser: escaping, the Content-Security-Policy, headings, language,
// contrast of the palette, French typography of its texts, secrets, and its size at 300 clubs.

import { monotonicMs } from '../../src/engine/clock.js';
import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { buildClubReport, buildReport, type Report } from '../../src/report/model.js';
import { renderHtml, formatDate } from '../../src/report/render/html/index.js';
import { HTML_TEXT, SHOWN, STATUS_COUNTS, CLUBS, CHECKS } from '../../src/report/render/html/messages.js';
import { STATUS_COLORS, textPairs } from '../../src/report/render/html/palette.js';
import { RENDERERS } from '../../src/report/render/index.js';
import { redactor } from '../../src/secrets/redact.js';
import { t, type Check, type Status } from '../../src/engine/types.js';
import type { CheckResult } from '../../src/engine/runner.js';
import { CLUB_A, resultsA, resultsB, sampleReport } from './fixture.js';

/** WCAG 2 relative luminance and contrast ratio. */
function luminance(hex: string): number {
  const [r, g, b] = [1, 3, 5].map((i) => parseInt(hex.slice(i, i + 2), 16) / 255).map((c) => (c <= 0.03928 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4));
  return 0.2126 * r! + 0.7152 * g! + 0.0722 * b!;
}
export function contrast(a: string, b: string): number {
  const [hi, lo] = [luminance(a), luminance(b)].sort((x, y) => y - x);
  return (hi! + 0.05) / (lo! + 0.05);
}

function embedded(html: string): any {
  const m = /<script type="application\/json" id="cd-data">([\s\S]*?)<\/script>/.exec(html);
  expect(m).not.toBeNull();
  return JSON.parse(m![1]!);
}

function headings(html: string): number[] {
  return [...html.matchAll(/<h([1-6])[\s>]/g)].map((m) => Number(m[1]));
}

const HOSTILE = '</script><script>alert(1)</script><!-- <b>x</b> \u202e';

function hostileReport(): Report {
  const club = { ...CLUB_A, name: `Club ${HOSTILE}` };
  const results = resultsB().map((r) => ({ ...r, message: t(`fr ${HOSTILE}`, `en ${HOSTILE}`), remediation: [t(`étape ${HOSTILE}`, `step ${HOSTILE}`)] }));
  return buildReport([buildClubReport(club, results, 'en'), buildClubReport(CLUB_A, resultsA(), 'en')], 'en', monotonicMs());
}

describe('HTML report', () => {
  it('escapes names and messages in the markup and in the embedded JSON', () => {
    const html = renderHtml(hostileReport());
    // Exactly the page's two script elements: the data and the page's own script.
    expect(html.match(/<script/g)).toHaveLength(2);
    expect(html).not.toContain('<script>alert');
    expect(html).not.toContain('<b>x</b>');
    expect(html.match(/<!--/g)).toBeNull();
    // The bidirectional override is shown, not obeyed.
    expect(html).not.toContain('\u202e');
    expect(html).toContain('Club &lt;/script&gt;&lt;script&gt;alert(1)&lt;/script&gt;&lt;!-- &lt;b&gt;x&lt;/b&gt; \\u202e');
    const data = embedded(html);
    expect(data.s).toContain('Club </script><script>alert(1)</script><!-- <b>x</b> \\u202e (group 5, category 11)');
    expect(data.s).toContain('step </script><script>alert(1)</script><!-- <b>x</b> \\u202e');
  });

  it('allows only its own stylesheet and script, by hash, and loads nothing', () => {
    const html = renderHtml(sampleReport());
    const csp = /<meta http-equiv="Content-Security-Policy" content="([^"]+)">/.exec(html)?.[1]?.replace(/&#39;/g, "'");
    expect(csp).toBeDefined();
    expect(csp).toContain("default-src 'none'");
    const script = /<script>([\s\S]*?)<\/script>/.exec(html)![1]!;
    const style = /<style>([\s\S]*?)<\/style>/.exec(html)![1]!;
    const hash = (s: string) => `'sha256-${createHash('sha256').update(s).digest('base64')}'`;
    expect(csp).toContain(`script-src ${hash(script)}`);
    expect(csp).toContain(`style-src ${hash(style)}`);
    expect(csp).not.toMatch(/unsafe-inline|https?:|\*/);
    // No attribute that could fetch anything: no src, no link element, only in-page anchors.
    expect(html).not.toMatch(/\ssrc=|<link|<img|<iframe|url\(|@import/i);
    for (const m of html.matchAll(/href="([^"]*)"/g)) expect(m[1]).toMatch(/^#/);
    // The style attribute would be refused by the CSP: none is used.
    expect(html).not.toMatch(/\sstyle=/);
  });

  it('takes its lang attribute and every frame text from the report language', () => {
    const fr = renderHtml(sampleReport('fr'));
    const en = renderHtml(sampleReport('en'));
    expect(fr).toMatch(/^<!doctype html>\n<html lang="fr">/);
    expect(en).toMatch(/^<!doctype html>\n<html lang="en">/);
    expect(fr).toContain('Clubs à problème seulement');
    expect(en).toContain('Clubs with problems only');
    expect(fr).not.toContain('Clubs with problems only');
    expect(fr).toContain('2\u00a0clubs');
    expect(embedded(fr).t.shown.other).toBe('{n} clubs affichés sur {total}');
  });

  it('keeps headings in order and the landmarks, in both layouts', () => {
    const single = buildReport([buildClubReport(CLUB_A, resultsA(), 'fr')], 'fr', monotonicMs());
    for (const html of [renderHtml(sampleReport()), renderHtml(single)]) {
      const levels = headings(html);
      expect(levels[0]).toBe(1);
      expect(levels.filter((l) => l === 1)).toHaveLength(1);
      levels.forEach((l, i) => i && expect(l, `h${levels[i - 1]} then h${l}`).toBeLessThanOrEqual(levels[i - 1]! + 1));
      for (const tag of ['<header>', '<main>', '<nav ']) expect(html).toContain(tag);
    }
  });

  it('lists one club\'s findings problems first, with their steps', () => {
    const single = renderHtml(buildReport([buildClubReport(CLUB_A, resultsA(), 'en')], 'en', monotonicMs()));
    const order = [...single.matchAll(/<article class="finding b-(\w+)"/g)].map((m) => m[1]);
    expect(order).toEqual(['fail', 'error', 'warn', 'manual', 'skip', 'pass']);
    expect(single).toContain('<ol><li>Open Stripe account settings.</li><li>Paste the secret key.</li></ol>');
    expect(single).toContain('Cause: prestashop — Unauthorized (shop.example.fr, HTTP 401, code WS_OFF)');
    // No grid, no data island for one club.
    expect(single).not.toContain('id="grid"');
  });

  it('gives every grid cell its status as a class, a glyph and a label, and every row its club', () => {
    const html = renderHtml(sampleReport('fr'));
    const rows = [...html.matchAll(/<tr data-i="(\d+)"( class="ok")?><th scope="row"><span class="club">([^<]*)<\/span>([^<]*)</g)];
    expect(rows.map((r) => r[3])).toEqual(['AS Saint-Étienne', 'Club &lt;Tom &amp; &quot;Jerry&quot;&gt; | Ünïcode']);
    expect(html).toContain('AS Saint-Étienne</span> <span class="id">#5</span>');
    const cells = (i: number) => [...html.split(`<tr data-i="${i}"`)[1]!.split('</tr>')[0]!.matchAll(/<td[^>]*>(.*?)<\/td>/g)].map((m) => m[1]);
    const titles = [...html.matchAll(/<th scope="col" class="col" title="([^"]+)"/g)].map((m) => m[1]);
    expect(titles).toEqual(['shop-online', 'category-club-access', 'stripe-keys-format', 'stripe-account-status', 'promo-code', 'relay-carrier-zones']);
    expect(cells(0)[2]).toBe('<button class="cell s-fail" aria-label="ÉCHEC" aria-haspopup="dialog">✗</button>');
    expect(cells(0)[5]).toBe('<button class="cell s-manual" aria-label="À VÉRIFIER" aria-haspopup="dialog">?</button>');
    expect(cells(1)[0]).toBe('<span class="none" aria-hidden="true">·</span><span class="sr">non exécuté pour ce club</span>');
    expect(cells(1)[5]).toBe('<button class="cell s-fail" aria-label="ÉCHEC" aria-haspopup="dialog">✗</button>');
  });

  it('states set-up problems once, before the grid, with their fix', () => {
    const report: Report = {
      ...sampleReport('fr'),
      setup: [{ source: 'prestashop', kind: 'auth', title: 'Clé du webservice refusée', message: 'La boutique refuse la clé <ws>.', fix: ['Ouvrez Paramètres avancés > Webservice.', 'Cochez « Activer »'], checks: 4 }],
    };
    const html = renderHtml(report);
    expect(html).toContain('<li><a href="#setup">Problèmes de configuration</a></li>');
    expect(html).toContain('<h2 id="setup">Problèmes de configuration</h2>');
    expect(html).toContain('<p class="msg">La boutique refuse la clé &lt;ws&gt;.</p><p class="cause">Contrôles empêchés\u00a0: 4</p>');
    expect(html).toContain('<ol><li>Ouvrez Paramètres avancés &gt; Webservice.</li><li>Cochez « Activer »</li></ol>');
    expect(html.indexOf('id="setup"')).toBeLessThan(html.indexOf('id="grid"'));
    const levels = headings(html);
    levels.forEach((l, i) => i && expect(l).toBeLessThanOrEqual(levels[i - 1]! + 1));
  });

  it('has text contrast of at least 4.5:1 for every colour pair of its palette', () => {
    const pairs = textPairs();
    expect(pairs.length).toBeGreaterThanOrEqual(6 + Object.keys(STATUS_COLORS).length);
    for (const p of pairs) expect(contrast(p.text, p.background), p.name).toBeGreaterThanOrEqual(4.5);
    // The computation itself: black on white is 21:1, a light grey on white is not enough.
    expect(contrast('#000000', '#ffffff')).toBeCloseTo(21, 5);
    expect(contrast('#999999', '#ffffff')).toBeLessThan(4.5);
  });

  it('writes French as French: typographic apostrophes, non-breaking spaces, plurals', () => {
    const french = [...Object.values(HTML_TEXT), SHOWN.one, SHOWN.other, CLUBS.one, CLUBS.other, CHECKS.one, CHECKS.other, ...Object.values(STATUS_COUNTS).flatMap((p) => [p.one, p.other])].map((x) => x.fr);
    for (const text of french) {
      expect(text, text).not.toMatch(/'|\(s\)| [:;!?]|« | »/);
    }
    const fr = renderHtml(sampleReport('fr'));
    expect(fr).toContain('2\u00a0échecs');
    expect(fr).toContain('1\u00a0erreur<');
    expect(fr).not.toContain('(s)');
  });

  it('formats the date in the shop time zone, the French way', () => {
    expect(formatDate('2025-08-31T21:59:00.000Z', 'fr')).toBe('31/08/2025 à 23:59');
    expect(formatDate('2025-08-31T21:59:00.000Z', 'en', 'UTC')).toBe('2025-08-31 21:59');
  });

  it('never prints a secret: the html renderer reads the masked report', () => {
    const secret = 'sk_live_51HtmlRendererSecretKeyAbCdEfGh1234';
    redactor.add(secret);
    const report = sampleReport();
    report.clubs[0]!.results[0]!.message = `The key ${secret} is refused`;
    report.clubs[0]!.results[0]!.remediation = [`Replace ${secret}`];
    report.clubs[0]!.club.name = `Club ${secret}`;
    const html = RENDERERS.html(report, { color: false });
    expect(html).not.toContain(secret);
    expect(html).toContain('…1234');
  });

  it('stays small at 300 clubs × 15 checks', () => {
    const statuses: Status[] = ['pass', 'pass', 'pass', 'warn', 'fail', 'error', 'skip', 'manual'];
    const checks: Check[] = Array.from({ length: 15 }, (_, k) => ({
      meta: { id: `check-${k}`, category: 'shop', severity: 'fail', needs: [], title: t(`Contrôle ${k}`, `Check ${k}`), description: t('', ''), docs: '' },
      run: () => ({ status: 'pass', message: t('', '') }),
    }));
    const clubs = Array.from({ length: 300 }, (_, i) => {
      const results: CheckResult[] = checks.map((check, k) => ({
        check,
        status: statuses[(i + k) % statuses.length]!,
        severity: 'fail',
        message: t(`Le club ${i} a un souci avec le contrôle ${k} : voyez le détail dans le back-office.`, `Club ${i} has a problem with check ${k}: see the back office for details.`),
        remediation: [t('Ouvrez Paramètres de la boutique > Général.', 'Open Shop Parameters > General.'), t(`Corrigez le réglage ${k} puis enregistrez.`, `Fix setting ${k} then save.`)],
        evidence: {},
        durationMs: 1,
      }));
      return buildClubReport({ name: `Club sportif numéro ${i}`, parts: {} }, results, 'fr');
    });
    const html = renderHtml(buildReport(clubs, 'fr', monotonicMs()));
    const bytes = Buffer.byteLength(html);
    console.log(`HTML report, 300 clubs × 15 checks: ${bytes} bytes`);
    expect(embedded(html).clubs).toHaveLength(300);
    expect(bytes).toBeLessThan(1_500_000);
  });
});
