// The parts of zod the program never runs, left out of the bundle (issue 9, start-up): JSON Schema
// conversion both ways (z.toJSONSchema, z.fromJSONSchema, schema.toJSONSchema()), z.compile (the
// ahead-of-time parser; the build turns the JIT off too, see zod-jitless in scripts/bundle.mjs)
// and the schema walker behind z.input/z.output/z.deepPartial. (Not the memoizer: zod installs it
// by default and every parse of a container runs it.) About a third of zod:
// every diagnosis, list-checks and explain read and compiled it for nothing.
//
// Each module is replaced by a stub with the same exports (esbuild fails the build if a name that
// is imported is missing): a function that throws a clear error if ever called, a symbol rebuilt
// as it is (Symbol.for), any other value an object that throws when read. The program's only JSON
// Schema user, `npm run config-schema` (src/config/json-schema.ts), runs unbundled from
// node_modules and keeps the real zod.

import { pathToFileURL } from 'node:url';

/** The left-out modules, under zod/v4/. */
export const ZOD_UNUSED = [
  'core/json-schema-processors.js',
  'core/to-json-schema.js',
  'core/json-schema-generator.js',
  'classic/from-json-schema.js',
  'core/compile.js',
  'core/visit.js',
];

const NAMES = ZOD_UNUSED.map((m) => m.slice(m.lastIndexOf('/') + 1).replace(/\./g, '\\.')).join('|');

/** The text of a stub standing for `module` (zod/v4/…), whose real exports are `real`. */
export function stubText(module, real) {
  const lines = [
    `function leftOut(name) { throw new Error("zod's " + name + " (zod/v4/${module}) is left out of checkout-doctor's bundle, which never runs it (scripts/zod-unused.mjs): use zod from node_modules, as npm run config-schema does"); }`,
  ];
  for (const [name, value] of Object.entries(real)) {
    if (!/^[A-Za-z_$][\w$]*$/.test(name)) throw new Error(`zod/v4/${module}: export ${JSON.stringify(name)} is not a plain name, update scripts/zod-unused.mjs`);
    if (typeof value === 'function') lines.push(`export function ${name}() { leftOut(${JSON.stringify(name)}); }`);
    else if (typeof value === 'symbol' && Symbol.keyFor(value) !== undefined) lines.push(`export const ${name} = Symbol.for(${JSON.stringify(Symbol.keyFor(value))});`);
    else lines.push(`export const ${name} = new Proxy({}, { get() { leftOut(${JSON.stringify(name)}); }, has() { leftOut(${JSON.stringify(name)}); }, ownKeys() { leftOut(${JSON.stringify(name)}); } });`);
  }
  return `${lines.join('\n')}\n`;
}

/** The esbuild plugin: zod's own imports of these modules resolve to their stubs (namespace "zod-unused"). */
export const zodUnused = {
  name: 'zod-unused',
  setup(b) {
    b.onResolve({ filter: new RegExp(`^\\.\\.?/(core/)?(${NAMES})$`) }, async ({ path, importer, resolveDir, kind, pluginData }) => {
      if (pluginData === 'zod-unused' || !/[\\/]zod[\\/]v4[\\/](core|classic)[\\/][^\\/]+\.js$/.test(importer)) return undefined;
      const resolved = await b.resolve(path, { importer, resolveDir, kind, pluginData: 'zod-unused' });
      if (resolved.errors.length) return { errors: resolved.errors };
      const module = /zod[\\/]v4[\\/](.*)$/.exec(resolved.path)?.[1]?.replace(/\\/g, '/');
      if (!module || !ZOD_UNUSED.includes(module)) return undefined;
      return { path: `zod/v4/${module}`, namespace: 'zod-unused', pluginData: { file: resolved.path, module } };
    });
    b.onLoad({ filter: /.*/, namespace: 'zod-unused' }, async ({ pluginData }) => ({
      contents: stubText(pluginData.module, await import(pathToFileURL(pluginData.file).href)),
      loader: 'js',
    }));
  },
};
