// The entry point of the bundled build (scripts/bundle.mjs → dist/bundle/checkout-doctor.cjs):
// what the launcher needs, nothing more.
import './zod-jitless.js';

export { main } from './main.js';
export { exitIfUnsettled } from './guard.js';
