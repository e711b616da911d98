// Loads the program for the launcher: the bundled build (`npm run build`, scripts/bundle.mjs) in
// dist/bundle/: a small core (checkout-doctor.cjs: commander, the CLI, what every command shares)
// and chunks each command loads on demand (chunk-*.cjs: the sandbox, the guided mode, init, the
// HTML renderer, the live sources…), each compiled with V8's code cache recorded next to it.
//
// Why: Node 20 has no compile cache of its own (module.enableCompileCache came with Node 22), and
// loading ~150 ES modules (zod alone is ~95 files) then compiling them cost several times Node's
// own start. CommonJS files compiled from a code cache are read and ready in a few milliseconds,
// and a run reads and compiles only the chunks its command needs.
// A cache that does not match (other Node or V8 version, other flags, other build) is ignored by
// V8 or by the build id check below: the chunk then compiles normally, only slower.
//
// CHECKOUT_DOCTOR_TRACE_CHUNKS=1 prints one line per chunk loaded, on stderr (tests read it).
import { existsSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { basename, dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import vm from 'node:vm';

export const BUNDLE_DIR = fileURLToPath(new URL('../dist/bundle/', import.meta.url));
export const BUNDLE = join(BUNDLE_DIR, 'checkout-doctor.cjs');
export const CODE_CACHE = `${BUNDLE}.cache`;

/** The first line of every chunk names its build; its cache file starts with the same line. */
export const BUILD_LINE = /^\/\/ checkout-doctor build ([0-9a-f]{16})\n/;

/** Code restored from V8's cache loses Node's import() callback: the program borrows this one. */
function lendImport() {
  globalThis[Symbol.for('checkout-doctor.import')] = (specifier) => import(specifier);
}

/** The build id of a cache file, and V8's data after its header; undefined when absent or unreadable. */
function readCache(file) {
  try {
    const bytes = readFileSync(file);
    const newline = bytes.indexOf(10);
    const match = BUILD_LINE.exec(bytes.subarray(0, newline + 1).toString('latin1'));
    return match ? { build: match[1], data: bytes.subarray(newline + 1) } : undefined;
  } catch {
    return undefined;
  }
}

/** A chunk's text as V8 compiles it: a CommonJS module wrapper (the build records caches of this). */
export function compileChunk(file, cachedData) {
  // Pure ASCII (the build makes it so): latin1 gives V8 a one-byte string, cheaper than UTF-8.
  const source = readFileSync(file, 'latin1');
  const build = BUILD_LINE.exec(source.slice(0, 64))?.[1];
  const cache = typeof cachedData === 'function' ? cachedData(build) : undefined;
  const script = new vm.Script(`(function (exports, require, module, __filename, __dirname) {${source}\n})`, { filename: file, cachedData: cache });
  return { script, build, cacheUsed: cache !== undefined && !script.cachedDataRejected };
}

/**
 * A loader of the bundle's chunks: `load(file)` compiles (with its cache unless `useCache` is false)
 * and runs a chunk once, like require(); a chunk's `require('./chunk-….cjs')` comes back here,
 * anything else (node: built-ins, the external packages) goes to Node's require.
 * `chunks` lists what was loaded, in order (the build records their caches after warming up).
 */
export function chunkLoader({ useCache = true, trace = process.env.CHECKOUT_DOCTOR_TRACE_CHUNKS } = {}) {
  const chunks = new Map();
  function load(file) {
    const known = chunks.get(file);
    if (known) return known.module.exports;
    const { script, build, cacheUsed } = compileChunk(file, (id) => {
      if (!useCache) return undefined;
      const cache = readCache(`${file}.cache`);
      return cache && id && cache.build === id ? cache.data : undefined;
    });
    const module = { exports: {} };
    const chunk = { file, script, build, cacheUsed, module };
    // Registered before it runs: chunks that import each other get the exports defined so far.
    chunks.set(file, chunk);
    if (trace) process.stderr.write(`checkout-doctor: chunk ${basename(file)} ${cacheUsed ? 'from its code cache' : 'compiled'}\n`);
    const nodeRequire = createRequire(file);
    const dir = dirname(file);
    const require = (id) => (id.endsWith('.cjs') && (id.startsWith('./') || id.startsWith('../')) ? load(join(dir, id)) : nodeRequire(id));
    require.resolve = nodeRequire.resolve;
    require.cache = nodeRequire.cache;
    script.runInThisContext()(module.exports, require, module, file, dir);
    return module.exports;
  }
  return { load, chunks };
}

/**
 * Compiles and runs the core of the bundle (`useCache: false` compiles without the caches: the
 * build does, to record fresh ones). Returns the core's exports, its compiled script, build id and
 * whether its cache was used, and the loader, which loads the other chunks when the program asks.
 */
export function compileBundle({ file = BUNDLE, useCache = true } = {}) {
  lendImport();
  const loader = chunkLoader({ useCache });
  const exports = loader.load(file);
  const { script, build, cacheUsed } = loader.chunks.get(file);
  return { exports, script, build, cacheUsed, loader };
}

/** `{ main, exitIfUnsettled }`: from the bundle, or from the unbundled build when there is none. */
export async function loadProgram() {
  if (existsSync(BUNDLE)) return compileBundle().exports;
  const [{ main }, { exitIfUnsettled }] = await Promise.all([import('../dist/src/cli/main.js'), import('../dist/src/cli/guard.js')]);
  return { main, exitIfUnsettled };
}
