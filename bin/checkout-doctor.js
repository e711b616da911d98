#!/usr/bin/env node
// Tiny launcher: everything lives in the compiled program (npm run build).
import { exitIfUnsettled } from '../dist/src/cli/guard.js';
import { main } from '../dist/src/cli/main.js';

const run = main(process.argv);
// A run whose main promise can never settle must not exit 0 with no output.
exitIfUnsettled(run);
run.then((code) => {
  process.exitCode = code;
  // Exit once the output is flushed: idle keep-alive sockets to upstreams (Stripe SDK, undici)
  // would otherwise hold the process open for seconds after the report is out.
  process.stdout.write('', () => process.stderr.write('', () => process.exit(code)));
});
