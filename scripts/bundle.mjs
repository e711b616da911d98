// `npm run build`, second step: bundles the compiled program into CommonJS chunks and records
// V8's code cache for each (see bin/load-program.cjs for why). Plain JavaScript: it runs before any
// tool is compiled.
//
//   dist/bundle/checkout-doctor.cjs         the core: the CLI and what every command needs
//   dist/bundle/chunk-<hash>.cjs            the rest, split where the program calls import():
//                                           each command, the sandbox, the guided mode, the renderers…
//   dist/bundle/*.cjs.cache                 V8's code cache of each (first line: the chunk's build id),
//                                           after warming up on the demo snapshot
//   dist/bundle/chunks.json                 which modules each chunk holds (for tests and curious eyes)
//   dist/bundle/caches.json                 which warm-up runs each cache was recorded after
//
// esbuild splits only ES modules, and Node 20 caches compiled code only for scripts: the chunks are
// split as ES modules, then each is turned into a CommonJS module (import() becoming a require() of
// the chunk, resolved by bin/load-program.cjs).
import { createHash } from 'node:crypto';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, join } from 'node:path';
import { Writable } from 'node:stream';
import { build, transform } from 'esbuild';
import { BUNDLE, BUNDLE_DIR, compileBundle, compilePack } from '../bin/load-program.cjs';
import { zodUnused } from './zod-unused.mjs';

const ROOT = new URL('..', import.meta.url);

// Code in the bundle cannot call import() (see bin/load-program.cjs): cosmiconfig's loader of
// JavaScript configuration files borrows the launcher's, like src/engine/import-module.ts.
const cosmiconfigImport = {
  name: 'cosmiconfig-import',
  setup(b) {
    b.onLoad({ filter: /cosmiconfig[\\/]dist[\\/]loaders\.js$/ }, ({ path }) => {
      const text = readFileSync(path, 'utf8');
      const patched = text.replace(/\bimport\((href|'typescript')\)/g, "globalThis[Symbol.for('checkout-doctor.import')]($1)");
      if ((patched.match(/checkout-doctor\.import/g) ?? []).length !== 2) throw new Error(`${path}: its import() calls changed, update scripts/bundle.mjs`);
      return { contents: patched, loader: 'js' };
    });
  },
};

// zod's translations of its default messages (a fifth of the bundle): the program writes its own
// messages and never reads z.locales (nor z.core.locales).
const noZodLocales = {
  name: 'no-zod-locales',
  setup(b) {
    b.onResolve({ filter: /^\.\.\/locales\/index\.js$/ }, ({ importer }) =>
      /zod[\\/]v4[\\/](classic[\\/]external|core[\\/]index)\.js$/.test(importer) ? { path: 'zod-locales', namespace: 'stub' } : undefined,
    );
    b.onLoad({ filter: /^zod-locales$/, namespace: 'stub' }, () => ({ contents: 'export {};', loader: 'js' }));
  },
};

/**
 * Non-ASCII characters (in comments, regular expressions, strings) as \u escapes: a pure-ASCII file
 * is read as latin1 into a one-byte string, which V8 reads and compiles faster than UTF-8 text.
 * Each one stands where a \u escape means the same character (esbuild already escapes strings;
 * what is left is in regular expressions and comments); astral characters become surrogate pairs.
 */
function toAscii(text) {
  return text.replace(/[^\x00-\x7f]/gu, (c) => [...c].flatMap((ch) => {
    const code = ch.codePointAt(0);
    if (code <= 0xffff) return [`\\u${code.toString(16).padStart(4, '0')}`];
    const v = code - 0x10000;
    return [`\\u${(0xd800 + (v >> 10)).toString(16)}`, `\\u${(0xdc00 + (v & 0x3ff)).toString(16)}`];
  }).join(''));
}

/** Replaces `from` by `to` in one file of a dependency, failing the build when `from` is not there. */
function patch(name, file, from, to) {
  return {
    name,
    setup(b) {
      b.onLoad({ filter: file }, ({ path }) => {
        const text = readFileSync(path, 'utf8');
        if (!text.includes(from)) throw new Error(`${path} changed (no ${JSON.stringify(from)}): update scripts/bundle.mjs`);
        return { contents: text.replace(from, to), loader: 'js' };
      });
    },
  };
}

// Commander requires node:child_process (with net, dgram, streams...) at load, for subcommands
// run as separate executables, which this program has none of: required when spawning instead.
const lazyChildProcess = patch(
  'commander-lazy-child-process',
  /commander[\\/]lib[\\/]command\.js$/,
  "const childProcess = require('node:child_process');",
  "const childProcess = { spawn: (...args) => require('node:child_process').spawn(...args) };",
);

// zod's JIT (one function generated and compiled per object schema at its first parse) costs more
// than it saves at every start-up: a run parses each schema a handful of times. zod reads
// `jitless` when it builds a schema, so its global configuration is born with it, and nothing has
// to load zod before the schemas do (--help never loads zod).
const zodJitless = patch(
  'zod-jitless',
  /zod[\\/]v4[\\/]core[\\/]core\.js$/,
  '(_a.__zod_globalConfig = {})',
  '(_a.__zod_globalConfig = { jitless: true })',
);

// Chalk probes the terminal at load (node:tty, node:os) for its default instance; the program only
// builds its own instances with an explicit level (src/report/render/pretty.ts).
const noColorProbe = {
  name: 'chalk-no-probe',
  setup(b) {
    b.onResolve({ filter: /^#supports-color$/ }, () => ({ path: 'supports-color', namespace: 'stub' }));
    b.onLoad({ filter: /^supports-color$/, namespace: 'stub' }, () => ({ contents: 'export default { stdout: false, stderr: false };', loader: 'js' }));
  },
};

// The generated shapes of the parts (the fast path of validation) and tree of the configuration's
// keys must be those of the zod schemas this build compiled: a shape left behind by a schema change
// could accept what the schema refuses. Their tests say so too; the build makes sure no package
// ships with them stale.
for (const [module, file, source, command] of [
  ['../dist/src/engine/shape-of.js', 'PART_SHAPES_FILE', 'partShapesSource', 'npm run part-shapes'],
  ['../dist/src/config/key-tree-of.js', 'CONFIG_KEY_TREE_FILE', 'configKeyTreeSource', 'npm run config-keys'],
]) {
  const generator = await import(module);
  if (readFileSync(new URL(generator[file], ROOT), 'utf8') !== generator[source]()) throw new Error(`${generator[file]} does not match the zod schemas it is generated from: run \`${command}\``);
}

rmSync(BUNDLE_DIR, { recursive: true, force: true });
mkdirSync(BUNDLE_DIR, { recursive: true });
const result = await build({
  absWorkingDir: new URL('.', ROOT).pathname,
  entryPoints: { 'checkout-doctor': 'src/cli/entry.ts' },
  outdir: BUNDLE_DIR,
  bundle: true,
  splitting: true,
  platform: 'node',
  target: 'node20',
  format: 'esm',
  entryNames: '[name]',
  chunkNames: 'chunk-[hash]',
  outExtension: { '.js': '.cjs' },
  // Loaded only by the runs that need them, from node_modules: the database driver, the Stripe
  // SDK, the HTTP client of live runs, the spinner, and TypeScript (cosmiconfig's .ts configs).
  external: ['mysql2', 'mysql2/*', 'stripe', 'undici', 'ora', 'typescript'],
  // Paths the program finds from its own file (package.json, fixtures/shops) are walked up to.
  define: { 'import.meta.url': '__bundleUrl' },
  plugins: [cosmiconfigImport, noZodLocales, zodUnused, lazyChildProcess, noColorProbe, zodJitless],
  // Smaller to read and compile; names are kept, so --debug stack traces still name functions.
  minifyWhitespace: true,
  minifySyntax: true,
  charset: 'ascii',
  legalComments: 'none',
  metafile: true,
  write: false,
  logLevel: 'warning',
});

// ES module → CommonJS: static imports become require() at the same place, exports getters (live
// bindings stay live), import() a require() wrapped in a promise.
const chunks = new Map();
for (const output of result.outputFiles) {
  const name = basename(output.path);
  if (!name.endsWith('.cjs')) throw new Error(`unexpected output ${output.path}`);
  const cjs = await transform(output.text, { format: 'cjs', platform: 'node', target: 'node20', supported: { 'dynamic-import': false }, minifyWhitespace: true, minifySyntax: true, charset: 'ascii', logLevel: 'warning' });
  if (/\bimport\(/.test(cjs.code.replace(/"(?:[^"\\]|\\.)*"|'(?:[^'\\]|\\.)*'/g, ''))) throw new Error(`${name}: an import() is left (see bin/load-program.cjs)`);
  if (/require\("\.\.\//.test(cjs.code)) throw new Error(`${name}: requires a chunk outside dist/bundle`);
  const banner = cjs.code.includes('__bundleUrl') ? 'var __bundleUrl=require("node:url").pathToFileURL(__filename).href;\n' : '';
  const meta = result.metafile.outputs[Object.keys(result.metafile.outputs).find((k) => basename(k) === name)];
  chunks.set(name, { code: toAscii(banner + cjs.code), inputs: Object.keys(meta.inputs).sort(), exports: meta.exports });
}

// Chunks of zod alone are loaded at the first use of one of their exports — the first schema
// built — rather than when a module importing zod loads (bin/load-program.cjs, issue 9): a run
// that validates only well-formed data (src/engine/shapes.ts) never builds a schema, so it no
// longer loads, initialises nor reads zod (~120 KB of text). Their exports are listed for the
// loader, which stands in for the chunk until then.
const lazy = {};
for (const [name, { inputs, exports }] of chunks) {
  if (inputs.length && inputs.every((i) => /(^|[\\/])node_modules[\\/]zod[\\/]|^zod-unused:/.test(i))) lazy[name] = exports;
}
if (Object.keys(lazy).length === 0) throw new Error('no chunk of zod alone: update the lazy chunks of scripts/bundle.mjs');

/** Writes packs (files of chunks, see bin/load-program.cjs) and returns their names and headers. */
function writePacks(dir, packs, index) {
  mkdirSync(dir, { recursive: true });
  const written = [];
  for (const [pack, names] of packs) {
    const members = names.map((n) => `${JSON.stringify(n)}:function(exports,require,module,__filename,__dirname){${chunks.get(n).code}\n}`);
    const body = Buffer.from(`({${pack === basename(BUNDLE) ? `index:${JSON.stringify(index)},lazy:${JSON.stringify(lazy)},` : ''}chunks:{${members.join(',\n')}}})\n`, 'latin1');
    const header = `// checkout-doctor build ${createHash('sha256').update(body).digest('hex').slice(0, 16)}\n`;
    writeFileSync(join(dir, pack), Buffer.concat([Buffer.from(header), body]));
    written.push({ pack, header });
  }
  return written;
}

// What start-up matters for: the build runs these to learn which chunks each needs, then again to
// warm the caches up (V8 otherwise caches only what runs at load).
const sink = () => new Writable({ write: (_chunk, _enc, done) => done() });
const io = { stdout: sink(), stderr: sink(), env: { ...process.env, NO_COLOR: '1', LANG: 'en_US.UTF-8' }, cwd: new URL('.', ROOT).pathname };
const DEMO = new URL('fixtures/demo-shop.snapshot.json', ROOT).pathname;
const WARM_UP = {
  help: [['--help']],
  'list-checks': [['list-checks']],
  explain: [['explain', 'shop-online']],
  diagnose: [
    ['diagnose', 'AS Saint-\u00c9tienne', '--snapshot', DEMO],
    ['diagnose', '--all', '--snapshot', DEMO, '--format', 'json', '--lang', 'fr'],
  ],
};

/** Runs one warm-up command; a usage error or a crash (exit 2 or more) fails the build, whose packs would otherwise miss what that run never reached. */
async function warmUp(program, args) {
  const errors = [];
  const code = await program.main(['node', 'checkout-doctor', ...args], { ...io, stderr: new Writable({ write: (chunk, _enc, done) => (errors.push(String(chunk)), done()) }) });
  if (code > 1) throw new Error(`warm-up run \`checkout-doctor ${args.join(' ')}\` exited with ${code}:\n${errors.join('')}`);
}

// 1. Each chunk alone in its pack, each warm-up command in a loader of its own: which chunks it runs.
const staging = mkdtempSync(join(tmpdir(), 'checkout-doctor-bundle-'));
writePacks(staging, [...chunks.keys()].map((n) => [n, [n]]), {});
const usedBy = new Map([...chunks.keys()].map((n) => [n, []]));
for (const [command, runs] of Object.entries(WARM_UP)) {
  const { exports: program, loader } = compileBundle({ dir: staging, useCache: false });
  for (const args of runs) await warmUp(program, args);
  for (const n of loader.modules.keys()) usedBy.get(n).push(command);
}
rmSync(staging, { recursive: true, force: true });

// 2. Chunks grouped by the commands that run them: the core holds what --help runs; chunks the same
// commands run share a pack; chunks none of them runs (sandbox, guided mode, init, live sources…)
// stay one per file. A command then reads a few files instead of dozens.
const groups = new Map([[basename(BUNDLE), [basename(BUNDLE)]]]);
for (const [n, commands] of usedBy) {
  if (n === basename(BUNDLE)) continue;
  const key = commands.includes('help') ? basename(BUNDLE) : commands.length === 0 ? n : `pack-${commands.join('+')}.cjs`;
  groups.set(key, [...(groups.get(key) ?? []), n]);
}
const index = {};
for (const [pack, names] of groups) for (const n of names) if (n !== pack) index[n] = pack;
const written = writePacks(BUNDLE_DIR, groups, index);
const manifest = Object.fromEntries([...groups].map(([pack, names]) => [pack, names.flatMap((n) => chunks.get(n).inputs).sort()]));
writeFileSync(join(BUNDLE_DIR, 'chunks.json'), `${JSON.stringify(manifest, null, 1)}\n`);

// 3. Warm up on the packs, then record each one's cache: the packs the warm-up ran carry what it
// compiled; the others only what compiling them gives. The packs a diagnosis reads are warmed by
// the one-club snapshot diagnosis alone (issue 9: its start-up has a target): V8 deserialises a
// whole cache at every load, and what only --help, list-checks, explain or `--all --format json
// --lang fr` compiled made the diagnosis's caches ~110 KB larger (measured, 40 interleaved runs:
// ~5-8 ms of CPU more per diagnosis). Those runs still compile what they need; the other packs
// keep the caches of all warm-up runs. dist/bundle/caches.json says which runs warmed each cache.
const DIAGNOSIS_WARM_UP = [WARM_UP.diagnose[0]];
const ALL_WARM_UP = Object.values(WARM_UP).flat();
const caches = new Map();
const warmedBy = {};
// One warm-up after the other, each cache recorded before the next starts: the loaders share V8's
// compiled functions (same source texts in one process), so a later run would add to them.
for (const runs of [DIAGNOSIS_WARM_UP, ALL_WARM_UP]) {
  const { exports: program, loader } = compileBundle({ useCache: false });
  for (const args of runs) await warmUp(program, args);
  for (const [pack, { script }] of loader.packs) {
    if (caches.has(pack)) continue;
    caches.set(pack, script.createCachedData());
    warmedBy[pack] = runs.map((args) => args.join(' ').replace(DEMO, 'fixtures/demo-shop.snapshot.json'));
  }
}
let cacheBytes = 0;
for (const { pack, header } of written) {
  const data = caches.get(pack) ?? compilePack(join(BUNDLE_DIR, pack)).script.createCachedData();
  warmedBy[pack] ??= [];
  cacheBytes += data.length;
  writeFileSync(join(BUNDLE_DIR, `${pack}.cache`), Buffer.concat([Buffer.from(header), data]));
}
writeFileSync(join(BUNDLE_DIR, 'caches.json'), `${JSON.stringify(warmedBy, null, 1)}\n`);
const kib = (n) => `${(n / 1024).toFixed(0)} KiB`;
const total = written.reduce((n, w) => n + readFileSync(join(BUNDLE_DIR, w.pack)).length, 0);
console.log(`bundled ${chunks.size} chunks in ${written.length} files, core ${kib(readFileSync(BUNDLE).length)} (cache ${kib(readFileSync(`${BUNDLE}.cache`).length)}), all ${kib(total)}, caches ${kib(cacheBytes)}`);
