// Start-up (issue 9, item 4), through the built launcher: the program runs from the bundle and the
// V8 code cache `npm run build` recorded; a snapshot diagnosis loads none of the packages only live
// runs need; plugins and JavaScript configuration files still load (their import() is lent by the
// launcher, since code restored from V8's cache has none). Timings belong to `npm run bench:startup`,
// not to tests.

import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { BIN, DEMO, ROOT, cleanEnv, runCli } from './run-cli.js';

/** Runs the launcher with a preload that records every module file Node loaded, CommonJS and ES. */
function loadedModules(args: string[]): { code: number | null; files: string[] } {
  const dir = mkdtempSync(join(tmpdir(), 'cd-startup-'));
  const log = join(dir, 'loaded.txt');
  writeFileSync(
    join(dir, 'hooks.mjs'),
    `import { appendFileSync } from 'node:fs';
export async function resolve(specifier, context, next) {
  const r = await next(specifier, context);
  if (r.url.startsWith('file:')) appendFileSync(${JSON.stringify(log)}, r.url + '\\n');
  return r;
}`,
  );
  writeFileSync(
    join(dir, 'preload.mjs'),
    `import { register, createRequire } from 'node:module';
import { appendFileSync } from 'node:fs';
register(${JSON.stringify(`file://${join(dir, 'hooks.mjs')}`)});
const require = createRequire(import.meta.url);
process.on('exit', () => appendFileSync(${JSON.stringify(log)}, Object.keys(require.cache).join('\\n') + '\\n'));`,
  );
  const r = spawnSync(process.execPath, ['--import', join(dir, 'preload.mjs'), BIN, ...args], { cwd: ROOT, env: cleanEnv(), encoding: 'utf8' });
  const files = existsSync(log) ? readFileSync(log, 'utf8').split('\n').filter(Boolean) : [];
  return { code: r.status, files };
}

describe('start-up of the built CLI', () => {
  it('runs from the bundle with the code cache recorded by the build', () => {
    const probe = spawnSync(
      process.execPath,
      ['--input-type=module', '-e', `const m = await import(${JSON.stringify(`${ROOT}bin/load-program.js`)}); const r = m.compileBundle(); console.log(JSON.stringify({ cacheUsed: r.cacheUsed, build: r.build, main: typeof r.exports.main }));`],
      { cwd: ROOT, encoding: 'utf8' },
    );
    expect(probe.stderr).toBe('');
    expect(JSON.parse(probe.stdout)).toMatchObject({ cacheUsed: true, build: expect.stringMatching(/^[0-9a-f]{16}$/), main: 'function' });
  });

  it('a snapshot diagnosis loads the bundle only: no package from node_modules, no database driver, no Stripe SDK, no HTTP client', () => {
    const { code, files } = loadedModules(['diagnose', 'AS Saint-Étienne', '--snapshot', DEMO]);
    expect(code).toBe(1); // the demo club fails on its Stripe key
    expect(files.some((f) => f.endsWith('bin/load-program.js'))).toBe(true);
    expect(files.filter((f) => f.includes('/node_modules/'))).toEqual([]);
    expect(files.filter((f) => f.includes('/dist/src/'))).toEqual([]);
  });

  it('--version loads nothing but the launcher', () => {
    const { code, files } = loadedModules(['--version']);
    expect(code).toBe(0);
    expect(files.filter((f) => !f.endsWith('/preload.mjs') && !f.endsWith('/hooks.mjs')).map((f) => f.replace(/^file:\/\//, ''))).toEqual([`${ROOT}bin/checkout-doctor.js`]);
  });

  it('a JavaScript configuration file and the ES-module plugin it names still load', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'cd-startup-plugin-'));
    writeFileSync(
      join(dir, 'plugin.mjs'),
      `export default [{ meta: { id: 'club-colours', category: 'shop', severity: 'warn', needs: [], title: { fr: 'Couleurs', en: 'Colours' }, description: { fr: 'd', en: 'd' }, docs: 'x' }, run() { return { status: 'pass', message: { fr: '', en: '' } }; } }];`,
    );
    writeFileSync(join(dir, 'checkout-doctor.config.mjs'), `export default { plugins: ['./plugin.mjs'] };`);
    const r = await runCli(['list-checks', '--config', join(dir, 'checkout-doctor.config.mjs')], { cwd: dir });
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/^club-colours\s+Shop\s+warn\s+Colours$/m);
  });
});
