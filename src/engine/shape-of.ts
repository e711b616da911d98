// Derives the fast-path shape (src/engine/shapes.ts) of a zod schema, from its definition. Used
// by `npm run part-shapes` (scripts/write-part-shapes.ts), which writes
// src/engine/part-shapes.generated.ts, and by the test that fails when that file drifts from the
// schemas. Never loaded by the program itself (it would build every schema).
//
// What it does not know for sure becomes 'x' (always "not sure": zod decides), so a new kind of
// schema, check or option can make the fast path slower, never laxer.

import type * as z from 'zod';
import { PART_SCHEMAS } from './parts.js';
import type { Field, NumberCheck, Shape, StringCheck } from './shapes.js';
import { partEnvelopeSchema, snapshotFileSchema } from './snapshot.js';

type Internals = { def: any; traits: Set<string>; optin?: string; optout?: string; values?: Set<unknown>; innerType?: z.ZodType };
const internals = (schema: z.ZodType): Internals => (schema as unknown as { _zod: Internals })._zod;

/** The checks of a schema: its own when it is itself a check (z.iso.datetime(), z.int()), then def.checks. */
function checksOf(schema: z.ZodType): any[] {
  const zod = internals(schema);
  return [...(zod.traits.has('$ZodCheck') ? [zod.def] : []), ...(zod.def.checks ?? []).map((c: any) => c._zod.def)];
}

/** String formats whose check is their pattern alone (others, like email or url, check more). */
const PATTERN_FORMATS = new Set(['regex', 'datetime', 'date', 'time']);

function stringChecks(defs: any[]): StringCheck[] | undefined {
  const out: StringCheck[] = [];
  for (const d of defs) {
    if (d.check === 'min_length' && typeof d.minimum === 'number') out.push(['min', d.minimum]);
    else if (d.check === 'max_length' && typeof d.maximum === 'number') out.push(['max', d.maximum]);
    else if (d.check === 'string_format' && PATTERN_FORMATS.has(d.format) && d.pattern instanceof RegExp && !d.when) out.push(['re', d.pattern]);
    else return undefined;
  }
  return out;
}

function numberChecks(defs: any[]): NumberCheck[] | undefined {
  const out: NumberCheck[] = [];
  for (const d of defs) {
    if (d.when) return undefined;
    if (d.check === 'number_format' && d.format === 'safeint') out.push(['int']);
    else if (d.check === 'greater_than' && typeof d.value === 'number') out.push([d.inclusive ? '>=' : '>', d.value]);
    else if (d.check === 'less_than' && typeof d.value === 'number') out.push([d.inclusive ? '<=' : '<', d.value]);
    else return undefined;
  }
  return out;
}

const PRIMITIVE_KINDS = new Set(['s', 'n', 'b']);
const kindOf = (shape: Shape) => (typeof shape === 'string' ? shape : shape[0]);

/** The shape of a zod schema ('x' for what the fast path does not know). */
export function shapeOf(schema: z.ZodType, seen: Set<z.ZodType> = new Set()): Shape {
  if (seen.has(schema)) return 'x'; // recursive: not needed by any part yet
  seen.add(schema);
  try {
    return derive(schema, seen);
  } finally {
    seen.delete(schema);
  }
}

function derive(schema: z.ZodType, seen: Set<z.ZodType>): Shape {
  const zod = internals(schema);
  const def = zod.def;
  const checks = checksOf(schema);
  if (def.coerce) return 'x';
  switch (def.type) {
    case 'string': {
      const c = stringChecks(checks);
      return c ? ['s', ...c] : 'x';
    }
    case 'number': {
      const c = numberChecks(checks);
      return c ? ['n', ...c] : 'x';
    }
    case 'array': {
      const c = stringChecks(checks);
      if (!c || c.some((x) => x[0] === 're')) return 'x';
      return ['a', shapeOf(def.element, seen), ...(c as (readonly ['min', number] | readonly ['max', number])[])];
    }
  }
  if (checks.length) return 'x';
  switch (def.type) {
    case 'boolean':
      return 'b';
    case 'unknown':
    case 'any':
      return 'u';
    case 'null':
      return ['in', null];
    case 'literal':
    case 'enum': {
      const values = [...(zod.values ?? [])];
      return values.every((v) => v === null || ['string', 'number', 'boolean'].includes(typeof v)) ? ['in', ...(values as (string | number | boolean | null)[])] : 'x';
    }
    case 'optional': // a present value is the inner schema's; absence is the object field's business
    case 'default':
      return shapeOf(def.innerType, seen);
    case 'nullable':
      return ['nl', shapeOf(def.innerType, seen)];
    case 'lazy':
      return shapeOf(zod.innerType!, seen);
    case 'object': {
      if (def.catchall !== undefined) return 'x';
      const fields: Field[] = [];
      for (const key of Object.keys(def.shape)) {
        if (key === '__proto__' || key in Object.prototype) return 'x';
        const field = internals(def.shape[key]);
        fields.push([key, shapeOf(def.shape[key], seen), field.optin === 'optional' && field.optout === 'optional' ? 1 : 0]);
      }
      return ['o', fields];
    }
    case 'record': {
      const key = internals(def.keyType);
      if (def.mode !== undefined && def.mode !== 'strict') return 'x';
      if (key.def.type !== 'string' || key.def.coerce || checksOf(def.keyType).length) return 'x';
      return ['r', shapeOf(def.valueType, seen)];
    }
    case 'union': {
      const options: Shape[] = def.options.map((o: z.ZodType) => shapeOf(o, seen));
      if (def.discriminator !== undefined) {
        if (def.unionFallback) return 'x';
        const tagged = options.every((o) => kindOf(o) === 'o' && (o as Extract<Shape, readonly ['o', unknown]>)[1].some(([k, s, absentOk]) => k === def.discriminator && kindOf(s) === 'in' && !absentOk));
        return tagged ? ['du', def.discriminator, options] : 'x';
      }
      if (def.inclusive === false) return 'x'; // z.xor: exactly one must match
      const kinds = options.map(kindOf);
      return kinds.every((k) => PRIMITIVE_KINDS.has(k)) && new Set(kinds).size === kinds.length ? ['or', ...options] : 'x';
    }
    default:
      return 'x';
  }
}

/** TypeScript source of a shape (regular expressions as literals). */
export function shapeSource(shape: Shape): string {
  if (typeof shape === 'string') return JSON.stringify(shape);
  return `[${(shape as readonly unknown[]).map((item) => valueSource(item)).join(', ')}]`;
}

function valueSource(item: unknown): string {
  if (item instanceof RegExp) return item.toString();
  if (Array.isArray(item)) return `[${item.map(valueSource).join(', ')}]`;
  return JSON.stringify(item);
}

/**
 * The text of src/engine/part-shapes.generated.ts for these shapes: subtrees used more than once
 * (the id, the Stripe error, the PrestaShop date…) are written once, as constants.
 */
export function shapesModuleSource(file: Shape, envelope: Shape, parts: Record<string, Shape>): string {
  /** The shapes directly inside a shape, and how to write it given how they are written. */
  const inside = (shape: Shape): { children: Shape[]; write: (children: string[]) => string } => {
    if (typeof shape === 'string') return { children: [], write: () => JSON.stringify(shape) };
    switch (shape[0]) {
      case 'nl':
      case 'r':
        return { children: [shape[1]], write: ([c]) => `[${JSON.stringify(shape[0])}, ${c}]` };
      case 'a':
        return { children: [shape[1]], write: ([c]) => `[${['"a"', c, ...shape.slice(2).map(valueSource)].join(', ')}]` };
      case 'o':
        return { children: shape[1].map((f) => f[1]), write: (cs) => `["o", [${shape[1].map((f, i) => `[${JSON.stringify(f[0])}, ${cs[i]}, ${f[2]}]`).join(', ')}]]` };
      case 'du':
        return { children: [...shape[2]], write: (cs) => `["du", ${JSON.stringify(shape[1])}, [${cs.join(', ')}]]` };
      case 'or':
        return { children: shape.slice(1) as Shape[], write: (cs) => `["or", ${cs.join(', ')}]` };
      default:
        return { children: [], write: () => valueSource(shape) };
    }
  };
  const count = new Map<string, number>();
  const walk = (shape: Shape): void => {
    const text = valueSource(shape);
    count.set(text, (count.get(text) ?? 0) + 1);
    if (count.get(text) === 1) inside(shape).children.forEach(walk);
  };
  for (const s of [file, envelope, ...Object.values(parts)]) walk(s);
  const names = new Map<string, string>();
  const consts: string[] = [];
  const emit = (shape: Shape): string => {
    const whole = valueSource(shape);
    const known = names.get(whole);
    if (known) return known;
    const { children, write } = inside(shape);
    const text = write(children.map(emit));
    if ((count.get(whole) ?? 0) < 2 || whole.length < 16) return text;
    const name = `S${names.size}`;
    names.set(whole, name);
    consts.push(`const ${name}: Shape = ${text};`);
    return name;
  };
  const body = [
    `export const SNAPSHOT_FILE_SHAPE: Shape = ${emit(file)};`,
    `export const ENVELOPE_SHAPE: Shape = ${emit(envelope)};`,
    `export const PART_SHAPES: Readonly<Record<PartName, Shape>> = {\n${Object.entries(parts).map(([k, s]) => `  ${JSON.stringify(k)}: ${emit(s)},`).join('\n')}\n};`,
  ];
  return [
    '// Generated by `npm run part-shapes` (scripts/write-part-shapes.ts) from the zod schemas of',
    '// src/engine/parts.ts and src/engine/snapshot.ts: do not edit. test/engine/part-shapes.test.ts',
    '// fails when it drifts from them. What the shapes mean: src/engine/shapes.ts.',
    '',
    "import type { PartName } from './parts.js';",
    "import type { Shape } from './shapes.js';",
    '',
    ...consts,
    '',
    ...body,
    '',
  ].join('\n');
}

export const PART_SHAPES_FILE = 'src/engine/part-shapes.generated.ts';

/** The text src/engine/part-shapes.generated.ts should hold, from the schemas of this build. */
export function partShapesSource(): string {
  const parts = Object.fromEntries(Object.entries(PART_SCHEMAS).map(([name, schema]) => [name, shapeOf(schema)]));
  return shapesModuleSource(shapeOf(snapshotFileSchema()), shapeOf(partEnvelopeSchema()), parts);
}
