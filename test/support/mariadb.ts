// A real MariaDB (Debian's mariadb-server) for the database source's tests: started on 127.0.0.1
// with a private data directory and a random port, stopped and removed afterwards. When the server
// is not installed and we are root on Debian, it is installed first (as .ci/run does).

import { execFile, spawn, type ChildProcess } from 'node:child_process';
import { existsSync } from 'node:fs';
import { cp, mkdir, mkdtemp, rename, rm } from 'node:fs/promises';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import mysql from 'mysql2/promise';

const run = promisify(execFile);

export interface MariaDb {
  host: '127.0.0.1';
  port: number;
  /** Root over the unix socket, for set-up only; the code under test gets a read-only TCP user. */
  socket: string;
  root(): Promise<mysql.Connection>;
  stop(): Promise<void>;
}

const SERVER = ['/usr/sbin/mariadbd', '/usr/sbin/mysqld'];

async function ensureInstalled(): Promise<string> {
  const found = SERVER.find((p) => existsSync(p));
  if (found) return found;
  if (process.getuid?.() !== 0 || !existsSync('/usr/bin/apt-get')) {
    throw new Error('MariaDB is not installed: run `apt-get install mariadb-server` (as root), or run .ci/run which does it.');
  }
  await run('apt-get', ['install', '-y', '-qq', '--no-install-recommends', 'mariadb-server'], {
    env: { ...process.env, DEBIAN_FRONTEND: 'noninteractive' },
    timeout: 600_000,
  });
  const installed = SERVER.find((p) => existsSync(p));
  if (!installed) throw new Error('apt-get installed mariadb-server but no server binary was found.');
  return installed;
}

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      server.close(() => (typeof address === 'object' && address ? resolve(address.port) : reject(new Error('no port'))));
    });
  });
}

async function waitReady(socket: string, child: ChildProcess, log: string): Promise<void> {
  const deadline = Date.now() + 60_000;
  let lastError: unknown;
  while (Date.now() < deadline) {
    if (child.exitCode !== null) throw new Error(`mariadbd exited with ${child.exitCode}; see ${log}`);
    try {
      const conn = await mysql.createConnection({ socketPath: socket, user: 'root' });
      await conn.end();
      return;
    } catch (error) {
      lastError = error;
      // A refused attempt (no socket yet) costs next to nothing: ask often, the server is ready in under a second.
      await new Promise((r) => setTimeout(r, 50));
    }
  }
  throw new Error(`mariadbd did not become ready in 60 s (${(lastError as Error)?.message}); see ${log}`);
}

const asRoot = (): string[] => (process.getuid?.() === 0 ? ['--user=root'] : []);

/**
 * The redo log's size, for the installed data directory and every server started on a copy of it
 * (the same value both times, or the server resizes the log at start). The default, 96 MiB of a
 * 114 MiB data directory, was copied for every database test; a test shop's load writes a few MiB.
 */
const REDO_LOG = '--innodb-log-file-size=16M';

async function installDb(datadir: string): Promise<void> {
  // A temporary folder of its own: the bootstrap server's temporary tables in a shared /tmp have
  // been seen to collide with another server's ("Could not remove temporary table").
  const tmp = `${datadir}.tmp`;
  await mkdir(tmp, { recursive: true });
  try {
    await run('mariadb-install-db', ['--no-defaults', `--datadir=${datadir}`, '--auth-root-authentication-method=socket', '--skip-test-db', `--tmpdir=${tmp}`, REDO_LOG, ...asRoot()], {
      timeout: 120_000,
    });
  } finally {
    await rm(tmp, { recursive: true, force: true });
  }
}

/**
 * Set by the test run's global set-up (test/support/global-setup.ts): where one freshly installed
 * data directory is kept for the whole run. mariadb-install-db is the slow part of a start (seconds
 * of fsyncs); each server then starts on its own copy of that directory, as isolated as before.
 */
export const TEMPLATE_ENV = 'CHECKOUT_DOCTOR_MARIADB_TEMPLATE';

/** The run's template data directory, installed by the first caller (the others wait for it). */
async function templateDir(): Promise<string | undefined> {
  const template = process.env[TEMPLATE_ENV];
  if (!template) return undefined;
  if (existsSync(template)) return template;
  try {
    await mkdir(`${template}.lock`);
  } catch {
    // Another test file is installing it: wait for it, or do without after two minutes.
    const deadline = Date.now() + 120_000;
    while (!existsSync(template) && Date.now() < deadline) await new Promise((r) => setTimeout(r, 200));
    return existsSync(template) ? template : undefined;
  }
  const staging = `${template}.${process.pid}`;
  try {
    await installDb(staging);
  } catch (error) {
    await rm(staging, { recursive: true, force: true });
    throw error;
  }
  await rename(staging, template);
  return template;
}

export async function startMariaDb(): Promise<MariaDb> {
  const server = await ensureInstalled();
  const dir = await mkdtemp(join(tmpdir(), 'cd-mariadb-'));
  const datadir = join(dir, 'data');
  const socket = join(dir, 'mysqld.sock');
  const log = join(dir, 'error.log');
  const template = await templateDir();
  if (template) await cp(template, datadir, { recursive: true });
  else await installDb(datadir);
  const port = await freePort();
  const child = spawn(
    server,
    [
      '--no-defaults',
      `--datadir=${datadir}`,
      `--socket=${socket}`,
      `--port=${port}`,
      '--bind-address=127.0.0.1',
      `--pid-file=${join(dir, 'mysqld.pid')}`,
      `--log-error=${log}`,
      '--skip-name-resolve',
      `--tmpdir=${dir}`,
      '--innodb-buffer-pool-size=32M',
      // A throwaway server: no fsync per commit (loading a shop is thousands of inserts).
      '--innodb-flush-log-at-trx-commit=0',
      '--innodb-doublewrite=0',
      REDO_LOG,
      ...asRoot(),
    ],
    { stdio: 'ignore' },
  );
  try {
    await waitReady(socket, child, log);
  } catch (error) {
    child.kill('SIGKILL');
    throw error;
  }
  return {
    host: '127.0.0.1',
    port,
    socket,
    root: () => mysql.createConnection({ socketPath: socket, user: 'root', multipleStatements: true }),
    async stop() {
      if (child.exitCode === null) {
        const exited = new Promise((r) => child.once('exit', r));
        child.kill('SIGTERM');
        await Promise.race([exited, new Promise((r) => setTimeout(r, 15_000))]);
        if (child.exitCode === null) child.kill('SIGKILL');
      }
      await rm(dir, { recursive: true, force: true });
    },
  };
}
