import { describe, expect, it } from 'vitest';
import { renderMarkdown } from '../../src/report/render/markdown.js';
import { sampleReport } from './fixture.js';

// Pictographic emoji (✓ ✗ ‼ are text glyphs, allowed; ‼ is Emoji-capable, so it is excluded from this check).
const EMOJI = /(?![\u203C])\p{Extended_Pictographic}/u;

describe('markdown renderer', () => {
  const md = renderMarkdown(sampleReport('en'));

  it('has a title, one heading per club, and the summary at the end', () => {
    expect(md.startsWith('# checkout-doctor diagnosis\n')).toBe(true);
    expect(md).toContain('\n## AS Saint-Étienne (group 5, category 11)\n');
    expect(md).toContain('\n## Club \\<Tom & "Jerry"> \\| Ünïcode\n');
    expect(md.trimEnd().split('\n').pop()).toBe('**Summary: 2 passed, 1 warning, 2 failed, 1 error, 1 skipped, 1 to verify by hand (1234 ms)**');
  });

  it('puts problems first, then folds the checks that passed or were skipped in <details>', () => {
    const clubA = md.slice(md.indexOf('## AS'), md.indexOf('## Club'));
    // Problems (headings) come before the folded table.
    expect(clubA.indexOf('### ✗ FAIL')).toBeLessThan(clubA.indexOf('<details>'));
    const folded = clubA.slice(clubA.indexOf('<details>'), clubA.indexOf('</details>'));
    expect(folded).toContain('<summary>✓ 1 check passed, - 1 skipped</summary>\n\n| | Status | Check | Category |\n|---|---|---|---|\n');
    const rows = folded.split('\n').filter((l) => l.startsWith('| ') && !l.startsWith('| |'));
    expect(rows).toEqual(['| ✓ | PASS | Shop online (`shop-online`) | Shop |', '| - | SKIP | Promo code usable (`promo-code`) | Promotions |']);
    // Problems are not repeated in the folded table.
    expect(folded).not.toContain('stripe-keys-format');
  });

  it('details each problem with numbered remediation, worst first', () => {
    const clubA = md.slice(md.indexOf('## AS'), md.indexOf('## Club'));
    const details = [...clubA.matchAll(/^### (.+)$/gm)].map((m) => m[1]);
    expect(details).toEqual([
      '✗ FAIL — Stripe keys well-formed (`stripe-keys-format`)',
      '‼ ERROR — Club category open to the group (`category-club-access`)',
      '! WARN — Stripe account active (`stripe-account-status`)',
      '? MANUAL — Relay carrier \\<zones> & "points" (`relay-carrier-zones`)',
    ]);
    expect(clubA).toContain('**How to fix:**\n\n1. Open Stripe account settings.\n2. Paste the secret key.\n');
    expect(clubA).toContain('**To verify:**\n\n1. Open Shipping > Carriers.\n');
    expect(clubA).toContain('Cause: prestashop — Unauthorized (shop.example.fr, HTTP 401, code WS_OFF)');
    expect(clubA).not.toContain('The shop answers.');
  });

  it('keeps headings on one line and escapes their pipes', () => {
    const heading = md.split('\n').find((l) => l.includes('relay-carrier-zones') && l.startsWith('### ✗'));
    expect(heading).toBe('### ✗ FAIL — Relay carrier \\<zones> & "points" (`relay-carrier-zones`)');
    expect(md).toContain('Zone "Corse" not served \\| a \\<b>');
  });

  it('uses text glyphs, no emoji', () => {
    expect(md).not.toMatch(EMOJI);
  });

  it('speaks French', () => {
    const fr = renderMarkdown(sampleReport('fr'));
    expect(fr).toContain('# Diagnostic checkout-doctor');
    expect(fr).toContain('**À faire\u00a0:**');
    expect(fr).toContain('### ✗ ÉCHEC — ');
    expect(fr).toContain('<summary>✓ 1 contrôle réussi, - 1 ignoré</summary>');
    expect(fr).toContain('Cause\u00a0: prestashop');
    expect(fr.trimEnd().split('\n').pop()).toMatch(/^\*\*Bilan\u00a0: /);
  });

  it('has a ticket header: shop URL, source and its date, options asked, date on the shop\'s clock', () => {
    const report = {
      ...sampleReport('en'),
      shop: { name: 'Boutique des Clubs', url: 'https://shop.example.fr/', timeZone: 'Europe/Paris' },
      source: { kind: 'snapshot' as const, file: 'tickets/4521.json', gatheredAt: '2026-02-28T22:59:00.000Z' },
      query: { customer: 'marie.durand@example.fr', code: 'ETE2025' },
    };
    const en = renderMarkdown(report).split('\n').slice(0, 8).join('\n');
    expect(en).toContain('- **Shop:** https://shop.example.fr/ (Boutique des Clubs)');
    expect(en).toContain('- **Source:** snapshot `tickets/4521.json` taken 2026-02-28 23:59');
    expect(en).toContain('- **Options:** `--customer marie.durand@example.fr`, `--code ETE2025`');
    // 12:00 UTC is 13:00 in Paris in March (winter time).
    expect(en).toContain('- **Date:** 2026-03-01 13:00 (Europe/Paris) — checkout-doctor `');
    const fr = renderMarkdown({ ...report, lang: 'fr' });
    expect(fr).toContain('- **Boutique\u00a0:** https://shop.example.fr/');
    expect(fr).toContain('- **Source\u00a0:** instantané `tickets/4521.json` pris le 28/02/2026 à 23:59');
    expect(fr).toContain('- **Date\u00a0:** 01/03/2026 à 13:00 (Europe/Paris)');
    const live = renderMarkdown({ ...report, source: { kind: 'live', gatheredAt: report.generatedAt }, query: undefined });
    expect(live).toContain('- **Source:** the live shop');
    expect(live).toContain('- **Options:** none');
  });

  it('says when a club has nothing to fix', () => {
    const report = sampleReport('en');
    const clean = { ...report, clubs: [{ ...report.clubs[0]!, results: report.clubs[0]!.results.filter((r) => r.status === 'pass') }] };
    expect(renderMarkdown(clean)).toContain('No problem found for this club.');
  });
});
