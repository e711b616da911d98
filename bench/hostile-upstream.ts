// Benchmark: the built CLI against hostile upstreams on 127.0.0.1 (test/support/hostile.ts: a server
// ignoring the page offset, an endless body, a 64 MiB body, a 1-byte-per-200-ms trickle, an echo of
// the request headers), every upstream of the configuration pointing at it. Prints, per run, wall
// time, exit code, the bytes the server managed to send, and the CLI's own stats line (requests,
// peak RSS). Run with `npm run bench:hostile`. The budget: peak RSS under 300 MB, every run ending
// on its own with a printed report.

import { spawn } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { HOSTILE_MODES, hostileConfig, startHostile } from '../test/support/hostile.js';

const ROOT = process.cwd();
const BUDGET_MB = 300;

function runCli(cwd: string, args: string[]): Promise<{ ms: number; code: number | null; stdoutBytes: number; stats: string; peakMB: number }> {
  return new Promise((resolve, reject) => {
    const started = performance.now();
    const env = Object.fromEntries(Object.entries(process.env).filter(([k]) => !k.startsWith('CLAUDE')));
    const child = spawn(process.execPath, [join(ROOT, 'bin/checkout-doctor.js'), '--debug', ...args], { cwd, env: { ...env, NO_COLOR: '1' }, stdio: ['ignore', 'pipe', 'pipe'] });
    let stderr = '';
    let stdoutBytes = 0;
    child.stdout.on('data', (d: Buffer) => (stdoutBytes += d.length));
    child.stderr.setEncoding('utf8').on('data', (d: string) => (stderr += d));
    child.on('error', reject);
    child.on('close', (code) => {
      const stats = /stats: (.*)/.exec(stderr)?.[1] ?? `no stats line; stderr: ${stderr.slice(0, 300)}`;
      resolve({ ms: performance.now() - started, code, stdoutBytes, stats, peakMB: Number(/peakRssMB=(\d+)/.exec(stats)?.[1] ?? NaN) });
    });
  });
}

async function main(): Promise<void> {
  const dir = mkdtempSync(join(tmpdir(), 'cd-bench-hostile-'));
  console.log(`mode        wall ms  exit  report B  server sent MB  peak RSS MB  stats`);
  let worst = 0;
  for (const mode of HOSTILE_MODES) {
    const server = await startHostile(mode);
    try {
      const config = join(dir, `${mode}.json`);
      writeFileSync(config, JSON.stringify(hostileConfig(server.url, 3000)));
      const r = await runCli(dir, ['diagnose', 'FC Hostile', '--config', config, '--format', 'json', '--test-coupon', '--timeout', '20']);
      worst = Math.max(worst, r.peakMB);
      const sent = (server.bytesSent / 1024 / 1024).toFixed(1);
      console.log(`${mode.padEnd(10)} ${r.ms.toFixed(0).padStart(8)}  ${String(r.code).padStart(4)}  ${String(r.stdoutBytes).padStart(8)}  ${sent.padStart(14)}  ${String(r.peakMB).padStart(11)}  ${r.stats}`);
    } finally {
      await server.close();
    }
  }
  console.log(`worst peak RSS: ${worst} MB (budget ${BUDGET_MB} MB): ${worst < BUDGET_MB ? 'within budget' : 'OVER BUDGET'}`);
}

main().catch((error: unknown) => {
  console.error(error);
  process.exitCode = 1;
});
