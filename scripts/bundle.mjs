// `npm run build`, second step: bundles the compiled program into one CommonJS file and records
// V8's code cache for it (see bin/load-program.js for why). Plain JavaScript: it runs before any
// tool is compiled.
//
//   dist/bundle/checkout-doctor.cjs         the program (first line: its build id)
//   dist/bundle/checkout-doctor.cjs.cache   V8's code cache, after warming up on the demo snapshot
import { createHash } from 'node:crypto';
import { mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { Writable } from 'node:stream';
import { build } from 'esbuild';
import { BUNDLE, CODE_CACHE, compileBundle } from '../bin/load-program.js';

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

rmSync(new URL('dist/bundle', ROOT), { recursive: true, force: true });
mkdirSync(new URL('dist/bundle', ROOT), { recursive: true });
const result = await build({
  absWorkingDir: new URL('.', ROOT).pathname,
  entryPoints: ['src/cli/entry.ts'],
  outfile: BUNDLE,
  bundle: true,
  platform: 'node',
  target: 'node20',
  format: 'cjs',
  // Loaded only by the runs that need them, from node_modules: the database driver, the Stripe
  // SDK, the HTTP client of live runs, the spinner, and TypeScript (cosmiconfig's .ts configs).
  external: ['mysql2', 'mysql2/*', 'stripe', 'undici', 'ora', 'typescript'],
  // Paths the program finds from its own file (package.json, fixtures/shops) are walked up to.
  define: { 'import.meta.url': '__bundleUrl' },
  banner: { js: 'var __bundleUrl = require("node:url").pathToFileURL(__filename).href;' },
  plugins: [cosmiconfigImport, noZodLocales, lazyChildProcess, noColorProbe],
  // Smaller to read and compile; names are kept, so --debug stack traces still name functions.
  minifyWhitespace: true,
  minifySyntax: true,
  charset: 'ascii',
  legalComments: 'none',
  write: false,
  logLevel: 'warning',
});
const code = Buffer.from(toAscii(result.outputFiles[0].text), 'latin1');
const buildId = createHash('sha256').update(code).digest('hex').slice(0, 16);
const header = `// checkout-doctor build ${buildId}\n`;
writeFileSync(BUNDLE, Buffer.concat([Buffer.from(header), code]));

// Warm up: run what start-up matters for, in this process, so that the cache holds the functions
// they compile too (V8 otherwise caches only what runs at load).
const { exports: program, script } = compileBundle({ useCache: false });
const sink = () => new Writable({ write: (_chunk, _enc, done) => done() });
const io = { stdout: sink(), stderr: sink(), env: { ...process.env, NO_COLOR: '1', LANG: 'en_US.UTF-8' }, cwd: new URL('.', ROOT).pathname };
const DEMO = new URL('fixtures/demo-shop.snapshot.json', ROOT).pathname;
for (const args of [
  ['--help'],
  ['list-checks'],
  ['explain', 'shop-online'],
  ['diagnose', 'AS Saint-Étienne', '--snapshot', DEMO],
  ['diagnose', '--all', '--snapshot', DEMO, '--format', 'json', '--lang', 'fr'],
]) {
  await program.main(['node', 'checkout-doctor', ...args], io);
}
writeFileSync(CODE_CACHE, Buffer.concat([Buffer.from(header), script.createCachedData()]));
console.log(`bundled ${(code.length / 1024).toFixed(0)} KiB, code cache ${(readFileSync(CODE_CACHE).length / 1024).toFixed(0)} KiB (build ${buildId})`);
