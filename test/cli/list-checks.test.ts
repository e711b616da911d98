import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { builtinRegistry } from '../../src/engine/registry.js';
import { GUIDED_ONLY_POINTS } from '../../src/cli/guided/faq-points.js';
import { runMain } from '../support/run-main.js';

const Listing = z.array(
  z.strictObject({
    id: z.string(),
    category: z.enum(['catalogue', 'payments', 'customers', 'promotions', 'shipping', 'orders', 'shop']),
    severity: z.enum(['fail', 'warn']),
    title: z.string().min(1),
    description: z.string(),
    docs: z.string(),
    needs: z.array(z.string()),
    optional: z.array(z.string()).optional(),
    asks: z.enum(['customer', 'code', 'order']).optional(),
    defaultOptions: z.record(z.string(), z.unknown()).optional(),
    guidedOnly: z.literal(true).optional(),
  }),
);

const en = { LANG: 'en_GB.UTF-8', NO_COLOR: '1' };
const registry = builtinRegistry();

describe('list-checks', () => {
  it('lists every built-in check in a table, with category, default severity and title', async () => {
    const r = await runMain(['list-checks'], { env: en });
    expect(r.code).toBe(0);
    expect(r.stderr).toBe('');
    const lines = r.stdout.split('\n');
    expect(lines[0]).toMatch(/^ID\s+CATEGORY\s+SEVERITY\s+TITLE$/);
    for (const check of registry.all()) {
      const line = lines.find((l) => l.startsWith(`${check.meta.id} `));
      expect(line, check.meta.id).toBeDefined();
      expect(line).toContain(` ${check.meta.severity} `);
      expect(line).toContain(check.meta.title.en);
    }
    expect(r.stdout).toContain(`${registry.ids().length} checks.`);
  });

  it('--format json gives one entry per check with the documented fields', async () => {
    const r = await runMain(['list-checks', '--format', 'json'], { env: en });
    expect(r.code).toBe(0);
    const list = Listing.parse(JSON.parse(r.stdout));
    // The registry's checks only, each id valid for --only: the points only the guided mode asks
    // are in the table, not in the list scripts loop over.
    expect(list.map((c) => c.id).sort()).toEqual([...registry.ids()].sort());
    expect(list.filter((c) => GUIDED_ONLY_POINTS.some((p) => p.meta.id === c.id) || c.guidedOnly)).toEqual([]);
    for (const entry of list) {
      const meta = registry.get(entry.id)!.meta;
      expect(entry).toMatchObject({ category: meta.category, severity: meta.severity, title: meta.title.en, docs: meta.docs, needs: meta.needs });
      expect(entry.asks).toBe(meta.asks);
    }
  });

  it('follows --lang, then LC_ALL/LANG', async () => {
    const byFlag = JSON.parse((await runMain(['list-checks', '--format', 'json', '--lang', 'fr'], { env: en })).stdout);
    const check = registry.all()[0]!;
    expect(byFlag.find((c: { id: string }) => c.id === check.meta.id).title).toBe(check.meta.title.fr);
    const byEnv = await runMain(['list-checks'], { env: { LANG: 'fr_FR.UTF-8', NO_COLOR: '1' } });
    expect(byEnv.stdout.split('\n')[0]).toMatch(/^ID\s+CATÉGORIE\s+SÉVÉRITÉ\s+TITRE$/);
    expect(byEnv.stdout).toContain(check.meta.title.fr);
  });

  it('with --config, also lists the plugins it loads', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'cd-list-'));
    writeFileSync(
      join(dir, 'plugin.mjs'),
      `export default [{ meta: { id: 'club-colours', category: 'shop', severity: 'warn', needs: [], title: { fr: 'Couleurs', en: 'Colours' }, description: { fr: 'd', en: 'd' }, docs: 'x' }, run() { return { status: 'pass', message: { fr: '', en: '' } }; } }];`,
    );
    writeFileSync(join(dir, 'c.json'), JSON.stringify({ plugins: ['./plugin.mjs'] }));
    const r = await runMain(['list-checks', '--config', join(dir, 'c.json')], { env: en });
    expect(r.stdout).toMatch(/^club-colours\s+Shop\s+warn\s+Colours$/m);
  });

  it('a wrong --format is a usage error', async () => {
    const r = await runMain(['list-checks', '--format', 'xml'], { env: en });
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('--format must be one of pretty, json');
  });
});
