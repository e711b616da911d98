// Benchmark (issue 9, item 2): the Stripe gathering of N clubs, each with its own keys, against the
// Stripe sandbox answering every request after an injected latency. Prints, per size, the wall time,
// the requests per club, the dependency bound — ceil(requests / pool) × latency, what a pool of that
// many requests in flight cannot beat — and the ratio to it, and the peak RSS of the process (sandbox
// and gathering together, each size in a fresh process).
//
//   npm run bench:stripe     (BENCH_CLUBS=10,100,500  BENCH_LATENCY_MS=100  BENCH_POOL=24)

import { spawnSync } from 'node:child_process';
import { performance } from 'node:perf_hooks';
import { fileURLToPath } from 'node:url';
import { FaultInjector } from '../src/sandbox/faults.js';
import { generatedKeys, generateStripeFixture } from '../src/sandbox/stripe/generate.js';
import { startStripeSandbox } from '../src/sandbox/stripe/server.js';
import { DEFAULT_STRIPE_POOL, gatherStripeClubs, stripeClientsCreated, stripeSdkReady } from '../src/sources/stripe/index.js';

// Importing the SDK with these set writes a hint to stderr (api-notes/stripe.md §6).
for (const name of Object.keys(process.env)) if (name === 'CLAUDECODE' || name.startsWith('CLAUDE_CODE_')) delete process.env[name];

const SIZES = (process.env.BENCH_CLUBS ?? '10,100,500').split(',').map(Number);
const LATENCY_MS = Number(process.env.BENCH_LATENCY_MS ?? 100);
const POOL = Number(process.env.BENCH_POOL ?? DEFAULT_STRIPE_POOL);

interface Row {
  clubs: number;
  wallMs: number;
  importMs: number;
  requests: number;
  boundMs: number;
  valid: number;
  clients: number;
  peakRssMb: number;
}

async function one(clubs: number): Promise<Row> {
  const faults = new FaultInjector([{ path: '*', latencyMs: LATENCY_MS }]);
  const sandbox = await startStripeSandbox({ fixture: generateStripeFixture(clubs), faults });
  try {
    // A run starts loading the SDK while it reads PrestaShop (src/sources/gather.ts); do the same
    // here so that the wall time is the Stripe requests', and say what the import cost apart.
    const importStart = performance.now();
    void stripeSdkReady();
    await import('stripe');
    const importMs = performance.now() - importStart;
    const list = Array.from({ length: clubs }, (_, i) => ({ name: String(i), keys: generatedKeys(i) }));
    const start = performance.now();
    const parts = await gatherStripeClubs(list, { apiBase: sandbox.url, concurrency: POOL });
    const wallMs = performance.now() - start;
    const requests = sandbox.requests().length;
    const valid = [...parts.values()].filter((p) => p['club.stripeAccount'].status === 'ok').length;
    return {
      clubs,
      wallMs,
      importMs,
      requests,
      boundMs: Math.ceil(requests / POOL) * LATENCY_MS,
      valid,
      clients: stripeClientsCreated(),
      peakRssMb: process.resourceUsage().maxRSS / 1024,
    };
  } finally {
    await sandbox.close();
  }
}

if (process.argv[2] === '--one') {
  process.stdout.write(JSON.stringify(await one(Number(process.argv[3]))) + '\n');
} else {
  console.log(`Stripe gathering, ${LATENCY_MS} ms per request, pool of ${POOL} requests in flight`);
  console.log('clubs  wall (ms)  req/club  bound (ms)  ratio  clubs ok  SDK clients  peak RSS (MB)  SDK import (ms, apart)');
  for (const clubs of SIZES) {
    const child = spawnSync(process.execPath, [fileURLToPath(import.meta.url), '--one', String(clubs)], { encoding: 'utf8', env: process.env });
    if (child.status !== 0) throw new Error(`bench of ${clubs} clubs failed: ${child.stderr}`);
    const r = JSON.parse(child.stdout.trim().split('\n').pop()!) as Row;
    console.log(
      [
        String(r.clubs).padStart(5),
        r.wallMs.toFixed(0).padStart(9),
        (r.requests / r.clubs).toFixed(2).padStart(8),
        String(r.boundMs).padStart(10),
        (r.wallMs / r.boundMs).toFixed(2).padStart(5),
        String(r.valid).padStart(8),
        String(r.clients).padStart(11),
        r.peakRssMb.toFixed(0).padStart(13),
        r.importMs.toFixed(0).padStart(22),
      ].join('  '),
    );
  }
}
