// Runs the CLI in-process through main(), with captured stdout/stderr and a chosen env and cwd.

import { PassThrough } from 'node:stream';
import { main } from '../../src/cli/main.js';

export interface MainResult {
  code: number;
  stdout: string;
  stderr: string;
}

export async function runMain(args: string[], options: { env?: NodeJS.ProcessEnv; cwd?: string } = {}): Promise<MainResult> {
  const stdout = new PassThrough();
  const stderr = new PassThrough();
  let out = '';
  let err = '';
  stdout.on('data', (d: Buffer) => (out += d.toString('utf8')));
  stderr.on('data', (d: Buffer) => (err += d.toString('utf8')));
  const code = await main(['node', 'checkout-doctor', ...args], {
    stdout,
    stderr,
    env: options.env ?? { LANG: 'en_US.UTF-8', NO_COLOR: '1' },
    cwd: options.cwd ?? process.cwd(),
  });
  await new Promise((r) => setImmediate(r));
  return { code, stdout: out, stderr: err };
}
