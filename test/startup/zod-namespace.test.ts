// Start-up (issue 9): the program imports zod as a namespace (`import * as z from 'zod'`), whose
// property reads (z.object, z.string…) esbuild binds to zod's functions directly. Imported as the
// `z` binding (`import { z } from 'zod'`), the value is zod's namespace object: the bundle then
// builds it, with z.core, z.util and z.regexes (~720 getters, defined one by one at every load),
// and keeps every function they name: ~70 KB more text and ~80 KB more code cache for a diagnosis.

import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';

const ROOT = new URL('../../', import.meta.url).pathname;
const BUNDLE_DIR = join(ROOT, 'dist/bundle');

/** The TypeScript files of the program under `dir` (recursively). */
function sources(dir: string): string[] {
  return readdirSync(join(ROOT, dir), { recursive: true, encoding: 'utf8' })
    .filter((f) => f.endsWith('.ts'))
    .map((f) => join(dir, f));
}

describe('zod is imported as a namespace', () => {
  it("no file of the program takes zod's `z` value binding (types only)", () => {
    const offenders = [...sources('src'), ...sources('checks')].filter((f) => /^import\s+\{[^}]*\bz\b[^}]*\}\s+from\s+'zod'/m.test(readFileSync(join(ROOT, f), 'utf8')));
    expect(offenders).toEqual([]);
  });

  it("the built bundle does not build zod's namespace objects z and z.core", () => {
    const texts = readdirSync(BUNDLE_DIR).filter((f) => f.endsWith('.cjs')).map((f) => readFileSync(join(BUNDLE_DIR, f), 'latin1'));
    expect(texts.join('\n')).toContain('$ZodObject'); // zod is in the bundle
    // The getters of z.core's namespace object and of z's own (which names z.core).
    expect(texts.filter((t) => /\$ZodAsyncError:\(\)=>/.test(t))).toEqual([]);
    expect(texts.filter((t) => /\bcore:\(\)=>core_exports/.test(t))).toEqual([]);
  });
});
