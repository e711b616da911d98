// The vocabulary shared by the runner, the checks and the report.
// Checks import only from this file (and from src/engine/parts.ts for part data types).

import type { PartData, PartName } from './parts.js';

export type Lang = 'fr' | 'en';

/** Every user-facing sentence exists in both languages; the report picks one. */
export interface Text {
  fr: string;
  en: string;
}

export type Status = 'pass' | 'warn' | 'fail' | 'error' | 'skip' | 'manual';
export const STATUSES: readonly Status[] = ['pass', 'warn', 'fail', 'error', 'skip', 'manual'];

/** What a problem found by a check weighs; config can override a check's default. */
export type Severity = 'fail' | 'warn';

/** Every check category, in the order reports show them. */
export const CHECK_CATEGORIES = ['shop', 'catalogue', 'customers', 'payments', 'promotions', 'shipping', 'orders'] as const;
export type CheckCategory = (typeof CHECK_CATEGORIES)[number];

/** Command-line questions a check may depend on (`--customer`, `--code`, `--order`). */
export interface Query {
  customer?: string;
  code?: string;
  order?: string;
}
export type QueryKey = keyof Query;

/**
 * Why a part of the snapshot could not be gathered. Sources fill it with what a person needs to
 * act: which host answered what. `message` is in English because it often quotes the upstream.
 */
export interface Cause {
  source: 'prestashop' | 'database' | 'stripe' | 'sendcloud' | 'shop-front' | 'dynamic-coupons' | 'snapshot' | 'config';
  kind: string;
  message: string;
  /** The cause in words, in both languages, when the source can say it (French reports use it rather than `message`). */
  text?: Text;
  host?: string;
  status?: number;
  code?: string | number;
  /** Optional steps that fix the cause itself (bad key, webservice disabled...). */
  fix?: Text[];
}

export interface CheckMeta {
  /** kebab-case, equal to the file name in checks/; part of the public contract. */
  id: string;
  category: CheckCategory;
  /** Default weight of a problem; `checks.<id>.severity` in config overrides it. */
  severity: Severity;
  /** Parts the check cannot run without. */
  needs: PartName[];
  /** Parts the check uses when they were gathered (e.g. the order when --order is given). */
  optional?: PartName[];
  /**
   * Optional parts whose failure does not stop the check: it runs without them and finds why in
   * `ctx.failed` (shop-online still judges the front page when the webservice is down). Other
   * optional parts that failed make the check `error`, as needed parts do.
   */
  toleratesFailure?: PartName[];
  /** The check only makes sense when this question was asked; otherwise it is skipped. */
  asks?: QueryKey;
  title: Text;
  /** What the check verifies, why it matters (for `explain`). */
  description: Text;
  /** Steps a person follows when the facts cannot be read with the configured sources. */
  manualSteps?: Text[];
  /** Where the knowledge comes from (FAQ file and section). */
  docs: string;
  /** Default values of the check's own options (`checks.<id>.<option>` in config). */
  defaultOptions?: Record<string, unknown>;
}

export interface ClubRef {
  name: string;
}

export interface CheckContext {
  club: ClubRef;
  /** Only the declared parts, validated. Optional parts that were not gathered are absent. */
  parts: { [K in PartName]?: PartData<K> };
  /** Optional parts the configured sources cannot see, with the reason (e.g. webservice only). */
  unavailable: { [K in PartName]?: Text };
  /** Parts of `meta.toleratesFailure` that could not be gathered, with the cause. */
  failed?: { [K in PartName]?: Cause };
  options: Record<string, unknown>;
  query: Query;
  /** The moment of the diagnosis (the snapshot's time when re-evaluating a snapshot). */
  now: Date;
}

export interface CheckOutcome {
  status: Exclude<Status, 'error'> | 'error';
  message: Text;
  remediation?: Text[];
  evidence?: Record<string, unknown>;
  /**
   * Optional wording for a club admin (`--audience admin`, the guided mode): plain words, no
   * configuration key, code point or HTTP code. Where absent, the report derives a plain version
   * from `message` and `remediation` (src/report/audience.ts).
   */
  admin?: AdminTexts;
}

/** A result said to a club admin: the message, and the steps when they differ from the plain ones. */
export interface AdminTexts {
  message?: Text;
  remediation?: Text[];
}

export interface Check {
  meta: CheckMeta;
  run(ctx: CheckContext): CheckOutcome | Promise<CheckOutcome>;
  /**
   * Issue 11 (`diagnose --fix`): how to fix what the check found, planned from its result and the
   * parts it saw. Pure (no I/O); src/fix/ shows, backs up, applies and verifies the proposals.
   */
  fix?(ctx: FixContext): FixProposal[];
}

// --- Fixes (issue 11) -------------------------------------------------------------------------

export interface FixContext {
  club: ClubRef;
  status: Status;
  evidence: Record<string, unknown>;
  /** A part the check saw (validated), undefined when it was not gathered or failed. */
  part<K extends PartName>(name: K): PartData<K> | undefined;
}

/** One safe, reversible change to the shop. Nothing that moves money, deletes or touches prices. */
export type FixChange =
  /** A customer's groups (customer_group rows) and default group, through the webservice. */
  | { kind: 'customer-groups'; customerId: number; email: string; groupsBefore: number[]; groupsAfter: number[]; defaultBefore: number; defaultAfter: number }
  /** A configuration value (PS_ORDER_RETURN…), through the webservice, for the diagnosed shop. */
  | { kind: 'configuration'; name: string; from: string | null; to: string }
  /** A Stripe key stored in the shop's configuration, cleaned of the characters listed (positions in the raw value). */
  | { kind: 'stripe-key-clean'; name: string; masked: string; removed: Array<{ position: number; codePoint: string }> }
  /** The club's group added to the category's group access (category_group), by SQL. */
  | { kind: 'category-group'; categoryId: number; groupId: number; groupsBefore: number[] };

export interface FixProposal {
  /** What the fix does, in one sentence (the plan's line). */
  title: Text;
  /** The change, or undefined for a step only a person can take (shown in the plan, never applied). */
  change?: FixChange;
  /** For a manual step: what to do. */
  manual?: Text[];
}

/** Helper for checks: both languages side by side. */
export function t(fr: string, en: string): Text {
  return { fr, en };
}
