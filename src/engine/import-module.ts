// Dynamic import of modules outside the program: plugins, and the packages loaded only when a run
// needs them (the Stripe SDK, the spinner).
//
// The launcher runs the bundled build (dist/bundle) as a script compiled with V8's code cache, and a
// script restored from that cache loses Node's dynamic-import callback: an `import()` written in the
// bundle would throw. So the launcher, a real ES module, lends its own `import()` under this
// symbol; without a launcher (tests, the unbundled build) the native `import()` is used.

const LAUNCHER_IMPORT = Symbol.for('checkout-doctor.import');

type Importer = (specifier: string) => Promise<unknown>;

export function importModule<T = unknown>(specifier: string): Promise<T> {
  const lent = (globalThis as Record<symbol, Importer | undefined>)[LAUNCHER_IMPORT];
  return (lent ? lent(specifier) : import(specifier)) as Promise<T>;
}
