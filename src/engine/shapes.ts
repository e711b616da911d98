// The fast path of validation (issue 9, start-up): the shapes of the snapshot file, of a part
// envelope and of every part, as plain data (src/engine/part-shapes.generated.ts, derived from the
// zod schemas by src/engine/shape-of.ts), and a small interpreter of them.
//
// Why: building the zod schemas of every part, then parsing with them, was a third of a snapshot
// diagnosis's CPU time. Data that is well formed is by far the common case: `fastParse` accepts
// it, and returns exactly what zod's parse would (same values, same keys in the same order, fresh
// objects and arrays, `unknown` values by reference). Anything it is not sure of — a wrong type, a
// missing field, an extra key zod would strip, a default zod would fill in, a construct it does
// not know — is not an error here: it answers NO, and the caller parses with zod, whose issues
// (and messages) are the ones users see. So the fast path can only be too strict, never too lax.
//
// Zod-free on purpose: a run that only reads well-formed data never builds a schema.

import { PART_SHAPES } from './part-shapes.generated.js';
import type { PartName } from './parts.js';

/**
 * Parse options for data validated once per run (a part, a snapshot file, a configuration): no
 * JIT. zod compiles a parser for each object schema the first time it parses (`new Function`),
 * which costs more than it saves on data parsed once — about half of the part validation of a
 * snapshot diagnosis (issue 9, start-up). Same rules, same issues: only the fast path is skipped,
 * and at 20 000 carriers both paths take the same time.
 */
export const PARSE_ONCE = { jitless: true } as const;

/** A part this version knows (the generated shapes name exactly the parts of PART_SCHEMAS). */
export function isPartName(name: string): name is PartName {
  return Object.prototype.hasOwnProperty.call(PART_SHAPES, name);
}

/** A string check: minimum length, maximum length, pattern (tested from index 0). */
export type StringCheck = readonly ['min', number] | readonly ['max', number] | readonly ['re', RegExp];
/** A number check: safe integer, bounds (inclusive or not). */
export type NumberCheck = readonly ['int'] | readonly ['>=', number] | readonly ['>', number] | readonly ['<=', number] | readonly ['<', number];
/** An object field: key, shape of its value, whether it may be absent (zod's optional in and out). */
export type Field = readonly [key: string, shape: Shape, absentOk: 0 | 1];

export type Shape =
  /** unknown: any value, kept as is (by reference). */
  | 'u'
  | 'b'
  /** What the fast path does not know: always NO (zod decides). */
  | 'x'
  | readonly ['s', ...StringCheck[]]
  | readonly ['n', ...NumberCheck[]]
  /** One of these values (literals, enums). */
  | readonly ['in', ...(string | number | boolean | null)[]]
  /** Nullable. */
  | readonly ['nl', Shape]
  /** Object (zod strips unknown keys: here an unknown key is NO), fields in the schema's order. */
  | readonly ['o', readonly Field[]]
  | readonly ['a', Shape, ...(readonly ['min', number] | readonly ['max', number])[]]
  /** Record with plain string keys. */
  | readonly ['r', Shape]
  /** Discriminated union: the option whose `key` field holds the value. */
  | readonly ['du', string, readonly Shape[]]
  /** Union of primitives of different types (at most one can match). */
  | readonly ['or', ...Shape[]];

/** The fast path's "not sure": parse with zod. */
export const NO: unique symbol = Symbol('fast-parse: not sure');

const hasOwn = (o: object, key: PropertyKey) => Object.prototype.hasOwnProperty.call(o, key);
const isPlainObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && Object.getPrototypeOf(v) === Object.prototype;

function stringOk(v: string, checks: readonly unknown[]): boolean {
  for (let i = 1; i < checks.length; i++) {
    const c = checks[i] as StringCheck;
    if (c[0] === 'min' ? v.length < c[1] : c[0] === 'max' ? v.length > c[1] : ((c[1].lastIndex = 0), !c[1].test(v))) return false;
  }
  return true;
}

/** An array's length checks (min and max only: the shape of an array never holds a pattern). */
function lengthOk(length: number, shape: readonly unknown[]): boolean {
  for (let i = 2; i < shape.length; i++) {
    const c = shape[i] as StringCheck;
    if (c[0] === 'min' ? length < c[1] : c[0] === 'max' ? length > c[1] : true) return false;
  }
  return true;
}

function numberOk(v: number, checks: readonly unknown[]): boolean {
  if (!Number.isFinite(v)) return false;
  for (let i = 1; i < checks.length; i++) {
    const c = checks[i] as NumberCheck;
    switch (c[0]) {
      case 'int': if (!Number.isSafeInteger(v)) return false; break;
      case '>=': if (!(v >= c[1])) return false; break;
      case '>': if (!(v > c[1])) return false; break;
      case '<=': if (!(v <= c[1])) return false; break;
      case '<': if (!(v < c[1])) return false; break;
    }
  }
  return true;
}

/**
 * `value` parsed: by the fast path when it is sure, else by `slow` (zod's safeParse, whose issues
 * users see). The one way callers combine the two (the runner's parts, the snapshot file).
 */
export function parseFastOr<R>(shape: Shape, value: unknown, slow: () => R): { success: true; data: unknown } | R {
  const data = fastParse(shape, value);
  return data === NO ? slow() : { success: true, data };
}

/**
 * What zod's parse of `value` with the schema `shape` was derived from would return, or NO when
 * the fast path is not sure (zod then decides, with its own issues).
 */
export function fastParse(shape: Shape, value: unknown): unknown {
  if (value === undefined) return NO;
  switch (shape) {
    case 'u': return value;
    case 'b': return typeof value === 'boolean' ? value : NO;
    case 'x': return NO;
  }
  switch (shape[0]) {
    case 's': return typeof value === 'string' && stringOk(value, shape) ? value : NO;
    case 'n': return typeof value === 'number' && numberOk(value, shape) ? value : NO;
    // From index 1: index 0 is the tag ('in' itself is not a value of the schema).
    case 'in': return (shape as readonly unknown[]).indexOf(value, 1) > 0 ? value : NO;
    case 'nl': return value === null ? null : fastParse(shape[1], value);
    case 'o': {
      if (!isPlainObject(value)) return NO;
      const out: Record<string, unknown> = {};
      let present = 0;
      for (const [key, field, absentOk] of shape[1]) {
        if (hasOwn(value, key)) {
          const parsed = fastParse(field, value[key]);
          if (parsed === NO) return NO;
          out[key] = parsed;
          present++;
        } else if (!absentOk || key in value) return NO;
      }
      // A key the schema does not name would be stripped by zod: not the same object.
      return Object.keys(value).length === present ? out : NO;
    }
    case 'a': {
      if (!Array.isArray(value) || !lengthOk(value.length, shape)) return NO;
      const out = new Array<unknown>(value.length);
      for (let i = 0; i < value.length; i++) {
        const parsed = fastParse(shape[1], value[i]);
        if (parsed === NO) return NO;
        out[i] = parsed;
      }
      return out;
    }
    case 'r': {
      if (!isPlainObject(value)) return NO;
      const out: Record<string, unknown> = {};
      for (const key of Reflect.ownKeys(value)) {
        if (typeof key !== 'string' || key === '__proto__' || !Object.prototype.propertyIsEnumerable.call(value, key)) return NO;
        const parsed = fastParse(shape[1], value[key]);
        if (parsed === NO) return NO;
        out[key] = parsed;
      }
      return out;
    }
    case 'du': {
      if (!isPlainObject(value)) return NO;
      const tag = value[shape[1]];
      for (const option of shape[2]) {
        const field = option !== 'u' && option !== 'b' && option !== 'x' && option[0] === 'o' ? option[1].find((f) => f[0] === shape[1]) : undefined;
        if (field && fastParse(field[1], tag) !== NO) return fastParse(option, value);
      }
      return NO;
    }
    case 'or': {
      for (let i = 1; i < shape.length; i++) {
        const parsed = fastParse(shape[i] as Shape, value);
        if (parsed !== NO) return parsed;
      }
      return NO;
    }
  }
  return NO;
}
