// `npm run build`, second step: bundles the compiled program into CommonJS chunks and records
// V8's code cache for each (see bin/load-program.js for why). Plain JavaScript: it runs before any
// tool is compiled.
//
//   dist/bundle/checkout-doctor.cjs         the core: the CLI and what every command needs
//   dist/bundle/chunk-<hash>.cjs            the rest, split where the program calls import():
//                                           each command, the sandbox, the guided mode, the renderers…
//   dist/bundle/*.cjs.cache                 V8's code cache of each (first line: the chunk's build id),
//                                           after warming up on the demo snapshot
//   dist/bundle/chunks.json                 which modules each chunk holds (for tests and curious eyes)
//
// esbuild splits only ES modules, and Node 20 caches compiled code only for scripts: the chunks are
// split as ES modules, then each is turned into a CommonJS module (import() becoming a require() of
// the chunk, resolved by bin/load-program.js).
import { createHash } from 'node:crypto';
import { mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { basename, join } from 'node:path';
import { Writable } from 'node:stream';
import { build, transform } from 'esbuild';
import { BUNDLE, BUNDLE_DIR, compileBundle, compileChunk } from '../bin/load-program.js';

const ROOT = new URL('..', import.meta.url);

// Code in the bundle cannot call import() (see bin/load-program.js): cosmiconfig's loader of
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

// Chalk probes the terminal at load (node:tty, node:os) for its default instance; the program only
// builds its own instances with an explicit level (src/report/render/pretty.ts).
const noColorProbe = {
  name: 'chalk-no-probe',
  setup(b) {
    b.onResolve({ filter: /^#supports-color$/ }, () => ({ path: 'supports-color', namespace: 'stub' }));
    b.onLoad({ filter: /^supports-color$/, namespace: 'stub' }, () => ({ contents: 'export default { stdout: false, stderr: false };', loader: 'js' }));
  },
};

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
  plugins: [cosmiconfigImport, noZodLocales, lazyChildProcess, noColorProbe],
  // Smaller to read and compile; names are kept, so --debug stack traces still name functions.
  minifyWhitespace: true,
  minifySyntax: true,
  charset: 'ascii',
  legalComments: 'none',
  metafile: true,
  write: false,
  logLevel: 'warning',
});

const written = [];
const manifest = {};
for (const output of result.outputFiles) {
  const name = basename(output.path);
  if (!name.endsWith('.cjs')) throw new Error(`unexpected output ${output.path}`);
  // ES module → CommonJS: static imports become require() at the same place, exports getters (live
  // bindings stay live), import() a require() wrapped in a promise.
  const cjs = await transform(output.text, { format: 'cjs', platform: 'node', target: 'node20', supported: { 'dynamic-import': false }, minifyWhitespace: true, minifySyntax: true, charset: 'ascii', logLevel: 'warning' });
  if (/\bimport\(/.test(cjs.code.replace(/"(?:[^"\\]|\\.)*"|'(?:[^'\\]|\\.)*'/g, ''))) throw new Error(`${name}: an import() is left (see bin/load-program.js)`);
  const banner = cjs.code.includes('__bundleUrl') ? 'var __bundleUrl=require("node:url").pathToFileURL(__filename).href;\n' : '';
  const code = Buffer.from(toAscii(banner + cjs.code), 'latin1');
  const buildId = createHash('sha256').update(code).digest('hex').slice(0, 16);
  const header = `// checkout-doctor build ${buildId}\n`;
  writeFileSync(output.path, Buffer.concat([Buffer.from(header), code]));
  written.push({ file: output.path, header });
  const meta = result.metafile.outputs[Object.keys(result.metafile.outputs).find((k) => basename(k) === name)];
  manifest[name] = Object.keys(meta.inputs).sort();
}
writeFileSync(join(BUNDLE_DIR, 'chunks.json'), `${JSON.stringify(manifest, null, 1)}\n`);

// Warm up: run what start-up matters for, in this process, so that the caches hold the functions
// they compile too (V8 otherwise caches only what runs at load).
const { exports: program, loader } = compileBundle({ useCache: false });
const sink = () => new Writable({ write: (_chunk, _enc, done) => done() });
const io = { stdout: sink(), stderr: sink(), env: { ...process.env, NO_COLOR: '1', LANG: 'en_US.UTF-8' }, cwd: new URL('.', ROOT).pathname };
const DEMO = new URL('fixtures/demo-shop.snapshot.json', ROOT).pathname;
for (const args of [
  ['--help'],
  ['list-checks'],
  ['explain', 'shop-online'],
  ['diagnose', 'AS Saint-\u00c9tienne', '--snapshot', DEMO],
  ['diagnose', '--all', '--snapshot', DEMO, '--format', 'json', '--lang', 'fr'],
]) {
  await program.main(['node', 'checkout-doctor', ...args], io);
}
// The chunks the warm-up ran carry what it compiled; the others only what compiling them gives.
let cacheBytes = 0;
for (const { file, header } of written) {
  const script = loader.chunks.get(file)?.script ?? compileChunk(file).script;
  const data = script.createCachedData();
  cacheBytes += data.length;
  writeFileSync(`${file}.cache`, Buffer.concat([Buffer.from(header), data]));
}
const size = (file) => `${(readFileSync(file).length / 1024).toFixed(0)} KiB`;
console.log(`bundled ${written.length} chunks, core ${size(BUNDLE)} (cache ${size(`${BUNDLE}.cache`)}), all chunks ${(written.reduce((n, w) => n + readFileSync(w.file).length, 0) / 1024).toFixed(0)} KiB, caches ${(cacheBytes / 1024).toFixed(0)} KiB`);
