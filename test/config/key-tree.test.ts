// Telling configuration keys in report texts (src/config/keys.ts) reads a tree of the keys
// generated from the zod schema (issue 9, start-up: walking the schema built it). The committed
// tree is the one the schema gives, and the answers are those of walking the schema itself.

import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { CONFIG_KEY_TREE_FILE, configKeyTreeSource } from '../../src/config/key-tree-of.js';
import { isConfigKey, type KeyTree } from '../../src/config/keys.js';
import { configSchema } from '../../src/config/schema.js';

type AnySchema = { _zod: { def: Record<string, unknown> & { type: string } } };

/** What src/config/keys.ts answered before the tree: walking the zod schema. */
function walkSchema(path: string): boolean {
  const unwrap = (s: AnySchema | undefined) => {
    while (s && ['optional', 'default', 'nullable', 'prefault'].includes(s._zod.def.type)) s = s._zod.def.innerType as AnySchema;
    return s;
  };
  let schema = unwrap(configSchema() as unknown as AnySchema);
  for (const part of path.split(/\.|(?=\[)/).filter(Boolean)) {
    if (!schema) return false;
    const def = schema._zod.def;
    if (/^\[\d*\]$/.test(part)) {
      if (def.type !== 'array') return false;
      schema = unwrap(def.element as AnySchema);
    } else if (def.type === 'object') {
      const next = (def.shape as Record<string, AnySchema>)[part];
      if (!next) return false;
      schema = unwrap(next);
    } else if (def.type === 'record') {
      schema = unwrap(def.valueType as AnySchema);
    } else return false;
  }
  return true;
}

/** Every path of the tree, written as texts write them, and near misses of each. */
function paths(tree: KeyTree, prefix = ''): string[] {
  if (tree === 0) return [`${prefix}.anything`, `${prefix}[0]`];
  if ('a' in tree) return [`${prefix}[]`, `${prefix}[3]`, `${prefix}.name`, ...paths(tree.a, `${prefix}[]`), ...paths(tree.a, `${prefix}[0]`)];
  if ('r' in tree) return [`${prefix}.shop-online`, `${prefix}[0]`, ...paths(tree.r, `${prefix}.some-check`)];
  return [`${prefix}.unknownKey`, ...Object.entries(tree.o).flatMap(([k, sub]) => [`${prefix}.${k}`, ...paths(sub, `${prefix}.${k}`)])].map((p) => p.replace(/^\./, ''));
}

describe('configuration key tree', () => {
  it('src/config/key-tree.generated.ts is what npm run config-keys writes from the schema', () => {
    expect(readFileSync(CONFIG_KEY_TREE_FILE, 'utf8')).toBe(configKeyTreeSource());
  });

  it('tells keys apart exactly as walking the schema does', async () => {
    const { CONFIG_KEY_TREE } = await import('../../src/config/key-tree.generated.js');
    const all = [...paths(CONFIG_KEY_TREE), 'club.stripeAccount', 'prestashop.customer', 'clubs[].stripe.secretKey', 'checks.shop-online.severity', 'plugins[0]', 'stripe'];
    expect(all.length).toBeGreaterThan(100);
    let keys = 0;
    for (const path of all) {
      expect(isConfigKey(path), path).toBe(walkSchema(path));
      if (isConfigKey(path)) keys++;
    }
    expect(keys).toBeGreaterThan(40);
    expect(all.length - keys).toBeGreaterThan(40);
  });
});
