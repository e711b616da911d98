import { readdirSync } from 'node:fs';
import { defineConfig } from 'vitest/config';

// Three projects, one run (`npm test`):
// - `unit`: pure tests (checks, renderers, engine, configuration, the CLI through main()
//   in-process). They spawn nothing and start no shared server, so they share one module graph per
//   worker thread (isolate: false): the program's modules (zod, commander, every check) load once
//   per worker instead of once per file, which was most of their cost.
// - `e2e-shared`: test files that start emulators, MariaDB, tmux or the built CLI but leave the
//   process as they found it (SHARED below, each group with why it is safe). They run one after
//   another in a few forks (isolate: false): one fork start, one vitest start and one import of the
//   program per worker instead of per file, which cost as much as most of these files (issue 9).
//   A set-up file (test/support/shared-process-guard.ts) fails any of them that changes the
//   environment, the working directory, process listeners, the global dispatcher, the exit code
//   or the time zone, or leaves a server or a child process open.
// - `e2e`: every other test file; each keeps its own process (forks, isolated), so a hung server
//   or a SIGINT handler cannot leak. A new test folder lands here by default: isolation is the
//   safe side. Kept here on purpose: test/startup/* (they assert what a fresh module graph loads),
//   the TZ test of the shop clock; and the heaviest files (Chromium, the guided and init terminal
//   sessions, plugins, limits, ci-setup...), not yet audited for the shared pool: they start first
//   anyway (isolated files first, longest first), so a fork of their own costs little beside them.
const UNIT_FOLDERS = ['checks', 'engine', 'secrets', 'fix', 'config', 'docs', 'cli', 'report'];
// Renderer tests that drive Chromium or xmllint through the built CLI leave `unit` (Chromium's stays
// isolated, xmllint's shares a fork: SHARED); the shop clock's test sets TZ, which moves V8's clock
// on a process's main thread only (not in a worker), and stays isolated.
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

// Files of the shared fork pool. None writes process.env (the environment goes to the subprocess or
// to main() in-process), changes directory, installs a process listener or a global dispatcher, or
// mocks a module or a global; every server, database and terminal it starts is closed in its own
// afterAll. What the program keeps per process (the redactor, the request log) runInProcess resets
// before each run, as a new process would start it (run-in-process.ts).
const SHARED = [
  // The built CLI as a subprocess, or main() in-process, against the demo snapshot or fixtures in a
  // temporary folder: nothing but files of their own.
  'test/e2e/audience-admin.test.ts',
  'test/e2e/clubs-same-name.test.ts',
  'test/e2e/conventions.test.ts',
  'test/e2e/demo-snapshot.test.ts',
  'test/e2e/diagnose-snapshot.test.ts',
  'test/e2e/french-errors.test.ts',
  'test/e2e/guided-points-catalogue.test.ts',
  'test/e2e/html-report.test.ts',
  'test/e2e/merge.test.ts',
  'test/e2e/nightly-baseline.test.ts',
  'test/e2e/package.test.ts',
  'test/e2e/report-formats-agree.test.ts',
  'test/e2e/run-in-process.test.ts',
  'test/e2e/snapshot-replay.test.ts',
  'test/hardening/atomic-output.test.ts',
  'test/hardening/bounded-config.test.ts',
  'test/hardening/honest-messages.test.ts',
  'test/hardening/secret-detection.test.ts',
  'test/hardening/side-effects.test.ts',
  // The JUnit report through the built CLI and xmllint (a subprocess each), against the schema.
  'test/report/junit-schema.test.ts',
  // The bundle's start-up, observed in the subprocess it spawns (its preload scripts write what
  // the child loaded): nothing of this process is looked at.
  'test/e2e/startup.test.ts',
  // Against the sandbox (useSandboxCli or startFixtureSet: emulators on 127.0.0.1 port 0, closed in
  // afterAll); the request counts they assert come from the emulators' own logs or a RequestLog of
  // the test, never from the process-wide one.
  'test/e2e/diagnose-sandbox-causes.test.ts',
  'test/e2e/diagnose-sandbox-failures-stripe-sendcloud.test.ts',
  'test/e2e/diagnose-sandbox-failures.test.ts',
  'test/e2e/diagnose-setup-problems.test.ts',
  'test/e2e/fix-sandbox-command.test.ts',
  'test/e2e/fix-sandbox.test.ts',
  'test/e2e/promo-code-uses.test.ts',
  'test/e2e/relay-zones.test.ts',
  'test/e2e/sandbox-printout.test.ts',
  'test/e2e/stripe-sdk-early.test.ts',
  'test/hardening/injection.test.ts',
  'test/sandbox/prestashop.test.ts',
  'test/sources/dataflow.test.ts',
  'test/sources/dynamic-coupons.test.ts',
  'test/sources/sendcloud.test.ts',
  'test/sources/shop-front.test.ts',
  // Unsets the variables that make the Stripe SDK print a hint while it runs, and puts them back.
  'test/sources/stripe.test.ts',
  'test/sources/stripe-club-deadline.test.ts',
  'test/sources/webservice-pages.test.ts',
  // A MariaDB of their own (startMariaDb: a copy of the run's template on a free port, stopped in
  // afterAll); the template's folder is named by the global set-up, shared by both projects.
  'test/e2e/diagnose-live-database.test.ts',
  'test/e2e/diagnose-sandbox-database.test.ts',
  'test/e2e/init-database.test.ts',
  'test/hardening/gather-scope-database.test.ts',
  'test/hardening/secrets-every-form.test.ts',
  'test/hardening/sql-guard.test.ts',
  'test/sources/clubs-same-name.test.ts',
  'test/sources/database-grants.test.ts',
  'test/sources/lookup-special-characters.test.ts',
  'test/sources/prestashop-cart-rule-uses.test.ts',
  'test/sources/prestashop-database.test.ts',
  'test/sources/prestashop-gather-database.test.ts',
  // A terminal each (one tmux server per Terminal, on a socket of its own, killed when closed). The
  // signals they send go to the CLI they run (Ctrl-C typed, or child.kill), never to this process.
  'test/e2e/fix-terminal.test.ts',
  'test/e2e/progress-spinner.test.ts',
  'test/e2e/readme-init.test.ts',
  'test/e2e/terminal-driver.test.ts',
  'test/hardening/ctrl-c.test.ts',
];

export default defineConfig({
  test: {
    // Vitest's default on 2 cores is ONE worker (cores - 1): the suite then ran file after file
    // while most e2e files wait on a subprocess, a server or a terminal. Three keep both cores busy.
    // Four were tried with the shared forks (issue 9): three paired whole-suite runs, 4 vs 3, went
    // 150/179 s, 112/131 s, then 140/118 s on the shared 2-core machine: noise, not kept.
    maxWorkers: 3,
    // The order, as vitest 4's sequencer makes it: projects one after another by name (e2e,
    // e2e-shared, unit), isolated files first, then the longest (last run's durations) first; one
    // pool of maxWorkers takes them in that order. So `unit` runs last, which suits it: its many
    // short files fill the end. A non-isolated project must stay in one block: the pool keeps a
    // shared fork or thread only while the next file queued is of the same project, else it stops
    // it and the next file pays a start again.
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
          name: 'e2e-shared',
          include: SHARED,
          globalSetup: ['test/support/global-setup.ts'],
          setupFiles: ['test/support/shared-process-guard.ts'],
          pool: 'forks',
          isolate: false,
          testTimeout: 120_000,
        },
      },
      {
        extends: true,
        test: {
          name: 'e2e',
          include: ['test/**/*.test.ts'],
          exclude: ['**/node_modules/**', ...UNIT, ...SHARED],
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
