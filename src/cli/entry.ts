// The entry point of the bundled build (scripts/bundle.mjs → dist/bundle/checkout-doctor.cjs):
// what the launcher needs, nothing more. (zod's JIT is turned off by the build itself, in zod's
// global configuration: see scripts/bundle.mjs.)

export { main } from './main.js';
export { exitIfUnsettled } from './guard.js';
