import { describe, expect, it } from 'vitest';
import { builtinRegistry } from '../../src/engine/registry.js';
import { runMain } from '../support/run-main.js';

const en = { LANG: 'en_GB.UTF-8', NO_COLOR: '1' };
const registry = builtinRegistry();
const flat = (s: string) => s.replace(/\s+/g, ' ');

describe('explain', () => {
  it('explains every built-in check: what, why, what it needs, reference', async () => {
    for (const check of registry.all()) {
      const r = await runMain(['explain', check.meta.id], { env: en });
      expect(r.code, check.meta.id).toBe(0);
      const text = flat(r.stdout);
      expect(r.stdout.startsWith(`${check.meta.id} — ${check.meta.title.en}\n`)).toBe(true);
      expect(text).toContain(flat(check.meta.description.en));
      for (const part of check.meta.needs) expect(text).toContain(part);
      expect(text).toContain(flat(check.meta.docs));
      if (check.meta.asks) expect(text).toContain(`Runs only with --${check.meta.asks}`);
      for (const step of check.meta.manualSteps ?? []) expect(text).toContain(flat(step.en));
    }
  });

  it('shows the manual steps, numbered, and the configuration key', async () => {
    const r = await runMain(['explain', 'category-club-access'], { env: en });
    expect(r.stdout).toMatch(/Verify or fix by hand\n\s+1\. In the back office: Catalogue > Categories/);
    expect(r.stdout).toContain('"checks": { "category-club-access":');
    expect(r.stdout).toMatch(/club\.categoryAccess \(PrestaShop database/);
  });

  it('speaks French with --lang fr', async () => {
    const r = await runMain(['explain', 'category-club-access', '--lang', 'fr'], { env: en });
    expect(r.stdout).toContain('Ce qu’il vérifie');
    expect(r.stdout).toContain('Catégorie du club accessible au groupe du club');
    expect(r.stdout).toContain('  Données requises\u00a0:\n');
    expect(r.stdout).toContain('sévérité par défaut\u00a0: fail');
  });

  it('wraps long steps under their own text', async () => {
    const long = registry.all().find((c) => (c.meta.manualSteps ?? []).some((s) => s.en.length > 100));
    if (!long) return;
    const lines = (await runMain(['explain', long.meta.id], { env: en })).stdout.split('\n');
    const start = lines.findIndex((l) => /^ {2}\d\. /.test(l) && l.length > 90);
    expect(start).toBeGreaterThan(-1);
    expect(lines[start + 1]).toMatch(/^ {5}\S/);
  });

  it('an unknown id is exit 2 with close matches', async () => {
    const r = await runMain(['explain', 'category-club-acess'], { env: en });
    expect(r.code).toBe(2);
    expect(r.stdout).toBe('');
    expect(r.stderr).toContain('Unknown check id "category-club-acess". Did you mean:');
    expect(r.stderr).toContain('  category-club-access');
    expect(r.stderr).toContain('list-checks');
  });

  it('a typo of a guided-only point suggests it too', async () => {
    const r = await runMain(['explain', 'customer-browsr'], { env: en });
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('  customer-browser');
  });

  it('a missing id is exit 2', async () => {
    const r = await runMain(['explain'], { env: en });
    expect(r.code).toBe(2);
    expect(r.stderr).toContain("missing required argument 'check-id'");
  });
});
