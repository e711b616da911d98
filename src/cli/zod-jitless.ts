// Imported first by the bundle's entry (entry.ts), before any schema exists: zod reads this setting
// when it builds an object schema. A run parses each schema a handful of times, so zod's JIT (one
// function generated and compiled per object schema at its first parse) costs more than it saves,
// at every start-up.
import { z } from 'zod';

z.config({ jitless: true });
