// FAQ 000 « Vérifier les clés Stripe » and « Réenregistrer les clés Stripe »: payment cannot go
// through when Stripe refuses the club's keys. This check reads what Stripe answered to read-only
// probes (src/sources/stripe/, api-notes/stripe.md §3–4): the secret key on GET /v1/account, the
// publishable key on the same secret-only read, which a genuine publishable key gets refused with
// `secret_key_required`. Unknown/revoked, expired, restricted-without-permission and wrong-kind
// keys are told apart, each with its fix. Keys from two different accounts are caught when the
// keys are new-style (their shared account segment, §1, unconfirmed as a rule); for old-style keys
// the pairing cannot be proved and the result says so.

import type { StripeErrorInfo, StripeKeyProbe, StripePublishableProbe, StripeSecretProbe } from '../src/engine/parts.js';
import { describeContamination, describeKeyKind, type KeyFacts } from '../src/secrets/stripe-key.js';
import { t, type Check, type Text } from '../src/engine/types.js';
import { STOCK_SAVE, withStockStripePath } from '../src/engine/back-office.js';

// What a club admin reads (`--audience admin`, the guided mode): plain words where the support
// wording names characters or other checks; the other findings are made plain by the report.
const adminMessages = {
  contaminated: (who: Text) =>
    t(
      `${cap(who).fr} contient des caractères parasites (espace, retour à la ligne ou caractère invisible) : elle n’a pas été envoyée à Stripe. Il suffit de la saisir à nouveau, proprement.`,
      `${cap(who).en} contains stray characters (a space, a line break or an invisible character): it was not sent to Stripe. Entering it again, cleanly, is enough.`,
    ),
  formatFirst: t(
    'Corrigez d’abord la saisie de la clé (voir « Clés Stripe du club présentes et bien formées »).',
    'First fix how the key was entered (see "Club\'s Stripe keys present and well-formed").',
  ),
};

// The FAQ's menus belong to the club platform's back office: the stock PrestaShop path follows.
const ENTER_KEYS = withStockStripePath(
  t(
    'Dans le back-office de la plateforme club : « Mettre à jour ma boutique club » > « Mettre à jour mon club » > « Paramétrage du compte Stripe », saisissez les deux clés (sans espace ni caractère spécial), puis « Enregistrer ».',
    'In the club platform\'s back office: "Mettre à jour ma boutique club" > "Mettre à jour mon club" > "Paramétrage du compte Stripe", enter both keys (no spaces, no special characters), then click "Enregistrer" (Save).',
  ),
);
const RESAVE = withStockStripePath(
  t(
    'Puis « Accès rapide » > « Compte Stripe » : en bas de page, cliquez sur « Enregistrer ».',
    'Then "Accès rapide" > "Compte Stripe": at the bottom of the page, click "Enregistrer" (Save).',
  ),
  STOCK_SAVE,
);
const DASHBOARD_KEYS = t(
  'Connectez-vous au tableau de bord Stripe du club : Développeurs > Clés API, et copiez la clé publique (pk_…) et la clé secrète (sk_…) du même compte, dans le même mode (test ou production).',
  "The club logs into its Stripe dashboard: Developers > API keys, and copies the publishable key (pk_…) and the secret key (sk_…) of the same account, in the same mode (test or live).",
);
const ROLL = t(
  'Si la clé a été supprimée, a expiré ou a pu être divulguée : dans Stripe, Développeurs > Clés API, « Renouveler la clé » (roll) pour en obtenir une nouvelle.',
  'If the key was deleted, expired or may have leaked: in Stripe, Developers > API keys, "Roll key" to get a new one.',
);
const FORMAT_FIRST = t(
  'Corrigez d’abord le format de la clé (voir le contrôle stripe-keys-format).',
  'Fix the key’s format first (see the stripe-keys-format check).',
);
const RETRY_LATER = t('Relancez le diagnostic dans quelques minutes.', 'Run the diagnosis again in a few minutes.');
const CHECK_NETWORK = t(
  'Vérifiez que cette machine peut joindre l’API Stripe (réseau, proxy, pare-feu) et la valeur de stripe.apiBase dans la configuration, puis relancez le diagnostic.',
  'Check that this machine can reach the Stripe API (network, proxy, firewall) and the stripe.apiBase value in the configuration, then run the diagnosis again.',
);

type Level = 'fail' | 'error' | 'warn';
interface Finding {
  level: Level;
  message: Text;
  steps: Text[];
  /** The message for a club admin, when the support wording is too technical to be made plain. */
  admin?: Text;
}

const SECRET = t('clé secrète', 'secret key');
const PUBLISHABLE = t('clé publique', 'publishable key');

function name(field: Text, key: KeyFacts | null): Text {
  const masked = key?.masked ? ` ${key.masked}` : '';
  return MESSAGES.fieldWithKey(field, masked);
}

function cap(text: Text): Text {
  return t(text.fr.charAt(0).toUpperCase() + text.fr.slice(1), text.en.charAt(0).toUpperCase() + text.en.slice(1));
}

/** Stripe's answer as quoted evidence: message (keys already masked by the source), status, code, request id. */
function quote(error: StripeErrorInfo, lang: 'fr' | 'en' = 'fr'): string {
  const where = [error.status !== undefined ? `HTTP ${error.status}` : null, error.code ?? null, error.requestId ?? null].filter(Boolean).join(', ');
  const text = lang === 'fr' ? `« ${error.message} »` : `"${error.message}"`;
  return where ? `${text} (${where})` : text;
}
function quoteEn(error: StripeErrorInfo): string {
  return quote(error, 'en');
}

const UNREACHABLE: Record<string, Text> = {
  connection: t('connexion impossible', 'connection failed'),
  timeout: t('pas de réponse à temps', 'no answer in time'),
  'api-error': t('erreur du côté de Stripe', 'error on Stripe’s side'),
  'bad-response': t('réponse illisible', 'unreadable answer'),
  unexpected: t('réponse inattendue', 'unexpected answer'),
};

// The texts of this check's verdicts, in one place for a translator (issue 10.4); the logic below
// only picks one and passes it the values it reads.
const MESSAGES = {
  fieldWithKey: (field: Text, masked: string) =>
    t(`la ${field.fr}${masked}`, `the ${field.en}${masked}`),
  notSetStripeCannot: (field: Text) =>
    t(`La ${field.fr} n’est pas renseignée : Stripe ne peut pas être interrogé.`, `The ${field.en} is not set: Stripe cannot be asked.`),
  containsStrayCharactersNot: (who: Text, detail: string | undefined) =>
    t(
      `${cap(who).fr} contient des caractères parasites (${describeContamination(detail, 'fr')}) : elle n’a pas été envoyée à Stripe, c’est un problème de format, pas de réseau.`,
      `${cap(who).en} contains stray characters (${describeContamination(detail, 'en')}): it was not sent to Stripe; this is a format problem, not a network one.`,
    ),
  fieldHoldsKeyAnother: (field: Text, detail: string | undefined) =>
    t(
      `Le champ de la ${field.fr} contient une clé d’un autre type (${describeKeyKind(detail, 'fr')}) : elle n’a pas été envoyée à Stripe.`,
      `The ${field.en} field holds a key of another kind (${describeKeyKind(detail, 'en')}): it was not sent to Stripe.`,
    ),
  stripeAcceptsButRestricted: (who: Text) =>
    t(
      `Stripe accepte ${who.fr}, mais c’est une clé restreinte (rk_) : le module Stripe a besoin de droits d’écriture (paiements) qu’un diagnostic en lecture seule ne peut pas vérifier.`,
      `Stripe accepts ${who.en}, but it is a restricted key (rk_): the Stripe module needs write permissions (payments) that a read-only diagnosis cannot verify.`,
    ),
  preferStandardSecretKey: t('Préférez la clé secrète standard (sk_…) : Stripe, Développeurs > Clés API.', 'Prefer the standard secret key (sk_…): Stripe, Developers > API keys.'),
  stripeDoesNotKnow: (who: Text, error: StripeErrorInfo) =>
    t(
      `Stripe ne connaît pas ${who.fr} : elle a été supprimée ou renouvelée, ou elle est mal recopiée. Stripe a répondu ${quote(error)}.`,
      `Stripe does not know ${who.en}: it was deleted or rolled, or it is mistyped. Stripe answered ${quoteEn(error)}.`,
    ),
  expiredRolledExpiryDate: (who: Text, error: StripeErrorInfo) =>
    t(
      `${cap(who).fr} a expiré (elle a été renouvelée avec une date d’expiration, aujourd’hui passée). Stripe a répondu ${quote(error)}.`,
      `${cap(who).en} has expired (it was rolled with an expiry date that has passed). Stripe answered ${quoteEn(error)}.`,
    ),
  clubGetsNewSecret: t(
    'Le club récupère la nouvelle clé secrète qui a remplacé l’ancienne : Stripe, Développeurs > Clés API (ou renouvelle la clé).',
    'The club gets the new secret key that replaced the old one: Stripe, Developers > API keys (or rolls the key).',
  ),
  stripeRefuses: (who: Text, error: StripeErrorInfo) =>
    t(`Stripe refuse ${who.fr} : ${quote(error)}.`, `Stripe refuses ${who.en}: ${quoteEn(error)}.`),
  secretKeyFieldHolds: t(
    `Le champ de la clé secrète contient une clé publique : Stripe a répondu « secret_key_required ».`,
    'The secret key field holds a publishable key: Stripe answered "secret_key_required".',
  ),
  liveRestrictedKeyWithout: (who: Text, permission: string | null, accountId: string | null) =>
    t(
      `${cap(who).fr} est une clé restreinte active, mais sans la permission de lire le compte${permission ? ` (${permission})` : ''}${accountId ? ` ${accountId}` : ''} : Stripe a répondu 403.`,
      `${cap(who).en} is a live restricted key without permission to read the account${permission ? ` (${permission})` : ''}${accountId ? ` ${accountId}` : ''}: Stripe answered 403.`,
    ),
  useAccountStandardKey: t(
    'Utilisez la clé secrète standard (sk_…) du compte : Stripe, Développeurs > Clés API ; ou donnez à la clé restreinte les permissions nécessaires.',
    "Use the account's standard secret key (sk_…): Stripe, Developers > API keys; or grant the restricted key the permissions it needs.",
  ),
  stripeRateLimitedRequests: (who: Text) =>
    t(`Stripe a limité les requêtes (429) : ${who.fr} n’a pas pu être vérifiée.`, `Stripe rate-limited the requests (429): ${who.en} could not be verified.`),
  couldNotVerifySecret: (who: Text, kind: 'connection' | 'timeout' | 'api-error' | 'bad-response' | 'unexpected', host: string | undefined, error: StripeErrorInfo) =>
    t(
      `${cap(who).fr} n’a pas pu être vérifiée (${UNREACHABLE[kind]?.fr ?? kind}${host ? `, ${host}` : ''}) : ${quote(error)}.`,
      `${cap(who).en} could not be verified (${UNREACHABLE[kind]?.en ?? kind}${host ? `, ${host}` : ''}): ${quoteEn(error)}.`,
    ),
  stripeDoesNotKnowPublishable: (who: Text, error: StripeErrorInfo) =>
    t(
      `Stripe ne connaît pas ${who.fr} (supprimée, renouvelée ou mal recopiée) : ${quote(error)}.`,
      `Stripe does not know ${who.en} (deleted, rolled or mistyped): ${quoteEn(error)}.`,
    ),
  expiredPublishable: (who: Text, error: StripeErrorInfo) =>
    t(`${cap(who).fr} a expiré : ${quote(error)}.`, `${cap(who).en} has expired: ${quoteEn(error)}.`),
  stripeRefusesPublishable: (who: Text, error: StripeErrorInfo) =>
    t(`Stripe refuse ${who.fr} : ${quote(error)}.`, `Stripe refuses ${who.en}: ${quoteEn(error)}.`),
  publishableKeyFieldHolds: t(
    'Le champ de la clé publique contient une clé secrète : elle est affichée aux clients sur la page de paiement.',
    'The publishable key field holds a secret key: it is shown to customers on the payment page.',
  ),
  stripeRateLimitedPublishable: (who: Text) =>
    t(`Stripe a limité les requêtes (429) : ${who.fr} n’a pas pu être vérifiée.`, `Stripe rate-limited the requests (429): ${who.en} could not be verified.`),
  couldNotVerifyPublishable: (who: Text, kind: 'connection' | 'timeout' | 'api-error' | 'bad-response' | 'unexpected', error: StripeErrorInfo) =>
    t(
      `${cap(who).fr} n’a pas pu être vérifiée (${UNREACHABLE[kind]?.fr ?? kind}) : ${quote(error)}.`,
      `${cap(who).en} could not be verified (${UNREACHABLE[kind]?.en ?? kind}): ${quoteEn(error)}.`,
    ),
  stripeAcceptsBothKeys: (masked: string, skMasked: string) =>
    t(
      `Stripe accepte les deux clés, mais elles viennent de deux comptes Stripe différents (${masked} et ${skMasked}) : le paiement créé avec l’une est inconnu de l’autre.`,
      `Stripe accepts both keys, but they come from two different Stripe accounts (${masked} and ${skMasked}): a payment created with one is unknown to the other.`,
    ),
  bothKeysSameAccount: (account: string) =>
    t(`Stripe accepte les deux clés, et elles appartiennent au même compte${account}.`, `Stripe accepts both keys, and they belong to the same account${account}.`),
  bothKeysAccount: (account: string) =>
    t(
      `Stripe accepte les deux clés${account}. Avec des clés à l’ancien format, rien ne prouve qu’elles viennent du même compte : comparez-les à celles du tableau de bord Stripe (Développeurs > Clés API).`,
      `Stripe accepts both keys${account}. With old-style keys nothing proves they come from the same account: compare them with the Stripe dashboard (Developers > API keys).`,
    ),
};

function notProbed(field: Text, key: KeyFacts | null, probe: Extract<StripeSecretProbe | StripePublishableProbe, { outcome: 'not-probed' }>): Finding {
  const who = name(field, key);
  switch (probe.reason) {
    case 'missing':
    case 'no-secret-key':
      return {
        level: 'fail',
        message: MESSAGES.notSetStripeCannot(field),
        steps: [DASHBOARD_KEYS, ENTER_KEYS, RESAVE],
      };
    case 'contaminated':
      return {
        level: 'fail',
        message: MESSAGES.containsStrayCharactersNot(who, probe.detail),
        steps: [FORMAT_FIRST, ENTER_KEYS, RESAVE],
        admin: adminMessages.contaminated(who),
      };
    case 'wrong-kind':
      return {
        level: 'fail',
        message: MESSAGES.fieldHoldsKeyAnother(field, probe.detail),
        steps: [FORMAT_FIRST, DASHBOARD_KEYS, ENTER_KEYS, RESAVE],
      };
  }
}

function secretFinding(key: KeyFacts | null, probe: StripeSecretProbe): Finding | null {
  const who = name(SECRET, key);
  switch (probe.outcome) {
    case 'valid':
      if (probe.keyKind === 'restricted') {
        return {
          level: 'warn',
          message: MESSAGES.stripeAcceptsButRestricted(who),
          steps: [
            MESSAGES.preferStandardSecretKey,
            ENTER_KEYS,
            RESAVE,
          ],
        };
      }
      return null;
    case 'revoked-or-unknown':
      return {
        level: 'fail',
        message: MESSAGES.stripeDoesNotKnow(who, probe.error),
        steps: [DASHBOARD_KEYS, ROLL, ENTER_KEYS, RESAVE],
      };
    case 'expired':
      return {
        level: 'fail',
        message: MESSAGES.expiredRolledExpiryDate(who, probe.error),
        steps: [
          MESSAGES.clubGetsNewSecret,
          ENTER_KEYS,
          RESAVE,
        ],
      };
    case 'invalid':
      return {
        level: 'fail',
        message: MESSAGES.stripeRefuses(who, probe.error),
        steps: [DASHBOARD_KEYS, ENTER_KEYS, RESAVE],
      };
    case 'publishable-key':
      return {
        level: 'fail',
        message: MESSAGES.secretKeyFieldHolds,
        steps: [DASHBOARD_KEYS, ENTER_KEYS, RESAVE],
      };
    case 'restricted-without-permission':
      return {
        level: 'fail',
        message: MESSAGES.liveRestrictedKeyWithout(who, probe.permission, probe.accountId),
        steps: [
          MESSAGES.useAccountStandardKey,
          ENTER_KEYS,
          RESAVE,
        ],
      };
    case 'rate-limited':
      return {
        level: 'error',
        message: MESSAGES.stripeRateLimitedRequests(who),
        steps: [RETRY_LATER],
      };
    case 'unreachable':
      return {
        level: 'error',
        message: MESSAGES.couldNotVerifySecret(who, probe.kind, probe.host, probe.error),
        steps: [CHECK_NETWORK],
      };
    case 'not-probed':
      return notProbed(SECRET, key, probe);
  }
}

function publishableFinding(key: KeyFacts | null, probe: StripePublishableProbe): Finding | null {
  const who = name(PUBLISHABLE, key);
  switch (probe.outcome) {
    case 'valid':
      return null;
    case 'revoked-or-unknown':
      return {
        level: 'fail',
        message: MESSAGES.stripeDoesNotKnowPublishable(who, probe.error),
        steps: [DASHBOARD_KEYS, ENTER_KEYS, RESAVE],
      };
    case 'expired':
      return {
        level: 'fail',
        message: MESSAGES.expiredPublishable(who, probe.error),
        steps: [DASHBOARD_KEYS, ENTER_KEYS, RESAVE],
      };
    case 'invalid':
      return {
        level: 'fail',
        message: MESSAGES.stripeRefusesPublishable(who, probe.error),
        steps: [DASHBOARD_KEYS, ENTER_KEYS, RESAVE],
      };
    case 'accepted-as-secret':
      return {
        level: 'fail',
        message: MESSAGES.publishableKeyFieldHolds,
        steps: [ROLL, DASHBOARD_KEYS, ENTER_KEYS, RESAVE],
      };
    case 'rate-limited':
      return {
        level: 'error',
        message: MESSAGES.stripeRateLimitedPublishable(who),
        steps: [RETRY_LATER],
      };
    case 'unreachable':
      return {
        level: 'error',
        message: MESSAGES.couldNotVerifyPublishable(who, probe.kind, probe.error),
        steps: [CHECK_NETWORK],
      };
    case 'not-probed':
      return notProbed(PUBLISHABLE, key, probe);
  }
}

type SameAccount = 'same' | 'different' | 'unproven' | 'not-applicable';

function sameAccount(pk: KeyFacts | null, sk: KeyFacts | null, probe: StripeKeyProbe): SameAccount {
  if (probe.secretKey.outcome !== 'valid' || probe.publishableKey.outcome !== 'valid') return 'not-applicable';
  if (pk?.accountSegment && sk?.accountSegment) return pk.accountSegment === sk.accountSegment ? 'same' : 'different';
  return 'unproven';
}

export default {
  meta: {
    id: 'stripe-keys-live',
    category: 'payments',
    severity: 'fail',
    needs: ['club.stripeKeys', 'club.stripeKeyProbe'],
    title: t('Clés Stripe acceptées par Stripe', 'Stripe keys accepted by Stripe'),
    description: t(
      'Interroge Stripe en lecture seule : la clé secrète doit ouvrir le compte, la clé publique doit être reconnue (une lecture réservée aux clés secrètes lui répond « secret_key_required »). Distingue les clés inconnues ou supprimées, expirées, restreintes sans permission, inversées, et les clés de deux comptes différents.',
      'Asks Stripe, read-only: the secret key must open the account, the publishable key must be recognised (a secret-only read answers it "secret_key_required"). Tells apart unknown or deleted keys, expired keys, restricted keys without permission, swapped keys, and keys from two different accounts.',
    ),
    manualSteps: [
      DASHBOARD_KEYS,
      t(
        'Comparez-les aux clés du club dans le back-office (« Paramétrage du compte Stripe ») : mêmes caractères, même mode ; une clé absente du tableau de bord a été supprimée ou a expiré.',
        'Compare them with the club keys in the back office ("Paramétrage du compte Stripe"): same characters, same mode; a key missing from the dashboard was deleted or has expired.',
      ),
      ENTER_KEYS,
      RESAVE,
    ],
    docs: 'FAQ 000, « Vérifier les clés Stripe » et « Réenregistrer les clés Stripe »',
  },
  run({ parts }) {
    const keys = parts['club.stripeKeys']!;
    const probe = parts['club.stripeKeyProbe']!;
    const sk = keys.secretKey;
    const pk = keys.publishableKey;
    const findings = [secretFinding(sk, probe.secretKey), publishableFinding(pk, probe.publishableKey)].filter((f): f is Finding => f !== null);

    const pairing = sameAccount(pk, sk, probe);
    if (pairing === 'different') {
      findings.push({
        level: 'fail',
        message: MESSAGES.stripeAcceptsBothKeys(pk!.masked, sk!.masked),
        steps: [DASHBOARD_KEYS, ENTER_KEYS, RESAVE],
      });
    }

    const evidence: Record<string, unknown> = {
      secretKey: sk?.masked ?? null,
      publishableKey: pk?.masked ?? null,
      secretOutcome: probe.secretKey.outcome,
      publishableOutcome: probe.publishableKey.outcome,
      sameAccount: pairing,
    };
    if (probe.host) evidence.host = probe.host;
    if (probe.secretKey.outcome === 'valid') {
      evidence.accountId = probe.secretKey.accountId;
      evidence.livemode = probe.secretKey.livemode;
    }
    for (const [field, p] of [['secret', probe.secretKey], ['publishable', probe.publishableKey]] as const) {
      if ('error' in p) evidence[`${field}Error`] = p.error;
      if (p.outcome === 'not-probed') evidence[`${field}NotProbed`] = p.detail ? `${p.reason}: ${p.detail}` : p.reason;
    }

    if (findings.length === 0) {
      const account = probe.secretKey.outcome === 'valid' ? ` (${probe.secretKey.accountId})` : '';
      return {
        status: 'pass',
        message:
          pairing === 'same'
            ? MESSAGES.bothKeysSameAccount(account)
            : MESSAGES.bothKeysAccount(account),
        evidence,
      };
    }

    const level: Level = findings.some((f) => f.level === 'fail') ? 'fail' : findings.some((f) => f.level === 'error') ? 'error' : 'warn';
    const steps: Text[] = [];
    // Most specific steps first; the FAQ's "enter, then re-save" close the list.
    const closing = [ENTER_KEYS, RESAVE];
    for (const f of findings) for (const s of f.steps) if (!closing.includes(s) && !steps.includes(s)) steps.push(s);
    for (const s of closing) if (findings.some((f) => f.steps.includes(s))) steps.push(s);
    const adminText = (f: Finding) => f.admin ?? f.message;
    return {
      status: level,
      message: t(findings.map((f) => f.message.fr).join(' '), findings.map((f) => f.message.en).join(' ')),
      remediation: steps,
      evidence,
      // Only when a finding has its own admin wording; otherwise the report derives a plain one.
      ...(findings.some((f) => f.admin)
        ? {
            admin: {
              message: t(findings.map((f) => adminText(f).fr).join(' '), findings.map((f) => adminText(f).en).join(' ')),
              remediation: steps.map((s) => (s === FORMAT_FIRST ? adminMessages.formatFirst : s)),
            },
          }
        : {}),
    };
  },
} satisfies Check;
