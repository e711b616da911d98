// A request pool that serves the highest priority first (FIFO among equals): the dataflow runner
// (dataflow.ts) ranks fetchers by the chain of reads that wait on them, so that, when the pool is
// full, the configuration read that yields the Stripe keys goes before a list nobody waits for.
// The caller's async context (run signal, priority) is kept for the task, whenever it runs.

import { AsyncResource } from 'node:async_hooks';
import { currentPriority } from './dataflow.js';

export type Pool = <T>(task: () => Promise<T>, priority?: number) => Promise<T>;

interface Waiting {
  priority: number;
  start: () => void;
}

export function priorityPool(concurrency: number): Pool & { readonly active: number; readonly pending: number } {
  const size = Math.max(1, Math.floor(concurrency));
  const queue: Waiting[] = [];
  let active = 0;
  const next = () => {
    while (active < size && queue.length) {
      active += 1;
      queue.shift()!.start();
    }
  };
  const pool = <T>(task: () => Promise<T>, priority = currentPriority()): Promise<T> =>
    new Promise<T>((resolve, reject) => {
      const bound = AsyncResource.bind(() => {
        let result: Promise<T>;
        try {
          result = task();
        } catch (error) {
          result = Promise.reject(error);
        }
        result.then(resolve, reject).finally(() => {
          active -= 1;
          next();
        });
      });
      // After every waiting task of the same or a higher priority.
      let at = queue.length;
      while (at > 0 && queue[at - 1]!.priority < priority) at -= 1;
      queue.splice(at, 0, { priority, start: bound });
      next();
    });
  return Object.defineProperties(pool, {
    active: { get: () => active },
    pending: { get: () => queue.length },
  }) as Pool & { readonly active: number; readonly pending: number };
}
