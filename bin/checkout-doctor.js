#!/usr/bin/env node
// Tiny launcher: everything lives in the compiled program (npm run build).
import { main } from '../dist/src/cli/main.js';

main(process.argv).then((code) => {
  process.exitCode = code;
});
