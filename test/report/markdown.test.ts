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

  it('lists every result in a table with its glyph and status, by category', () => {
    const clubA = md.slice(md.indexOf('## AS'), md.indexOf('## Club'));
    const rows = clubA.split('\n').filter((l) => l.startsWith('| ') && !l.startsWith('| |'));
    expect(rows).toHaveLength(6);
    expect(rows[0]).toBe('| ✓ | PASS | Shop online (`shop-online`) | Shop |');
    expect(rows.map((r) => r.split(' | ')[0]!.slice(2))).toEqual(['✓', '‼', '✗', '!', '-', '?']);
    expect(clubA).toContain('|---|---|---|---|');
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

  it('keeps table cells on one line and escapes their pipes', () => {
    const row = md.split('\n').find((l) => l.includes('relay-carrier-zones') && l.startsWith('| ✗'));
    expect(row).toBe('| ✗ | FAIL | Relay carrier \\<zones> & "points" (`relay-carrier-zones`) | Shipping |');
    expect(md).toContain('Zone "Corse" not served \\| a \\<b>');
  });

  it('uses text glyphs, no emoji', () => {
    expect(md).not.toMatch(EMOJI);
  });

  it('speaks French', () => {
    const fr = renderMarkdown(sampleReport('fr'));
    expect(fr).toContain('# Diagnostic checkout-doctor');
    expect(fr).toContain('**À faire\u00a0:**');
    expect(fr).toContain('| ✗ | ÉCHEC |');
    expect(fr).toContain('Cause\u00a0: prestashop');
    expect(fr.trimEnd().split('\n').pop()).toMatch(/^\*\*Bilan\u00a0: /);
  });

  it('says when a club has nothing to fix', () => {
    const report = sampleReport('en');
    const clean = { ...report, clubs: [{ ...report.clubs[0]!, results: report.clubs[0]!.results.filter((r) => r.status === 'pass') }] };
    expect(renderMarkdown(clean)).toContain('No problem found for this club.');
  });
});
