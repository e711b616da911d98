// Start-up (issue 9): the parts of zod the program never runs (JSON Schema conversion, z.compile,
// the schema walker) are left out of the bundle by scripts/zod-unused.mjs. The built bundle holds
// none of their code; zod with the stubs still parses as before; and a call to a left-out function
// fails with an error that says what happened and where to look, not with "x is not a function".

import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { build } from 'esbuild';
import { describe, expect, it } from 'vitest';
import { ZOD_UNUSED, zodUnused } from '../../scripts/zod-unused.mjs';

const ROOT = new URL('../../', import.meta.url).pathname;
const BUNDLE_DIR = join(ROOT, 'dist/bundle');

/** Bundles `source` (an ES module importing zod) with the stubs, as scripts/bundle.mjs does, and runs it. */
async function runWithStubs(source: string): Promise<unknown> {
  const result = await build({
    stdin: { contents: source, resolveDir: ROOT, loader: 'js' },
    bundle: true,
    platform: 'node',
    format: 'cjs',
    write: false,
    plugins: [zodUnused],
    logLevel: 'silent',
  });
  const module = { exports: {} as { run?: () => unknown } };
  new Function('module', 'exports', 'require', result.outputFiles[0]!.text)(module, module.exports, () => {
    throw new Error('no require in this bundle');
  });
  return module.exports.run!();
}

describe('zod code the program never runs stays out of the bundle', () => {
  it('no file of the built bundle holds the left-out modules: each one is its stub', () => {
    const manifest = JSON.parse(readFileSync(join(BUNDLE_DIR, 'chunks.json'), 'utf8')) as Record<string, string[]>;
    const modules = Object.values(manifest).flat();
    expect(modules).toEqual(expect.arrayContaining(['node_modules/zod/v4/core/schemas.js']));
    for (const module of ZOD_UNUSED) {
      expect(modules).not.toContain(`node_modules/zod/v4/${module}`);
    }
    // Since zod is imported as a namespace (test/startup/zod-namespace.test.ts), esbuild leaves out
    // the stubs nothing imports: those still imported by what the program runs are stubs.
    expect(modules.filter((m) => m.startsWith('zod-unused:')).length).toBeGreaterThan(0);
    // Their code, by texts only it holds (from compile.js, from-json-schema.js, json-schema-processors.js, to-json-schema.js).
    const code = readdirSync(BUNDLE_DIR)
      .filter((f) => f.endsWith('.cjs'))
      .map((f) => readFileSync(join(BUNDLE_DIR, f), 'latin1'))
      .join('\n');
    expect(code).toContain('is left out of checkout-doctor');
    for (const text of ['does not support async refinements', 'Circular reference not resolved', 'Pattern not found in template literal', 'Cycle detected']) expect(code).not.toContain(text);
  });

  it('with the stubs, zod still builds and parses schemas like the program\'s', async () => {
    const result = await runWithStubs(`import { z } from 'zod';
export function run() {
  const Part = z.object({ name: z.string().min(1), count: z.number().int().optional(), tags: z.array(z.string()).default([]), when: z.iso.datetime({ offset: true }) });
  const Envelope = z.discriminatedUnion('status', [z.object({ status: z.literal('ok'), data: Part }), z.object({ status: z.literal('failed'), cause: z.string() })]);
  const ok = Envelope.safeParse({ status: 'ok', data: { name: 'AS', when: '2026-01-02T03:04:05+01:00' } });
  const bad = Envelope.safeParse({ status: 'ok', data: { name: '', when: 'yesterday' } });
  return { ok: ok.success && ok.data, bad: bad.success ? 'parsed' : bad.error.issues.map((i) => i.path.join('.')) };
}`);
    expect(result).toEqual({ ok: { status: 'ok', data: { name: 'AS', tags: [], when: '2026-01-02T03:04:05+01:00' } }, bad: ['data.name', 'data.when'] });
  });

  it('a call to a left-out function fails with a clear error naming it and the stub', async () => {
    const calls = ['z.toJSONSchema(z.string())', 'z.string().toJSONSchema()', "z.fromJSONSchema({ type: 'string' })", 'z.compile(z.string())'];
    const messages = (await runWithStubs(`import { z } from 'zod';
export function run() { return [${calls.map((call) => `(() => { try { ${call}; return 'no error'; } catch (error) { return error.message; } })()`).join(', ')}]; }`)) as string[];
    expect(messages).toHaveLength(calls.length);
    messages.forEach((message, i) => expect(message, calls[i]).toMatch(/^zod's \w+ \(zod\/v4\/[\w/-]+\.js\) is left out of checkout-doctor's bundle, which never runs it \(scripts\/zod-unused\.mjs\)/));
  });
});
