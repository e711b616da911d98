// What `init` writes: the configuration built from the answers, with every secret either an
// `env:NAME` reference (the default) or, when the person chose so, the value itself; the `export`
// lines that define those variables; and, without a terminal, a commented example to fill in.

import { normaliseName } from '../../engine/clubs.js';
import type { Lang, Text } from '../../engine/types.js';
import type { Config } from '../../config/schema.js';
import { frenchSpaces } from '../../report/french.js';
import { urlSecrets } from '../../secrets/scrub.js';
import { M } from './messages.js';

/** One secret typed during `init`: where it goes in the file and which variable holds it. */
export interface Secret {
  env: string;
  value: string;
  /** What it is, for the placeholder of its export line. */
  what: Text;
}

export interface Answers {
  url: string;
  webserviceKey: string;
  database?: { host: string; port: number; user: string; password: string; database: string; prefix: string };
  sendcloud?: { apiBase?: string; publicKey: string; secretKey: string };
  stripeApiBase?: string;
  /** SPREAD's dynamic-coupon endpoint and the platform chosen in SPREAD. */
  dynamicCoupons?: { url: string; platform: string };
  clubs: Array<{ name: string; group: number; stripe?: { publishableKey: string; secretKey: string } }>;
}

/** `Étoile Sportive de Fréjus` → `ETOILE_SPORTIVE_DE_FREJUS`: a shell variable name part. */
export function envSlug(name: string): string {
  const slug = normaliseName(name)
    .toUpperCase()
    .replace(/[^A-Z0-9]+/g, '_')
    .replace(/^_+|_+$/g, '');
  return /^[A-Z]/.test(slug) ? slug : `CLUB_${slug}`;
}

/**
 * The configuration and the secrets it refers to. With `clear`, the values are written in the file
 * and no variable is needed; otherwise every secret is an `env:` reference.
 */
export function buildConfig(answers: Answers, clear: boolean): { config: Config; secrets: Secret[] } {
  const secrets: Secret[] = [];
  const used = new Set<string>();
  const ref = (env: string, value: string, what: Text): string => {
    let name = env;
    for (let i = 2; used.has(name); i++) name = `${env}_${i}`;
    used.add(name);
    secrets.push({ env: name, value, what });
    return clear ? value : `env:${name}`;
  };
  const config: Config = {
    prestashop: {
      url: answers.url,
      webserviceKey: ref('PS_WEBSERVICE_KEY', answers.webserviceKey, M.secretWebservice),
      ...(answers.database
        ? { database: { ...answers.database, password: ref('PS_DB_PASSWORD', answers.database.password, M.secretDbPassword) } }
        : {}),
    },
    ...(answers.stripeApiBase ? { stripe: { apiBase: answers.stripeApiBase } } : {}),
    ...(answers.sendcloud
      ? {
          sendcloud: {
            ...(answers.sendcloud.apiBase ? { apiBase: answers.sendcloud.apiBase } : {}),
            publicKey: ref('SC_PUBLIC', answers.sendcloud.publicKey, M.secretScPublic),
            secretKey: ref('SC_SECRET', answers.sendcloud.secretKey, M.secretScSecret),
          },
        }
      : {}),
    ...(answers.dynamicCoupons
      ? {
          dynamicCoupons: {
            // An address that carries credentials (user info, a token in its query) is a secret.
            url: urlSecrets(answers.dynamicCoupons.url).length ? ref('SPREAD_COUPON_URL', answers.dynamicCoupons.url, M.secretCouponUrl) : answers.dynamicCoupons.url,
            platform: answers.dynamicCoupons.platform,
          },
        }
      : {}),
    clubs: answers.clubs.map((club) => {
      const slug = envSlug(club.name);
      return {
        name: club.name,
        // The group id keeps the club found when two groups share its name, or it is renamed.
        group: club.group,
        ...(club.stripe
          ? {
              stripe: {
                publishableKey: ref(`${slug}_PK`, club.stripe.publishableKey, M.secretPk(club.name)),
                secretKey: ref(`${slug}_SK`, club.stripe.secretKey, M.secretSk(club.name)),
              },
            }
          : {}),
      };
    }),
  };
  return { config, secrets };
}

/** A value in single quotes for a POSIX shell. */
function shellQuote(value: string): string {
  return `'${value.replace(/'/g, `'\\''`)}'`;
}

/** `export NAME='…'` lines: the values themselves only when asked, else placeholders. */
export function exportLines(secrets: readonly Secret[], lang: Lang, showValues: boolean): string[] {
  return secrets.map((s) => `export ${s.env}=${shellQuote(showValues ? s.value : M.placeholder(s.what)[lang])}`);
}

/** The name of the example written without a terminal: cosmiconfig does not look for it. */
export const EXAMPLE_FILE = 'checkout-doctor.example.yaml';
/** What the example becomes once renamed: a name cosmiconfig finds, read as YAML (comments allowed). */
export const EXAMPLE_TARGET = '.checkout-doctorrc.yaml';

/**
 * The commented example. YAML rather than JSON: comments are part of the format, so the file works
 * as it is once renamed, comments and all. Every secret is an `env:` reference.
 */
export function exampleConfig(lang: Lang): string {
  const fr = lang === 'fr';
  const c = (french: string, english: string) => `# ${fr ? frenchSpaces(french) : english}`;
  return [
    c(
      'Exemple de configuration de checkout-doctor. Remplissez les valeurs, puis renommez ce fichier .checkout-doctorrc.yaml',
      'Example configuration of checkout-doctor. Fill in the values, then rename this file .checkout-doctorrc.yaml',
    ),
    c(
      '(ou lancez « checkout-doctor init » dans un terminal : il pose les questions et vérifie chaque réponse).',
      '(or run "checkout-doctor init" on a terminal: it asks the questions and checks each answer).',
    ),
    c(
      'Les clés ne s’écrivent pas ici : "env:NOM" lit la variable d’environnement NOM, à définir avec export NOM=...',
      'Keys are not written here: "env:NAME" reads the environment variable NAME, to set with export NAME=...',
    ),
    c('Référence de chaque réglage : docs/configuration.md', 'Reference of every setting: docs/configuration.md'),
    '',
    'prestashop:',
    `  ${c('À REMPLIR : l’adresse de la boutique (sans /api).', 'TO FILL IN: the shop address (without /api).')}`,
    '  url: "https://boutique.example.fr"',
    `  ${c(
      'La clé webservice (Paramètres avancés > Webservice), « Voir (GET) » coché sur les ressources de docs/webservice-key.md.',
      'The webservice key (Advanced Parameters > Webservice), "View (GET)" ticked on the resources of docs/webservice-key.md.',
    )}`,
    '  webserviceKey: "env:PS_WEBSERVICE_KEY"',
    `  ${c('Facultatif : accès en lecture seule à la base (docs/database-user.md). Retirez le # pour l’activer.', 'Optional: read-only database access (docs/database-user.md). Remove the # to use it.')}`,
    '  # database:',
    '  #   host: "127.0.0.1"',
    '  #   port: 3306',
    '  #   user: "checkout_doctor"',
    '  #   password: "env:PS_DB_PASSWORD"',
    '  #   database: "prestashop"',
    '  #   prefix: "ps_"',
    '',
    c(
      'Facultatif : les clés d’une intégration « Sendcloud API » (docs/sendcloud.md). Retirez la section si la boutique n’utilise pas Sendcloud.',
      'Optional: the keys of a "Sendcloud API" integration (docs/sendcloud.md). Remove the section if the shop does not use Sendcloud.',
    ),
    'sendcloud:',
    '  publicKey: "env:SC_PUBLIC"',
    '  secretKey: "env:SC_SECRET"',
    '',
    c(
      'Facultatif : l’adresse que SPREAD appelle pour créer un coupon dynamique, et la solution choisie dans SPREAD (prestashop ou magento). Retirez les # pour l’activer.',
      'Optional: the address SPREAD calls to create a dynamic coupon, and the solution chosen in SPREAD (prestashop or magento). Remove the # to use it.',
    ),
    '# dynamicCoupons:',
    '#   url: "env:SPREAD_COUPON_URL"',
    '#   platform: "prestashop"',
    '',
    c(
      'À REMPLIR : un bloc par club (le nom de son groupe de clients), avec ses clés Stripe. Sans clés, celles du module Stripe de la boutique sont utilisées.',
      'TO FILL IN: one block per club (the name of its customer group), with its Stripe keys. Without keys, those of the shop’s Stripe module are used.',
    ),
    'clubs:',
    '  - name: "FC Exemple"',
    '    stripe:',
    '      publishableKey: "env:FC_EXEMPLE_PK"',
    '      secretKey: "env:FC_EXEMPLE_SK"',
    '',
  ].join('\n');
}
