// The fast path of validation (src/engine/shapes.ts, issue 9 start-up): its shapes are the zod
// schemas' (the generated file does not drift), and for any data it accepts it returns exactly
// what zod returns — checked on every part of the demo snapshot and on thousands of variants of
// them (a field of another type, missing, extra, out of bounds…): where zod refuses, the fast
// path is never sure; where it is sure, zod gives the same value, keys in the same order.

import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { ENVELOPE_SHAPE, PART_SHAPES, SNAPSHOT_FILE_SHAPE } from '../../src/engine/part-shapes.generated.js';
import { PARSE_ONCE, PART_SCHEMAS, type PartName } from '../../src/engine/parts.js';
import { PART_SHAPES_FILE, partShapesSource } from '../../src/engine/shape-of.js';
import { fastParse, NO, type Shape } from '../../src/engine/shapes.js';
import { partEnvelopeSchema, snapshotFileSchema } from '../../src/engine/snapshot.js';
import type * as z from 'zod';

const DEMO = 'fixtures/demo-shop.snapshot.json';
const demoJson = () => JSON.parse(readFileSync(DEMO, 'utf8')) as { parts: Record<string, unknown>; lookups: Record<string, Record<string, unknown>>; clubs: { parts: Record<string, unknown> }[] };

/** Every part of the demo snapshot that holds data: [part name, data]. */
function demoParts(): [PartName, unknown][] {
  const json = demoJson();
  const lookupPart: Record<string, PartName> = { customer: 'prestashop.customer', code: 'prestashop.cartRule', order: 'prestashop.order' };
  const envelopes: [string, unknown][] = [
    ...Object.entries(json.parts),
    ...json.clubs.flatMap((c) => Object.entries(c.parts)),
    ...Object.entries(json.lookups).flatMap(([key, answers]) => Object.values(answers).map((e): [string, unknown] => [lookupPart[key]!, e])),
  ];
  return envelopes.flatMap(([name, e]) => ((e as { status: string }).status === 'ok' ? [[name as PartName, (e as { data: unknown }).data]] : []));
}

/** Same as zod: refused by both, or the same value (compared as JSON text: key order counts). */
function expectSameAsZod(shape: Shape, schema: z.ZodType, value: unknown): 'fast' | 'zod' {
  const fast = fastParse(shape, value);
  const parsed = schema.safeParse(value, PARSE_ONCE);
  if (fast === NO) return 'zod';
  expect(parsed.success, `fast path accepted what zod refuses: ${JSON.stringify(value)?.slice(0, 300)}`).toBe(true);
  expect(JSON.stringify(fast)).toBe(JSON.stringify(parsed.data));
  return 'fast';
}

/** Variants of a value, one change each, at every depth. */
function* variants(value: unknown): Generator<unknown> {
  const odd: unknown[] = [null, 'x', '', -1, 0.5, 1e300 * 10, true, [], {}, '2026-13-45 99:00:00'];
  for (const v of odd) yield v;
  if (Array.isArray(value)) {
    if (value.length) yield value.slice(1);
    for (let i = 0; i < value.length; i++) for (const v of variants(value[i])) yield value.map((x, j) => (j === i ? v : x));
    yield [...value, ...value.slice(0, 1)];
  } else if (value && typeof value === 'object') {
    const entries = Object.entries(value);
    yield { ...value, unexpected: 1 };
    yield Object.fromEntries([...entries].reverse());
    for (const [key, field] of entries) {
      yield Object.fromEntries(entries.filter(([k]) => k !== key));
      yield { ...value, [key]: undefined };
      for (const v of variants(field)) yield { ...value, [key]: v };
    }
  } else if (typeof value === 'number') {
    yield value + 0.25;
    yield -value - 1;
  } else if (typeof value === 'string') {
    yield `${value}\n`;
    yield value.slice(0, 1);
  }
}

describe('part shapes', () => {
  it('src/engine/part-shapes.generated.ts is what npm run part-shapes writes from the schemas', () => {
    expect(readFileSync(PART_SHAPES_FILE, 'utf8')).toBe(partShapesSource());
    expect(Object.keys(PART_SHAPES)).toEqual(Object.keys(PART_SCHEMAS));
  });

  it('every part of the demo snapshot takes the fast path, with exactly zod’s result', () => {
    const parts = demoParts();
    expect(parts.length).toBeGreaterThan(20);
    for (const [name, data] of parts) expect(expectSameAsZod(PART_SHAPES[name], PART_SCHEMAS[name], data), name).toBe('fast');
  });

  it('the snapshot file and its envelopes take the fast path, with exactly zod’s result', () => {
    const json = demoJson();
    expect(expectSameAsZod(SNAPSHOT_FILE_SHAPE, snapshotFileSchema(), json)).toBe('fast');
    const envelopes = [...Object.values(json.parts), ...json.clubs.flatMap((c) => Object.values(c.parts))];
    for (const e of envelopes) expect(expectSameAsZod(ENVELOPE_SHAPE, partEnvelopeSchema(), e)).toBe('fast');
  });

  it('on variants of every part, the fast path never accepts what zod refuses, and returns what zod returns', () => {
    const seen = { fast: 0, zod: 0 };
    for (const [name, data] of demoParts()) {
      for (const variant of variants(data)) seen[expectSameAsZod(PART_SHAPES[name], PART_SCHEMAS[name], variant)]++;
    }
    // Both sides exercised: many variants are still valid (fast), many are not (zod decides).
    expect(seen.fast).toBeGreaterThan(100);
    expect(seen.zod).toBeGreaterThan(1000);
  });

  it('on variants of the snapshot file and of envelopes too', () => {
    const json = demoJson();
    const seen = { fast: 0, zod: 0 };
    const small = { ...json, clubs: json.clubs.slice(0, 1), parts: {}, lookups: {} };
    for (const variant of variants(small)) seen[expectSameAsZod(SNAPSHOT_FILE_SHAPE, snapshotFileSchema(), variant)]++;
    const failed = Object.values(json.parts).find((e) => (e as { status: string }).status === 'failed') ?? {
      status: 'failed',
      cause: { source: 'webservice', kind: 'http', message: 'm', text: { fr: 'f', en: 'e' }, status: 500, code: 'E', fix: [{ fr: 'f', en: 'e' }] },
    };
    for (const envelope of [failed, { status: 'unavailable', reason: { fr: 'f', en: 'e' } }, { status: 'ok', data: { a: 1 } }]) {
      for (const variant of variants(envelope)) seen[expectSameAsZod(ENVELOPE_SHAPE, partEnvelopeSchema(), variant)]++;
    }
    expect(seen.fast).toBeGreaterThan(10);
    expect(seen.zod).toBeGreaterThan(50);
  });

  it('what the fast path does not know is never accepted', () => {
    expect(fastParse('x', 1)).toBe(NO);
    expect(fastParse(['o', [['a', 'x', 1]]], { a: 1 })).toBe(NO);
    // An absent field is fine only when zod leaves it absent (optional), a default is zod's to fill.
    expect(fastParse(['o', [['a', ['s'], 1]]], {})).toEqual({});
    expect(fastParse(['o', [['a', ['s'], 0]]], {})).toBe(NO);
  });
});
