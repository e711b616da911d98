// Set-up problems, said once (issue 8 item 11). A rejected webservice key, a wrong host, an
// unreachable shop or a refused database makes every part read through that source fail with the
// same cause: the report states that cause once, with its fix, and the checks it stopped refer to
// it in one line instead of each repeating a long upstream message.
//
// Pure: reads the snapshot's failed parts and the runner's results; the CLI prints the problems
// on stderr and adds them to the report (`setup`, an addition to the JSON contract).

import { codeConfigKeys } from '../config/keys.js';
import type { CheckResult } from '../engine/runner.js';
import type { PartEnvelope, Snapshot } from '../engine/snapshot.js';
import { t, type Cause, type Lang, type Text } from '../engine/types.js';
import { pick } from './i18n.js';
import { typeset } from './french.js';

const messages = {
  title: {
    auth: t('La boutique refuse la clé webservice', 'The shop refuses the webservice key'),
    'auth-header-stripped': t("Le serveur de la boutique retire la clé webservice avant PrestaShop", "The shop's server drops the webservice key before PrestaShop"),
    'webservice-disabled': t('Le webservice de la boutique est désactivé', "The shop's webservice is disabled"),
    'shop-context': t("La clé webservice n'a pas accès à cette boutique", 'The webservice key has no access to this shop'),
    redirect: t('prestashop.url ne donne pas l’adresse de la boutique : elle redirige', 'prestashop.url is not the shop’s address: it redirects'),
    'not-webservice': t('prestashop.url ne mène pas au webservice de PrestaShop', "prestashop.url does not lead to PrestaShop's webservice"),
    'forbidden-resource': t('La clé webservice ne peut pas lire certaines ressources', 'The webservice key cannot read some resources'),
    unreachable: t('Impossible de joindre la boutique', 'The shop cannot be reached'),
    timeout: t('La boutique ne répond pas à temps', 'The shop does not answer in time'),
    'database-auth': t('La base de données refuse la connexion', 'The database refuses the connection'),
    'database-unreachable': t('Impossible de joindre la base de données', 'The database cannot be reached'),
    'database-other': t('La base de données ne peut pas être lue', 'The database cannot be read'),
  },
  heading: t('Problème de configuration', 'Set-up problem'),
  howToFix: t('Pour corriger :', 'How to fix:'),
  stopped: (n: number) =>
    t(
      `${n} contrôle${n > 1 ? 's' : ''} n'${n > 1 ? 'ont' : 'a'} pas pu être évalué${n > 1 ? 's' : ''} à cause de ce problème.`,
      `${n} check${n > 1 ? 's' : ''} could not be evaluated because of it.`,
    ),
  brief: (title: Text) =>
    t(`Non évalué : ${title.fr.charAt(0).toLowerCase()}${title.fr.slice(1)} (voir le problème de configuration signalé une seule fois).`, `Not evaluated: ${title.en.charAt(0).toLowerCase()}${title.en.slice(1)} (see the set-up problem, reported once).`),
  refused: (resources: string[]) => t(`Ressources refusées à la clé : ${resources.join(', ')}.`, `Resources refused to the key: ${resources.join(', ')}.`),
  briefFix: t('Corrigez le problème de configuration, puis relancez le diagnostic.', 'Fix the set-up problem, then run the diagnosis again.'),
  grant: (resources: string[]) =>
    t(
      `Dans le back-office : Paramètres avancés > Webservice > Modifier la clé, cochez « Voir (GET) » pour ${resources.length > 1 ? 'les ressources' : 'la ressource'} ${resources.map((r) => `« ${r} »`).join(', ')}, puis Enregistrez.`,
      `In the back office: Advanced Parameters > Webservice > edit the key, tick "View (GET)" for the resource${resources.length > 1 ? 's' : ''} ${resources.map((r) => `"${r}"`).join(', ')}, then Save.`,
    ),
};

/** Cause kinds that are about the set-up (configuration, network, permissions), per source. */
const SETUP_KINDS: Record<string, ReadonlySet<string>> = {
  prestashop: new Set(['auth', 'auth-header-stripped', 'webservice-disabled', 'shop-context', 'redirect', 'not-webservice', 'unreachable', 'timeout', 'forbidden-resource']),
  database: new Set(['auth', 'unreachable', 'timeout', 'unknown-database', 'wrong-prefix']),
  'shop-front': new Set(['unreachable', 'timeout']),
};

export interface SetupProblem {
  /** The first cause of the group (its source, kind, host, status, code and English message). */
  cause: Cause;
  title: Text;
  fix: Text[];
  /** Resources the key may not read (forbidden-resource only). */
  resources?: string[];
  /** Grouping key of the causes it stands for. */
  key: string;
}

function titleKey(cause: Cause): keyof typeof messages.title {
  if (cause.source === 'database') return cause.kind === 'auth' ? 'database-auth' : cause.kind === 'unreachable' || cause.kind === 'timeout' ? 'database-unreachable' : 'database-other';
  return (cause.kind in messages.title ? cause.kind : 'unreachable') as keyof typeof messages.title;
}

/**
 * Causes that share a set-up problem share a key: the same kind and message on the same host
 * (transport failures of the webservice and of the shop front are one problem); every resource the
 * key may not read is one problem.
 */
export function setupKey(cause: Cause | undefined): string | undefined {
  if (!cause || !SETUP_KINDS[cause.source]?.has(cause.kind)) return undefined;
  if (cause.kind === 'forbidden-resource') return `${cause.source}|forbidden-resource|${cause.host ?? ''}`;
  if (cause.kind === 'unreachable' || cause.kind === 'timeout') return `${cause.source === 'database' ? 'database' : 'shop'}|${cause.kind}|${cause.host ?? ''}`;
  return `${cause.source}|${cause.kind}|${cause.host ?? ''}|${cause.message}`;
}

function failedCauses(snapshot: Snapshot): Cause[] {
  const envelopes: PartEnvelope[] = [
    ...Object.values(snapshot.parts),
    ...snapshot.clubs.flatMap((c) => Object.values(c.parts)),
    ...Object.values(snapshot.lookups).flatMap((byKey) => Object.values(byKey ?? {})),
  ].filter((e): e is PartEnvelope => e !== undefined);
  return envelopes.flatMap((e) => (e.status === 'failed' ? [e.cause] : []));
}

const resourceOf = (cause: Cause) => /Resource of type "([^"]+)"/.exec(cause.message)?.[1];

/** The distinct set-up problems behind the snapshot's failed parts, in order of first appearance. */
export function findSetupProblems(snapshot: Snapshot): SetupProblem[] {
  const byKey = new Map<string, SetupProblem>();
  for (const cause of failedCauses(snapshot)) {
    const key = setupKey(cause);
    if (!key) continue;
    let problem = byKey.get(key);
    if (!problem) {
      problem = { cause, key, title: messages.title[titleKey(cause)], fix: cause.fix ?? [] };
      byKey.set(key, problem);
    } else if (!problem.fix.length && cause.fix?.length) {
      // The shop front's transport failure has no fix steps; the webservice's names prestashop.url.
      problem.fix = cause.fix;
    }
    if (cause.kind === 'forbidden-resource') {
      const resource = resourceOf(cause);
      if (resource && !problem.resources?.includes(resource)) problem.resources = [...(problem.resources ?? []), resource];
    }
  }
  for (const problem of byKey.values()) {
    // One step naming every resource to tick, instead of one per failed request.
    if (problem.resources?.length) problem.fix = [messages.grant(problem.resources)];
  }
  return [...byKey.values()];
}

/**
 * The results a set-up problem stopped, each with a one-line reference instead of the cause
 * repeated; the cause itself stays attached (JSON `cause`) for scripts.
 */
export function referToSetup(results: CheckResult[], problems: SetupProblem[]): CheckResult[] {
  if (!problems.length) return results;
  const keys = new Map(problems.map((p) => [p.key, p]));
  return results.map((r) => {
    const problem = r.status === 'error' ? keys.get(setupKey(r.cause) ?? '') : undefined;
    return problem ? { ...r, message: messages.brief(problem.title), remediation: [messages.briefFix] } : r;
  });
}

/** How many results each problem stopped. */
export function stoppedCounts(results: CheckResult[], problems: SetupProblem[]): number[] {
  return problems.map((p) => results.filter((r) => r.status === 'error' && setupKey(r.cause) === p.key).length);
}

/**
 * The cause in the report's language: the source's own words when it wrote them in both, else, in
 * French, the upstream's (English) message quoted as such.
 */
function causeText(cause: Cause, lang: Lang): string {
  if (cause.text) return codeConfigKeys(pick(cause.text, lang));
  return lang === 'fr' ? typeset('fr', `Message d’origine : « ${cause.message} »`) : cause.message;
}

/** The problem as printed once on stderr, in the report's language. */
export function renderSetupProblem(problem: SetupProblem, stopped: number, lang: Lang): string {
  const where = problem.cause.host ? ` (${problem.cause.host})` : '';
  const lines = [codeConfigKeys(pick(t(`${messages.heading.fr} : ${problem.title.fr}${where}.`, `${messages.heading.en}: ${problem.title.en}${where}.`), lang))];
  lines.push(`  ${problem.resources?.length ? pick(messages.refused(problem.resources), lang) : causeText(problem.cause, lang)}`);
  if (problem.fix.length) {
    lines.push(`  ${pick(messages.howToFix, lang)}`);
    problem.fix.forEach((step, i) => lines.push(`    ${i + 1}. ${codeConfigKeys(pick(step, lang))}`));
  }
  if (stopped > 0) lines.push(`  ${pick(messages.stopped(stopped), lang)}`);
  return `${lines.join('\n')}\n`;
}

/** The JSON form added to the report (`setup`). */
export function setupJson(problem: SetupProblem, stopped: number, lang: Lang) {
  const { source, kind, host, status, code, message } = problem.cause;
  return {
    source,
    kind,
    title: codeConfigKeys(pick(problem.title, lang)),
    message: lang === 'fr' ? causeText(problem.cause, lang) : message,
    ...(host !== undefined ? { host } : {}),
    ...(status !== undefined ? { status } : {}),
    ...(code !== undefined ? { code } : {}),
    ...(problem.resources ? { resources: problem.resources } : {}),
    fix: problem.fix.map((f) => codeConfigKeys(pick(f, lang))),
    checks: stopped,
  };
}
