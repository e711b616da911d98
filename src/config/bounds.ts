// Limits that keep reading a configuration cheap whatever the file holds. A real configuration is
// a few kilobytes (a club is about 300 bytes): the limits are two orders of magnitude above that.
//
// - Size: checked on the file before it is read (and again on what a loader receives, for files
//   pulled in by `$import`), so a huge file is never parsed.
// - Values: YAML aliases (`*a`) make the parser return shared objects, so a few hundred bytes of
//   "billion laughs" describe 10^9 values that every later walk (env: references, validation)
//   would expand. The parsed value is walked with a budget, counting every value each time it is
//   reached, and refused as soon as the budget is spent: a bomb costs at most the budget.
// - Depth: nested too deeply, the walk stops too (the YAML parser has its own depth limit).

import type { Text } from '../engine/types.js';
import { BOUNDS_MESSAGES } from './messages.js';

export const MAX_CONFIG_BYTES = 1024 * 1024;
export const MAX_CONFIG_VALUES = 100_000;
export const MAX_CONFIG_DEPTH = 64;

export class ConfigTooBigError extends Error {
  constructor(
    readonly filepath: string,
    readonly what: Text,
  ) {
    super(`${filepath}: ${what.en}`);
    this.name = 'ConfigTooBigError';
  }
}

export function sizeLimit(filepath: string, bytes: number): void {
  if (bytes > MAX_CONFIG_BYTES) {
    const size = (bytes / 1024 / 1024).toFixed(1);
    throw new ConfigTooBigError(filepath, BOUNDS_MESSAGES.size(size, MAX_CONFIG_BYTES / 1024 / 1024));
  }
}

/** Throws ConfigTooBigError when `value` holds more than MAX_CONFIG_VALUES values (aliases counted each time) or nests too deeply. */
export function valueLimits(filepath: string, value: unknown): void {
  let budget = MAX_CONFIG_VALUES;
  // Iterative, so that the walk itself cannot overflow the stack.
  const stack: Array<[unknown, number]> = [[value, 0]];
  while (stack.length) {
    const [current, depth] = stack.pop()!;
    if (--budget < 0) {
      throw new ConfigTooBigError(filepath, BOUNDS_MESSAGES.values(MAX_CONFIG_VALUES));
    }
    if (depth > MAX_CONFIG_DEPTH) {
      throw new ConfigTooBigError(filepath, BOUNDS_MESSAGES.depth(MAX_CONFIG_DEPTH));
    }
    if (current && typeof current === 'object') {
      for (const child of Object.values(current)) stack.push([child, depth + 1]);
    }
  }
}
