// Gathering as a dataflow (issue 9): each fetcher declares what it needs, and the runner starts it
// the moment those are known (like Lighthouse gatherers: the runner, not the fetcher, decides the
// order). A fetcher whose need failed is not run: it fails with that need's error, so a part built
// from a failed read carries the read's cause. A tolerant fetcher runs anyway and sees the failure.
//
// Two kinds of edges:
//   needs   the fetcher starts after them (e.g. Stripe needs the keys the configuration read yields);
//   awaits  the fetcher starts at once and waits for them only after sending its own requests (e.g.
//           groups are read at once, named in the shop's language once the configuration says it).
//
// The runner also ranks fetchers: a fetcher on a long chain of dependents gets a higher priority,
// which the per-source request pools (pool.ts) read through `currentPriority()` to send the requests
// others depend on first. `dependencyBound` gives the length of the longest chain, in round trips,
// from the same declarations (the latency benchmark prints it).

import { AsyncLocalStorage } from 'node:async_hooks';

export type Outcome<T = unknown> = { ok: true; value: T } | { ok: false; error: unknown };

export interface FetchContext {
  /** The value of a need or an awaited fetcher (waits for an awaited one); throws its error if it failed. */
  get<T>(id: string): Promise<T>;
  /** The outcome of a need or an awaited fetcher, failure included (waits for an awaited one). */
  outcome<T>(id: string): Promise<Outcome<T>>;
}

export interface Fetcher {
  id: string;
  /** Fetchers whose values it needs before it starts. */
  needs?: readonly string[];
  /** Fetchers it waits for only after sending its own requests: they do not delay its start. */
  awaits?: readonly string[];
  /** The upstream whose request pool its requests go through (for pool sizing). */
  source?: string;
  /** Round trips it waits for one after the other, in a healthy run (0: computation only). */
  rounds?: number;
  /** Requests it sends together in its first round, in a healthy run (pool sizing). */
  requests?: number;
  /** Run even when a need failed (its outcome says so) instead of failing with the need's error. */
  tolerant?: boolean;
  run(context: FetchContext): unknown;
}

export interface DataflowHooks {
  onStart?(id: string): void;
  onSettle?(id: string, outcome: Outcome): void;
}

const priorityScope = new AsyncLocalStorage<number>();

/** The priority of the fetcher running in this async context (0 outside any): higher goes first. */
export function currentPriority(): number {
  return priorityScope.getStore() ?? 0;
}

/** Fetchers by id, checked: unique ids, known edges, no cycle. Returns them in an order where needs come first. */
function ordered(fetchers: readonly Fetcher[]): Fetcher[] {
  const byId = new Map<string, Fetcher>();
  for (const f of fetchers) {
    if (byId.has(f.id)) throw new Error(`dataflow: two fetchers named "${f.id}"`);
    byId.set(f.id, f);
  }
  for (const f of fetchers) {
    for (const dep of [...(f.needs ?? []), ...(f.awaits ?? [])]) if (!byId.has(dep)) throw new Error(`dataflow: "${f.id}" depends on unknown "${dep}"`);
  }
  const out: Fetcher[] = [];
  const state = new Map<string, 'visiting' | 'done'>();
  const visit = (f: Fetcher, path: string[]) => {
    const s = state.get(f.id);
    if (s === 'done') return;
    if (s === 'visiting') throw new Error(`dataflow: cycle ${[...path, f.id].join(' → ')}`);
    state.set(f.id, 'visiting');
    for (const dep of [...(f.needs ?? []), ...(f.awaits ?? [])]) visit(byId.get(dep)!, [...path, f.id]);
    state.set(f.id, 'done');
    out.push(f);
  };
  for (const f of fetchers) visit(f, []);
  return out;
}

/**
 * When each fetcher is done, in round trips from the start, if every request took one round trip
 * and pools never made anyone wait: after its needs, plus its own rounds, and not before what it awaits.
 */
export function finishTimes(fetchers: readonly Fetcher[]): Map<string, number> {
  const finish = new Map<string, number>();
  for (const f of ordered(fetchers)) {
    const start = Math.max(0, ...(f.needs ?? []).map((n) => finish.get(n)!));
    finish.set(f.id, Math.max(start + (f.rounds ?? 0), ...(f.awaits ?? []).map((a) => finish.get(a)!)));
  }
  return finish;
}

/** The longest chain of dependent round trips, and the fetchers along it (first to last). */
export function dependencyBound(fetchers: readonly Fetcher[]): { rounds: number; chain: string[] } {
  const finish = finishTimes(fetchers);
  const byId = new Map(fetchers.map((f) => [f.id, f]));
  let last: Fetcher | undefined;
  for (const f of fetchers) if (!last || finish.get(f.id)! > finish.get(last.id)!) last = f;
  const chain: string[] = [];
  for (let f = last; f; ) {
    chain.unshift(f.id);
    const deps = [...(f.needs ?? []), ...(f.awaits ?? [])];
    // The dependency that decided when this one finished (or started).
    const start = finish.get(f.id)! - (f.rounds ?? 0);
    const decisive = deps.map((d) => byId.get(d)!).find((d) => finish.get(d.id) === start || finish.get(d.id) === finish.get(f!.id));
    f = decisive;
  }
  return { rounds: last ? finish.get(last.id)! : 0, chain };
}

/**
 * Each fetcher's priority: the round trips that still follow its start on its longest chain of
 * dependents (its own included). Requests on the critical path go first.
 */
export function priorities(fetchers: readonly Fetcher[]): Map<string, number> {
  const order = ordered(fetchers);
  const needers = new Map<string, Fetcher[]>();
  const awaiters = new Map<string, Fetcher[]>();
  for (const f of order) {
    for (const n of f.needs ?? []) needers.set(n, [...(needers.get(n) ?? []), f]);
    for (const a of f.awaits ?? []) awaiters.set(a, [...(awaiters.get(a) ?? []), f]);
  }
  const remaining = new Map<string, number>();
  // Dependents come after what they depend on in `order`: walked backwards, they are known first.
  for (const f of [...order].reverse()) {
    const after = Math.max(
      0,
      ...(needers.get(f.id) ?? []).map((d) => remaining.get(d.id)!),
      // An awaiting fetcher has sent its own requests already: only what follows it remains.
      ...(awaiters.get(f.id) ?? []).map((d) => remaining.get(d.id)! - (d.rounds ?? 0)),
    );
    remaining.set(f.id, (f.rounds ?? 0) + after);
  }
  return remaining;
}

/** Requests a source sends in its first wave (every fetcher of it that needs nothing). */
export function firstWave(fetchers: readonly Fetcher[], source: string): number {
  return fetchers.filter((f) => f.source === source && !(f.needs ?? []).length).reduce((n, f) => n + (f.requests ?? 1), 0);
}

export interface Dataflow {
  /** The outcome of one fetcher, once settled. */
  outcome<T>(id: string): Promise<Outcome<T>>;
  /** Settles when every fetcher has. */
  done: Promise<void>;
}

/** Starts every fetcher as soon as its needs are known. Never rejects: failures are outcomes. */
export function runDataflow(fetchers: readonly Fetcher[], hooks: DataflowHooks = {}): Dataflow {
  const order = ordered(fetchers);
  const prio = priorities(order);
  const settled = new Map<string, Promise<Outcome>>();
  const resolvers = new Map<string, (o: Outcome) => void>();
  for (const f of order) settled.set(f.id, new Promise<Outcome>((resolve) => resolvers.set(f.id, resolve)));
  const outcome = <T>(id: string): Promise<Outcome<T>> => {
    const p = settled.get(id);
    if (!p) return Promise.reject(new Error(`dataflow: no fetcher "${id}"`));
    return p as Promise<Outcome<T>>;
  };

  const launch = async (f: Fetcher): Promise<void> => {
    const needs = await Promise.all((f.needs ?? []).map((n) => settled.get(n)!));
    const failedNeed = needs.find((o) => !o.ok);
    let result: Outcome;
    if (failedNeed && !f.tolerant) {
      // Not run: it fails with the read it needed (the same cause, not a vaguer one).
      result = failedNeed;
    } else {
      const allowed = new Set([...(f.needs ?? []), ...(f.awaits ?? [])]);
      const context: FetchContext = {
        outcome: <T>(id: string) => (allowed.has(id) ? outcome<T>(id) : Promise.reject(new Error(`dataflow: "${f.id}" did not declare "${id}"`))),
        get: async <T>(id: string) => {
          const o = await context.outcome<T>(id);
          if (!o.ok) throw o.error;
          return o.value;
        },
      };
      hooks.onStart?.(f.id);
      try {
        result = { ok: true, value: await priorityScope.run(prio.get(f.id)!, () => f.run(context)) };
      } catch (error) {
        result = { ok: false, error };
      }
    }
    try {
      hooks.onSettle?.(f.id, result);
    } finally {
      resolvers.get(f.id)!(result);
    }
  };

  const done = Promise.all(order.map((f) => launch(f))).then(() => undefined);
  return { outcome, done };
}
