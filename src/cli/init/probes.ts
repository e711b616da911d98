// The tests `init` runs on each answer, through the real sources (the same clients, errors and
// checks as a diagnosis), reduced to what the set-up needs: ok, or what is wrong in the person's
// words, with the steps that fix it.

import stripeKeysFormat from '../../../checks/stripe-keys-format.js';
import stripeKeysLive from '../../../checks/stripe-keys-live.js';
import type { StripeKeyProbe, StripeKeys } from '../../engine/parts.js';
import { t, type Cause, type CheckContext, type Text } from '../../engine/types.js';
import { redactor } from '../../secrets/redact.js';
import { describeKey } from '../../secrets/stripe-key.js';
import { checkReadOnlyUser, type Privilege } from '../../sources/prestashop/database-grants.js';
import type { DatabaseSettings } from '../../sources/prestashop/database.js';
import { gatherFromWebservice } from '../../sources/prestashop/gather-webservice.js';
import { checkWebserviceKey, WEBSERVICE_RESOURCES, type WebserviceResource } from '../../sources/prestashop/permissions.js';
import { PrestaShopWebservice, type PrestaShopWebserviceError } from '../../sources/prestashop/webservice.js';
import { SendcloudClient, SendcloudError } from '../../sources/sendcloud/index.js';
import { UserPayloadSchema } from '../../sources/sendcloud/normalise.js';
import { gatherClubStripe } from '../../sources/stripe/index.js';
import { frenchSpaces } from '../../report/french.js';

const tx = (french: string, english: string): Text => t(frenchSpaces(french), english);

/** A problem as the person reads it: what is wrong, then what to do. */
export interface Problem {
  what: Text;
  steps: Text[];
}

const WS_SETTINGS = tx('Dans le back-office : Paramètres avancés > Webservice.', 'In the back office: Advanced Parameters > Webservice.');

// ---- webservice -----------------------------------------------------------------------------

export type WebserviceAnswer =
  | { ok: true; shopName?: string; version?: string; missing: WebserviceResource[] }
  /** `askUrl`: the address is what is wrong (or may be), not only the key. */
  | { ok: false; problem: Problem; askUrl: boolean };

const URL_KINDS = new Set(['unreachable', 'not-webservice', 'redirect', 'timeout']);

function webserviceProblem(e: PrestaShopWebserviceError): Problem {
  const codes = e.errors.map((x) => x.code);
  const sourceSteps = e.toCause().fix ?? [];
  switch (e.kind) {
    case 'auth':
      if (codes.includes(17) || codes.includes(18)) {
        return {
          what: tx('Ce n’est pas une clé webservice : une clé fait exactement 32 caractères, lettres et chiffres.', 'This is not a webservice key: a key is exactly 32 characters, letters and digits.'),
          steps: [WS_SETTINGS, tx('Copiez la clé entière depuis la colonne « Clé ».', 'Copy the whole key from the "Key" column.')],
        };
      }
      if (codes.includes(20)) {
        return {
          what: tx('La boutique refuse cette clé : elle n’existe pas ou n’est pas activée.', 'The shop refuses this key: it does not exist or is not enabled.'),
          steps: [
            WS_SETTINGS,
            tx(
              'Vérifiez que la clé figure dans la liste avec « Activé » sur Oui ; sinon, « Ajouter une nouvelle clé webservice », cochez « Voir (GET) » sur les ressources listées dans docs/webservice-key.md, Enregistrez, et copiez-la ici.',
              'Check that the key is listed with "Enabled" set to Yes; otherwise "Add new webservice key", tick "View (GET)" on the resources listed in docs/webservice-key.md, Save, and copy it here.',
            ),
          ],
        };
      }
      // Code 21 alone: the key is active but was given no permission at all.
      return {
        what: tx(
          `La clé est active mais n’a aucun droit. Il lui faut « Voir (GET) » sur : ${requiredNames()}.`,
          `The key is active but has no permission at all. It needs "View (GET)" on: ${requiredNames()}.`,
        ),
        steps: [WS_SETTINGS, tx('Modifiez la clé, cochez « Voir (GET) » sur ces ressources, puis Enregistrez.', 'Edit the key, tick "View (GET)" on these resources, then Save.')],
      };
    case 'unreachable':
    case 'timeout':
      return {
        what: tx(`La boutique ne répond pas à cette adresse (${e.host}).`, `The shop does not answer at this address (${e.host}).`),
        steps: [tx('Vérifiez l’adresse (https ou http, nom exact, port) et que la boutique est en ligne.', 'Check the address (https or http, exact name, port) and that the shop is online.')],
      };
    case 'not-webservice':
      return {
        what: tx('Cette adresse ne mène pas au webservice de PrestaShop.', 'This address does not lead to PrestaShop’s webservice.'),
        steps: [
          tx('Donnez l’adresse de la page d’accueil de la boutique (sans /api ni /admin…).', 'Give the address of the shop’s home page (without /api or /admin…).'),
          tx(
            'Si elle est juste : Paramètres de la boutique > Trafic & SEO, « URL simplifiées » sur Oui, puis Enregistrez.',
            'If it is right: Shop Parameters > Traffic & SEO, set "Friendly URL" to Yes, then Save.',
          ),
        ],
      };
    case 'redirect':
      return {
        what: tx('La boutique redirige vers une autre adresse.', 'The shop redirects to another address.'),
        steps: [tx(`Donnez exactement l’adresse vers laquelle elle redirige${e.location ? ` (${e.location.split('?')[0]})` : ''}.`, `Give exactly the address it redirects to${e.location ? ` (${e.location.split('?')[0]})` : ''}.`)],
      };
    case 'shop-context':
      return {
        what: tx('La clé n’est pas associée à cette boutique.', 'The key is not associated with this shop.'),
        steps: sourceSteps.slice(0, 1),
      };
    default:
      // Header stripped by the server, webservice disabled, PHP errors: the source's steps say it.
      return { what: t(e.message, e.message), steps: sourceSteps };
  }
}

function requiredNames(): string {
  return WEBSERVICE_RESOURCES.filter((r) => !r.optional)
    .map((r) => r.resource)
    .join(', ');
}

export async function testWebservice(url: string, key: string): Promise<WebserviceAnswer> {
  const result = await checkWebserviceKey({ url, key });
  if (result.ok) return result;
  return { ok: false, problem: webserviceProblem(result.error), askUrl: URL_KINDS.has(result.error.kind) };
}

/** The shop's clubs (customer groups but the built-in ones), through the same code as a diagnosis. */
export async function discoverClubs(url: string, key: string): Promise<{ clubs: Array<{ name: string; group: number }> } | { problem: Problem }> {
  const ws = new PrestaShopWebservice({ url, key });
  const gathered = await gatherFromWebservice(ws, { query: {}, shopId: 1, wants: () => false });
  if (gathered.clubsCause) return { problem: causeProblem(gathered.clubsCause) };
  const clubs = gathered.clubs.flatMap((club) => {
    const group = club.parts['club.group'];
    const id = group?.status === 'ok' ? (group.data as { id?: number } | null)?.id : undefined;
    return id ? [{ name: club.name, group: id }] : [];
  });
  return { clubs };
}

function causeProblem(cause: Cause): Problem {
  return { what: t(cause.message, cause.message), steps: cause.fix ?? [] };
}

// ---- database -------------------------------------------------------------------------------

export type DatabaseAnswer =
  | { ok: true; user: string }
  | { ok: false; problem: Problem }
  | { ok: false; notReadOnly: { user: string; writes: Privilege[]; roles: string[] } };

function databaseProblem(cause: Cause, settings: DatabaseSettings): Problem {
  switch (cause.kind) {
    case 'auth':
      return {
        what: tx(`Connexion refusée pour l’utilisateur ${settings.user} : mot de passe faux, ou pas de droit sur la base ${settings.database}.`, `Connection refused for user ${settings.user}: wrong password, or no right on database ${settings.database}.`),
        steps: [tx('Vérifiez l’utilisateur et le mot de passe auprès de l’hébergeur.', 'Check the user and password with the host.')],
      };
    case 'unreachable':
    case 'timeout':
      return {
        what: tx(`Le serveur de base de données ne répond pas (${settings.host}:${settings.port}).`, `The database server does not answer (${settings.host}:${settings.port}).`),
        steps: [tx('Vérifiez le serveur et le port, et que ce serveur accepte les connexions depuis cette machine.', 'Check the server and the port, and that the server accepts connections from this machine.')],
      };
    case 'unknown-database':
      return { what: tx(`La base « ${settings.database} » n’existe pas sur ce serveur.`, `Database "${settings.database}" does not exist on this server.`), steps: [] };
    case 'wrong-prefix':
      return {
        what: tx(`Les tables de PrestaShop ne sont pas trouvées avec le préfixe « ${settings.prefix} ».`, `PrestaShop’s tables are not found with the prefix "${settings.prefix}".`),
        steps: [tx('Le préfixe est « database_prefix » dans app/config/parameters.php de la boutique.', 'The prefix is "database_prefix" in the shop’s app/config/parameters.php.')],
      };
    default:
      return causeProblem(cause);
  }
}

export async function testDatabase(settings: DatabaseSettings): Promise<DatabaseAnswer> {
  redactor.add(settings.password);
  const result = await checkReadOnlyUser(settings);
  if (!result.ok) return { ok: false, problem: databaseProblem(result.cause, settings) };
  if (result.writes.length || result.roles.length) return { ok: false, notReadOnly: { user: result.user, writes: result.writes, roles: result.roles } };
  return { ok: true, user: result.user };
}

/** The statements that create a read-only user for `database`, for the person's administrator. */
export function readOnlyUserSql(database: string): string[] {
  return [
    "CREATE USER 'checkout_doctor'@'%' IDENTIFIED BY 'un-mot-de-passe-long';",
    `GRANT SELECT ON \`${database}\`.* TO 'checkout_doctor'@'%';`,
  ];
}

// ---- Sendcloud ------------------------------------------------------------------------------

export async function testSendcloud(apiBase: string, publicKey: string, secretKey: string): Promise<{ ok: true } | { ok: false; problem: Problem }> {
  redactor.add(publicKey);
  redactor.add(secretKey);
  redactor.addCredentials(publicKey, secretKey);
  try {
    const client = new SendcloudClient({ apiBase, publicKey, secretKey, retry: false });
    await client.get('/api/v2/user', UserPayloadSchema);
    return { ok: true };
  } catch (error) {
    if (error instanceof SendcloudError && error.kind === 'auth') {
      return {
        ok: false,
        problem: {
          what: tx('Sendcloud refuse ces clés.', 'Sendcloud refuses these keys.'),
          steps: [
            tx(
              'Dans Sendcloud : Réglages > Intégrations > « Sendcloud API », ouvrez l’intégration (ou créez-en une) et copiez sa clé publique et sa clé secrète ; pas celles de l’intégration PrestaShop.',
              'In Sendcloud: Settings > Integrations > "Sendcloud API", open the integration (or create one) and copy its public key and secret key; not those of the PrestaShop integration.',
            ),
          ],
        },
      };
    }
    if (error instanceof SendcloudError) return { ok: false, problem: causeProblem(error.details) };
    const message = (error as Error).message;
    return { ok: false, problem: { what: t(message, message), steps: [] } };
  }
}

// ---- Stripe ---------------------------------------------------------------------------------

/** The club's keys judged as a diagnosis judges them: the format first, then Stripe's own answer. */
export async function testStripeKeys(club: string, keys: { publishableKey: string; secretKey: string }, apiBase: string | undefined): Promise<{ ok: true } | { ok: false; what: Text }> {
  redactor.add(keys.publishableKey);
  redactor.add(keys.secretKey);
  const facts: StripeKeys = { origin: 'config', mode: null, publishableKey: describeKey(keys.publishableKey), secretKey: describeKey(keys.secretKey) };
  const ctx = (parts: CheckContext['parts']): CheckContext => ({ club: { name: club }, parts, unavailable: {}, options: {}, query: {}, now: new Date() });
  const format = await stripeKeysFormat.run(ctx({ 'club.stripeKeys': facts }));
  if (format.status === 'fail') return { ok: false, what: format.message };
  const parts = await gatherClubStripe(keys, { ...(apiBase ? { apiBase } : {}), clubTimeoutMs: 30_000 });
  const probe = parts['club.stripeKeyProbe'];
  if (probe.status !== 'ok') return { ok: false, what: tx('Stripe n’a pas répondu.', 'Stripe did not answer.') };
  const live = await stripeKeysLive.run(ctx({ 'club.stripeKeys': facts, 'club.stripeKeyProbe': probe.data as StripeKeyProbe }));
  return live.status === 'pass' ? { ok: true } : { ok: false, what: live.message };
}
