// Writes src/engine/part-shapes.generated.ts, the fast-path shapes of the snapshot file, of a part
// envelope and of every part, from their zod schemas: `npm run part-shapes` (from the repository
// root). test/engine/part-shapes.test.ts fails when the file drifts from the schemas.
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { PART_SHAPES_FILE, partShapesSource } from '../src/engine/shape-of.js';

const file = join(process.cwd(), PART_SHAPES_FILE);
writeFileSync(file, partShapesSource());
console.log(`wrote ${file}`);
