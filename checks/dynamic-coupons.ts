// FAQ 003, « Coupons dynamiques »: SPREAD creates unique coupon codes on the shop through its
// dynamic-coupon endpoint, on PrestaShop or Magento only (other e-commerce solutions are not
// supported). Its test tool asks the shop to create a coupon with a unique code worth 5 % and reads
// the HTTP code: 2xx the page answered, 4xx the server answered but refuses the resource (missing or
// not authorised), 5xx an error while connecting or building the answer; and a 2xx may still not
// have created the code, the body ("Contenu retourné") then holding an error or a whole error page.
// src/sources/dynamic-coupons.ts makes the same test once per run, only with `diagnose
// --test-coupon` (the test coupon is a write to the shop); this check reads its answer. Without the
// flag it reports what it verified without writing (configuration, platform) as a `manual` item
// with the two ways to run the real test: it never passes as if tested.

import type { DynamicCoupons, DynamicCouponsProbed } from '../src/engine/parts.js';
import { t, type Check, type CheckOutcome, type Text } from '../src/engine/types.js';

// The texts of this check's verdicts, in one place for a translator (issue 10.4); the logic below
// only picks one and passes it the values it reads.
const MESSAGES = {
  configurationVerifiedWithoutWriting: (platform: string, url: string) =>
    t(
      `Configuration vérifiée sans rien écrire : la solution e-commerce « ${platform} » est prise en charge et l’adresse ${url} est valide. La création d’un coupon n’a pas été testée (elle crée un coupon sur la boutique) : il reste à la tester.`,
      `Configuration verified without writing anything: the e-commerce platform "${platform}" is supported and the address ${url} is valid. Coupon creation was not tested (it creates a coupon on the shop): it remains to be tested.`,
    ),
  deleteTestCouponMagento: (code: string) =>
    t(
      `Supprimez le coupon de test ${code} dans l’administration Magento : Marketing > Règles de prix du panier.`,
      `Delete the test coupon ${code} in the Magento admin: Marketing > Cart Price Rules.`,
    ),
  deleteTestCouponPrestashop: (code: string) =>
    t(
      `Supprimez le coupon de test ${code} dans le back-office PrestaShop : Catalogue > Réductions > Règles panier.`,
      `Delete the test coupon ${code} in the PrestaShop back office: Catalog > Discounts > Cart Rules.`,
    ),
  configuredECommercePlatform: (platform: string) =>
    t(
      `La solution e-commerce configurée est « ${platform} » : les coupons dynamiques SPREAD ne fonctionnent qu’avec PrestaShop ou Magento, les autres solutions ne sont pas prises en charge (aucune demande de test n’a été envoyée).`,
      `The configured e-commerce platform is "${platform}": SPREAD dynamic coupons only work with PrestaShop or Magento, other platforms are not supported (no test request was sent).`,
    ),
  withoutPrestashopMagentoDynamic: t(
    'Sans PrestaShop ni Magento, les coupons dynamiques ne sont pas paramétrables dans SPREAD : utilisez des codes promo classiques.',
    'Without PrestaShop or Magento, dynamic coupons cannot be set up in SPREAD: use ordinary promo codes.',
  ),
  createdTestCouponHttp: (url: string, code: string, percent: 5, status: number) =>
    t(
      `${url} a créé le coupon de test ${code} (${percent} %) : HTTP ${status}, la réponse confirme la création. Ce coupon de test peut être supprimé.`,
      `${url} created the test coupon ${code} (${percent} %): HTTP ${status}, the answer confirms the creation. This test coupon can be deleted.`,
    ),
  answerCarriesError: t('la réponse contient une erreur', 'the answer carries an error'),
  answerErrorPagePhp: t('la réponse est une page d’erreur (PHP ou HTML) au lieu de la confirmation attendue', 'the answer is an error page (PHP or HTML) instead of the expected confirmation'),
  answerEmptyNotJson: t('la réponse est vide ou n’est pas du JSON', 'the answer is empty or is not JSON'),
  answerMentionsNeitherCode: t('la réponse ne mentionne ni le code ni un succès', 'the answer mentions neither the code nor a success'),
  answeredHttpButCode: (url: string, status: number, code: string, why: Text, q: Text) =>
    t(
      `${url} a répondu HTTP ${status} mais le code ${code} n’a pas été créé : ${why.fr}.${q.fr}`,
      `${url} answered HTTP ${status} but the code ${code} was not created: ${why.en}.${q.en}`,
    ),
  answer200OnlyMeans: t(
    'Une réponse « 200 » signifie seulement que la page a répondu : lisez l’erreur renvoyée (ci-dessus, et dans « Contenu retourné » du test SPREAD) pour savoir pourquoi la création a échoué.',
    'A "200" answer only means the page answered: read the returned error (above, and under "Contenu retourné" in SPREAD’s test) to learn why the creation failed.',
  ),
  addressDoesNotExist: t('l’adresse n’existe pas (module absent, désactivé, ou URL erronée)', 'the address does not exist (module missing, disabled, or wrong URL)'),
  accessRefusedCredentialsToken: t('l’accès est refusé (identifiants, jeton ou protection du site)', 'access is refused (credentials, token or site protection)'),
  methodNotAcceptedAddress: t('la méthode n’est pas acceptée à cette adresse (probablement pas le point d’accès des coupons)', 'the method is not accepted at this address (probably not the coupon endpoint)'),
  serverRefusesRequest: t('le serveur refuse la demande', 'the server refuses the request'),
  answersHttpTestCoupon: (url: string, status: number, reason: Text, q: Text) =>
    t(
      `${url} répond HTTP ${status} à la demande de coupon de test : le serveur a répondu mais ne donne pas accès à la ressource — ${reason.fr}.${q.fr}`,
      `${url} answers HTTP ${status} to the test coupon request: the server answered but does not give access to the resource — ${reason.en}.${q.en}`,
    ),
  checkEndpointAddressDynamiccoupons: t(
    'Vérifiez l’adresse du point d’accès (dynamicCoupons.url, la même que dans SPREAD) et les identifiants ou le jeton qu’elle contient ; retirez toute protection par mot de passe ou pare-feu qui bloquerait SPREAD.',
    'Check the endpoint address (dynamicCoupons.url, the same as in SPREAD) and the credentials or token it holds; remove any password protection or firewall rule that would block SPREAD.',
  ),
  answersHttpShopFailed: (url: string, status: number, q: Text) =>
    t(
      `${url} répond HTTP ${status} : la boutique a échoué en construisant la réponse (ou en se connectant à un service), le coupon de test n’a pas été créé.${q.fr}`,
      `${url} answers HTTP ${status}: the shop failed while building the answer (or connecting to a service), the test coupon was not created.${q.en}`,
    ),
  redirectsHttpConfiguredAddress: (url: string, status: number, to: string | null) =>
    t(
      `${url} redirige (HTTP ${status})${to ? ` vers ${to}` : ''} : l’adresse configurée n’est pas la bonne, une demande de création de coupon ne suit pas les redirections.`,
      `${url} redirects (HTTP ${status})${to ? ` to ${to}` : ''}: the configured address is wrong, a coupon creation request does not follow redirects.`,
    ),
  useFinalAddressSpread: (to: string | null) =>
    t(
      `Utilisez l’adresse finale${to ? ` (${to})` : ''} dans SPREAD (« Paramétrage > Coupons dynamiques ») et dans dynamicCoupons.url ; une redirection http → https ou vers « www » en est souvent la cause.`,
      `Use the final address${to ? ` (${to})` : ''} in SPREAD ("Paramétrage > Coupons dynamiques") and in dynamicCoupons.url; an http → https or "www" redirection is the usual cause.`,
    ),
  dynamiccouponsNotConfiguredAdd: t(
    'dynamicCoupons n’est pas configuré : ajoutez dynamicCoupons { url, platform } à la configuration pour tester la création des coupons dynamiques SPREAD.',
    'dynamicCoupons not configured: add dynamicCoupons { url, platform } to the configuration to test SPREAD dynamic-coupon creation.',
  ),
};

/** The endpoint's own answer, quoted after a sentence. */
const ANSWER = (said: string): Text => t(` Réponse : « ${said} ».`, ` Answer: "${said}".`);

const SET_PLATFORM = t(
  'Dans SPREAD : « Mon compte > Détails du site », en bas de la page, choisissez PrestaShop ou Magento dans la liste des solutions e-commerce, puis enregistrez.',
  'In SPREAD: "Mon compte > Détails du site" (account > site details), at the bottom of the page pick PrestaShop or Magento in the e-commerce solution list, then save.',
);
const SET_CONFIG_PLATFORM = t(
  'Si la boutique est bien sous PrestaShop ou Magento, corrigez dynamicCoupons.platform dans la configuration de checkout-doctor (« prestashop » ou « magento »).',
  'If the shop does run PrestaShop or Magento, fix dynamicCoupons.platform in checkout-doctor’s configuration ("prestashop" or "magento").',
);
const RETEST = t(
  'Dans SPREAD : « Paramétrage > Coupons dynamiques », cliquez sur « Créer un coupon test » et lisez le bloc « Résultats de la requête » (code HTTP et « Contenu retourné »).',
  'In SPREAD: "Paramétrage > Coupons dynamiques" (settings > dynamic coupons), click "Créer un coupon test" (create a test coupon) and read the "Résultats de la requête" block (HTTP code and "Contenu retourné", the returned content).',
);
const MODULE_ENABLED = t(
  'Dans le back-office PrestaShop : Modules > Gestionnaire de modules, vérifiez que le module qui reçoit les coupons SPREAD est installé et activé (sous Magento : l’extension correspondante, activée).',
  'In the PrestaShop back office: Modules > Module Manager, check that the module receiving SPREAD’s coupons is installed and enabled (on Magento: the matching extension, enabled).',
);
const PHP_LOGS = t(
  'Consultez les journaux d’erreurs PHP de l’hébergement (et, sous PrestaShop, Paramètres avancés > Logs) à l’heure du test ; un module mis à jour récemment ou une version de PHP changée en est souvent la cause.',
  'Look at the hosting’s PHP error logs (and, on PrestaShop, Advanced Parameters > Logs) at the time of the test; a recently updated module or a changed PHP version is often the cause.',
);

const TEST_WITH_FLAG = t(
  'Pour faire le vrai test, relancez avec --test-coupon : checkout-doctor crée alors un coupon de test unique de 5 % (code CDTEST-…), comme le bouton « Créer un coupon test » de SPREAD, et le rapport donne son code et comment le supprimer.',
  'To run the real test, run again with --test-coupon: checkout-doctor then creates one unique 5 % test coupon (code CDTEST-…), like SPREAD’s "Créer un coupon test" button, and the report gives its code and how to delete it.',
);

function notTested(url: string, platform: string): Text {
  return MESSAGES.configurationVerifiedWithoutWriting(platform, url);
}

function deleteStep(platform: string, code: string): Text {
  return /magento/i.test(platform)
    ? MESSAGES.deleteTestCouponMagento(code)
    : MESSAGES.deleteTestCouponPrestashop(code);
}

function quoted(probe: DynamicCouponsProbed): { fr: string; en: string } {
  const said = probe.errorMessage ?? (probe.bodyExcerpt ? probe.bodyExcerpt.slice(0, 200) : null);
  return said ? ANSWER(said) : { fr: '', en: '' };
}

function evidenceOf(part: DynamicCoupons): Record<string, unknown> {
  if (part.outcome === 'platform-unsupported' || part.outcome === 'not-tested') return { platform: part.platform, url: part.url, outcome: part.outcome, requestSent: false };
  return {
    platform: part.platform,
    url: part.url,
    outcome: part.outcome,
    testCode: part.request.code,
    percent: part.request.percent,
    status: part.status,
    contentType: part.contentType,
    ...(part.errorKind ? { errorKind: part.errorKind } : {}),
    ...(part.errorMessage ? { errorMessage: part.errorMessage } : {}),
    ...(part.location ? { location: part.location } : {}),
    bodyExcerpt: part.bodyExcerpt,
  };
}

function judge(part: DynamicCoupons): CheckOutcome {
  const evidence = evidenceOf(part);
  if (part.outcome === 'platform-unsupported') {
    return {
      status: 'fail',
      message: MESSAGES.configuredECommercePlatform(part.platform),
      remediation: [
        SET_PLATFORM,
        SET_CONFIG_PLATFORM,
        MESSAGES.withoutPrestashopMagentoDynamic,
      ],
      evidence,
    };
  }
  if (part.outcome === 'not-tested') {
    return { status: 'manual', message: notTested(part.url, part.platform), remediation: [TEST_WITH_FLAG, RETEST], evidence };
  }

  const { url, status } = part;
  const code = part.request.code;
  const q = quoted(part);
  switch (part.outcome) {
    case 'created':
      return {
        status: 'pass',
        message: MESSAGES.createdTestCouponHttp(url, code, part.request.percent, status),
        remediation: [deleteStep(part.platform, code)],
        evidence,
      };
    case 'ok-with-error-body': {
      const why: Text =
        part.errorKind === 'error-field'
          ? MESSAGES.answerCarriesError
          : part.errorKind === 'error-page'
            ? MESSAGES.answerErrorPagePhp
            : part.errorKind === 'unexpected-body'
              ? MESSAGES.answerEmptyNotJson
              : MESSAGES.answerMentionsNeitherCode;
      return {
        status: 'fail',
        message: MESSAGES.answeredHttpButCode(url, status, code, why, q),
        remediation: [
          MESSAGES.answer200OnlyMeans,
          ...(part.errorKind === 'error-page' ? [PHP_LOGS] : []),
          MODULE_ENABLED,
          RETEST,
        ],
        evidence,
      };
    }
    case 'client-error': {
      const reason: Text =
        status === 404 || status === 410
          ? MESSAGES.addressDoesNotExist
          : status === 401 || status === 403
            ? MESSAGES.accessRefusedCredentialsToken
            : status === 405
              ? MESSAGES.methodNotAcceptedAddress
              : MESSAGES.serverRefusesRequest;
      return {
        status: 'fail',
        message: MESSAGES.answersHttpTestCoupon(url, status, reason, q),
        remediation: [
          MODULE_ENABLED,
          MESSAGES.checkEndpointAddressDynamiccoupons,
          RETEST,
        ],
        evidence,
      };
    }
    case 'server-error':
      return {
        status: 'fail',
        message: MESSAGES.answersHttpShopFailed(url, status, q),
        remediation: [PHP_LOGS, MODULE_ENABLED, RETEST],
        evidence,
      };
    case 'redirect': {
      const to = part.location;
      return {
        status: 'fail',
        message: MESSAGES.redirectsHttpConfiguredAddress(url, status, to),
        remediation: [
          MESSAGES.useFinalAddressSpread(to),
          RETEST,
        ],
        evidence,
      };
    }
  }
}

export default {
  meta: {
    id: 'dynamic-coupons',
    category: 'promotions',
    severity: 'fail',
    needs: [],
    optional: ['shop.dynamicCoupons'],
    title: t('Coupons dynamiques SPREAD', 'SPREAD dynamic coupons'),
    description: t(
      'Vérifie que la solution e-commerce est PrestaShop ou Magento (seules prises en charge par les coupons dynamiques SPREAD), puis, seulement avec --test-coupon (c’est une écriture), envoie au point d’accès configuré une demande de création d’un coupon de test à code unique de 5 %, comme l’outil de test de SPREAD, et explique la réponse : 2xx la page a répondu, 4xx ressource absente ou accès refusé, 5xx erreur du serveur ; une réponse 2xx qui contient une erreur ou une page d’erreur signifie que le code n’a pas été créé. Le coupon de test créé peut être supprimé ensuite. Sans --test-coupon, le contrôle reste à faire à la main (manual). Ignoré sans la section dynamicCoupons de la configuration.',
      'Verifies that the e-commerce platform is PrestaShop or Magento (the only ones SPREAD dynamic coupons support), then, only with --test-coupon (it is a write), sends the configured endpoint a request to create a test coupon with a unique 5 % code, like SPREAD’s test tool, and explains the answer: 2xx the page answered, 4xx resource missing or access refused, 5xx server error; a 2xx answer carrying an error or an error page means the code was not created. The test coupon created can be deleted afterwards. Without --test-coupon, the test is left to do by hand (manual). Skipped without the dynamicCoupons section in the configuration.',
    ),
    manualSteps: [TEST_WITH_FLAG, RETEST],
    docs: 'FAQ 003, « Coupons dynamiques » (solutions prises en charge, « Tester la création des coupons dynamiques », « À propos des réponses 200 »)',
  },
  run({ parts, unavailable }) {
    const part = parts['shop.dynamicCoupons'];
    if (!part) {
      const reason = unavailable['shop.dynamicCoupons'];
      if (reason) return { status: 'manual', message: reason, remediation: [RETEST] };
      return {
        status: 'skip',
        message: MESSAGES.dynamiccouponsNotConfiguredAdd,
      };
    }
    return judge(part);
  },
} satisfies Check;
