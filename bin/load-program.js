// Loads the program for the launcher: the bundled build (dist/bundle/checkout-doctor.cjs, one file
// made by `npm run build`) compiled with V8's code cache, which `npm run build` records next to it.
//
// Why: Node 20 has no compile cache of its own (module.enableCompileCache came with Node 22), and
// loading ~150 ES modules (zod alone is ~95 files) then compiling them cost several times Node's
// own start. One CommonJS file compiled from a code cache is read and ready in a few milliseconds.
// A cache that does not match (other Node or V8 version, other flags, other build) is ignored by
// V8 or by the build id check below: the program then compiles normally, only slower.
import { existsSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname } from 'node:path';
import { fileURLToPath } from 'node:url';
import vm from 'node:vm';

export const BUNDLE = fileURLToPath(new URL('../dist/bundle/checkout-doctor.cjs', import.meta.url));
export const CODE_CACHE = `${BUNDLE}.cache`;

/** The first line of the bundle names its build; the cache file starts with the same line. */
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

/**
 * Compiles and runs the bundle as a CommonJS module. `useCache: false` compiles without the cache
 * (the build does, to record a fresh one). Returns the module's exports and the compiled script.
 */
export function compileBundle({ file = BUNDLE, cacheFile = CODE_CACHE, useCache = true } = {}) {
  // Pure ASCII (the build makes it so): latin1 gives V8 a one-byte string, cheaper than UTF-8.
  const source = readFileSync(file, 'latin1');
  const build = BUILD_LINE.exec(source.slice(0, 64))?.[1];
  const cache = useCache ? readCache(cacheFile) : undefined;
  const cachedData = cache && build && cache.build === build ? cache.data : undefined;
  lendImport();
  const script = new vm.Script(`(function (exports, require, module, __filename, __dirname) {${source}\n})`, {
    filename: file,
    cachedData,
  });
  const module = { exports: {} };
  script.runInThisContext()(module.exports, createRequire(file), module, file, dirname(file));
  return { exports: module.exports, script, build, cacheUsed: cachedData !== undefined && !script.cachedDataRejected };
}

/** `{ main, exitIfUnsettled }`: from the bundle, or from the unbundled build when there is none. */
export async function loadProgram() {
  if (existsSync(BUNDLE)) return compileBundle().exports;
  const [{ main }, { exitIfUnsettled }] = await Promise.all([import('../dist/src/cli/main.js'), import('../dist/src/cli/guard.js')]);
  return { main, exitIfUnsettled };
}
