// Start-up (issue 9, item 4), through the built launcher: the program runs from the bundle and the
// V8 code cache `npm run build` recorded; a snapshot diagnosis loads none of the packages only live
// runs need; plugins and JavaScript configuration files still load (their import() is lent by the
// launcher, since code restored from V8's cache has none). The bundle is split: each command reads
// the files of the bundle it needs (CHECKOUT_DOCTOR_TRACE_CHUNKS names them, dist/bundle/chunks.json
// says which modules each holds), each from its own cache; a diagnosis that prints no date builds
// no Intl formatter (ICU's data, ~25 ms each). Timings belong to `npm run bench:startup`, not to tests.

import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
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

/** The files of the bundle a run loaded (CHECKOUT_DOCTOR_TRACE_CHUNKS), whether from their cache, and the modules they hold. */
function loadedPacks(args: string[]): { code: number | null; packs: { name: string; cached: boolean }[]; modules: string[]; stdout: string } {
  const r = spawnSync(process.execPath, [BIN, ...args], { cwd: ROOT, env: cleanEnv({ CHECKOUT_DOCTOR_TRACE_CHUNKS: '1' }), encoding: 'utf8' });
  const packs = [...r.stderr.matchAll(/^checkout-doctor: loaded (\S+) \(.*\) (from its code cache|compiled)$/gm)].map((m) => ({ name: m[1]!, cached: m[2] === 'from its code cache' }));
  const manifest = JSON.parse(readFileSync(`${ROOT}dist/bundle/chunks.json`, 'utf8')) as Record<string, string[]>;
  return { code: r.status, packs, modules: packs.flatMap((p) => manifest[p.name] ?? [`unknown file ${p.name}`]), stdout: r.stdout };
}

/** Runs the launcher with a preload that counts the Intl objects that load ICU data (and the list of its zone names), printed on stderr at exit. */
function intlBuilt(args: string[]): { code: number | null; built: string[] } {
  const dir = mkdtempSync(join(tmpdir(), 'cd-startup-intl-'));
  writeFileSync(
    join(dir, 'intl.cjs'),
    `const built = [];
for (const name of ['DateTimeFormat', 'NumberFormat', 'Collator']) {
  const Original = Intl[name];
  Intl[name] = new Proxy(Original, { construct: (target, a) => (built.push(name), new target(...a)), apply: (target, self, a) => (built.push(name), target(...a)) });
}
const supportedValuesOf = Intl.supportedValuesOf;
Intl.supportedValuesOf = (...a) => (built.push('supportedValuesOf'), supportedValuesOf(...a));
const compare = String.prototype.localeCompare;
String.prototype.localeCompare = function (...a) { built.push('localeCompare'); return compare.apply(this, a); };
for (const m of ['toLocaleString', 'toLocaleDateString', 'toLocaleTimeString']) {
  const original = Date.prototype[m];
  Date.prototype[m] = function (...a) { built.push('Date.' + m); return original.apply(this, a); };
}
process.on('exit', () => process.stderr.write('INTL-BUILT ' + JSON.stringify(built) + '\\n'));`,
  );
  const r = spawnSync(process.execPath, ['--require', join(dir, 'intl.cjs'), BIN, ...args], { cwd: ROOT, env: cleanEnv(), encoding: 'utf8' });
  const line = /^INTL-BUILT (.*)$/m.exec(r.stderr);
  return { code: r.status, built: line ? (JSON.parse(line[1]!) as string[]) : ['no report from the preload'] };
}

/**
 * Runs the launcher with a preload that records the regular expressions with Unicode property
 * escapes (\\p{…}) the run executes: the first one builds its character tables from ICU, ~5 ms.
 */
function unicodePropertyRegexps(args: string[]): { code: number | null; sources: string[] } {
  const dir = mkdtempSync(join(tmpdir(), 'cd-startup-regexp-'));
  writeFileSync(
    join(dir, 'regexp.cjs'),
    `const sources = new Set();
const exec = RegExp.prototype.exec;
// With exec replaced, replace/match/test/split all go through it (V8 leaves its fast path).
RegExp.prototype.exec = function (text) { if (this.source.includes('\\\\p{') || this.source.includes('\\\\P{')) sources.add(this.source); return exec.call(this, text); };
process.on('exit', () => process.stderr.write('UNICODE-REGEXPS ' + JSON.stringify([...sources]) + '\\n'));`,
  );
  const r = spawnSync(process.execPath, ['--require', join(dir, 'regexp.cjs'), BIN, ...args], { cwd: ROOT, env: cleanEnv(), encoding: 'utf8' });
  const line = /^UNICODE-REGEXPS (.*)$/m.exec(r.stderr);
  return { code: r.status, sources: line ? (JSON.parse(line[1]!) as string[]) : ['no report from the preload'] };
}

/**
 * Runs the launcher from `cwd` with a preload that counts the calls to node:fs/promises and to
 * node:fs (callback and Sync forms), by name, and under `async` those that are not synchronous,
 * printed on stderr at exit.
 */
function fsCalls(args: string[], cwd: string): { code: number | null; calls: Record<string, number> } {
  const dir = mkdtempSync(join(tmpdir(), 'cd-startup-fs-'));
  writeFileSync(
    join(dir, 'fs.cjs'),
    `const calls = {};
const count = (api, name, as, sync) => {
  const original = api[name];
  api[name] = function (...a) { calls[as] = (calls[as] ?? 0) + 1; if (!sync) calls.async = (calls.async ?? 0) + 1; return original.apply(this, a); };
};
for (const m of ['lstat', 'stat', 'readdir', 'readFile', 'open', 'access', 'realpath']) {
  count(require('node:fs/promises'), m, m, false);
  count(require('node:fs'), m, m, false);
  count(require('node:fs'), m + 'Sync', m, true);
}
process.on('exit', () => process.stderr.write('FS-CALLS ' + JSON.stringify(calls) + '\\n'));`,
  );
  const r = spawnSync(process.execPath, ['--require', join(dir, 'fs.cjs'), BIN, ...args], { cwd, env: cleanEnv(), encoding: 'utf8' });
  const line = /^FS-CALLS (.*)$/m.exec(r.stderr);
  return { code: r.status, calls: line ? (JSON.parse(line[1]!) as Record<string, number>) : { 'no report from the preload': 1 } };
}

/** Runs the launcher with a preload that prints, at exit, the modules of Node itself the run loaded beyond those of \`node -e 0\`. */
function nodeModulesLoaded(args: string[]): { code: number | null; loaded: string[] } {
  const dir = mkdtempSync(join(tmpdir(), 'cd-startup-builtins-'));
  const bare = spawnSync(process.execPath, ['-e', 'process.stdout.write(JSON.stringify(process.moduleLoadList))'], { encoding: 'utf8' });
  const before = new Set(JSON.parse(bare.stdout) as string[]);
  writeFileSync(join(dir, 'builtins.cjs'), `process.on('exit', () => process.stderr.write('NODE-MODULES ' + JSON.stringify(process.moduleLoadList) + '\\n'));`);
  const r = spawnSync(process.execPath, ['--require', join(dir, 'builtins.cjs'), BIN, ...args], { cwd: ROOT, env: cleanEnv(), encoding: 'utf8' });
  const line = /^NODE-MODULES (.*)$/m.exec(r.stderr);
  const all = line ? (JSON.parse(line[1]!) as string[]) : ['no report from the preload'];
  return { code: r.status, loaded: all.filter((m) => !before.has(m)).map((m) => m.replace(/^NativeModule /, '')) };
}

/**
 * Runs the launcher with a preload that records, for each read of a file of dist/bundle/ (through
 * fs.readSync, which readFileSync uses too), the file and an id of the memory it was read into,
 * printed on stderr at exit.
 */
function bundleReads(args: string[]): { code: number | null; reads: { file: string; buffer: number }[] } {
  const dir = mkdtempSync(join(tmpdir(), 'cd-startup-reads-'));
  writeFileSync(
    join(dir, 'reads.cjs'),
    `const fs = require('node:fs');
const paths = new Map();
const buffers = new Map();
const reads = [];
const openSync = fs.openSync;
fs.openSync = function (path, ...a) { const fd = openSync.call(this, path, ...a); paths.set(fd, String(path)); return fd; };
const readSync = fs.readSync;
fs.readSync = function (fd, buffer, ...a) {
  const path = paths.get(fd);
  if (path && path.includes('/dist/bundle/')) {
    if (!buffers.has(buffer.buffer)) buffers.set(buffer.buffer, buffers.size);
    reads.push({ file: path.slice(path.lastIndexOf('/') + 1), buffer: buffers.get(buffer.buffer) });
  }
  return readSync.call(this, fd, buffer, ...a);
};
process.on('exit', () => process.stderr.write('BUNDLE-READS ' + JSON.stringify(reads) + '\\n'));`,
  );
  const r = spawnSync(process.execPath, ['--require', join(dir, 'reads.cjs'), BIN, ...args], { cwd: ROOT, env: cleanEnv(), encoding: 'utf8' });
  const line = /^BUNDLE-READS (.*)$/m.exec(r.stderr);
  return { code: r.status, reads: line ? (JSON.parse(line[1]!) as { file: string; buffer: number }[]) : [{ file: 'no report from the preload', buffer: -1 }] };
}

/** Runs the launcher with a preload that records, for each script compiled with a code cache, its file and where in its buffer the cache starts. */
function cachedDataOffsets(args: string[]): { code: number | null; caches: { file: string; byteOffset: number }[] } {
  const dir = mkdtempSync(join(tmpdir(), 'cd-startup-align-'));
  writeFileSync(
    join(dir, 'align.cjs'),
    `const vm = require('node:vm');
const Script = vm.Script;
const caches = [];
vm.Script = function (source, options) {
  if (options && options.cachedData) caches.push({ file: String(options.filename).slice(String(options.filename).lastIndexOf('/') + 1), byteOffset: options.cachedData.byteOffset });
  return new Script(source, options);
};
process.on('exit', () => process.stderr.write('CACHED-DATA ' + JSON.stringify(caches) + '\\n'));`,
  );
  const r = spawnSync(process.execPath, ['--require', join(dir, 'align.cjs'), BIN, ...args], { cwd: ROOT, env: cleanEnv(), encoding: 'utf8' });
  const line = /^CACHED-DATA (.*)$/m.exec(r.stderr);
  return { code: r.status, caches: line ? (JSON.parse(line[1]!) as { file: string; byteOffset: number }[]) : [{ file: 'no report from the preload', byteOffset: -1 }] };
}

describe('start-up of the built CLI', () => {
  it('runs from the bundle with the code cache recorded by the build', () => {
    const probe = spawnSync(
      process.execPath,
      ['--input-type=module', '-e', `const m = await import(${JSON.stringify(`${ROOT}bin/load-program.cjs`)}); const r = m.compileBundle(); console.log(JSON.stringify({ cacheUsed: r.cacheUsed, build: r.build, main: typeof r.exports.main }));`],
      { cwd: ROOT, encoding: 'utf8' },
    );
    expect(probe.stderr).toBe('');
    expect(JSON.parse(probe.stdout)).toMatchObject({ cacheUsed: true, build: expect.stringMatching(/^[0-9a-f]{16}$/), main: 'function' });
  });

  it('a snapshot diagnosis loads the bundle only: no package from node_modules, no database driver, no Stripe SDK, no HTTP client', () => {
    const { code, files } = loadedModules(['diagnose', 'AS Saint-Étienne', '--snapshot', DEMO]);
    expect(code).toBe(1); // the demo club fails on its Stripe key
    expect(files.some((f) => f.endsWith('bin/load-program.cjs'))).toBe(true);
    expect(files.filter((f) => f.includes('/node_modules/'))).toEqual([]);
    expect(files.filter((f) => f.includes('/dist/src/'))).toEqual([]);
  });

  it('--version loads nothing but the launcher', () => {
    const { code, files } = loadedModules(['--version']);
    expect(code).toBe(0);
    // The launcher is CommonJS: seen both by the resolve hook and in the require cache.
    const loaded = new Set(files.filter((f) => !f.endsWith('/preload.mjs') && !f.endsWith('/hooks.mjs')).map((f) => f.replace(/^file:\/\//, '')));
    expect([...loaded]).toEqual([`${ROOT}bin/checkout-doctor.js`]);
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

  it('each command reads the files of the bundle it needs, each from its own code cache; --version none', () => {
    for (const args of [['--help'], ['list-checks'], ['explain', 'shop-online'], ['diagnose', 'AS Saint-Étienne', '--snapshot', DEMO]]) {
      const { packs } = loadedPacks(args);
      expect(packs.length, args.join(' ')).toBeGreaterThan(0);
      expect(packs[0]!.name).toBe('checkout-doctor.cjs');
      expect(packs.filter((p) => !p.cached), args.join(' ')).toEqual([]);
    }
    const version = loadedPacks(['--version']);
    expect(version.code).toBe(0);
    expect(version.packs).toEqual([]);
  });

  it('--help reads the core only: no check, no zod, no configuration loader', () => {
    const { code, packs, modules, stdout } = loadedPacks(['--help']);
    expect(code).toBe(0);
    expect(stdout).toMatch(/Usage: checkout-doctor/);
    expect(packs.map((p) => p.name)).toEqual(['checkout-doctor.cjs']);
    expect(modules.filter((m) => /^checks\/|node_modules\/(zod|cosmiconfig)\//.test(m))).toEqual([]);
  });

  it('a snapshot diagnosis does not load the sandbox, the guided mode, init, fix, merge, the live sources, the HTML, JUnit and markdown renderers, nor (without a configuration file) cosmiconfig', () => {
    const { code, modules } = loadedPacks(['diagnose', 'AS Saint-Étienne', '--snapshot', DEMO]);
    expect(code).toBe(1);
    // What it does load (so that this test cannot pass on a run that loaded nothing).
    expect(modules).toEqual(expect.arrayContaining(['src/cli/diagnose.ts', 'checks/stripe-keys-format.ts', 'src/report/render/pretty.ts']));
    const unwanted = /^src\/(sandbox|cli\/guided|cli\/init|fix|sources\/(prestashop|stripe|sendcloud))\/|^src\/cli\/(merge|sandbox|fix|init|undo|snapshot)\.ts$|^src\/report\/render\/(html\/|junit\.ts|markdown\.ts)|node_modules\/(@inquirer|fast-xml-parser|cosmiconfig|js-yaml)\//;
    expect(modules.filter((m) => unwanted.test(m))).toEqual([]);
  });

  it('a snapshot diagnosis of well-formed parts loads no part schema nor zod (the fast path validates them); a malformed part loads them and is refused as before', () => {
    const ZOD = 'node_modules/zod/v4/core/core.js';
    const { code, modules } = loadedPacks(['diagnose', 'AS Saint-Étienne', '--snapshot', DEMO]);
    expect(code).toBe(1);
    expect(modules).toEqual(expect.arrayContaining(['src/engine/shapes.ts', 'src/engine/part-shapes.generated.ts', 'src/engine/snapshot.ts']));
    expect(modules).not.toContain('src/engine/parts.ts');
    expect(modules).not.toContain(ZOD);
    for (const args of [['list-checks'], ['explain', 'shop-online'], ['diagnose', '--all', '--snapshot', DEMO, '--format', 'json', '--lang', 'fr']]) {
      const run = loadedPacks(args);
      expect(run.modules.length, args.join(' ')).toBeGreaterThan(0);
      expect(run.modules, args.join(' ')).not.toContain(ZOD);
    }
    const dir = mkdtempSync(join(tmpdir(), 'checkout-doctor-malformed-'));
    const snapshot = JSON.parse(readFileSync(DEMO, 'utf8'));
    for (const club of snapshot.clubs) if (club.parts['club.category']?.data) club.parts['club.category'].data.id = 'seven';
    writeFileSync(join(dir, 'malformed.json'), JSON.stringify(snapshot));
    const malformed = loadedPacks(['diagnose', 'AS Saint-Étienne', '--snapshot', join(dir, 'malformed.json'), '--format', 'json']);
    expect(malformed.modules).toEqual(expect.arrayContaining(['src/engine/parts.ts', ZOD]));
    const results = JSON.parse(malformed.stdout).clubs[0].results as { status: string; message: string }[];
    const category = results.find((r) => r.message.includes('club.category.id: Invalid input: expected number, received string'));
    expect(category?.status).toBe('error');
    rmSync(dir, { recursive: true, force: true });
  });

  it('a diagnosis that prints no date, list-checks and explain build no Intl formatter or collator, nor list ICU’s zone names (ICU data stays unloaded)', () => {
    for (const args of [['diagnose', 'AS Saint-Étienne', '--snapshot', DEMO], ['list-checks'], ['explain', 'shop-online']]) {
      const { code, built } = intlBuilt(args);
      expect(code, args.join(' ')).toBe(args[0] === 'diagnose' ? 1 : 0);
      expect(built, args.join(' ')).toEqual([]);
    }
  });

  it('configuration discovery lists each folder once rather than probing each of the 21 search places, and a snapshot diagnosis starts no file-system thread', () => {
    // From src/ of this project: two folders (src/, then the root, whose package.json ends the search).
    const { code, calls } = fsCalls(['diagnose', 'AS Saint-Étienne', '--snapshot', DEMO], join(ROOT, 'src'));
    expect(code).toBe(1);
    expect(calls.readdir).toBe(2);
    // The root's package.json, looked at for a "checkout-doctor" key; nothing else.
    expect(calls.lstat ?? 0).toBeLessThanOrEqual(1);
    // Every call synchronous: the first asynchronous one starts libuv's thread pool (~3 ms of CPU).
    expect(calls.readFile).toBeGreaterThan(0);
    expect(calls.async ?? 0).toBe(0);
  });

  it('a snapshot diagnosis does not load Node\'s worker threads (~4 ms of CPU) nor node:fs/promises (~2 ms, with readline and the watchers) nor node:perf_hooks (~2 ms)', () => {
    const { code, loaded } = nodeModulesLoaded(['diagnose', 'AS Saint-Étienne', '--snapshot', DEMO]);
    expect(code).toBe(1);
    // What it does load (so that this test cannot pass on a run whose preload saw nothing).
    expect(loaded).toContain('vm');
    expect(loaded.filter((m) => /^(worker_threads|internal\/worker|fs\/promises|internal\/fs\/promises|internal\/readline|perf_hooks|internal\/perf\/)/.test(m))).toEqual([]);
  });

  it('durations are still measured: the report\'s and each check\'s, on one clock', async () => {
    const r = await runCli(['diagnose', 'AS Saint-Étienne', '--snapshot', DEMO, '--format', 'json']);
    expect(r.code).toBe(1);
    const report = JSON.parse(r.stdout) as { durationMs: number; clubs: { results: { durationMs: number }[] }[] };
    const checks = report.clubs[0]!.results.map((x) => x.durationMs);
    for (const d of [report.durationMs, ...checks]) expect(d >= 0 && d < 60_000, String(d)).toBe(true);
    expect(report.durationMs).toBeGreaterThanOrEqual(Math.floor(checks.reduce((a, b) => a + b, 0)));
  });

  it('a snapshot diagnosis of clubs with Latin names runs no Unicode property regular expression (ICU tables stay unbuilt)', () => {
    for (const club of ['AS Saint-Étienne', 'étoile sportive de fréjus']) {
      const { code, sources } = unicodePropertyRegexps(['diagnose', club, '--snapshot', DEMO]);
      expect(code, club).toBeLessThan(2);
      expect(sources, club).toEqual([]);
    }
    // The preload does see them: a club name outside the Latin fast path takes the general rule.
    const { code, sources } = unicodePropertyRegexps(['diagnose', 'Σπάρτη', '--snapshot', DEMO]);
    expect(code).toBe(2);
    expect(sources.length).toBeGreaterThan(0);
  });

  it('a snapshot diagnosis reads every file of the bundle it needs into one buffer (fresh memory is what reading costs)', () => {
    const { code, reads } = bundleReads(['diagnose', 'AS Saint-\u00c9tienne', '--snapshot', DEMO]);
    expect(code).toBe(1);
    const files = [...new Set(reads.map((r) => r.file))];
    // The texts and caches of the core, the diagnosis's pack and the pack it shares with list-checks and explain.
    expect(files).toEqual(expect.arrayContaining(['checkout-doctor.cjs', 'checkout-doctor.cjs.cache', 'pack-diagnose.cjs', 'pack-diagnose.cjs.cache']));
    expect(files.length).toBeGreaterThanOrEqual(6);
    expect(new Set(reads.map((r) => r.buffer)).size).toBe(1);
  });

  it('hands V8 each code cache 8-byte aligned, which it would otherwise copy before reading', () => {
    const { code, caches } = cachedDataOffsets(['diagnose', 'AS Saint-\u00c9tienne', '--snapshot', DEMO]);
    expect(code).toBe(1);
    expect(caches.map((c) => c.file)).toEqual(expect.arrayContaining(['checkout-doctor.cjs', 'pack-diagnose.cjs']));
    expect(caches.filter((c) => c.byteOffset % 8 !== 0)).toEqual([]);
  });

  it('the caches a snapshot diagnosis reads were recorded after that diagnosis alone, so they hold nothing only other commands run (V8 deserialises a whole cache at every load)', () => {
    const { code, packs } = loadedPacks(['diagnose', 'AS Saint-\u00c9tienne', '--snapshot', DEMO]);
    expect(code).toBe(1);
    const warmedBy = JSON.parse(readFileSync(`${ROOT}dist/bundle/caches.json`, 'utf8')) as Record<string, string[]>;
    expect(packs.length).toBeGreaterThanOrEqual(3);
    for (const { name, cached } of packs) {
      expect(cached).toBe(true);
      expect([name, warmedBy[name]]).toEqual([name, ['diagnose AS Saint-\u00c9tienne --snapshot fixtures/demo-shop.snapshot.json']]);
    }
    // The commands' own packs keep the caches of every warm-up run.
    expect(warmedBy['pack-list-checks.cjs']).toContain('list-checks');
  });
});
