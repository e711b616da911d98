// Once per test run (vitest globalSetup): names the folder where the first database test installs
// a MariaDB data directory that every later server copies (see mariadb.ts), and removes it at the
// end. Nothing is installed when no test starts a database.
import { rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { TEMPLATE_ENV } from './mariadb.js';

export default function setup(): () => Promise<void> {
  const template = join(tmpdir(), `cd-mariadb-template-${process.pid}-${Date.now()}`);
  // Test files run in worker processes started after this, which inherit the environment.
  process.env[TEMPLATE_ENV] = template;
  return async () => {
    await Promise.all([template, `${template}.lock`].map((p) => rm(p, { recursive: true, force: true })));
  };
}
