// Writes schema/checkout-doctor.schema.json from the validation schema: `npm run config-schema`
// (from the repository root). test/config/json-schema.test.ts fails when the two drift apart.
import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { CONFIG_SCHEMA_FILE, configJsonSchema } from '../src/config/json-schema.js';

const file = join(process.cwd(), CONFIG_SCHEMA_FILE);
mkdirSync(dirname(file), { recursive: true });
writeFileSync(file, `${JSON.stringify(configJsonSchema(), null, 2)}\n`);
console.log(`wrote ${file}`);
