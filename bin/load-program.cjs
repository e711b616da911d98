// Loads the program for the launcher: the bundled build (`npm run build`, scripts/bundle.mjs) in
// dist/bundle/: a small core (checkout-doctor.cjs: commander, the CLI, what --help needs) and packs
// of chunks loaded on demand (pack-*.cjs: what the local commands share, what only a diagnosis
// needs…; chunk-*.cjs: the sandbox, the guided mode, init, the live sources… one each), each
// compiled with V8's code cache recorded next to it.
//
// Why: Node 20 has no compile cache of its own (module.enableCompileCache came with Node 22), and
// loading ~150 ES modules (zod alone is ~95 files) then compiling them cost several times Node's
// own start. CommonJS files compiled from a code cache are read and ready in a few milliseconds,
// and a run reads and compiles only the chunks its command needs.
// A cache that does not match (other Node or V8 version, other flags, other build) is ignored by
// V8 or by the build id check below: the chunk then compiles normally, only slower.
//
// CHECKOUT_DOCTOR_TRACE_CHUNKS=1 prints one line per file of the bundle loaded, on stderr (tests
// read it; dist/bundle/chunks.json says which modules each file holds).
//
// CommonJS: the launcher require()s it, which costs less than a second ES module (import()).
'use strict';
const { closeSync, existsSync, fstatSync, openSync, readSync } = require('node:fs');
const { createRequire } = require('node:module');
const { basename, join } = require('node:path');
const vm = require('node:vm');

const BUNDLE_DIR = join(__dirname, '..', 'dist', 'bundle');
const BUNDLE = join(BUNDLE_DIR, 'checkout-doctor.cjs');
const CODE_CACHE = `${BUNDLE}.cache`;

/** The first line of every chunk names its build; its cache file starts with the same line. */
const BUILD_LINE = /^\/\/ checkout-doctor build ([0-9a-f]{16})\n/;
const HEADER_LENGTH = '// checkout-doctor build 0123456789abcdef\n'.length;

/** Code restored from V8's cache loses Node's import() callback: the program borrows this one. */
function lendImport() {
  globalThis[Symbol.for('checkout-doctor.import')] = (specifier) => import(specifier);
}

/**
 * One buffer every file of the bundle is read into, in turn (issue 9, start-up). A fresh buffer
 * per file (what readFileSync allocates) is fresh memory, and touching fresh pages is what reading
 * costs here: ~5 ms per MB on a small cloud machine, against ~0.1 ms to copy the same bytes into
 * pages already touched. A run reads ~1.7 MB (texts and caches of three packs); reusing one buffer,
 * it touches the pages of the largest file only. What is read lives until the next read: the text
 * becomes a string at once, and V8 is done with the cache when the script is built. Untouched
 * pages of the buffer cost nothing, so it starts large enough for any file of the bundle.
 */
let scratch;
function readShared(file, at = 0) {
  const fd = openSync(file, 'r');
  try {
    const size = fstatSync(fd).size;
    if (!scratch || scratch.length < at + size) scratch = Buffer.allocUnsafeSlow(Math.max(at + size, 1 << 20));
    let read = 0;
    while (read < size) {
      const n = readSync(fd, scratch, at + read, size - read, read);
      if (n === 0) break;
      read += n;
    }
    return scratch.subarray(at, at + read);
  } finally {
    closeSync(fd);
  }
}

/**
 * The build id of a cache file, and V8's data after its header (a view of the shared buffer: valid
 * until the next read); undefined when absent or unreadable.
 */
function readCache(file) {
  try {
    // V8 copies cached data that is not 8-byte aligned before reading it (another ~600 KB of
    // fresh memory for the largest pack): the header line has a fixed length, so the data after
    // it starts aligned when the file is read that many bytes short of a multiple of 8.
    const bytes = readShared(file, (8 - (HEADER_LENGTH % 8)) % 8);
    const newline = bytes.indexOf(10);
    const match = BUILD_LINE.exec(bytes.subarray(0, newline + 1).toString('latin1'));
    return match ? { build: match[1], data: bytes.subarray(newline + 1) } : undefined;
  } catch {
    return undefined;
  }
}

/**
 * Compiles one file of the bundle (a "pack"). Its text, after the build line, is one expression:
 * `({ index: { chunk: pack… }, chunks: { "<chunk>.cjs": function (exports, require, module, __filename, __dirname) {…} } })`
 * (only the core has an index). `cachedData(build)` gives V8's cache for that build id, if any.
 */
function compilePack(file, cachedData) {
  // Pure ASCII (the build makes it so): latin1 gives V8 a one-byte string, cheaper than UTF-8.
  const source = readShared(file).toString('latin1');
  const build = BUILD_LINE.exec(source.slice(0, 64))?.[1];
  const cache = typeof cachedData === 'function' ? cachedData(build) : undefined;
  const script = new vm.Script(source, { filename: file, cachedData: cache });
  return { script, build, cacheUsed: cache !== undefined && !script.cachedDataRejected };
}

/**
 * A loader of the bundle's chunks: `load(chunk)` runs a chunk once, like require(), compiling the
 * pack that holds it first (with its code cache unless `useCache` is false). A chunk's
 * `require('./chunk-….cjs')` comes back here; anything else (node: built-ins, the external
 * packages) goes to Node's require. `packs` lists the packs compiled and `modules` the chunks run,
 * in order (the build reads both).
 */
function chunkLoader({ dir = BUNDLE_DIR, useCache = true, trace = process.env.CHECKOUT_DOCTOR_TRACE_CHUNKS } = {}) {
  const packs = new Map();
  const modules = new Map();
  const index = {};
  const lazy = {};
  const facades = new Map();
  let nodeRequire;
  function pack(name) {
    let known = packs.get(name);
    if (known) return known;
    const file = join(dir, name);
    const { script, build, cacheUsed } = compilePack(file, (id) => {
      if (!useCache) return undefined;
      const cache = readCache(`${file}.cache`);
      return cache && id && cache.build === id ? cache.data : undefined;
    });
    const { index: more, lazy: lazyMore, chunks } = script.runInThisContext();
    if (more) Object.assign(index, more);
    if (lazyMore) Object.assign(lazy, lazyMore);
    known = { file, script, build, cacheUsed, chunks };
    packs.set(name, known);
    if (trace) process.stderr.write(`checkout-doctor: loaded ${name} (${Object.keys(chunks).join(' ')}) ${cacheUsed ? 'from its code cache' : 'compiled'}\n`);
    return known;
  }
  function load(chunk) {
    const known = modules.get(chunk);
    if (known) return known.exports;
    const factory = pack(index[chunk] ?? chunk).chunks[chunk];
    if (!factory) throw new Error(`${chunk}: not in the bundle (rebuild with npm run build)`);
    const module = { exports: {} };
    // Registered before it runs: chunks that import each other get the exports defined so far.
    modules.set(chunk, module);
    factory.call(module.exports, module.exports, require, module, join(dir, chunk), dir);
    return module.exports;
  }
  /**
   * What a chunk the build marked lazy (zod's: scripts/bundle.mjs) is required as until it runs:
   * its exports, each running the chunk on first read. Bundled modules read an import's exports
   * when they use them (`(0, import_zod.object)(…)`), so importing zod costs nothing until a
   * schema is built.
   */
  function facade(chunk) {
    let known = facades.get(chunk);
    if (known) return known;
    known = Object.defineProperty({}, '__esModule', { value: true });
    for (const key of lazy[chunk]) Object.defineProperty(known, key, { enumerable: true, get: () => load(chunk)[key] });
    facades.set(chunk, known);
    return known;
  }
  function require(id) {
    if (id.startsWith('./') && id.endsWith('.cjs')) {
      const chunk = id.slice(2);
      return lazy[chunk] && !modules.has(chunk) ? facade(chunk) : load(chunk);
    }
    nodeRequire ??= createRequire(join(dir, 'checkout-doctor.cjs'));
    return nodeRequire(id);
  }
  require.resolve = (id, options) => {
    nodeRequire ??= createRequire(join(dir, 'checkout-doctor.cjs'));
    return nodeRequire.resolve(id, options);
  };
  // Node's module cache, as a real require() has it: bundled code reads it (cosmiconfig's
  // import-fresh, retrying a JS configuration that threw, deletes the file's entry first).
  Object.defineProperty(require, 'cache', {
    get() {
      nodeRequire ??= createRequire(join(dir, 'checkout-doctor.cjs'));
      return nodeRequire.cache;
    },
  });
  return { load, packs, modules };
}

/**
 * Compiles and runs the core of the bundle (`useCache: false` compiles without the caches: the
 * build does, to record fresh ones). Returns the core's exports, its compiled script, build id and
 * whether its cache was used, and the loader, which loads the other packs when the program asks.
 */
function compileBundle({ dir = BUNDLE_DIR, useCache = true } = {}) {
  lendImport();
  const loader = chunkLoader({ dir, useCache });
  const exports = loader.load(basename(BUNDLE));
  const { script, build, cacheUsed } = loader.packs.get(basename(BUNDLE));
  return { exports, script, build, cacheUsed, loader };
}

/** `{ main, exitIfUnsettled }`: from the bundle, or from the unbundled build when there is none. */
async function loadProgram() {
  if (existsSync(BUNDLE)) return compileBundle().exports;
  const [{ main }, { exitIfUnsettled }] = await Promise.all([import('../dist/src/cli/main.js'), import('../dist/src/cli/guard.js')]);
  return { main, exitIfUnsettled };
}

module.exports = { readShared, BUNDLE_DIR, BUNDLE, CODE_CACHE, BUILD_LINE, compilePack, chunkLoader, compileBundle, loadProgram };
