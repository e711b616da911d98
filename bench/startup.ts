// Benchmark (issue 9, start-up): how long the built CLI takes to answer, against `node -e 0` on the
// same machine in the same run. Commands and the baseline are run in alternation (paired), so a
// machine that is busier for a while weighs on both sides of each ratio. Prints the median wall
// time of each and its ratio to the baseline, with the targets of the issue beside it, and (on
// Linux) the mean CPU time, user + system, of each: on a machine other work shares, wall time
// measures the queue for the cores, CPU time what the command itself costs.
//
//   npm run bench:startup            (BENCH_RUNS=n to change the number of pairs, default 15)

import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
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

const TICKS_PER_SECOND = Number(spawnSync('getconf', ['CLK_TCK'], { encoding: 'utf8' }).stdout?.trim()) || 100;

/**
 * CPU time (ms, user + system) of this process's children that have ended, from /proc/self/stat
 * (cutime and cstime, in clock ticks): undefined off Linux. Read before and after each run; a tick
 * is 10 ms, but the counts add up exactly, so the mean over many runs is fine-grained.
 */
function childrenCpuMs(): number | undefined {
  try {
    const stat = readFileSync('/proc/self/stat', 'utf8');
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    return ((Number(fields[13]) + Number(fields[14])) * 1000) / TICKS_PER_SECOND;
  } catch {
    return undefined;
  }
}

function timeOnce(args: string[]): { wall: number; cpu: number | undefined } {
  const cpuBefore = childrenCpuMs();
  const start = performance.now();
  const result = spawnSync(process.execPath, args, { stdio: 'ignore', env: { ...process.env, NO_COLOR: '1' } });
  if (result.error) throw result.error;
  const wall = performance.now() - start;
  const cpuAfter = childrenCpuMs();
  return { wall, cpu: cpuBefore === undefined || cpuAfter === undefined ? undefined : cpuAfter - cpuBefore };
}

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;
const mean = (xs: number[]) => xs.reduce((a, b) => a + b, 0) / xs.length;

const baseline: ReturnType<typeof timeOnce>[] = [];
const times = new Map<string, ReturnType<typeof timeOnce>[]>(COMMANDS.map((c) => [c.name, []]));
for (const c of COMMANDS) timeOnce(c.args); // warm the file cache
for (let i = 0; i < RUNS; i++) {
  for (const c of COMMANDS) {
    baseline.push(timeOnce(['-e', '0']));
    times.get(c.name)!.push(timeOnce(c.args));
  }
}

const hasCpu = baseline.every((t) => t.cpu !== undefined);
const base = median(baseline.map((t) => t.wall));
const baseCpu = hasCpu ? mean(baseline.map((t) => t.cpu!)) : 0;
const cpuColumn = (runs: ReturnType<typeof timeOnce>[]) => {
  if (!hasCpu) return '';
  const m = mean(runs.map((t) => t.cpu!));
  return `   cpu ${m.toFixed(0).padStart(4)} ms ${(m / baseCpu).toFixed(2)}×`;
};
const verdict = (target: number | undefined, ratio: number) => (target === undefined ? '' : ` (target ≤ ${target}× ${ratio <= target ? 'met' : 'NOT met'})`);
console.log(`start-up, ${RUNS} paired runs on ${process.platform} ${process.arch}, Node ${process.version}: median wall time${hasCpu ? ', mean CPU time (user + system)' : ''}`);
console.log(`${'node -e 0'.padEnd(22)} ${base.toFixed(0).padStart(6)} ms   1.00×${hasCpu ? `   cpu ${baseCpu.toFixed(0).padStart(4)} ms 1.00×` : ''}`);
for (const c of COMMANDS) {
  const runs = times.get(c.name)!;
  const ratio = median(runs.map((t) => t.wall)) / base;
  const cpuRatio = hasCpu ? mean(runs.map((t) => t.cpu!)) / baseCpu : undefined;
  console.log(`${c.name.padEnd(22)} ${median(runs.map((t) => t.wall)).toFixed(0).padStart(6)} ms   ${ratio.toFixed(2)}×${verdict(c.target, ratio)}${cpuColumn(runs)}${cpuRatio === undefined ? '' : verdict(c.target, cpuRatio)}`);
}
