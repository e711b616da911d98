// The entry point of the bundled build (scripts/bundle.mjs → dist/bundle/checkout-doctor.cjs):
// what the launcher needs, nothing more.
import { z } from 'zod';

// A run parses each schema a handful of times: zod's JIT (one generated function per object
// schema, compiled at its first parse) costs more than it saves, at every start-up.
z.config({ jitless: true });

export { main } from './main.js';
export { exitIfUnsettled } from './guard.js';
