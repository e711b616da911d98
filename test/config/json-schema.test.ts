// The JSON Schema of the configuration file (issue 12, item 9): generated from the validation
// schema, committed, and named by `$schema` in the example configuration.

import { readFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { CONFIG_SCHEMA_FILE, configJsonSchema } from '../../src/config/json-schema.js';
import { validateConfig } from '../../src/config/load.js';

const ROOT = fileURLToPath(new URL('../..', import.meta.url));
const EXAMPLE = join(ROOT, 'schema/example.checkout-doctorrc.json');
const readJson = (file: string) => JSON.parse(readFileSync(file, 'utf8')) as Record<string, unknown>;

describe('configuration JSON Schema', () => {
  it('the committed schema is the one generated from the validation schema (run `npm run config-schema` after changing src/config/schema.ts)', () => {
    expect(readJson(join(ROOT, CONFIG_SCHEMA_FILE))).toEqual(configJsonSchema());
  });

  it('describes every top-level key and refuses unknown ones, like the validation', () => {
    const schema = configJsonSchema() as { properties: Record<string, unknown>; additionalProperties: unknown };
    expect(Object.keys(schema.properties).sort()).toEqual(['$schema', 'checks', 'clubs', 'dynamicCoupons', 'plugins', 'prestashop', 'sendcloud', 'stripe']);
    expect(schema.additionalProperties).toBe(false);
  });

  it('the example configuration names the committed schema in $schema and is valid', () => {
    const example = readJson(EXAMPLE);
    expect(resolve(dirname(EXAMPLE), example.$schema as string)).toBe(join(ROOT, CONFIG_SCHEMA_FILE));
    const env = { PS_WEBSERVICE_KEY: 'K'.repeat(32), SENDCLOUD_PUBLIC_KEY: 'p'.repeat(36), SENDCLOUD_SECRET_KEY: 's'.repeat(32), LYON_PK: `pk_test_${'a'.repeat(24)}`, LYON_SK: `sk_test_${'b'.repeat(24)}` };
    const config = validateConfig(example, EXAMPLE, env);
    expect(config.clubs?.[0]?.name).toBe('FC Lyon');
    // Each key the example sets is one the JSON Schema describes.
    const properties = (configJsonSchema() as { properties: Record<string, unknown> }).properties;
    for (const key of Object.keys(example)) expect(properties, key).toHaveProperty([key]);
  });
});
