// Benchmark (issue 9, item 5b: scale). `diagnose --all` through the built CLI over a GENERATED shop
// of N clubs (each its own customer group, category and Stripe account, configured with its keys)
// and 100,000 customers, every emulator (PrestaShop webservice, Stripe, Sendcloud) answering each
// request after L ms (default 100). For N = 10, 100 and 500, prints:
//
//   wall        the CLI's wall time at L (and at 0, the part latency does not explain: start-up, CPU)
//   pool bound  what the request pools cannot beat: for each source, ceil(requests / pool) round
//               trips of L (Stripe 24 in flight, the webservice as the run sizes it, Sendcloud's
//               reads together), the slowest source; never below the dependency bound × L
//   ratio       wall(L) / pool bound (target ≤ 1.3 at 500 clubs)
//   requests    per club (target ≤ 3): the requests each club costs (its Stripe reads: publishable-key
//               probe, account, newest charge), judged against the target; the shop-wide reads
//               (webservice, Sendcloud, shop front; a page more per 500 groups or categories) are printed beside,
//               with the run's total divided by the clubs; and per club added since the previous size,
//               where the shop-wide reads cancel out
//   peak RSS    of the CLI process (target < 200 MB)
//
// The shop is generated here, in memory (customers made once and shared by the sizes), and served by
// the emulators in this process; the CLI runs as a subprocess. Targets are printed, never asserted.
//
//   npm run bench:scale          (BENCH_CLUBS=10,100,500  BENCH_LATENCY_MS=100  BENCH_CUSTOMERS=100000)

import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { cpus, tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import type { Config } from '../src/config/schema.js';
import { FaultInjector } from '../src/sandbox/faults.js';
import { startPrestaShopSandbox } from '../src/sandbox/prestashop/server.js';
import { loadSendcloudFixture } from '../src/sandbox/sendcloud/fixture.js';
import { startSendcloudSandbox } from '../src/sandbox/sendcloud/server.js';
import { parseShopFixture, type ShopFixture } from '../src/sandbox/shop-fixture.js';
import { generatedKeys, generateStripeFixture } from '../src/sandbox/stripe/generate.js';
import { startStripeSandbox } from '../src/sandbox/stripe/server.js';
import { builtinRegistry, partsNeeded } from '../src/engine/registry.js';
import { dependencyBound } from '../src/sources/dataflow.js';
import { planGathering } from '../src/sources/gather.js';

const SIZES = (process.env.BENCH_CLUBS ?? '10,100,500').split(',').map(Number);
const LATENCY = Number(process.env.BENCH_LATENCY_MS ?? 100);
const CUSTOMERS = Number(process.env.BENCH_CUSTOMERS ?? 100_000);
const ROOT = process.cwd();

type Json = Record<string, unknown>;

/** The demo shop's 100,000 customers, made once (the sizes share them: only clubs differ). */
function customers(demo: Json): Json[] {
  const list = [...(demo.customers as Json[])];
  const template = list[0]!;
  for (let i = 0; i < CUSTOMERS; i++) {
    list.push({ ...template, id_customer: 100_000 + i, email: `client.${i}@example.fr`, firstname: 'Client', lastname: `N°${i}`, id_default_group: 3, groups: [3] });
  }
  return list;
}

const GROUP0 = 1_000;
const CATEGORY0 = 10_000;
const clubName = (i: number) => `Club généré ${String(i).padStart(6, '0')}`;

/** The demo shop with `clubs` generated clubs: a group, a category open to it, nothing else of theirs. */
function generatedShop(demo: Json, shared: Json[], clubs: number): ShopFixture {
  const groups = [...(demo.groups as Json[])];
  const categories = [...(demo.categories as Json[])];
  const groupTemplate = groups.find((g) => g.id_group === 4)!;
  const categoryTemplate = categories.find((c) => c.id_category === 10)!;
  for (let i = 0; i < clubs; i++) {
    const name = clubName(i);
    groups.push({ ...groupTemplate, id_group: GROUP0 + i, name: { '1': name, '2': name } });
    categories.push({ ...categoryTemplate, id_category: CATEGORY0 + i, name: { '1': name, '2': name }, link_rewrite: { '1': `club-${i}`, '2': `club-${i}` }, groups: [1, 2, 3, GROUP0 + i] });
  }
  return parseShopFixture({ ...demo, groups, categories, customers: shared, clubs: [] }, `generated shop of ${clubs} clubs`);
}

// GNU time, when installed, gives the CLI's CPU time: the part of the wall time the machine's load
// cannot explain away (the benchmark shares 2 cores with other work).
const GNU_TIME = existsSync('/usr/bin/time') ? ['/usr/bin/time', '-f', 'cpu=%U+%S'] : [];

function runCli(config: string): Promise<{ ms: number; code: number | null; stats: string; cpu: string }> {
  return new Promise((resolve, reject) => {
    const env = Object.fromEntries(Object.entries(process.env).filter(([k]) => !k.startsWith('CLAUDE')));
    const started = performance.now();
    // BENCH_CPU_PROF=dir: a V8 CPU profile of each CLI run, to find what grows with the clubs.
    const profile = process.env.BENCH_CPU_PROF ? ['--cpu-prof', '--cpu-prof-dir', process.env.BENCH_CPU_PROF] : [];
    const [command, ...prefix] = [...GNU_TIME, process.execPath];
    const child = spawn(command!, [...prefix, ...profile, join(ROOT, 'bin/checkout-doctor.js'), 'diagnose', '--all', '--config', config, '--format', 'json', '--debug'], {
      env: { ...env, NO_COLOR: '1' },
      stdio: ['ignore', 'ignore', 'pipe'],
    });
    let stderr = '';
    child.stderr.setEncoding('utf8').on('data', (d: string) => (stderr += d));
    child.on('error', reject);
    child.on('close', (code) => {
      const cpu = /cpu=([\d.]+)\+([\d.]+)/.exec(stderr);
      resolve({
        ms: performance.now() - started,
        code,
        stats: /stats: (.*)/.exec(stderr)?.[1] ?? `no stats line; stderr: ${stderr.slice(0, 400)}`,
        cpu: cpu ? `${(Number(cpu[1]) + Number(cpu[2])).toFixed(1)} s CPU` : 'CPU time unknown',
      });
    });
  });
}

/** Requests per source from the CLI's stats line: `requests=N (prestashop a, stripe b, ...)`. */
function perSource(stats: string): Record<string, number> {
  const inner = /requests=\d+ \(([^)]*)\)/.exec(stats)?.[1] ?? '';
  return Object.fromEntries(inner.split(',').map((s) => s.trim().split(' ')).filter((p) => p.length === 2).map(([name, n]) => [name!, Number(n)]));
}

async function size(demo: Json, shared: Json[], sendcloudFile: string, clubs: number, previous?: { clubs: number; requests: number }): Promise<number> {
  const generatedAt = performance.now();
  const shop = generatedShop(demo, shared, clubs);
  const stripeFixture = generateStripeFixture(clubs);
  const generateMs = performance.now() - generatedAt;
  const slow = () => new FaultInjector([]);
  const faults = { ps: slow(), stripe: slow(), sendcloud: slow() };
  const sendcloudFixture = await loadSendcloudFixture(sendcloudFile);
  const [ps, stripe, sendcloud] = await Promise.all([
    startPrestaShopSandbox({ fixture: shop, faults: faults.ps }),
    startStripeSandbox({ fixture: stripeFixture, faults: faults.stripe }),
    startSendcloudSandbox({ fixture: sendcloudFixture, faults: faults.sendcloud }),
  ]);
  try {
    const key = (shop.webservice_accounts as Array<{ key: string; description: string }>).find((a) => /checkout-doctor/.test(a.description))!.key;
    const sendcloudKeys = sendcloudFixture.keys.find((k) => k.state === 'active')!;
    const config: Config = {
      prestashop: { url: `${ps.url}/`, webserviceKey: key, shopId: shop.shop.id_shop },
      stripe: { apiBase: stripe.url },
      sendcloud: { apiBase: sendcloud.url, publicKey: sendcloudKeys.publicKey, secretKey: sendcloudKeys.secretKey },
      clubs: Array.from({ length: clubs }, (_, i) => ({ name: clubName(i), group: GROUP0 + i, category: CATEGORY0 + i, stripe: generatedKeys(i) })),
    };
    const dir = mkdtempSync(join(tmpdir(), 'cd-bench-scale-'));
    const file = join(dir, 'checkout-doctor.json');
    writeFileSync(file, JSON.stringify(config));

    const plan = planGathering({ config, query: {}, needs: partsNeeded(builtinRegistry().all(), {}), choose: (list) => [...list], fallbackNames: [] });
    const depth = dependencyBound(plan.fetchers).rounds;

    await runCli(file); // warm the file cache
    const base = await runCli(file);
    const removers = Object.values(faults).map((f) => f.add({ name: 'bench-latency', path: '*', latencyMs: LATENCY }));
    const slowRun = await runCli(file);
    for (const remove of removers) remove();

    const requests = perSource(slowRun.stats);
    const total = Object.values(requests).reduce((a, b) => a + b, 0);
    const pools: Record<string, number> = { prestashop: plan.pools.prestashop, stripe: plan.pools.stripe, sendcloud: 5, 'shop-front': 1 };
    const rounds = Object.fromEntries(Object.entries(requests).map(([source, n]) => [source, Math.ceil(n / (pools[source] ?? 1))]));
    const poolRounds = Math.max(depth, ...Object.values(rounds));
    const boundMs = poolRounds * LATENCY;
    const rss = Number(/peakRssMB=(\d+)/.exec(slowRun.stats)?.[1] ?? NaN);
    const perClub = total / clubs;
    // The shop-wide reads (webservice, Sendcloud, shop front) are made once whatever the clubs.
    const ownPerClub = (requests.stripe ?? 0) / clubs;
    const ratio = slowRun.ms / boundMs;
    console.log(`\n${clubs} clubs, ${CUSTOMERS} customers, L = ${LATENCY} ms (shop and Stripe fixture generated in ${generateMs.toFixed(0)} ms)`);
    console.log(`  wall(L)      ${slowRun.ms.toFixed(0).padStart(7)} ms   exit ${slowRun.code}, ${slowRun.cpu}`);
    console.log(`  wall(0)      ${base.ms.toFixed(0).padStart(7)} ms   ${base.cpu} (start-up and CPU; wall(L) − wall(0) = ${(slowRun.ms - base.ms).toFixed(0)} ms)`);
    console.log(
      `  pool bound   ${boundMs.toFixed(0).padStart(7)} ms   ${Object.entries(rounds).map(([s, r]) => `${s} ${requests[s]}/${pools[s] ?? 1} → ${r}`).join(', ')} round(s); dependency bound ${depth}`,
    );
    // The target is set at 500 clubs: below, start-up and the shop's reads outweigh a bound of a
    // few round trips (200 ms at 10 clubs), and the ratio says how each grows, not a verdict.
    const verdict = clubs >= 500 ? `target ≤ 1.3 ${ratio <= 1.3 ? 'met' : 'NOT met'}` : 'target ≤ 1.3 set at 500 clubs';
    console.log(`  ratio        ${ratio.toFixed(2).padStart(7)}      wall(L) / pool bound, ${verdict}; (wall(L) − wall(0)) / bound ${((slowRun.ms - base.ms) / boundMs).toFixed(2)}`);
    // The target reads "requests per club": what each club costs. The shop-wide reads barely grow
    // with the clubs (17 at 10 clubs, 21 at 500: a page per 500 groups or categories), so they are shown apart, and spread over the clubs for
    // whoever reads the target as the run's total divided by the clubs.
    const shopWide = total - (requests.stripe ?? 0);
    console.log(
      `  requests     ${ownPerClub.toFixed(2).padStart(7)}      per club (Stripe: publishable-key probe, account, newest charge), target ≤ 3 ${ownPerClub <= 3 ? 'met' : 'NOT met'}; ` +
        `+ ${shopWide} shop-wide reads made once; ${total} in all = ${perClub.toFixed(2)} per club if spread   (${slowRun.stats})`,
    );
    if (previous && clubs > previous.clubs) {
      // What each club adds, the shop-wide reads cancelling out: the same reading, measured.
      const added = (total - previous.requests) / (clubs - previous.clubs);
      console.log(`  per added club ${added.toFixed(2).padStart(5)}      (${total} − ${previous.requests}) / (${clubs} − ${previous.clubs}) clubs`);
    }
    console.log(`  peak RSS     ${String(rss).padStart(7)} MB   of the CLI process, target < 200 MB ${rss < 200 ? 'met' : 'NOT met'}`);
    return total;
  } finally {
    await Promise.all([ps.close(), stripe.close(), sendcloud.close()]);
  }
}

async function main(): Promise<void> {
  const demo = JSON.parse(readFileSync(join(ROOT, 'fixtures/shops/demo-shop.json'), 'utf8')) as Json;
  const started = performance.now();
  const shared = customers(demo);
  console.log(`scale benchmark: diagnose --all through the built CLI, Node ${process.version}, ${cpus().length} cores; ${CUSTOMERS} customers generated in ${(performance.now() - started).toFixed(0)} ms`);
  let previous: { clubs: number; requests: number } | undefined;
  for (const clubs of SIZES) previous = { clubs, requests: await size(demo, shared, join(ROOT, 'fixtures/shops/demo-sendcloud.json'), clubs, previous) };
}

main().catch((error: unknown) => {
  console.error(error);
  process.exitCode = 1;
});
