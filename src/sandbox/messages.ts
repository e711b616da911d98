// The sandbox's error sentences, French and English: a fixture file that cannot be read, is not JSON
// or does not have the expected shape, and the ports the emulators cannot listen on. Fixture files
// follow PrestaShop's tables and the upstream APIs, so their field paths (`clubs.0.id_group`) are
// named as written; the validator's own English reason is quoted in French.

import type { Text } from '../engine/types.js';
import { t } from '../engine/types.js';

const NBSP = '\u00a0';

/** One problem of a fixture: where in the file, and the validator's reason (English). */
export interface FixtureIssue {
  path: string;
  message: string;
}

/**
 * A fixture file that is not usable, in both languages, with its problems one per line. The
 * loaders throw it; the sandbox turns it into an exit-2 error.
 */
export class FixtureError extends Error {
  override name = 'FixtureError';
  constructor(
    readonly text: Text,
    readonly issues: readonly FixtureIssue[] = [],
  ) {
    super([text.en, ...issues.map((i) => `  ${i.path}: ${i.message}`)].join('\n'));
  }

  /** The problem lines in `lang`: the validator's English quoted for a French reader. */
  lines(lang: 'fr' | 'en'): string[] {
    return this.issues.map((i) => (lang === 'fr' ? `  ${i.path}${NBSP}: «${NBSP}${i.message}${NBSP}»` : `  ${i.path}: ${i.message}`));
  }
}

/** Zod issues as fixture issues (at most 20: a file that is all wrong needs only the first ones). */
export function fixtureIssues(issues: ReadonlyArray<{ path: readonly PropertyKey[]; message: string }>): FixtureIssue[] {
  return issues.slice(0, 20).map((i) => ({ path: i.path.map(String).join('.') || '(root)', message: i.message }));
}

export const SANDBOX_MESSAGES = {
  noFixture: (spec: string, shop: string) =>
    t(`Aucun jeu de données de bac à sable « ${spec} » (${shop} n’existe pas).`, `No sandbox fixture "${spec}" (${shop} does not exist).`),
  noFixtureHint: t('Donnez "demo" ou le chemin d’un fichier <nom>-shop.json.', 'Give "demo" or the path of a <name>-shop.json file.'),
  noActiveKey: t('Le jeu de données du bac à sable n’a aucune clé de webservice active.', 'The sandbox fixture has no active webservice key.'),
  noActiveKeyHint: t(
    'Ajoutez à webservice_accounts une clé avec "active": 1 (fixtures/shops/demo-shop.json en montre une).',
    'Add to webservice_accounts a key with "active": 1 (fixtures/shops/demo-shop.json shows one).',
  ),
  invalid: (first: Text) => t(`Jeu de données du bac à sable invalide : ${first.fr}`, `Invalid sandbox fixture: ${first.en}`),
  invalidHint: t(
    'Corrigez ce fichier (fixtures/shops/demo-*.json montre la forme attendue), ou lancez le bac à sable sur "demo".',
    'Fix that file (fixtures/shops/demo-*.json shows the expected shape), or run the sandbox on "demo".',
  ),
  /** An error that is not a FixtureError (it should not happen): its English quoted. */
  other: (message: string) => t(`«${NBSP}${message}${NBSP}»`, message),
  cannotRead: (file: string, code: string) => t(`impossible de lire ${file} (${code}).`, `Cannot read shop fixture ${file} (${code}).`),
  notShop: (file: string) => t(`${file} n’est pas un jeu de données de boutique valide :`, `${file} is not a valid shop fixture:`),
  notStripe: (file: string) => t(`${file} n’est pas un jeu de données Stripe valide :`, `${file} is invalid:`),
  notSendcloud: (file: string) => t(`${file} n’est pas un jeu de données Sendcloud valide :`, `${file} is invalid:`),
  portBusy: (port: number) =>
    t(`Le port ${port} est déjà utilisé sur 127.0.0.1 : le bac à sable ne peut pas l’écouter.`, `Port ${port} is already in use on 127.0.0.1: the sandbox cannot listen on it.`),
  portPrivileged: (port: number) =>
    t(`Le port ${port} est réservé : le bac à sable n’a pas le droit de l’écouter.`, `Port ${port} is privileged: the sandbox is not allowed to listen on it.`),
  portHint: t('Donnez un autre --port, ou aucun pour un port libre.', 'Give another --port, or none for a free port.'),
  badPort: (value: string | undefined) =>
    t(`--port attend un nombre de 0 à 65535 (reçu : « ${value} »).`, `--port must be a number from 0 to 65535 (got "${value}").`),
};

/**
 * What `checkout-doctor sandbox` prints while it runs: where the emulators listen, the configuration
 * it wrote, and what `checkout-doctor init` asks for. Labels and sentences only: the values (URLs,
 * paths, the fixture's fake keys) are set beside them untouched, so French typography never reaches
 * a key or a path. The English labels are read by scripts and tests (test/e2e/readme-init.test.ts,
 * "Stop with Ctrl-C."): keep them as they are.
 */
export const SANDBOX_PRINTOUT = {
  prestashop: t('Webservice PrestaShop', 'PrestaShop webservice'),
  stripe: t('API Stripe', 'Stripe API'),
  sendcloud: t('API Sendcloud', 'Sendcloud API'),
  configuration: t('Configuration', 'Configuration'),
  // The file is the sandbox's configuration on purpose (README, "Sandbox"): `--config` reads it,
  // `diagnose --fix` finds the sandbox's write key in it. Said here so that it is not taken for litter.
  configurationKept: t(
    'Ce fichier reste après l’arrêt, pour les lancements suivants avec --config ; --write-config <fichier> l’écrit ailleurs.',
    'This file stays after the sandbox stops, for later runs with --config; --write-config <file> writes it elsewhere.',
  ),
  tryIt: t('Essayez : ', 'Try: '),
  forInit: t('Pour checkout-doctor init :', 'For checkout-doctor init:'),
  shopAddress: t('adresse de la boutique', 'shop address'),
  webserviceKey: t('clé du webservice', 'webservice key'),
  sendcloudApi: t('API Sendcloud', 'Sendcloud API'),
  sendcloudPublicKey: t('clé publique Sendcloud', 'Sendcloud public key'),
  sendcloudSecretKey: t('clé secrète Sendcloud', 'Sendcloud secret key'),
  stripeApi: t('API Stripe', 'Stripe API'),
  stripePublishableKey: t('clé publiable Stripe', 'Stripe publishable'),
  stripeSecretKey: t('clé secrète Stripe', 'Stripe secret'),
  stop: t('Ctrl-C pour arrêter.', 'Stop with Ctrl-C.'),
};
