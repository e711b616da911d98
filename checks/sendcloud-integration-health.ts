// FAQ 002, common reason 6: the shop's connection with Sendcloud is broken; its "Journal
// d'erreur(s)" in "Réglages > Boutiques connectées" tells why. Read on the shop's entry of
// GET /api/v2/integrations and its log (api-notes/sendcloud.md §4 "Diagnosis"): failing when
// `failing_since` is set; suspicious when `last_fetch` is older than `staleHours` (default 48) or
// when the last `logDays` days (default 7) of the log show 401/403/404 answers or SSL errors.

import type { SendcloudIntegration, SendcloudLogEntry } from '../src/engine/parts.js';
import { t, type Check, type Text } from '../src/engine/types.js';
import { shopDates } from '../src/report/dates.js';
import { forms, plurals } from '../src/report/french.js';

// The texts of this check's verdicts, in one place for a translator (issue 10.4); the logic below
// only picks one and passes it the values it reads.
const MESSAGES = {
  connectionShopWorksNo: (name: Text, fetched: Text | null, logNote: Text | null | undefined, days: Text) =>
    t(
      `La connexion de la boutique ${name.fr} fonctionne : pas d’échec signalé, commandes récupérées ${fetched ? `le ${fetched.fr}` : 'à une date inconnue'}${logNote ? ` (${logNote.fr})` : `, pas d’erreur d’accès (401/403/404) ni de certificat SSL sur ${days.fr}`}.`,
      `The connection of the shop ${name.en} works: no failure reported, orders fetched ${fetched ? fetched.en : 'at an unknown date'}${logNote ? ` (${logNote.en})` : `, no access (401/403/404) or SSL error over ${days.en}`}.`,
    ),
  noSendcloudConnectionShop: (shopUrl: string) =>
    t(
      `Aucune connexion Sendcloud pour la boutique ${shopUrl} : Sendcloud ne peut ni récupérer ses commandes ni afficher la carte des points relais.`,
      `No Sendcloud connection for the shop ${shopUrl}: Sendcloud can neither fetch its orders nor show the relay-point map.`,
    ),
  errorLogNotRead: t('Le journal d’erreurs n’a pas été lu.', 'The error log was not read.'),
  logLastDaysShows: (logDays: number, kinds: ErrorKind[], recent: Record<ErrorKind, SendcloudLogEntry[]>) =>
    t(
      `Son journal des ${logDays} derniers jours montre : ${kinds.map((k) => `${recent[k].length} × ${k === 'auth' ? '401/403' : k === 'not-found' ? '404' : 'SSL'} (dernier le ${recent[k][0]!.createdAt})`).join(', ')}.`,
      `Its log for the last ${logDays} days shows: ${kinds.map((k) => `${recent[k].length} × ${k === 'auth' ? '401/403' : k === 'not-found' ? '404' : 'SSL'} (latest ${recent[k][0]!.createdAt})`).join(', ')}.`,
    ),
  sendcloudReportsConnectionShop: (name: Text, failingSince: string, logSummary: Text | undefined) =>
    t(
      `Sendcloud signale la connexion de la boutique ${name.fr} en échec depuis ${failingSince} : les commandes ne sont plus récupérées.${logSummary ? ` ${logSummary.fr}` : ''}`,
      `Sendcloud reports the connection of the shop ${name.en} as failing since ${failingSince}: orders are no longer fetched.${logSummary ? ` ${logSummary.en}` : ''}`,
    ),
  sendcloudNeverFetchedOrder: t('Sendcloud n’a encore jamais récupéré de commande de cette boutique.', 'Sendcloud has never fetched an order from this shop yet.'),
  ordersWereLastFetched: (age: number, lastFetch: string, staleHours: number) =>
    t(
      `Dernière récupération des commandes il y a ${age} h (le ${lastFetch}), au-delà de ${staleHours} h.`,
      `Orders were last fetched ${age} h ago (${lastFetch}), more than ${staleHours} h.`,
    ),
  connectionShopNeedsAttention: (name: Text, problems: Text[]) =>
    t(
      `Connexion de la boutique ${name.fr} à surveiller : ${problems.map((p) => p.fr).join(' ')}`,
      `The connection of the shop ${name.en} needs attention: ${problems.map((p) => p.en).join(' ')}`,
    ),
};

const ERROR_LOG = (shop: string): Text =>
  t(
    `Dans Sendcloud : Réglages > Boutiques connectées > « ${shop} » > Journal d’erreur(s), lisez les dernières erreurs.`,
    `In Sendcloud: "Réglages > Boutiques connectées" (connected shops) > "${shop}" > "Journal d’erreur(s)" (error log), read the latest errors.`,
  );
/** An integration as named in sentences: its shop name and id. */
const INTEGRATION = (shop: string, id: number | string): Text => t(`« ${shop} » (n° ${id})`, `"${shop}" (#${id})`);

/** A healthy connection: when the orders were last fetched (the shop's date), and the error log's verdict. */
const WORKS = (name: Text, fetched: Text | null, logNote: Text | null | undefined, logDays: number): Text => {
  const days = plurals(logDays, forms('{n} jour', '{n} jours', '{n} day', '{n} days'));
  return MESSAGES.connectionShopWorksNo(name, fetched, logNote, days);
};

const RECONNECT = t(
  'Reconnectez la boutique depuis le module Sendcloud du back-office PrestaShop : il crée une nouvelle clé webservice et la transmet à Sendcloud.',
  'Reconnect the shop from the Sendcloud module in the PrestaShop back office: it creates a new webservice key and hands it to Sendcloud.',
);
const KEEP_WEBSERVICE = t(
  'Le webservice PrestaShop doit rester activé (Paramètres avancés > Webservice, PS_WEBSERVICE) et la clé créée par le module ne doit pas être supprimée.',
  'The PrestaShop webservice must stay enabled (Advanced Parameters > Webservice, PS_WEBSERVICE) and the key the module created must not be deleted.',
);

type ErrorKind = 'auth' | 'not-found' | 'ssl';

const KIND_STEP: Record<ErrorKind, Text> = {
  auth: t(
    'Réponses 401/403 : Sendcloud n’est plus autorisé sur le webservice de la boutique (clé supprimée, régénérée ou privée de droits).',
    '401/403 answers: Sendcloud is no longer allowed on the shop’s webservice (key deleted, regenerated or stripped of permissions).',
  ),
  'not-found': t(
    'Réponses 404 : l’adresse de la boutique a changé, ou le webservice (/api/) ne répond plus (désactivé, réécriture d’URL).',
    '404 answers: the shop’s address changed, or the webservice (/api/) no longer answers (disabled, URL rewriting).',
  ),
  ssl: t(
    'Erreurs SSL : le certificat HTTPS de la boutique est expiré ou invalide ; faites-le renouveler par l’hébergeur.',
    'SSL errors: the shop’s HTTPS certificate is expired or invalid; have the host renew it.',
  ),
};

function kindOf(entry: SendcloudLogEntry): ErrorKind | undefined {
  const code = entry.responseCode;
  if (code === 495 || /ssl|certificate/i.test(`${entry.exceptionType ?? ''} ${entry.exception ?? ''}`)) return 'ssl';
  if (code === 401 || code === 403) return 'auth';
  if (code === 404) return 'not-found';
  return undefined;
}

function positive(value: unknown, fallback: number): number {
  const n = Number(value);
  return Number.isFinite(n) && n > 0 ? n : fallback;
}

function label(i: SendcloudIntegration): { fr: string; en: string } {
  return INTEGRATION(i.shopName, i.id);
}

const hoursBetween = (from: number, to: number) => Math.floor((to - from) / 3_600_000);

export default {
  meta: {
    id: 'sendcloud-integration-health',
    category: 'shipping',
    severity: 'fail',
    needs: ['sendcloud.integrations'],
    optional: ['sendcloud.integrationLogs'],
    title: t('Connexion boutique ↔ Sendcloud opérationnelle', 'Shop ↔ Sendcloud connection healthy'),
    description: t(
      'Vérifie que Sendcloud ne signale pas la connexion de la boutique en échec (failing_since), qu’il a récupéré des commandes récemment (option staleHours, 48 h par défaut) et que son journal d’erreurs des derniers jours (option logDays, 7 par défaut) ne montre ni refus 401/403, ni 404, ni erreur SSL. Une connexion interrompue empêche la carte des points relais de fonctionner.',
      'Verifies that Sendcloud does not report the shop’s connection as failing (failing_since), that it fetched orders recently (option staleHours, default 48 h), and that its error log for the last days (option logDays, default 7) shows no 401/403 refusals, 404s or SSL errors. A broken connection stops the relay-point map from working.',
    ),
    docs: 'FAQ 002, « Raisons courantes », point 6 (« Journal d’erreur(s) »)',
    defaultOptions: { staleHours: 48, logDays: 7 },
  },
  run({ parts, unavailable, options, now }) {
    const integrations = parts['sendcloud.integrations']!;
    const logs = parts['sendcloud.integrationLogs'];
    const staleHours = positive(options.staleHours, 48);
    const logDays = positive(options.logDays, 7);
    const shop = integrations.matchedId === null ? undefined : integrations.list.find((i) => i.id === integrations.matchedId);

    if (!shop) {
      return {
        status: 'fail',
        message: MESSAGES.noSendcloudConnectionShop(integrations.shopUrl),
        remediation: [RECONNECT, KEEP_WEBSERVICE],
        evidence: { shopUrl: integrations.shopUrl },
      };
    }

    const name = label(shop);
    const nowMs = now.getTime();
    const evidence: Record<string, unknown> = {
      integrationId: shop.id,
      shopName: shop.shopName,
      failingSince: shop.failingSince,
      lastFetch: shop.lastFetch,
      staleHours,
      logDays,
    };

    // Recent log errors (only when the log is the matched integration's).
    const recent: Record<ErrorKind, SendcloudLogEntry[]> = { auth: [], 'not-found': [], ssl: [] };
    let logNote: Text | undefined;
    if (logs && logs.integrationId === shop.id) {
      const since = nowMs - logDays * 86_400_000;
      for (const entry of logs.entries) {
        const at = Date.parse(entry.createdAt);
        if (Number.isNaN(at) || at < since) continue;
        const kind = kindOf(entry);
        if (kind) recent[kind].push(entry);
      }
      for (const list of Object.values(recent)) list.sort((a, b) => Date.parse(b.createdAt) - Date.parse(a.createdAt));
      evidence.logErrors = Object.fromEntries(
        (Object.keys(recent) as ErrorKind[]).filter((k) => recent[k].length).map((k) => [k, { count: recent[k].length, latest: recent[k][0]!.createdAt }]),
      );
    } else {
      logNote = unavailable['sendcloud.integrationLogs'] ?? MESSAGES.errorLogNotRead;
      evidence.logErrors = null;
    }
    const kinds = (Object.keys(recent) as ErrorKind[]).filter((k) => recent[k].length > 0);
    const logSteps = kinds.map((k) => KIND_STEP[k]);
    const logSummary =
      kinds.length > 0
        ? MESSAGES.logLastDaysShows(logDays, kinds, recent)
        : undefined;

    if (shop.failingSince) {
      return {
        status: 'fail',
        message: MESSAGES.sendcloudReportsConnectionShop(name, shop.failingSince, logSummary),
        remediation: [ERROR_LOG(shop.shopName), ...logSteps, RECONNECT, KEEP_WEBSERVICE],
        evidence,
      };
    }

    const problems: Text[] = [];
    if (shop.lastFetch === null) {
      problems.push(MESSAGES.sendcloudNeverFetchedOrder);
    } else {
      const fetched = Date.parse(shop.lastFetch);
      if (Number.isNaN(fetched)) {
        evidence.lastFetchUnreadable = true;
      } else {
        const age = hoursBetween(fetched, nowMs);
        evidence.lastFetchAgeHours = age;
        if (age > staleHours) {
          problems.push(MESSAGES.ordersWereLastFetched(age, shop.lastFetch, staleHours));
        }
      }
    }
    if (logSummary) problems.push(logSummary);

    if (problems.length) {
      return {
        status: 'warn',
        message: MESSAGES.connectionShopNeedsAttention(name, problems),
        remediation: [ERROR_LOG(shop.shopName), ...logSteps, RECONNECT, KEEP_WEBSERVICE],
        evidence,
      };
    }
    return {
      status: 'pass',
      message: WORKS(name, shop.lastFetch ? shopDates(shop.lastFetch) : null, logNote, logDays),
      evidence,
    };
  },
} satisfies Check;
