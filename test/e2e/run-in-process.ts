// Runs the CLI's program in this test process: the same `main` the launcher calls, with argv, env
// (cleanEnv, as runCli), cwd, stdout and stderr injected, and the same secret check on every output.
//
// For tests of what a command says and writes. A subprocess costs a Node start and the bundle's
// load each time (0.4 s of CPU for a snapshot diagnosis, 1.5 s with --sandbox, on the 2-core
// machine); here the program loads once per test file. Tests where the process itself is the
// point keep runCli: exit on signals (Ctrl-C), a terminal (tmux), stdin, the launcher and the
// bundle (startup, package), the unsettled-run guard.

import { PassThrough } from 'node:stream';
import { main } from '../../src/cli/main.js';
import { Redactor, redactor } from '../../src/secrets/redact.js';
import { requestLog } from '../../src/sources/request-log.js';
import { cleanEnv, expectNoFixtureSecret, ROOT, type CliResult } from './run-cli.js';

export async function runInProcess(args: string[], options: { env?: Record<string, string>; cwd?: string; secrets?: string[] } = {}): Promise<CliResult> {
  const stdout = new PassThrough();
  const stderr = new PassThrough();
  let out = '';
  let err = '';
  stdout.setEncoding('utf8').on('data', (d: string) => (out += d));
  stderr.setEncoding('utf8').on('data', (d: string) => (err += d));
  // A process starts with an empty request log (--debug prints it) and a redactor that knows no
  // secret: so does each run here, so that a run cannot pass thanks to secrets an earlier one
  // registered.
  requestLog.clear();
  Object.assign(redactor, new Redactor());
  const code = await main([process.execPath, 'checkout-doctor', ...args], { stdout, stderr, env: cleanEnv(options.env), cwd: options.cwd ?? ROOT });
  // What was written before main settled is in the buffers once the streams have flushed.
  await new Promise((resolve) => setImmediate(resolve));
  expectNoFixtureSecret(args, { stdout: out, stderr: err }, options.secrets);
  return { code, stdout: out, stderr: err };
}
