// Issue 10.5, internal names: the support agent's report names a configuration key only as the key
// they edit in .checkout-doctorrc.json, written as code (`clubs[].category`), and never one of the
// tool's internal data names (`club.stripeAccount`); the club admin's report names neither, in
// French and in English, on every check and question of the demo shop.

import { describe, expect, it } from 'vitest';
import { codeConfigKeys, isConfigKey } from '../../src/config/keys.js';
import { PART_SCHEMAS } from '../../src/engine/parts.js';
import { answeredQueries, loadSnapshot } from '../../src/engine/snapshot.js';
import { DEMO } from '../e2e/run-cli.js';
import { runMain } from '../support/run-main.js';

const PARTS = Object.keys(PART_SCHEMAS);
/** A dotted name starting like a configuration key or a data part, outside code spans. */
const DOTTED = /(?<![\w./`@-])(?:prestashop|stripe|sendcloud|clubs?|shop|dynamicCoupons|checks|plugins)(?:\[\d*\])?(?:\.[A-Za-z_][\w-]*(?:\[\d*\])?)+/g;
const outsideCode = (text: string) => text.split(/`[^`]*`/).join(' ');

function texts(stdout: string): string[] {
  const report = JSON.parse(stdout) as { clubs: { results: { message: string; remediation: string[] }[] }[] };
  return report.clubs.flatMap((c) => c.results.flatMap((r) => [r.message, ...r.remediation]));
}

describe('configuration keys in the two audiences', () => {
  it('recognises the keys a person edits, not the tool’s data names', () => {
    expect(isConfigKey('clubs[].stripe.secretKey')).toBe(true);
    expect(isConfigKey('clubs[0].group')).toBe(true);
    expect(isConfigKey('prestashop.database.host')).toBe(true);
    expect(isConfigKey('checks.shop-online')).toBe(true);
    expect(isConfigKey('club.stripeAccount')).toBe(false);
    expect(isConfigKey('prestashop.customer')).toBe(false);
    expect(codeConfigKeys('Vérifiez prestashop.url. Puis clubs[].category, `prestashop.url` et club.stripeAccount.')).toBe(
      'Vérifiez `prestashop.url`. Puis `clubs[].category`, `prestashop.url` et club.stripeAccount.',
    );
  });

  const run = async (audience: string, lang: string) => {
    const snapshot = await loadSnapshot(DEMO);
    const questions = [[], ...(['customer', 'code', 'order'] as const).flatMap((key) => answeredQueries(snapshot, key).map((v) => [`--${key}`, v]))];
    const all: string[] = [];
    for (const q of questions) {
      const r = await runMain(['diagnose', '--all', '--snapshot', DEMO, '--format', 'json', '--lang', lang, '--audience', audience, ...q]);
      expect(r.code, r.stderr).toBeLessThan(2);
      all.push(...texts(r.stdout));
    }
    return all;
  };

  it.each(['fr', 'en'])('support (%s): keys as code, never a data name', async (lang) => {
    // English keeps a failed part's name in quotes on purpose (src/engine/runner.ts: the agent
    // greps for it); French says what the data is instead.
    const quotedPart = new RegExp(`"(?:${PARTS.map((p) => p.replace('.', '\\.')).join('|')})"`, 'g');
    const all = (await run('support', lang)).map((t) => (lang === 'en' ? t.replace(quotedPart, '"…"') : t));
    const loose = all.flatMap((t) => outsideCode(t).match(DOTTED) ?? []);
    expect(loose).toEqual([]);
    // The demo's club without a configured category names the key to set, as code.
    expect(all.some((t) => t.includes('`clubs[].category`'))).toBe(true);
    const dataNames = all.flatMap((t) => PARTS.filter((p) => new RegExp(`(?<![\\w.\`])${p.replace('.', '\\.')}(?![\\w])`).test(t)));
    expect(dataNames).toEqual([]);
  });

  it.each(['fr', 'en'])('admin (%s): no key, no code span, no data name', async (lang) => {
    const all = await run('admin', lang);
    expect(all.filter((t) => /`/.test(t) || DOTTED.test(t) || /\bdynamicCoupons\b/.test(t))).toEqual([]);
  });
});

describe('the admin reader of every format', () => {
  it('pretty, markdown, JUnit and HTML show no upstream cause, HTTP code nor data name to a club admin; support keeps them', async () => {
    const { mkdtempSync, writeFileSync } = await import('node:fs');
    const { join } = await import('node:path');
    const { tmpdir } = await import('node:os');
    const snapshot = structuredClone(await loadSnapshot(DEMO)) as unknown as { clubs: { name: string; parts: Record<string, unknown> }[]; parts: Record<string, unknown> };
    const club = snapshot.clubs.find((c) => c.name === 'Étoile Sportive de Fréjus')!;
    club.parts['club.stripeAccount'] = { status: 'failed', cause: { source: 'stripe', kind: 'http', message: 'Invalid API Key provided: the key was revoked', host: 'api.stripe.com', status: 401 } };
    delete club.parts['club.category'];
    snapshot.parts['prestashop.carriers'] = { status: 'ok', data: 'not a list' };
    const file = join(mkdtempSync(join(tmpdir(), 'cd-admin-')), 'hand.json');
    writeFileSync(file, JSON.stringify(snapshot));
    const technical = /HTTP \d{3}|\b401\b|Invalid API Key|club\.category|prestashop\.carriers|club\.stripeAccount|U\+[0-9A-F]{4}/;
    for (const lang of ['fr', 'en']) {
      for (const format of ['pretty', 'markdown', 'junit', 'html']) {
        const admin = await runMain(['diagnose', 'Fréjus', '--snapshot', file, '--lang', lang, '--format', format, '--audience', 'admin']);
        expect(admin.code, admin.stderr).toBe(1);
        expect(admin.stdout.match(technical), `${format} ${lang} admin`).toBeNull();
        const support = await runMain(['diagnose', 'Fréjus', '--snapshot', file, '--lang', lang, '--format', format]);
        if (format === 'junit' || format === 'html') expect(support.stdout, `${format} ${lang} support`).toMatch(/HTTP 401/);
      }
    }
  });
});
