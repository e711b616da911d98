// Issue 10: the points only the guided mode asks (the shop's theme, a custom checkout script, the
// customer's browser: FAQ 002, causes 2, 4 and 7) are part of the catalogue, through the CLI's
// program (in-process, run-in-process.ts: the same main as the binary, for 25 runs that test what
// the commands say, not the process):
// `list-checks` lists them as manual points asked only in the guided mode (in its table; the JSON
// listing stays the checks a diagnosis runs, each id valid for --only), `explain <id>` explains them
// in French and in English, from the FAQ, with the question the person is asked.

import { describe, expect, it } from 'vitest';
import { expectGoodFrench } from '../support/french-scan.js';
import { DEMO } from './run-cli.js';
import { runInProcess as runCli } from './run-in-process.js';

const POINTS = ['checkout-theme', 'checkout-custom-script', 'customer-browser'];
const flat = (s: string) => s.replace(/\s+/g, ' ');

describe('points asked only in the guided mode, in list-checks and explain', () => {
  it('list-checks: listed, marked guided mode only, counted apart; JSON lists only runnable checks', async () => {
    const en = await runCli(['list-checks']);
    expect(en.code).toBe(0);
    for (const id of POINTS) expect(en.stdout).toMatch(new RegExp(`^${id} +Shipping +warn +.+ \\(guided mode only\\)$`, 'm'));
    expect(en.stdout).toMatch(/^15 checks\. 3 points are asked only in the guided mode\. /m);

    const fr = await runCli(['list-checks', '--lang', 'fr']);
    expect(fr.stdout).toMatch(/^customer-browser +Livraison +warn +Navigateur du client à jour \(mode guidé seulement\)$/m);
    expect(fr.stdout).toMatch(/^15 contrôles\. 3 points ne sont posés qu’en mode guidé\. /m);
    expectGoodFrench(fr.stdout, 'list-checks');

    // JSON is the list scripts loop over (each id valid for --only): the checks only, as before.
    const json = JSON.parse((await runCli(['list-checks', '--format', 'json'])).stdout) as Array<Record<string, unknown>>;
    expect(json).toHaveLength(15);
    expect(json.filter((c) => POINTS.includes(String(c['id'])) || 'guidedOnly' in c)).toEqual([]);
    for (const c of json) expect((await runCli(['diagnose', 'Étoile Sportive de Fréjus', '--snapshot', DEMO, '--only', String(c['id']), '--format', 'json'])).code, String(c['id'])).not.toBe(2);
  });

  it('explain: each one in English and in French, from the FAQ, with the question asked and no configuration key', async () => {
    for (const id of POINTS) {
      const en = await runCli(['explain', id]);
      expect(en.code, id).toBe(0);
      expect(en.stdout.startsWith(`${id} — `)).toBe(true);
      expect(flat(en.stdout)).toContain('this point is asked only in the guided mode');
      expect(en.stdout).toContain('Question asked:');
      expect(en.stdout).toContain('No setting: this point exists only in the guided mode.');
      expect(en.stdout).not.toContain('"checks"');
      expect(en.stdout).toContain('FAQ 002');

      const fr = await runCli(['explain', id, '--lang', 'fr']);
      expect(fr.code, id).toBe(0);
      expect(flat(fr.stdout)).toContain('ce point n’est posé qu’en mode guidé');
      expect(fr.stdout).toContain('Question posée\u00a0:');
      expectGoodFrench(fr.stdout, `explain ${id}`);
    }
    const browser = await runCli(['explain', 'customer-browser']);
    expect(flat(browser.stdout)).toContain('Does the customer use the latest version of their browser?');
    expect(flat(browser.stdout)).toContain('The customer installs the latest version of their browser, or tries another browser.');
  });

  it('still not checks a diagnosis runs: --only refuses them', async () => {
    const r = await runCli(['diagnose', 'Fréjus', '--sandbox', '--only', 'customer-browser']);
    expect(r.code).toBe(2);
  });
});
