#!/usr/bin/env node
// Tiny launcher: everything lives in the compiled program (npm run build).
import { main } from '../dist/src/cli/main.js';

main(process.argv).then((code) => {
  process.exitCode = code;
  // Exit once the output is flushed: idle keep-alive sockets to upstreams (Stripe SDK, undici)
  // would otherwise hold the process open for seconds after the report is out.
  process.stdout.write('', () => process.stderr.write('', () => process.exit(code)));
});
