// Runs checks against one club of a snapshot. Each check sees only the parts it declares; a part
// that is missing, failed or malformed turns the check into `error` naming the cause; a part the
// configured sources cannot see turns it into `manual`; a check that throws becomes `error`.
// Nothing here does I/O.
//
// Plugins run beside the built-in checks, so each check is isolated from the others: the data it
// receives is deeply frozen (a check that mutates it throws, and becomes `error`, instead of
// changing what the next check sees), and a check that hangs or never settles becomes `error` after
// `checkTimeoutMs`, or at once when the run is stopped (deadline, Ctrl-C) while it runs.
// A check stuck in a synchronous loop cannot be interrupted in-process: that needs a worker.

import { monotonicMs } from './clock.js';
import type { PartName } from './parts.js';
import { PART_SHAPES } from './part-shapes.generated.js';
import { PARSE_ONCE, parseFastOr } from './shapes.js';
import { partLabel } from './part-labels.js';
import { answeredQueries, lookupKey, lookupPartFor, type ClubSnapshot, type PartEnvelope, type Snapshot } from './snapshot.js';
import { t, type Cause, type Check, type CheckContext, type CheckOutcome, type Query, type Severity, type Status, type Text, type AdminTexts } from './types.js';

export interface CheckSettings {
  severity?: Severity;
  options?: Record<string, unknown>;
}

export interface RunInput {
  checks: readonly Check[];
  snapshot: Snapshot;
  club: ClubSnapshot;
  query: Query;
  settings?: Record<string, CheckSettings>;
  /** Defaults to the snapshot's generatedAt, so a snapshot re-evaluates identically. */
  now?: Date;
  /** Longest a check may take before it is `error` (default 10 s). */
  checkTimeoutMs?: number;
  /** The run's signal: a check running when it aborts is `error` with its reason. */
  signal?: AbortSignal;
}

export const DEFAULT_CHECK_TIMEOUT_MS = 10_000;

/** Freezes a value and everything it holds, so that no check can change it for the others. */
export function deepFreeze<T>(value: T): T {
  if (value && typeof value === 'object' && !Object.isFrozen(value)) {
    Object.freeze(value);
    for (const key of Reflect.ownKeys(value)) deepFreeze((value as Record<PropertyKey, unknown>)[key]);
  }
  return value;
}

export interface CheckResult {
  check: Check;
  status: Status;
  severity: Severity;
  message: Text;
  remediation: Text[];
  evidence: Record<string, unknown>;
  durationMs: number;
  /** Set when the result is an error caused by a source or by the snapshot. */
  cause?: Cause;
  /** Set when the check itself threw (shown with --debug). */
  stack?: string;
  /** The check's own wording for a club admin, when it gives one (CheckOutcome.admin). */
  admin?: AdminTexts;
}

type Resolved = { ok: true; data: unknown } | { ok: false; outcome: CheckOutcome & { cause?: Cause } } | { ok: 'absent' };

const validated = new WeakMap<PartEnvelope, { ok: true; data: unknown } | { ok: false; issue: string }>();

/**
 * A part's data as its schema parses it. Well-formed data takes the fast path (src/engine/shapes.ts:
 * same result, no zod schema built); zod, loaded with the schemas on first need, parses the rest
 * and says what is wrong (issue 9, start-up).
 */
async function validate(name: PartName, envelope: PartEnvelope & { status: 'ok' }) {
  let result = validated.get(envelope);
  if (!result) {
    const parsed = await parseFastOr(PART_SHAPES[name], envelope.data, async () => (await import('./parts.js')).PART_SCHEMAS[name].safeParse(envelope.data, PARSE_ONCE));
    result = parsed.success
      ? { ok: true, data: deepFreeze(parsed.data) }
      : {
          ok: false,
          issue: parsed.error.issues
            .slice(0, 3)
            .map((i) => `${jsonPath(name, i.path)}: ${i.message}`)
            .join('; '),
        };
    validated.set(envelope, result);
  }
  return result;
}

/** `prestashop.groups[0].id`: the part name, then the path inside its data. */
function jsonPath(name: string, path: readonly PropertyKey[]): string {
  return path.reduce<string>((out, part) => (typeof part === 'number' ? `${out}[${part}]` : `${out}.${String(part)}`), name);
}

const OUTCOME_STATUSES = new Set<string>(['pass', 'warn', 'fail', 'error', 'skip', 'manual']);
const isText = (v: unknown): v is Text => !!v && typeof v === 'object' && typeof (v as Text).fr === 'string' && typeof (v as Text).en === 'string';

/** What is wrong with what a check returned (plugins are not type-checked against us), or undefined. */
function outcomeProblem(outcome: unknown): string | undefined {
  if (!outcome || typeof outcome !== 'object') return `returned ${outcome === null ? 'null' : typeof outcome} instead of { status, message }`;
  const o = outcome as Partial<CheckOutcome>;
  if (typeof o.status !== 'string' || !OUTCOME_STATUSES.has(o.status)) return `returned the unknown status ${JSON.stringify(o.status)}`;
  if (!isText(o.message)) return 'returned a message without both fr and en texts';
  if (o.remediation !== undefined && (!Array.isArray(o.remediation) || !o.remediation.every(isText))) return 'returned remediation steps that are not { fr, en } texts';
  if (o.evidence !== undefined && (o.evidence === null || typeof o.evidence !== 'object' || Array.isArray(o.evidence))) return 'returned evidence that is not an object';
  return undefined;
}

/** The admin wording of an outcome, kept only when well-formed (plugins are not type-checked). */
function adminOf(outcome: CheckOutcome): { admin?: AdminTexts } {
  const admin = outcome.admin as Partial<AdminTexts> | undefined;
  if (!admin || typeof admin !== 'object') return {};
  const message = isText(admin.message) ? admin.message : undefined;
  const remediation = Array.isArray(admin.remediation) && admin.remediation.every(isText) ? admin.remediation : undefined;
  return message || remediation ? { admin: { ...(message ? { message } : {}), ...(remediation ? { remediation } : {}) } } : {};
}

/** Who a cause comes from, for the French sentence that quotes its upstream message. */
const SOURCE_NAMES: Record<string, string> = {
  prestashop: 'le webservice de la boutique',
  database: 'la base de données de la boutique',
  stripe: 'Stripe',
  sendcloud: 'Sendcloud',
  'shop-front': 'la vitrine de la boutique',
  'dynamic-coupons': 'le point d’accès des coupons dynamiques',
  snapshot: 'le fichier de données',
  config: 'la configuration',
};

/**
 * A cause in words. Its `text` when the source wrote one; otherwise, in French, who answered
 * and, quoted as such, the upstream's own (English) message — never an untranslated sentence.
 */
function describeCause(cause: Cause): Text {
  const where = [cause.host, cause.status !== undefined ? `HTTP ${cause.status}` : undefined, cause.code !== undefined ? `code ${cause.code}` : undefined]
    .filter(Boolean)
    .join(', ');
  const suffix = where ? ` (${where})` : '';
  if (cause.text) return t(cause.text.fr + suffix, cause.text.en + suffix);
  const who = SOURCE_NAMES[cause.source] ?? cause.source;
  return messages.upstreamCause(who, suffix, cause);
}

const messages = {
  missingLookup: (flag: string, held: string[]) =>
    t(
      `Les données ne contiennent rien pour ${flag}${held.length ? ` (elles contiennent : ${held.join(', ')})` : ''}.`,
      `The gathered data holds nothing for ${flag}${held.length ? ` (it holds: ${held.join(', ')})` : ''}.`,
    ),
  // English keeps the part's name: the support agent reading English greps for it.
  couldNotGet: (name: string, part: Text, cause: Text) => t(`Impossible d’obtenir ${part.fr} : ${cause.fr}.`, `Could not get "${name}": ${cause.en}.`),
  unreadable: (name: string, part: Text, issue: string) =>
    t(`Données illisibles pour ${part.fr} (détail technique : « ${issue} »).`, `Unreadable data for "${name}": ${issue}.`),
  notGathered: (name: string, part: Text) =>
    t(`Données non collectées : ${part.fr} ; ce contrôle ne peut pas être évalué.`, `"${name}" was not gathered, so this check cannot be evaluated.`),
  upstreamCause: (who: string, suffix: string, cause: Cause) => t(`erreur signalée par ${who}${suffix}, message d’origine « ${cause.message} »`, cause.message + suffix),
  gatherWithOption: t('Collectez à nouveau les données avec cette option, ou utilisez une valeur présente.', 'Gather the data again with that option, or use a value it holds.'),
  gatherAgain: t('Collectez à nouveau les données (checkout-doctor snapshot) ; si le problème persiste, signalez-le.', 'Gather the data again (checkout-doctor snapshot); if it persists, report it.'),
  fixCause: t('Corrigez la cause ci-dessus puis relancez le diagnostic.', 'Fix the cause above, then run the diagnosis again.'),
  gatherUpToDate: t('Collectez à nouveau les données avec une version à jour de checkout-doctor.', 'Gather the data again with an up-to-date checkout-doctor.'),
  notAsked: (flag: string) => t(`Non demandé : ajoutez ${flag} pour ce contrôle.`, `Not asked: add ${flag} to run this check.`),
  checkThrew: (err: Error) => t(`Le contrôle a échoué de façon inattendue : ${err.message}`, `The check failed unexpectedly: ${err.message}`),
  reportIt: t('Signalez ce problème avec le rapport JSON (--format json).', 'Report this problem with the JSON report (--format json).'),
};

function findEnvelope(input: RunInput, name: PartName): PartEnvelope | { missingLookup: string; held: string[] } | undefined {
  const lookup = lookupPartFor(name);
  if (lookup) {
    const asked = input.query[lookup];
    if (asked === undefined) return undefined;
    const envelope = input.snapshot.lookups[lookup]?.[lookupKey(lookup, asked)];
    if (envelope) return envelope;
    return { missingLookup: `--${lookup} "${asked}"`, held: answeredQueries(input.snapshot, lookup) };
  }
  return input.club.parts[name] ?? input.snapshot.parts[name];
}

async function resolvePart(input: RunInput, name: PartName, check: Check): Promise<Resolved> {
  const found = findEnvelope(input, name);
  if (found === undefined) return { ok: 'absent' };
  if ('missingLookup' in found) {
    return {
      ok: false,
      outcome: {
        status: 'error',
        message: messages.missingLookup(found.missingLookup, found.held),
        remediation: [messages.gatherWithOption],
      },
    };
  }
  switch (found.status) {
    case 'ok': {
      const valid = await validate(name, found);
      if (valid.ok) return { ok: true, data: valid.data };
      const cause: Cause = { source: 'snapshot', kind: 'malformed', message: `malformed data: ${valid.issue}` };
      return {
        ok: false,
        outcome: {
          status: 'error',
          cause,
          message: messages.unreadable(name, partLabel(name), valid.issue),
          remediation: [messages.gatherAgain],
        },
      };
    }
    case 'failed':
      return {
        ok: false,
        outcome: {
          status: 'error',
          cause: found.cause,
          message: messages.couldNotGet(name, partLabel(name), describeCause(found.cause)),
          remediation: found.cause.fix ?? [messages.fixCause],
        },
      };
    case 'unavailable':
      return {
        ok: false,
        outcome: { status: 'manual', message: found.reason, remediation: check.meta.manualSteps ?? [] },
      };
  }
}

function notGathered(name: PartName): CheckOutcome & { cause: Cause } {
  return {
    status: 'error',
    cause: { source: 'snapshot', kind: 'not-gathered', message: `"${name}" was not gathered` },
    message: messages.notGathered(name, partLabel(name)),
    remediation: [messages.gatherUpToDate],
  };
}

/** Why the run stopped, from its signal's reason (an Error whose message says it). */
function stoppedMessage(signal: AbortSignal): string {
  return signal.reason instanceof Error ? signal.reason.message : 'the run was stopped';
}

/** Once the run is stopped, checks still evaluate what was gathered, but get this long at most. */
const GRACE_AFTER_STOP_MS = 1_000;

/**
 * Settles with the check's outcome, or rejects after `ms` or when the run is stopped while the
 * check runs. A check started after the stop (the report is being built from what was gathered)
 * only gets a short grace period.
 */
function bounded<T>(work: () => T | Promise<T>, ms: number, signal: AbortSignal | undefined, id: string): Promise<T> {
  const limit = signal?.aborted ? Math.min(ms, GRACE_AFTER_STOP_MS) : ms;
  return new Promise<T>((resolve, reject) => {
    const timer = setTimeout(() => finish(() => reject(new Error(`check "${id}" did not finish within ${limit / 1000} s`))), limit);
    const onAbort = () => finish(() => reject(new Error(`check "${id}" was stopped: ${stoppedMessage(signal!)}`)));
    function finish(settle: () => void) {
      clearTimeout(timer);
      signal?.removeEventListener('abort', onAbort);
      settle();
    }
    if (signal && !signal.aborted) signal.addEventListener('abort', onAbort, { once: true });
    Promise.resolve()
      .then(work)
      .then(
        (value) => finish(() => resolve(value)),
        (error: unknown) => finish(() => reject(error)),
      );
  });
}

function skippedFor(key: keyof Query): CheckOutcome {
  const flag = key === 'customer' ? '--customer <email|id>' : key === 'code' ? '--code <code>' : '--order <id|reference>';
  return {
    status: 'skip',
    message: messages.notAsked(flag),
    // Tells renderers to say « NON DEMANDÉ » rather than « NON LANCÉ » (not applicable).
    evidence: { notAsked: `--${key}` },
  };
}

async function evaluate(input: RunInput, check: Check, settings: CheckSettings): Promise<Omit<CheckResult, 'check' | 'severity' | 'durationMs'>> {
  const { meta } = check;
  if (meta.asks && input.query[meta.asks] === undefined) { const s = skippedFor(meta.asks); return { ...s, remediation: [], evidence: s.evidence ?? {} }; }

  const parts: Record<string, unknown> = {};
  const unavailable: CheckContext['unavailable'] = {};
  const failed: NonNullable<CheckContext['failed']> = {};
  for (const name of [...meta.needs, ...(meta.optional ?? [])]) {
    const required = meta.needs.includes(name);
    const resolved = await resolvePart(input, name, check);
    if (resolved.ok === true) parts[name] = resolved.data;
    else if (resolved.ok === 'absent') {
      if (required) return { ...notGathered(name), remediation: notGathered(name).remediation ?? [], evidence: {} };
    } else if (!required && resolved.outcome.status === 'manual') {
      // An optional part the sources cannot see: the check decides what it can still say.
      unavailable[name] = resolved.outcome.message;
    } else if (!required && resolved.outcome.cause && meta.toleratesFailure?.includes(name)) {
      failed[name] = resolved.outcome.cause;
    } else return { ...resolved.outcome, remediation: resolved.outcome.remediation ?? [], evidence: resolved.outcome.evidence ?? {} };
  }

  // Everything handed to the check is its own copy or frozen: nothing it does reaches another check.
  try {
    const ctx: CheckContext = deepFreeze({
      club: { name: input.club.name },
      parts: parts as CheckContext['parts'],
      unavailable: structuredClone(unavailable),
      failed: structuredClone(failed),
      options: structuredClone({ ...meta.defaultOptions, ...settings.options }),
      query: { ...input.query },
      now: new Date(input.now ?? input.snapshot.generatedAt),
    });
    const outcome = await bounded(() => check.run(ctx), input.checkTimeoutMs ?? DEFAULT_CHECK_TIMEOUT_MS, input.signal, meta.id);
    const problem = outcomeProblem(outcome);
    if (problem) throw new Error(`check "${meta.id}" ${problem}`);
    return { status: outcome.status, message: outcome.message, remediation: outcome.remediation ?? [], evidence: outcome.evidence ?? {}, ...adminOf(outcome) };
  } catch (error) {
    const err = error instanceof Error ? error : new Error(String(error));
    return {
      status: 'error',
      message: messages.checkThrew(err),
      remediation: [messages.reportIt],
      evidence: {},
      cause: { source: 'snapshot', kind: 'check-crashed', message: err.message },
      stack: err.stack,
    };
  }
}

export async function runChecks(input: RunInput): Promise<CheckResult[]> {
  const results: CheckResult[] = [];
  for (const check of input.checks) {
    const settings = input.settings?.[check.meta.id] ?? {};
    const severity = settings.severity ?? check.meta.severity;
    const started = monotonicMs();
    const result = await evaluate(input, check, settings);
    const durationMs = Math.round((monotonicMs() - started) * 100) / 100;
    // A problem found takes the configured weight: a `fail` of a check set to `warn` reads as warn.
    const status: Status = result.status === 'fail' && severity === 'warn' ? 'warn' : result.status;
    results.push({ ...result, check, status, severity, durationMs });
  }
  return results;
}

