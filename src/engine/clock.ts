// Milliseconds on a monotonic clock, for durations. From process.hrtime, which Node sets up before
// any program runs: the first read of the global `performance` loads node:perf_hooks and eight of
// Node's modules with it, ~2 ms of CPU at every diagnosis (issue 9). Only differences between two
// of its readings mean anything (not comparable with performance.now()).
export function monotonicMs(): number {
  return Number(process.hrtime.bigint()) / 1e6;
}
