// Once per test run (vitest globalSetup): names the folder where the first database test installs
// a MariaDB data directory that every later server copies (see mariadb.ts), and removes it at the
// end. Nothing is installed when no test starts a database. Both forked projects (e2e and
// e2e-shared) list this set-up and vitest runs it once per project, in the same process: the second
// call keeps the folder the first one named, so the run installs one template, not two.
import { rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { TEMPLATE_ENV } from './mariadb.js';

export default function setup(): () => Promise<void> {
  if (process.env[TEMPLATE_ENV]) return async () => {};
  const template = join(tmpdir(), `cd-mariadb-template-${process.pid}-${Date.now()}`);
  // Test files run in worker processes started after this, which inherit the environment.
  process.env[TEMPLATE_ENV] = template;
  return async () => {
    await Promise.all([template, `${template}.lock`].map((p) => rm(p, { recursive: true, force: true })));
  };
}
