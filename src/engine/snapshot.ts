// The snapshot file format: everything the sources gathered, serialisable, secrets already reduced
// to facts. `diagnose --snapshot` evaluates one without any network; tests use them as fixtures.

import { readFile } from './fs.js';
import * as z from 'zod';
import { describeKey } from '../secrets/stripe-key.js';
import { UsageError } from './errors.js';
import type { PartName } from './parts.js';
import { ENVELOPE_SHAPE, SNAPSHOT_FILE_SHAPE } from './part-shapes.generated.js';
import { isPartName, PARSE_ONCE, parseFastOr, type Shape } from './shapes.js';
import type { Cause, Query, QueryKey, Text } from './types.js';
import { t } from './types.js';
import { SNAPSHOT_MESSAGES as M } from './messages.js';
import { jsonSyntaxText } from '../config/json-syntax.js';

export const SNAPSHOT_FORMAT = 'checkout-doctor-snapshot';

/** One gathered part: its data, the reason it failed, or why the configured sources cannot see it. */
export type PartEnvelope =
  | { status: 'ok'; data: unknown }
  | { status: 'failed'; cause: Cause }
  | { status: 'unavailable'; reason: Text };

export type PartMap = Partial<Record<PartName, PartEnvelope>>;

export interface ClubSnapshot {
  name: string;
  parts: PartMap;
}

/**
 * Answers to the command-line questions, keyed by the normalised question (see lookupKey), so that
 * one snapshot can hold several customers, codes or orders.
 */
export type Lookups = Partial<Record<QueryKey, Record<string, PartEnvelope>>>;

export interface Snapshot {
  format: typeof SNAPSHOT_FORMAT;
  schemaVersion: 1;
  /** When the facts were gathered; checks evaluate dates against it. */
  generatedAt: string;
  shop: { name?: string; url?: string; prestashopVersion?: string };
  /** Which source produced the PrestaShop parts, for the report's footer and for `manual` reasons. */
  sources: Record<string, string>;
  parts: PartMap;
  lookups: Lookups;
  clubs: ClubSnapshot[];
}

/** The part that answers each command-line question. */
export const LOOKUP_PARTS: Record<QueryKey, PartName> = {
  customer: 'prestashop.customer',
  code: 'prestashop.cartRule',
  order: 'prestashop.order',
};

export function lookupKey(key: QueryKey, value: string): string {
  const trimmed = value.trim();
  return key === 'order' ? trimmed.toUpperCase() : trimmed.toLowerCase();
}

export function lookupPartFor(name: PartName): QueryKey | undefined {
  return (Object.keys(LOOKUP_PARTS) as QueryKey[]).find((k) => LOOKUP_PARTS[k] === name);
}

// The schemas are built on first use only (issue 9, start-up): a well-formed snapshot passes the
// fast path (src/engine/shapes.ts, shapes derived from these schemas); zod parses what it refuses,
// for the same result or the same issues.
function buildEnvelopeSchema() {
  const CauseSchema = z.object({
    source: z.string(),
    kind: z.string(),
    message: z.string(),
    text: z.object({ fr: z.string(), en: z.string() }).optional(),
    host: z.string().optional(),
    status: z.number().optional(),
    code: z.union([z.string(), z.number()]).optional(),
    fix: z.array(z.object({ fr: z.string(), en: z.string() })).optional(),
  });

  return z.discriminatedUnion('status', [
    z.object({ status: z.literal('ok'), data: z.unknown() }),
    z.object({ status: z.literal('failed'), cause: CauseSchema }),
    z.object({ status: z.literal('unavailable'), reason: z.object({ fr: z.string(), en: z.string() }) }),
  ]);
}

// The outer structure must be sound to list clubs at all; each part is checked on its own later,
// so garbage inside one part costs only the checks that need it.
function buildFileSchema() {
  return z.object({
    format: z.literal(SNAPSHOT_FORMAT),
    schemaVersion: z.literal(1),
    generatedAt: z.iso.datetime({ offset: true }),
    shop: z.object({ name: z.string().optional(), url: z.string().optional(), prestashopVersion: z.string().optional() }).default({}),
    sources: z.record(z.string(), z.string()).default({}),
    parts: z.record(z.string(), z.unknown()).default({}),
    lookups: z.record(z.string(), z.record(z.string(), z.unknown())).default({}),
    clubs: z.array(z.object({ name: z.string().min(1), parts: z.record(z.string(), z.unknown()).default({}) })),
  });
}

let envelopeSchema: ReturnType<typeof buildEnvelopeSchema> | undefined;
let fileSchema: ReturnType<typeof buildFileSchema> | undefined;
/** The zod schema of a part envelope (built on first call). */
export const partEnvelopeSchema = () => (envelopeSchema ??= buildEnvelopeSchema());
/** The zod schema of a snapshot file's outer structure (built on first call). */
export const snapshotFileSchema = () => (fileSchema ??= buildFileSchema());

type Parsed<T extends z.ZodType> = { success: true; data: z.output<T> } | { success: false; error: z.ZodError };

/** zod's safeParse of `value`, through the fast path when it is sure. */
function parseWith<T extends z.ZodType>(fast: Shape, schema: () => T, value: unknown): Parsed<T> {
  return parseFastOr(fast, value, () => schema().safeParse(value, PARSE_ONCE)) as Parsed<T>;
}

function toEnvelope(where: string, value: unknown, name?: string): PartEnvelope {
  const parsed = parseWith(ENVELOPE_SHAPE, partEnvelopeSchema, value);
  // Only the Stripe keys part may carry raw keys (hand-written fixtures); other parts keep their fields.
  if (parsed.success) return name === 'club.stripeKeys' ? normaliseSecrets(parsed.data as PartEnvelope) : (parsed.data as PartEnvelope);
  return { status: 'failed', cause: { source: 'snapshot', kind: 'malformed', ...M.malformedPart(where, z.prettifyError(parsed.error).replace(/\n/g, ' ')) } };
}

/**
 * Hand-written fixtures may give Stripe keys as plain strings; they are reduced to facts on load so
 * that nothing downstream ever holds a raw key from a snapshot.
 */
function normaliseSecrets(envelope: PartEnvelope): PartEnvelope {
  if (envelope.status !== 'ok' || typeof envelope.data !== 'object' || envelope.data === null) return envelope;
  const data = envelope.data as Record<string, unknown>;
  let changed = false;
  const copy: Record<string, unknown> = { ...data };
  for (const field of ['publishableKey', 'secretKey']) {
    if (typeof data[field] === 'string') {
      copy[field] = describeKey(data[field] as string);
      changed = true;
    }
  }
  return changed ? { status: 'ok', data: copy } : envelope;
}

function toPartMap(where: string, raw: Record<string, unknown>): PartMap {
  const map: PartMap = {};
  for (const [name, value] of Object.entries(raw)) {
    // Unknown part names come from newer versions of the tool: ignored, not fatal.
    if (isPartName(name)) map[name] = toEnvelope(`${where}.${name}`, value, name);
  }
  return map;
}


/** Parses snapshot JSON already read; throws UsageError (exit 2) when it is not a snapshot at all. */
export function parseSnapshot(text: string, file: string): Snapshot {
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (error) {
    // Where, never what: the text is not quoted (V8 quotes the source, which may be anything).
    throw new UsageError(M.notJson(file, jsonSyntaxText(text, false) ?? t((error as Error).message, (error as Error).message)), M.hint);
  }
  const version = (json as { schemaVersion?: unknown } | null)?.schemaVersion;
  if ((json as { format?: unknown } | null)?.format === SNAPSHOT_FORMAT && version !== 1 && version !== undefined) {
    throw new UsageError(M.otherVersion(file, JSON.stringify(version)), M.otherVersionHint);
  }
  const parsed = parseWith(SNAPSHOT_FILE_SHAPE, snapshotFileSchema, json);
  if (!parsed.success) {
    const issues = parsed.error.issues.map((i) => `${i.path.join('.') || '(root)'}: ${i.message}`).join('; ');
    const fields = [...new Set(parsed.error.issues.flatMap((i) => (i.path.length ? [String(i.path[0])] : [])))];
    throw new UsageError(fields.length ? M.notSnapshot(file, fields, issues) : M.notAnObject(file, issues), M.hint);
  }
  const raw = parsed.data;
  const lookups: Lookups = {};
  for (const [key, entries] of Object.entries(raw.lookups)) {
    if (key !== 'customer' && key !== 'code' && key !== 'order') continue;
    const map: Record<string, PartEnvelope> = {};
    for (const [value, envelope] of Object.entries(entries)) map[lookupKey(key, value)] = toEnvelope(`lookups.${key}.${value}`, envelope);
    lookups[key] = map;
  }
  return {
    format: SNAPSHOT_FORMAT,
    schemaVersion: 1,
    generatedAt: raw.generatedAt,
    shop: raw.shop,
    sources: raw.sources,
    parts: toPartMap('parts', raw.parts),
    lookups,
    clubs: raw.clubs.map((club, i) => ({ name: club.name, parts: toPartMap(`clubs[${i}].parts`, club.parts) })),
  };
}

export async function loadSnapshot(file: string): Promise<Snapshot> {
  let text: string;
  try {
    text = await readFile(file, 'utf8');
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    throw new UsageError(M.cannotRead(file, code), M.cannotReadHint);
  }
  return parseSnapshot(text, file);
}

/**
 * The snapshot as a file. Parts hold facts, never raw secrets (sources reduce keys to KeyFacts);
 * the redactor pass is a second lock in case a source ever let one through.
 */
export function serializeSnapshot(snapshot: Snapshot, redact: (text: string) => string): string {
  return redact(JSON.stringify(snapshot, null, 2)) + '\n';
}

/** The questions a snapshot can answer, for error messages. */
export function answeredQueries(snapshot: Snapshot, key: QueryKey): string[] {
  return Object.keys(snapshot.lookups[key] ?? {});
}

export type { Query };

/**
 * The questions a snapshot was asked for one kind, as the person typed them when the answer kept
 * it (`query`, or `code` for promo codes), else as the normalised key. Used to replay a snapshot
 * with the questions it was taken with.
 */
export function askedQuestions(snapshot: Snapshot, key: QueryKey): string[] {
  return Object.entries(snapshot.lookups[key] ?? {}).map(([normalised, envelope]) => {
    const data = envelope.status === 'ok' && typeof envelope.data === 'object' && envelope.data !== null ? (envelope.data as Record<string, unknown>) : {};
    const typed = key === 'code' ? data.code : data.query;
    return typeof typed === 'string' && lookupKey(key, typed) === normalised ? typed.trim() : normalised;
  });
}
