// `checkout-doctor` on the PATH of scripts a test plays (the CI jobs of docs/ci/), without a Node
// start and a bundle load per call: the command is a small client that hands its arguments, folder
// and environment to the test process over 127.0.0.1, where the CLI's program runs in-process
// (run-in-process.ts: the same `main`, the same outputs, every output checked for secrets), then
// prints what the program wrote and exits with its code. A spawned CLI cost ≈1 s of CPU per call
// (14 calls in ci-setup.test.ts); the client costs a bare Node start.
//
// For tests where what a script does with the CLI is the point (its flags, files, exit codes
// through `bash -e`), not the CLI's process: the launcher and the bundle are tested where they are
// the point (startup, package). Runs are served one at a time: in-process runs share the process's
// request log and redactor (run-in-process.ts resets them for each run).

import { chmodSync, mkdirSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { runInProcess } from '../e2e/run-in-process.js';

const CLIENT = fileURLToPath(new URL('./cli-relay-client.mjs', import.meta.url));

export interface CliRelay {
  /** A folder holding `checkout-doctor`: put it first on the PATH. */
  bin: string;
  /** Each run served, in order: its arguments and the folder it was called from. */
  calls: Array<{ args: string[]; cwd: string }>;
  close(): Promise<void>;
}

interface Request {
  args: string[];
  cwd: string;
  env: Record<string, string>;
}

/** Starts the relay; its `checkout-doctor` is written in `dir`/bin. */
export async function startCliRelay(dir: string, options: { secrets?: string[] } = {}): Promise<CliRelay> {
  const calls: CliRelay['calls'] = [];
  let queue: Promise<unknown> = Promise.resolve();
  const server = createServer((req, res) => {
    let body = '';
    req.setEncoding('utf8').on('data', (d: string) => (body += d));
    req.on('end', () => {
      const { args, cwd, env } = JSON.parse(body) as Request;
      calls.push({ args, cwd });
      const run = queue.then(() => runInProcess(args, { cwd, env, secrets: options.secrets }));
      queue = run.catch(() => undefined);
      run.then(
        (r) => res.end(JSON.stringify(r)),
        // A secret in an output (runInProcess's check) or a crash: the calling step fails, saying why.
        (error: unknown) => res.end(JSON.stringify({ code: 70, stdout: '', stderr: `cli-relay: ${error instanceof Error ? error.message : String(error)}\n` })),
      );
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/`;
  const bin = join(dir, 'bin');
  mkdirSync(bin, { recursive: true });
  writeFileSync(join(bin, 'checkout-doctor'), `#!/bin/sh\nexec "${process.execPath}" "${CLIENT}" "${url}" "$@"\n`);
  chmodSync(join(bin, 'checkout-doctor'), 0o755);
  return {
    bin,
    calls,
    close: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
}
