// Set-up file of the `e2e-shared` project (vitest.config.ts), whose test files run one after
// another in the same process (forks, isolate: false). A file there must leave the process as it
// found it, or the next file runs in a process it did not expect. So this takes the process-wide
// state a test could change before each file, and after the file's own afterAll hooks (vitest runs
// after-hooks in reverse order, and this file's are registered first) fails the file that changed
// it: the environment, the working directory, process listeners (signals, exit), the global fetch
// dispatcher, the exit code, the time zone, and listening servers or child processes left open
// (those that keep the event loop alive: an unref'd handle, like the terminal driver's tmux client,
// is not listed by process.getActiveResourcesInfo()).

import { getGlobalDispatcher } from 'undici';
import { afterAll, beforeAll, expect } from 'vitest';

const WATCHED_EVENTS = ['SIGINT', 'SIGTERM', 'SIGHUP', 'exit', 'beforeExit', 'uncaughtException', 'unhandledRejection', 'warning'] as const;
/** Handles a file must close before it ends: a listening server, a child process. */
const OWNED_RESOURCES = new Set(['TCPServerWrap', 'PipeServerWrap', 'ProcessWrap']);

interface ProcessState {
  env: Record<string, string | undefined>;
  cwd: string;
  listeners: Record<string, number>;
  exitCode: typeof process.exitCode;
  timeZone: string;
  resources: Record<string, number>;
}

function processState(): ProcessState {
  const resources: Record<string, number> = {};
  for (const r of process.getActiveResourcesInfo()) if (OWNED_RESOURCES.has(r)) resources[r] = (resources[r] ?? 0) + 1;
  return {
    env: { ...process.env },
    cwd: process.cwd(),
    listeners: Object.fromEntries(WATCHED_EVENTS.map((e) => [e, process.listenerCount(e)])),
    exitCode: process.exitCode,
    timeZone: Intl.DateTimeFormat().resolvedOptions().timeZone,
    resources,
  };
}

/** Resources close asynchronously (a server's handle goes on the next turns): wait for them to settle. */
async function settled(): Promise<ProcessState> {
  for (let turn = 0; turn < 20; turn++) await new Promise((r) => setImmediate(r));
  return processState();
}

let before: ProcessState;
let dispatcher: unknown;

beforeAll(async () => {
  before = await settled();
  dispatcher = getGlobalDispatcher();
});

afterAll(async () => {
  const after = await settled();
  expect(after, 'a file of the shared process pool must leave the process as it found it (vitest.config.ts, e2e-shared)').toEqual(before);
  expect(getGlobalDispatcher() === dispatcher, 'the global undici dispatcher was replaced').toBe(true);
});
