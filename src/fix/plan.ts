// Planning: each check that found a problem says how to fix it (`check.fix`, pure); this module
// collects those proposals for the clubs diagnosed, drops duplicates (one object is changed once),
// and describes every change as "object: field from → to", secrets masked. No I/O.
//
//   const plan = planFixes({ snapshot, clubs: [{ club, results }], query });
//   renderPlan(plan, 'fr')  → the lines shown before asking

import { PARSE_ONCE, PART_SCHEMAS, type PartData, type PartName } from '../engine/parts.js';
import type { CheckResult } from '../engine/runner.js';
import { lookupKey, lookupPartFor, type ClubSnapshot, type Snapshot } from '../engine/snapshot.js';
import { t, type FixChange, type Lang, type Query, type Status, type Text } from '../engine/types.js';
import { FIX_MESSAGES } from './messages.js';

/** The words of a plan line: the object changed and its field (issue 10.4: out of the logic). */
const PLAN_MESSAGES = {
  customer: (change: { email: string; customerId: number }) => t(`Client ${change.email} (n° ${change.customerId})`, `Customer ${change.email} (#${change.customerId})`),
  groups: t('groupes', 'groups'),
  defaultGroup: t('groupe par défaut', 'default group'),
  configuration: (change: { name: string }) => t(`Configuration ${change.name}`, `Configuration ${change.name}`),
  value: t('valeur', 'value'),
  category: (change: { categoryId: number }) => t(`Catégorie n° ${change.categoryId}`, `Category #${change.categoryId}`),
  groupAccess: t('accès des groupes', 'group access'),
};

export interface PlanLine {
  object: Text;
  field: Text;
  from: string;
  to: string;
}

export interface PlannedFix {
  /** Stable within a plan: `<club>/<check>/<n>`. */
  id: string;
  checkId: string;
  club: string;
  statusBefore: Status;
  title: Text;
  /** Absent for a step only a person can take. */
  change?: FixChange;
  manual?: Text[];
  lines: PlanLine[];
}

export interface FixPlan {
  fixes: PlannedFix[];
}

export interface PlanInput {
  snapshot: Snapshot;
  clubs: Array<{ club: ClubSnapshot; results: CheckResult[] }>;
  query: Query;
}

function part<K extends PartName>(snapshot: Snapshot, club: ClubSnapshot, query: Query, name: K): PartData<K> | undefined {
  const lookup = lookupPartFor(name);
  const asked = lookup ? query[lookup] : undefined;
  const envelope = lookup ? (asked === undefined ? undefined : snapshot.lookups[lookup]?.[lookupKey(lookup, asked)]) : (club.parts[name] ?? snapshot.parts[name]);
  if (envelope?.status !== 'ok') return undefined;
  const parsed = PART_SCHEMAS[name].safeParse(envelope.data, PARSE_ONCE);
  return parsed.success ? (parsed.data as PartData<K>) : undefined;
}

const ids = (list: number[]) => (list.length ? list.join(', ') : '∅');

/** The object a change touches, as a key: one object is changed by one fix of a plan. */
export function objectKey(change: FixChange): string {
  switch (change.kind) {
    case 'customer-groups':
      return `customers/${change.customerId}`;
    case 'configuration':
    case 'stripe-key-clean':
      return `configurations/${change.name}`;
    case 'category-group':
      return `category_group/${change.categoryId}`;
  }
}

export function describeChange(change: FixChange): PlanLine[] {
  switch (change.kind) {
    case 'customer-groups': {
      const object = PLAN_MESSAGES.customer(change);
      return [
        { object, field: PLAN_MESSAGES.groups, from: ids(change.groupsBefore), to: ids(change.groupsAfter) },
        { object, field: PLAN_MESSAGES.defaultGroup, from: String(change.defaultBefore), to: String(change.defaultAfter) },
      ];
    }
    case 'configuration':
      return [{ object: PLAN_MESSAGES.configuration(change), field: PLAN_MESSAGES.value, from: change.from === null ? '∅' : JSON.stringify(change.from), to: JSON.stringify(change.to) }];
    case 'stripe-key-clean': {
      const n = change.removed.length;
      const what = change.removed.map((r) => `${r.codePoint}@${r.position}`).join(' ');
      return [
        {
          object: PLAN_MESSAGES.configuration(change),
          field: PLAN_MESSAGES.value,
          from: `${change.masked} + ${n} (${what})`,
          to: change.masked,
        },
      ];
    }
    case 'category-group':
      return [
        {
          object: PLAN_MESSAGES.category(change),
          field: PLAN_MESSAGES.groupAccess,
          from: ids(change.groupsBefore),
          to: ids([...change.groupsBefore, change.groupId].sort((a, b) => a - b)),
        },
      ];
  }
}

/** The fixes the checks propose for the results given (pure). */
export function planFixes(input: PlanInput): FixPlan {
  const fixes: PlannedFix[] = [];
  const seen = new Set<string>();
  for (const { club, results } of input.clubs) {
    for (const result of results) {
      const planner = result.check.fix;
      if (!planner || (result.status !== 'fail' && result.status !== 'warn')) continue;
      const proposals = planner.call(result.check, {
        club: { name: club.name },
        status: result.status,
        evidence: result.evidence,
        part: (name) => part(input.snapshot, club, input.query, name),
      });
      proposals.forEach((p, i) => {
        if (p.change) {
          const key = objectKey(p.change);
          if (seen.has(key)) return;
          seen.add(key);
        }
        fixes.push({
          id: `${club.name}/${result.check.meta.id}/${i + 1}`,
          checkId: result.check.meta.id,
          club: club.name,
          statusBefore: result.status,
          title: p.title,
          ...(p.change ? { change: p.change } : {}),
          ...(p.manual ? { manual: p.manual } : {}),
          lines: p.change ? describeChange(p.change) : [],
        });
      });
    }
  }
  return { fixes };
}

/** The plan as shown before asking: one block per fix, one line per changed field. */
export function renderPlan(plan: FixPlan, lang: Lang): string {
  if (!plan.fixes.length) return `${FIX_MESSAGES.noFix[lang]}\n`;
  const lines = [FIX_MESSAGES.planTitle(plan.fixes.filter((f) => f.change).length)[lang]];
  plan.fixes.forEach((fix, i) => {
    lines.push(`  ${i + 1}. [${fix.club} · ${fix.checkId}] ${fix.title[lang]}${fix.change ? '' : ` (${FIX_MESSAGES.manualStep[lang]})`}`);
    for (const l of fix.lines) lines.push(`       ${FIX_MESSAGES.field(l.object[lang], l.field[lang], l.from, l.to)[lang]}`);
  });
  return lines.join('\n') + '\n';
}
