// The guided mode (issue 10, item 1): `checkout-doctor` with no arguments on a terminal, or
// `diagnose -i`. A session: choose the club, say what the problem is about, watch the checks run,
// walk the problems, answer what no source can read, save the report. Enter on every prompt after
// the club choice takes the default, no default writes to the shop, and the session ends with the
// exit code `diagnose` would give. Without a terminal, or with CI set, it refuses (exit 2); Ctrl-C
// at a prompt ends it (exit 130) with nothing written.

import { resolveCheckSettings } from '../../config/checks.js';
import { configDir, loadConfig } from '../../config/load.js';
import { UsageError } from '../../engine/errors.js';
import { builtinRegistry, loadPlugins, partsNeeded } from '../../engine/registry.js';
import { runChecks } from '../../engine/runner.js';
import type { ClubSnapshot } from '../../engine/snapshot.js';
import { forAudience } from '../../report/audience.js';
import { reportContext } from '../../report/context.js';
import { buildClubReport, buildReport, exitCodeFor, type Report } from '../../report/model.js';
import { RENDERERS } from '../../report/render/index.js';
import { findSetupProblems, referToSetup, renderSetupProblem, setupJson, stoppedCounts } from '../../report/setup.js';
import { INTERRUPTED_EXIT, queryFrom, runInputs, runStopper, selectChecks, type DiagnoseFlags } from '../diagnose.js';
import { oneOf, parseLang, parseTimeout } from '../options.js';
import { logError, useColor, type Io } from '../output.js';
import { chooseClub } from './club-choice.js';
import { RELAY_MAP_POINTS } from './faq-points.js';
import { offerSafeFixes } from './fixes.js';
import { messages } from './messages.js';
import { showProgress } from './progress.js';
import { askAbout } from './questions.js';
import { askManual } from './manual.js';
import { offerToSave } from './save.js';
import { openShop } from './shop.js';
import { canPrompt, conversation, isPromptCancelled, type Conversation } from './terminal.js';
import { walkProblems } from './walk.js';
import { monotonicMs } from '../../engine/clock.js';

/** The exit code when the guided mode cannot run: a usage error (no terminal, CI). */
export const REFUSED_EXIT = 2;

export async function guided(io: Io, named: string | undefined, flags: DiagnoseFlags): Promise<number> {
  const lang = parseLang(flags.lang, io.env);
  if (!canPrompt(io)) {
    logError(io, `checkout-doctor: ${messages.refuse[lang]}`);
    return REFUSED_EXIT;
  }
  const failOn = oneOf('--fail-on', flags.failOn, ['warn', 'fail'] as const, 'fail');
  const talk = conversation(io, lang);
  try {
    return await session(io, talk, named, flags, failOn);
  } catch (error) {
    if (!isPromptCancelled(error)) throw error;
    talk.say('');
    logError(io, messages.interrupted[lang]);
    return INTERRUPTED_EXIT;
  }
}

async function session(io: Io, talk: Conversation, named: string | undefined, flags: DiagnoseFlags, failOn: 'warn' | 'fail'): Promise<number> {
  const { lang } = talk;
  const loaded = await loadConfig({ configPath: flags.config, cwd: io.cwd, env: io.env });
  const registry = builtinRegistry();
  await loadPlugins(registry, loaded?.config.plugins ?? [], configDir(loaded, io.cwd));
  const { off, settings } = resolveCheckSettings(loaded?.config.checks, registry, loaded?.filepath ?? '');
  const checks = selectChecks(registry, flags, off);
  const inputs = await runInputs(io, flags, loaded);
  const given = queryFrom(flags);

  talk.say(talk.text(messages.welcome));
  const shop = await openShop(io, flags, loaded, lang);
  try {
    const clubs = await listClubs(io, talk, shop);
    const club = await chooseClub(talk, clubs, named);
    const about = await askAbout(talk, given);
    const { query } = about;
    // The relay-point map does not show: the FAQ's causes no API can see are asked about too.
    const run = about.relayMap ? [...checks, ...RELAY_MAP_POINTS] : checks;

    const startedAt = monotonicMs();
    const gathered = await gatherWithProgress(io, talk, shop, club, query, partsNeeded(run, query), parseTimeout(flags.timeout));
    if (!gathered) {
      logError(io, messages.interrupted[lang]);
      return INTERRUPTED_EXIT;
    }
    const { snapshot } = gathered;
    const target = snapshot.clubs.find((c) => c.name === club.name) ?? snapshot.clubs[0];
    if (!target) throw new Error(`the club "${club.name}" was not gathered`);

    // Set-up problems (a refused key, an unreachable host) are said once, as `diagnose` does.
    const problems = findSetupProblems(snapshot);
    const results = referToSetup(await runChecks({ checks: run, snapshot, club: target, query, settings }), problems);
    const stopped = stoppedCounts(results, problems);
    problems.forEach((p, i) => stopped[i]! > 0 && logError(io, renderSetupProblem(p, stopped[i]!, lang)));
    const setup = problems.flatMap((p, i) => (stopped[i]! > 0 ? [setupJson(p, stopped[i]!, lang)] : []));

    const admin = forAudience(results, 'admin');
    await walkProblems(talk, target.name, admin);
    const answered = await askManual(talk, target.name, admin, results);
    // The safe fixes, one by one, default no; then the report shows the club as it is after them.
    const rerun = async () => {
      const again = await shop.gather(club, query, partsNeeded(run, query), undefined, AbortSignal.timeout(parseTimeout(flags.timeout) * 1000));
      const found = again.clubs.find((c) => c.name === target.name) ?? again.clubs[0]!;
      return { snapshot: again, clubs: [{ club: found, results: referToSetup(await runChecks({ checks: run, snapshot: again, club: found, query, settings }), findSetupProblems(again)) }] };
    };
    const fixed = await offerSafeFixes(io, talk, { first: { snapshot, clubs: [{ club: target, results: answered }] }, query, config: shop.config, rerun });
    // A point a person answered keeps the answer; every other result is the one read after the fixes.
    const after = fixed?.final?.clubs[0]?.results.map((r) => answered.find((a) => a.check.meta.id === r.check.meta.id && a.evidence?.['answeredBy'] === 'person') ?? r);
    const final = after ?? answered;

    const build = (audience: 'admin' | 'support'): Report => ({
      ...buildReport([buildClubReport(target, forAudience(final, audience), lang)], lang, startedAt, undefined, setup),
      // The ticket's header: which shop, from where, what was asked (src/report/context.ts).
      ...reportContext(snapshot, flags, query),
      ...(audience === 'admin' ? { audience } : {}),
      ...(fixed ? { fixes: fixed.fixes, ...(fixed.backup ? { fixBackup: fixed.backup } : {}) } : {}),
    });
    const shown = build('admin');
    talk.say('');
    talk.show(RENDERERS.pretty(shown, { color: useColor(io) }).trimEnd());
    await offerToSave(io, talk, { club: target.name, report: build('support'), snapshot, inputs });
    const code = exitCodeFor(shown, failOn);
    talk.say('');
    talk.say(talk.text(messages.goodbye(code)));
    return code;
  } finally {
    await shop.close();
  }
}

async function listClubs(io: Io, talk: Conversation, shop: Awaited<ReturnType<typeof openShop>>): Promise<readonly ClubSnapshot[]> {
  if (shop.live) logError(io, talk.text(messages.listingClubs));
  const clubs = await shop.listClubs();
  if (!clubs.length) throw new UsageError(talk.text(messages.noClub));
  return clubs;
}

/**
 * The gathering for the chosen club, with live progress, bounded by the run's deadline. Ctrl-C
 * while it runs stops it and ends the session (undefined): nothing is walked, nothing written.
 */
async function gatherWithProgress(io: Io, talk: Conversation, shop: Awaited<ReturnType<typeof openShop>>, club: ClubSnapshot, query: ReturnType<typeof queryFrom>, needs: ReturnType<typeof partsNeeded>, seconds: number) {
  const stopper = runStopper(io, seconds);
  const progress = shop.live ? await showProgress(io, talk.lang, talk.text(messages.checking(club.name))) : undefined;
  try {
    // Once stopped, the gathering's final sweep would still report the club "read": not shown.
    const listener = progress && ((event: Parameters<typeof progress.listener>[0]) => !stopper.signal.aborted && progress.listener(event));
    const snapshot = await shop.gather(club, query, needs, listener, stopper.signal);
    return stopper.interrupted() ? undefined : { snapshot };
  } finally {
    progress?.stop();
    stopper.dispose();
  }
}
