// The documentation in docs/ covers what the code has: every configuration key of the schema, every
// webservice resource the source reads; its links lead to files of the repository; the README links
// every page and shows init.

import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { configSchema } from '../../src/config/schema.js';
import { WEBSERVICE_RESOURCES } from '../../src/sources/prestashop/permissions.js';

const ROOT = fileURLToPath(new URL('../..', import.meta.url));
const DOCS = join(ROOT, 'docs');
const read = (file: string) => readFileSync(join(ROOT, file), 'utf8');

type Def = { type: string; shape?: Record<string, { _zod: { def: Def } }>; innerType?: { _zod: { def: Def } }; element?: { _zod: { def: Def } } };

/** Every key path of the schema: `prestashop.database.prefix`, `clubs[].stripe.secretKey`… */
function keyPaths(def: Def, prefix = ''): string[] {
  while (['optional', 'default', 'nullable', 'prefault'].includes(def.type) && def.innerType) def = def.innerType._zod.def;
  if (def.type === 'array' && def.element) return keyPaths(def.element._zod.def, `${prefix}[]`);
  if (def.type !== 'object' || !def.shape) return [];
  return Object.entries(def.shape).flatMap(([key, schema]) => {
    const path = prefix ? `${prefix}.${key}` : key;
    return [path, ...keyPaths(schema._zod.def, path)];
  });
}

describe('docs/', () => {
  it('the configuration reference names every key of the schema', () => {
    const doc = read('docs/configuration.md');
    const paths = keyPaths((configSchema() as unknown as { _zod: { def: Def } })._zod.def);
    expect(paths).toContain('prestashop.database.prefix');
    expect(paths).toContain('clubs[].stripe.secretKey');
    for (const path of paths) {
      const last = path.split('.').at(-1)!.replace('[]', '');
      expect(doc, `docs/configuration.md lacks ${path}`).toMatch(new RegExp(`[\`.]${last.replace('$', '\\$')}\``));
    }
  });

  it('the webservice key page lists every resource the source reads', () => {
    const doc = read('docs/webservice-key.md');
    for (const { resource } of WEBSERVICE_RESOURCES) expect(doc).toContain(`| \`${resource}\` |`);
  });

  it('every relative link leads to a file of the repository, and none points outside it', () => {
    for (const file of readdirSync(DOCS).filter((f) => f.endsWith('.md'))) {
      const text = readFileSync(join(DOCS, file), 'utf8');
      expect(text, file).not.toContain('../shared');
      for (const [, target] of text.matchAll(/\]\(([^)#]+)(#[^)]*)?\)/g)) {
        if (/^https?:/.test(target!)) continue;
        expect(existsSync(join(dirname(join(DOCS, file)), target!)), `${file} → ${target}`).toBe(true);
      }
    }
  });

  it('the README shows init and links every page', () => {
    const readme = read('README.md');
    expect(readme).toContain('checkout-doctor init');
    for (const file of readdirSync(DOCS).filter((f) => f.endsWith('.md') && f !== 'README.md')) expect(readme).toContain(`](docs/${file})`);
  });
});
