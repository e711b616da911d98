// `sandbox` waits for SIGINT or SIGTERM; the listeners it adds to wait are removed when it returns,
// however it ends. main() also runs in-process (tests, run-in-process.ts): each run used to leave
// two listeners behind — on an unknown fixture before serving anything, and the other signal's one
// after Ctrl-C — until Node warned of a listener leak.

import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PassThrough } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { main } from '../../src/cli/main.js';
import { runMain } from '../support/run-main.js';

const listeners = () => ({ SIGINT: process.listenerCount('SIGINT'), SIGTERM: process.listenerCount('SIGTERM') });

describe('sandbox and the process signal listeners', () => {
  it('an unknown fixture: exit 2, and no listener left', async () => {
    const before = listeners();
    const r = await runMain(['sandbox', 'no-such-fixture'], { cwd: mkdtempSync(join(tmpdir(), 'cd-sandbox-signals-')) });
    expect(r.code).toBe(2);
    expect(listeners()).toEqual(before);
  });

  it('served, then stopped by SIGTERM: exit 0, and neither listener left', async () => {
    const before = listeners();
    const stderr = new PassThrough();
    let err = '';
    const printed = new Promise<void>((resolve) =>
      stderr.setEncoding('utf8').on('data', (d: string) => {
        err += d;
        if (err.includes('Stop with Ctrl-C.')) resolve();
      }),
    );
    const dir = mkdtempSync(join(tmpdir(), 'cd-sandbox-signals-'));
    const run = main(['node', 'checkout-doctor', 'sandbox'], { stdout: new PassThrough(), stderr, env: { LANG: 'en_US.UTF-8', NO_COLOR: '1' }, cwd: dir });
    await printed;
    expect(listeners()).toEqual({ SIGINT: before.SIGINT + 1, SIGTERM: before.SIGTERM + 1 });
    // The signal as Node delivers it to the listeners (this test's own process is not signalled).
    process.emit('SIGTERM', 'SIGTERM');
    expect(await run).toBe(0);
    expect(listeners()).toEqual(before);
  });
});
