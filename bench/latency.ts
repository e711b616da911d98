// Benchmark (issue 9, item 5a: speed at the dependency bound). One club, all checks, through the
// built CLI against the demo sandbox, with every request of every emulator (PrestaShop webservice,
// Stripe, Sendcloud, coupon endpoint) held L ms before it is answered. With L = 0 and L = 400 ms:
//
//   rounds = (wall(L) − wall(0)) / L
//
// is how many request latencies the run waits for one after the other. The best a run can do is the
// dependency bound: the longest chain of reads where one needs the answer of the other, computed
// here from the fetchers' own declarations (src/sources/gather.ts planGathering, dataflow.ts
// dependencyBound) for the same club and checks as the CLI run. The target is rounds ≤ 1.3 × bound
// (≤ 2.6 for the healthy demo club) and no request asked twice. Targets are printed here, never
// asserted in tests.
//
//   npm run bench:latency        (BENCH_RUNS=n runs per latency, default 5; BENCH_LATENCY=ms, default 400)

import { spawn } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { resolveFixtureSet, startFixtureSet, type RunningSandbox } from '../src/sandbox/fixture-set.js';
import { matchClub } from '../src/engine/clubs.js';
import { builtinRegistry, partsNeeded } from '../src/engine/registry.js';
import { dependencyBound, finishTimes } from '../src/sources/dataflow.js';
import { planGathering } from '../src/sources/gather.js';
import type { Config } from '../src/config/schema.js';

const RUNS = Number(process.env.BENCH_RUNS ?? 5);
const LATENCY = Number(process.env.BENCH_LATENCY ?? 400);
const ROOT = process.cwd();
const CLUB = 'Étoile Sportive de Fréjus';

/**
 * The dependency bound of the CLI run below (one club by name, every check), from the fetchers the
 * run plans: their declared needs and the round trips each waits for. Nothing is sent.
 */
function declaredBound(config: Config): { rounds: number; chain: string[]; fetchers: string[] } {
  const plan = planGathering({
    config,
    query: {},
    needs: partsNeeded(builtinRegistry().all(), {}),
    choose: (clubs) => [matchClub(CLUB, clubs)],
    fallbackNames: [CLUB],
  });
  const finish = finishTimes(plan.fetchers);
  const fetchers = plan.fetchers.map((f) => `${f.id}${f.needs?.length ? ` ← ${f.needs.join(', ')}` : ''}${f.awaits?.length ? ` (awaits ${f.awaits.join(', ')})` : ''}: done after ${finish.get(f.id)} round(s)`);
  return { ...dependencyBound(plan.fetchers), fetchers: [...fetchers, `pools: webservice ${plan.pools.prestashop}, Stripe ${plan.pools.stripe}`] };
}

interface RunResult {
  ms: number;
  code: number | null;
  requests: number;
  repeated: number;
  stats: string;
  upstream: number;
  upstreamRepeated: number;
  repeatedTargets: string[];
}

function emulators(sandbox: RunningSandbox) {
  return [sandbox.prestashop, sandbox.stripe, sandbox.sendcloud, sandbox.coupons].filter((s) => s !== undefined);
}

/** Requests the emulators received (method + raw target), from their logs: repeats are duplicates the CLI did not count. */
function upstreamTargets(sandbox: RunningSandbox): string[] {
  const out: string[] = [];
  out.push(...sandbox.prestashop.requests.map((r) => `ps ${r.method} ${r.url}`));
  out.push(...sandbox.coupons.requests.map((r) => `coupons ${r.method} ${r.url}`));
  // Stripe: per key (masked), since the same path asked with the secret and the publishable key is
  // two different questions (api-notes/stripe.md: the publishable probe), not a repeat.
  for (const c of sandbox.stripe?.calls ?? []) out.push(`stripe ${c.method} ${c.path}?${new URLSearchParams(c.query)} key=${c.key}`);
  for (const r of sandbox.sendcloud?.requests() ?? []) out.push(`sendcloud ${r.method} ${r.path}?${new URLSearchParams(r.query)}`);
  return out;
}

function clearLogs(sandbox: RunningSandbox): void {
  sandbox.prestashop.requests.length = 0;
  sandbox.coupons.requests.length = 0;
  sandbox.stripe?.clearLog();
  sandbox.sendcloud?.clearLog();
}

function runCli(config: string, extra: string[]): Promise<Omit<RunResult, 'upstream' | 'upstreamRepeated' | 'repeatedTargets'>> {
  return new Promise((resolve, reject) => {
    const env = Object.fromEntries(Object.entries(process.env).filter(([k]) => !k.startsWith('CLAUDE')));
    const args = [join(ROOT, 'bin/checkout-doctor.js'), 'diagnose', CLUB, '--config', config, '--format', 'json', '--debug', ...extra];
    const started = performance.now();
    const child = spawn(process.execPath, args, { env: { ...env, NO_COLOR: '1' }, stdio: ['ignore', 'ignore', 'pipe'] });
    let stderr = '';
    child.stderr.setEncoding('utf8').on('data', (d: string) => (stderr += d));
    child.on('error', reject);
    child.on('close', (code) => {
      const stats = /stats: (.*)/.exec(stderr)?.[1] ?? `no stats line; stderr: ${stderr.slice(0, 300)}`;
      resolve({
        ms: performance.now() - started,
        code,
        stats,
        requests: Number(/requests=(\d+)/.exec(stats)?.[1] ?? NaN),
        repeated: Number(/repeated=(\d+)/.exec(stats)?.[1] ?? NaN),
      });
    });
  });
}

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;

/** Arrival time of every request at any emulator (through its fault injector, which sees them all). */
const arrivals: { at: number; who: string; target: string }[] = [];
function watchArrivals(sandbox: RunningSandbox): void {
  const named = [
    ['ps', sandbox.prestashop],
    ['stripe', sandbox.stripe],
    ['sendcloud', sandbox.sendcloud],
    ['coupons', sandbox.coupons],
  ] as const;
  for (const [who, e] of named) {
    if (!e) continue;
    const original = e.faults.intercept.bind(e.faults);
    e.faults.intercept = (req, res) => {
      arrivals.push({ at: performance.now(), who, target: `${req.method} ${req.url}` });
      return original(req, res);
    };
  }
}

/** Waves in the last run (see printWaves). */
function countWaves(latency: number): number {
  let waves = arrivals.length ? 1 : 0;
  for (let i = 1; i < arrivals.length; i++) if (arrivals[i]!.at - arrivals[i - 1]!.at >= latency / 2) waves += 1;
  return waves;
}

/** The last run's requests by arrival, grouped in waves (a wave starts when a request comes ≥ L/2 after the previous one). */
function printWaves(latency: number): void {
  if (!arrivals.length) return;
  const t0 = arrivals[0]!.at;
  let wave = 1;
  let previous = t0;
  console.log(`  arrivals at the emulators, last run with L = ${latency} ms:`);
  for (const a of arrivals) {
    if (a.at - previous >= latency / 2) wave += 1;
    previous = a.at;
    console.log(`    wave ${wave}  +${(a.at - t0).toFixed(0).padStart(5)} ms  ${a.who.padEnd(9)} ${a.target.slice(0, 110)}`);
  }
}

/** One run at `latency`: every request of every emulator held that long. */
async function measureOnce(sandbox: RunningSandbox, config: string, latency: number, extra: string[]): Promise<RunResult> {
  const removers = emulators(sandbox).map((e) => e.faults.add({ name: 'bench-latency', path: '*', latencyMs: latency }));
  try {
    clearLogs(sandbox);
    arrivals.length = 0;
    const r = await runCli(config, extra);
    const targets = upstreamTargets(sandbox);
    const repeatedTargets = [...new Set(targets.filter((t, i) => targets.indexOf(t) !== i))];
    return { ...r, upstream: targets.length, upstreamRepeated: targets.length - new Set(targets).size, repeatedTargets };
  } finally {
    for (const remove of removers) remove();
  }
}

/**
 * RUNS pairs, L = 0 then L, in alternation: a machine busier for a while (2 cores shared) weighs on
 * both runs of a pair, so the median of the per-pair rounds is steadier than the medians' difference.
 */
async function measure(sandbox: RunningSandbox, config: string, latency: number, extra: string[]): Promise<{ base: RunResult[]; slow: RunResult[] }> {
  const base: RunResult[] = [];
  const slow: RunResult[] = [];
  for (let i = 0; i < RUNS; i++) {
    base.push(await measureOnce(sandbox, config, 0, extra));
    slow.push(await measureOnce(sandbox, config, latency, extra));
  }
  return { base, slow };
}

async function main(): Promise<void> {
  const sandbox = await startFixtureSet(resolveFixtureSet('demo'));
  try {
    const dir = mkdtempSync(join(tmpdir(), 'cd-bench-latency-'));
    const config = join(dir, 'checkout-doctor.json');
    writeFileSync(config, JSON.stringify(sandbox.config));
    watchArrivals(sandbox);
    console.log(`latency benchmark: "${CLUB}", all checks, demo sandbox, median of ${RUNS} runs per latency, paired, Node ${process.version}`);
    const bound = declaredBound(sandbox.config);
    console.log(`dependency bound ${bound.rounds}, from the fetchers' declared dependencies; longest chain: ${bound.chain.join(' → ')}`);
    for (const line of bound.fetchers) console.log(`  - ${line}`);
    for (const v of [{ name: 'diagnose (all checks)', args: [] as string[], bound: bound.rounds }]) {
      await runCli(config, v.args); // warm the file cache
      const { base, slow } = await measure(sandbox, config, LATENCY, v.args);
      const w0 = median(base.map((r) => r.ms));
      const wl = median(slow.map((r) => r.ms));
      const rounds = (wl - w0) / LATENCY;
      const paired = median(slow.map((r, i) => (r.ms - base[i]!.ms) / LATENCY));
      const target = 1.3 * v.bound;
      const last = slow.at(-1)!;
      const waves = countWaves(LATENCY);
      console.log(`\n${v.name}`);
      console.log(`  wall(0)      ${w0.toFixed(0).padStart(6)} ms   runs: ${base.map((r) => r.ms.toFixed(0)).join(', ')}`);
      console.log(`  wall(${LATENCY})    ${wl.toFixed(0).padStart(6)} ms   runs: ${slow.map((r) => r.ms.toFixed(0)).join(', ')}`);
      console.log(`  rounds       ${rounds.toFixed(2).padStart(6)}      bound ${v.bound}, ratio ${(rounds / v.bound).toFixed(2)}×   target ≤ ${target.toFixed(1)} ${rounds <= target ? 'met' : 'NOT met'}`);
      console.log(`  paired       ${paired.toFixed(2).padStart(6)}      median of per-pair rounds; waves of requests on the last run: ${waves} (the critical path seen by the emulators)`);
      console.log(`  requests     ${String(last.requests).padStart(6)}      repeated ${last.repeated} (CLI stats)   upstream received ${last.upstream}, repeated ${last.upstreamRepeated}   target 0 repeated ${last.repeated === 0 && last.upstreamRepeated === 0 ? 'met' : 'NOT met'}`);
      printWaves(LATENCY);
      for (const t of last.repeatedTargets) console.log(`  received more than once: ${t}`);
      console.log(`  exit code    ${String(last.code).padStart(6)}      stats: ${last.stats}`);
    }
  } finally {
    await sandbox.close();
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exitCode = 1;
});
