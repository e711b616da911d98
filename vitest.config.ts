import { readdirSync } from 'node:fs';
import { defineConfig } from 'vitest/config';

// Two projects, one run (`npm test`):
// - `unit`: pure tests (checks, renderers, engine, configuration, the CLI through main()
//   in-process). They spawn nothing and start no shared server, so they share one module graph per
//   worker thread (isolate: false): the program's modules (zod, commander, every check) load once
//   per worker instead of once per file, which was most of their cost.
// - `e2e`: every other test file (emulators, MariaDB, tmux, Chromium, the built CLI); each file
//   keeps its own process (forks, isolated), so a hung server or a SIGINT handler cannot leak.
//   A new test folder lands here by default: isolation is the safe side.
const UNIT_FOLDERS = ['checks', 'engine', 'secrets', 'fix', 'config', 'docs', 'cli', 'report'];
// Renderer tests that drive Chromium or xmllint through the built CLI stay isolated; the shop
// clock's test sets TZ, which moves V8's clock on a process's main thread only (not in a worker).
const NOT_UNIT = new Set(['test/report/html-browser.test.ts', 'test/report/junit-schema.test.ts', 'test/engine/shop-time.test.ts']);
// Pure files of the other folders (fixtures read and parsed, the webservice client against undici's
// MockAgent given as its dispatcher: no server, no subprocess, no global state).
const MORE_UNIT = [
  'test/sandbox/prestashop-fixture.test.ts',
  'test/sources/prestashop-recordings.test.ts',
  'test/sources/prestashop-recordings-countries.test.ts',
  'test/sources/prestashop-webservice.test.ts',
  // Emulators and the webservice client against them, on 127.0.0.1 port 0: each file starts and
  // closes its own servers and touches no environment, log or redactor of the process. Each ran
  // under a second in a fork of its own that cost more than the file (issue 9).
  'test/sandbox/prestashop-emulator.test.ts',
  'test/sandbox/prestashop-faults.test.ts',
  'test/sandbox/prestashop-put.test.ts',
  'test/sandbox/prestashop-recorded-shapes.test.ts',
  'test/sandbox/prestashop-recordings.test.ts',
  'test/sandbox/sendcloud.test.ts',
  'test/sandbox/stripe.test.ts',
  'test/sources/gather-progress.test.ts',
  'test/sources/prestashop-gather-webservice.test.ts',
  'test/sources/prestashop-permissions.test.ts',
  'test/sources/prestashop-recordings-cart-rules.test.ts',
];
const UNIT = [
  ...UNIT_FOLDERS.flatMap((folder) =>
    readdirSync(`test/${folder}`, { recursive: true, encoding: 'utf8' })
      .filter((f) => f.endsWith('.test.ts'))
      .map((f) => `test/${folder}/${f.replaceAll('\\', '/')}`)
      .filter((f) => !NOT_UNIT.has(f)),
  ),
  ...MORE_UNIT,
];

export default defineConfig({
  test: {
    // Vitest's default on 2 cores is ONE worker (cores - 1): the suite then ran file after file
    // while most e2e files wait on a subprocess, a server or a terminal. Three keep both cores busy.
    maxWorkers: 3,
    // Hang guards, never the assertion: no test asserts how long it took.
    testTimeout: 30_000,
    hookTimeout: 120_000,
    env: { NO_COLOR: '1' },
    projects: [
      {
        extends: true,
        test: { name: 'unit', include: UNIT, pool: 'threads', isolate: false },
      },
      {
        extends: true,
        test: {
          name: 'e2e',
          include: ['test/**/*.test.ts'],
          exclude: ['**/node_modules/**', ...UNIT],
          // One MariaDB data directory installed per run, copied by each database test (mariadb.ts).
          globalSetup: ['test/support/global-setup.ts'],
          pool: 'forks',
          // A loaded CI machine (others' jobs, this suite's own workers) makes a subprocess run
          // slow, not wrong: the per-test guard is wide, and tests wait on events, not on time.
          testTimeout: 120_000,
        },
      },
    ],
  },
});
