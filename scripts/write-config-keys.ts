// Writes src/config/key-tree.generated.ts, the tree of the configuration's keys, from its zod
// schema: `npm run config-keys` (from the repository root). test/config/key-tree.test.ts fails
// when the file drifts from the schema.
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { CONFIG_KEY_TREE_FILE, configKeyTreeSource } from '../src/config/key-tree-of.js';

const file = join(process.cwd(), CONFIG_KEY_TREE_FILE);
writeFileSync(file, configKeyTreeSource());
console.log(`wrote ${file}`);
