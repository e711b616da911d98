import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { builtinChecks } from '../../checks/index.js';
import { UsageError } from '../../src/engine/errors.js';
import { Registry, builtinRegistry, checkProblems, loadPlugins } from '../../src/engine/registry.js';
import { t, type Check } from '../../src/engine/types.js';

const good: Check = {
  meta: { id: 'club-colours', category: 'shop', severity: 'warn', needs: [], title: t('Couleurs', 'Colours'), description: t('d', 'd'), docs: 'x' },
  run: () => ({ status: 'pass', message: t('ok', 'ok') }),
};

const pluginSource = `export default [{ meta: { id: 'club-colours', category: 'shop', severity: 'warn', needs: [], title: { fr: 'C', en: 'C' }, description: { fr: 'd', en: 'd' }, docs: 'x' }, run() { return { status: 'pass', message: { fr: '', en: '' } }; } }];`;

describe('registry', () => {
  it('holds every built-in check, with sound metadata and unique ids', () => {
    const registry = builtinRegistry();
    expect(registry.ids()).toHaveLength(builtinChecks.length);
    for (const check of builtinChecks) expect([check.meta.id, checkProblems(check)]).toEqual([check.meta.id, []]);
  });

  it('refuses malformed checks and duplicate ids', () => {
    expect(checkProblems({ meta: { ...good.meta, id: 'Club_Colours', category: 'misc', needs: ['club.nothing'], asks: 'email' }, run: good.run })).toEqual([
      'id "Club_Colours" is not kebab-case',
      'category "misc" is unknown',
      'part "club.nothing" is unknown',
      'asks "email" is not customer, code or order',
    ]);
    expect(checkProblems({ meta: good.meta })).toEqual(['not a { meta, run } object']);
    expect(() => new Registry([good, good])).toThrow(UsageError);
  });

  it('loads plugins by path relative to the configuration, and by package name from its node_modules', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'cd-plugins-'));
    writeFileSync(join(dir, 'local.mjs'), pluginSource);
    mkdirSync(join(dir, 'node_modules', 'cd-plugin-colours'), { recursive: true });
    writeFileSync(join(dir, 'node_modules', 'cd-plugin-colours', 'package.json'), JSON.stringify({ name: 'cd-plugin-colours', type: 'module', main: 'index.js' }));
    writeFileSync(join(dir, 'node_modules', 'cd-plugin-colours', 'index.js'), pluginSource.replace(/club-colours/g, 'club-badges'));
    const registry = new Registry([]);
    await loadPlugins(registry, ['./local.mjs', 'cd-plugin-colours'], dir);
    expect(registry.ids()).toEqual(['club-colours', 'club-badges']);
  });

  it('a plugin that cannot load, or exports no list, is a usage error naming it', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'cd-plugins-'));
    writeFileSync(join(dir, 'not-a-list.mjs'), 'export default {};');
    await expect(loadPlugins(new Registry([]), ['./missing.mjs'], dir)).rejects.toThrow(/Cannot load plugin "\.\/missing\.mjs"/);
    await expect(loadPlugins(new Registry([]), ['no-such-package-cd'], dir)).rejects.toThrow(/Cannot load plugin "no-such-package-cd"/);
    await expect(loadPlugins(new Registry([]), ['./not-a-list.mjs'], dir)).rejects.toThrow(/must export a list of checks/);
  });
});
