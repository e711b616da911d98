#!/usr/bin/env node
// Tiny launcher: everything lives in the built program (npm run build; see load-program.cjs).
//
// `--version` is answered here, before anything else loads: scripts and support macros call it
// often, and even the bundled program costs more than Node's own start.
//
// CommonJS (bin/package.json says so): Node starts a CommonJS main without its ES module loader,
// ~10 ms of CPU less at every run.
'use strict';
const { readFileSync } = require('node:fs');
const { join } = require('node:path');

const args = process.argv.slice(2);
if (args.length === 1 && (args[0] === '--version' || args[0] === '-V')) {
  const { version } = JSON.parse(readFileSync(join(__dirname, '..', 'package.json'), 'utf8'));
  process.stdout.write(`${version}\n`);
} else {
  const { loadProgram } = require('./load-program.cjs');
  loadProgram().then(({ main, exitIfUnsettled }) => {
    const run = main(process.argv);
    // A run whose main promise can never settle must not exit 0 with no output.
    exitIfUnsettled(run);
    run.then((code) => {
      process.exitCode = code;
      // Exit once the output is flushed: idle keep-alive sockets to upstreams (Stripe SDK, undici)
      // would otherwise hold the process open for seconds after the report is out.
      process.stdout.write('', () => process.stderr.write('', () => process.exit(code)));
    });
  });
}
