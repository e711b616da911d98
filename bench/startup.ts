// Benchmark (issue 9, start-up): how long the built CLI takes to answer, against `node -e 0` on the
// same machine in the same run. Commands and the baseline are run in alternation (paired), so a
// machine that is busier for a while weighs on both sides of each ratio. Prints the median wall
// time of each and its ratio to the baseline, with the targets of the issue beside it.
//
//   npm run bench:startup            (BENCH_RUNS=n to change the number of pairs, default 15)

import { spawnSync } from 'node:child_process';
import { performance } from 'node:perf_hooks';

const RUNS = Number(process.env.BENCH_RUNS ?? 15);
const BIN = 'bin/checkout-doctor.js';
const DEMO = 'fixtures/demo-shop.snapshot.json';

const COMMANDS: { name: string; args: string[]; target?: number }[] = [
  { name: '--version', args: [BIN, '--version'], target: 1.5 },
  { name: '--help', args: [BIN, '--help'] },
  { name: 'list-checks', args: [BIN, 'list-checks'] },
  { name: 'explain shop-online', args: [BIN, 'explain', 'shop-online'] },
  { name: 'diagnose --snapshot', args: [BIN, 'diagnose', 'AS Saint-Étienne', '--snapshot', DEMO], target: 2 },
];

function timeOnce(args: string[]): number {
  const start = performance.now();
  const result = spawnSync(process.execPath, args, { stdio: 'ignore', env: { ...process.env, NO_COLOR: '1' } });
  if (result.error) throw result.error;
  return performance.now() - start;
}

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;

const baseline: number[] = [];
const times = new Map<string, number[]>(COMMANDS.map((c) => [c.name, []]));
for (const c of COMMANDS) timeOnce(c.args); // warm the file cache
for (let i = 0; i < RUNS; i++) {
  for (const c of COMMANDS) {
    baseline.push(timeOnce(['-e', '0']));
    times.get(c.name)!.push(timeOnce(c.args));
  }
}

const base = median(baseline);
console.log(`start-up, median of ${RUNS} paired runs on ${process.platform} ${process.arch}, Node ${process.version}`);
console.log(`${'node -e 0'.padEnd(22)} ${base.toFixed(0).padStart(6)} ms   1.00×`);
for (const c of COMMANDS) {
  const m = median(times.get(c.name)!);
  const ratio = m / base;
  const verdict = c.target === undefined ? '' : `   target ≤ ${c.target}× ${ratio <= c.target ? 'met' : 'NOT met'}`;
  console.log(`${c.name.padEnd(22)} ${m.toFixed(0).padStart(6)} ms   ${ratio.toFixed(2)}×${verdict}`);
}
