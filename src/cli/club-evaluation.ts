// Each club of a live `diagnose` evaluated as soon as the gathering completes it (gather.ts
// `onClubReady`), while other clubs' Stripe requests are still in flight, instead of all clubs one
// after the other once the last answer is in: with 500 clubs that tail was most of the run's CPU
// outside the waits. Checks are pure and the club's parts are those of the final snapshot, so a
// club evaluated early gets exactly the results it would get at the end; its report (set-up
// referral, audience, the report model) is built then too. Clubs never completed early (a stopped
// run, a snapshot file, a failed club list) are evaluated at the end, as before.

import type { Audience } from '../report/audience.js';
import { forAudience } from '../report/audience.js';
import { buildClubReport, type ClubReport } from '../report/model.js';
import { findSetupProblems, referToSetup, type SetupProblem } from '../report/setup.js';
import { runChecks, type CheckResult, type CheckSettings } from '../engine/runner.js';
import type { ClubSnapshot, Snapshot } from '../engine/snapshot.js';
import type { Check, Lang, Query } from '../engine/types.js';

export interface EvaluatedClub {
  club: ClubSnapshot;
  results: CheckResult[];
  /** The club's report, when it was built early (else the caller builds it from `results`). */
  report?: ClubReport;
}

export interface ClubEvaluationInput {
  checks: readonly Check[];
  settings: Record<string, CheckSettings>;
  query: Query;
  signal?: AbortSignal;
  audience: Audience;
  lang: Lang;
  /** Work on a club's report done as soon as it is built (the JSON report's piece, written early). */
  prepare?: (report: ClubReport) => void;
}

/** The club's report as the end of the run builds it (diagnose.ts), given the run's set-up problems. */
export function clubReport(club: ClubSnapshot, results: CheckResult[], problems: SetupProblem[], input: Pick<ClubEvaluationInput, 'audience' | 'lang'>): ClubReport {
  return buildClubReport(club, forAudience(referToSetup(results, problems), input.audience), input.lang);
}

export interface EarlyEvaluation {
  /** For gather.ts `onClubReady`. */
  onClubReady(club: ClubSnapshot, index: number, snapshot: Snapshot): void;
  /** The club's early evaluation, when there was one (by its index among the run's clubs). */
  take(index: number): Promise<EvaluatedClub | undefined>;
}

export function earlyEvaluation(input: ClubEvaluationInput): EarlyEvaluation {
  const early = new Map<number, Promise<EvaluatedClub | undefined>>();
  // The shop-wide snapshot is the same for every club of a run: its problems are found once.
  const shopWide = new WeakMap<Snapshot, SetupProblem[]>();
  const shopProblems = (snapshot: Snapshot) => {
    let problems = shopWide.get(snapshot);
    if (!problems) shopWide.set(snapshot, (problems = findSetupProblems({ ...snapshot, clubs: [] })));
    return problems;
  };
  const evaluate = async (club: ClubSnapshot, snapshot: Snapshot): Promise<EvaluatedClub | undefined> => {
    const results = await runChecks({ checks: input.checks, snapshot, club, query: input.query, settings: input.settings, signal: input.signal });
    // Stopped while its checks ran: they were cut short, not evaluated as the end would (with a
    // grace period after the stop). Evaluated again at the end.
    if (input.signal?.aborted) return undefined;
    // The set-up problems of this club and of the shop: a result refers to the problem of its own
    // cause, whose title depends on that cause only, so these give the same referral as the run's.
    const problems = [...shopProblems(snapshot), ...findSetupProblems({ ...snapshot, parts: {}, lookups: {}, clubs: [club] })];
    const report = clubReport(club, results, problems, input);
    input.prepare?.(report);
    return { club, results, report };
  };
  return {
    onClubReady(club, index, snapshot) {
      // Awaited only at the end of the gathering: a failure here must not be an unhandled rejection
      // meanwhile. The club is then evaluated at the end, where a failure is reported as ever.
      early.set(index, evaluate(club, snapshot).catch(() => undefined));
    },
    take(index) {
      return early.get(index) ?? Promise.resolve(undefined);
    },
  };
}
