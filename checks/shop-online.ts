// FAQ 002, "Raisons courantes…" cause 1: Sendcloud's relay-point map (and the checkout as a whole)
// only works when the shop is online and open to the public. This check reads what a visitor got
// on the shop's home page (src/sources/shop-front.ts) and, when gathered, PS_SHOP_ENABLE
// (api-notes/prestashop.md §6: 1 = open, 0 = maintenance; the webservice keeps answering either way).

import type { ShopFront } from '../src/engine/parts.js';
import { t, type Cause, type Check, type Text } from '../src/engine/types.js';

// The texts of this check's verdicts, in one place for a translator (issue 10.4); the logic below
// only picks one and passes it the values it reads.
const MESSAGES = {
  shopConfigurationUnread: (why: string) =>
    t(`la configuration de la boutique n'a pas pu être lue (${why}).`, `the shop's configuration could not be read (${why}).`),
  showsMaintenancePage: (where: string, status: number) =>
    t(`${where} affiche la page de maintenance de PrestaShop (HTTP ${status})`, `${where} shows PrestaShop's maintenance page (HTTP ${status})`),
  shopEnableOff: (status: number, maintenanceIps: string[]) =>
    t(
      `PS_SHOP_ENABLE vaut 0 : la boutique est en maintenance (la page d'accueil a répondu HTTP ${status} à checkout-doctor${maintenanceIps.length ? ', peut-être parce que son adresse IP figure dans « IP de maintenance »' : ''})`,
      `PS_SHOP_ENABLE is 0: the shop is in maintenance (the home page answered HTTP ${status} to checkout-doctor${maintenanceIps.length ? ', perhaps because its IP address is listed under "Maintenance IP"' : ''})`,
    ),
  ipAddressesStillSee: (maintenanceIps: string[]) =>
    t(` Adresses IP qui voient quand même la boutique : ${maintenanceIps.join(', ')}.`, ` IP addresses that still see the shop: ${maintenanceIps.join(', ')}.`),
  shopMaintenanceCustomersCan: (why: Text, ipNote: Text) =>
    t(
      `La boutique est en maintenance : ${why.fr}. Les clients ne peuvent ni commander ni voir la carte des points relais.${ipNote.fr}`,
      `The shop is in maintenance: ${why.en}. Customers can neither order nor see the relay-point map.${ipNote.en}`,
    ),
  homePageAnswersServer: (where: string, status: number) =>
    t(
      `La page d'accueil ${where} répond par une erreur serveur (HTTP ${status}) : les clients ne peuvent pas commander.${status === 503 ? " Un 503 sans la page de maintenance de PrestaShop vient souvent de l'hébergeur (surcharge, quota) ou d'un thème qui remplace cette page." : ''}`,
      `The home page ${where} answers with a server error (HTTP ${status}): customers cannot order.${status === 503 ? " A 503 without PrestaShop's maintenance page often comes from the host (overload, quota) or from a theme that replaces that page." : ''}`,
    ),
  openBrowserIfError: (where: string) =>
    t(
      `Ouvrez ${where} dans un navigateur ; si l'erreur persiste, consultez les journaux d'erreurs PHP de l'hébergement.`,
      `Open ${where} in a browser; if the error persists, look at the hosting's PHP error logs.`,
    ),
  backOfficeAdvancedParameters: t(
    "Dans le back-office : Paramètres avancés > Informations, vérifiez la configuration ; Paramètres avancés > Performances, videz le cache. Un module installé ou mis à jour récemment est souvent en cause : désactivez-le dans Modules > Gestionnaire de modules.",
    'In the back office: Advanced Parameters > Information, check the configuration; Advanced Parameters > Performance, clear the cache. A recently installed or updated module is often the cause: disable it in Modules > Module Manager.',
  ),
  ifNothingHelpsContact: t("Si rien n'y fait, contactez l'hébergeur en donnant l'heure et l'adresse de l'erreur.", 'If nothing helps, contact the host giving the time and address of the error.'),
  shopNotPublicAnswers: (where: string, status: 401 | 403) =>
    t(
      `La boutique n'est pas publique : ${where} répond HTTP ${status} (${status === 401 ? 'mot de passe demandé' : 'accès refusé'}). Les clients et Sendcloud sont refusés ; la carte des points relais ne peut pas s'afficher.`,
      `The shop is not public: ${where} answers HTTP ${status} (${status === 401 ? 'password required' : 'access denied'}). Customers and Sendcloud are turned away; the relay-point map cannot show.`,
    ),
  removePasswordProtectionSite: t(
    "Retirez la protection par mot de passe du site (souvent un fichier .htaccess/.htpasswd à la racine, ou une option « protection par mot de passe » / « site en préproduction » chez l'hébergeur).",
    'Remove the password protection of the site (often an .htaccess/.htpasswd file at the root, or a "password protection" / "staging site" option at the host).',
  ),
  checkNoFirewallWaf: t(
    "Vérifiez qu'aucun pare-feu (WAF, blocage par pays ou par adresse IP) ne refuse les visiteurs.",
    'Check that no firewall (WAF, country or IP blocking) turns visitors away.',
  ),
  homePageStillRedirects: (status: number, where: string) =>
    t(
      `La page d'accueil redirige encore après plusieurs redirections (HTTP ${status} depuis ${where}) : probablement une boucle de redirection, le navigateur n'affichera pas la boutique.`,
      `The home page still redirects after several redirections (HTTP ${status} from ${where}): probably a redirect loop, browsers will not show the shop.`,
    ),
  backOfficeShopParameters: t(
    "Dans le back-office : Paramètres de la boutique > Trafic & SEO > « Définir l'URL de la boutique », vérifiez le domaine et le domaine SSL ; Paramètres de la boutique > Général, vérifiez « Activer le SSL » et « Activer le SSL sur toutes les pages ».",
    'In the back office: Shop Parameters > Traffic & SEO > "Set shop URL", check the domain and SSL domain; Shop Parameters > General, check "Enable SSL" and "Enable SSL on all pages".',
  ),
  checkRedirectRulesHtaccess: t(
    "Vérifiez les règles de redirection du fichier .htaccess et de l'hébergeur (http → https, www → sans www).",
    'Check the redirect rules of the .htaccess file and of the host (http → https, www → no www).',
  ),
  answersHttp429Too: (where: string) =>
    t(
      `${where} répond HTTP 429 (trop de requêtes) : la boutique est en ligne mais limite les visiteurs ; un pare-feu trop strict peut aussi bloquer des clients.`,
      `${where} answers HTTP 429 (too many requests): the shop is online but throttles visitors; too strict a firewall may also block customers.`,
    ),
  runDiagnosisAgainLater: t("Relancez le diagnostic plus tard ; si cela persiste, vérifiez les limites du pare-feu de l'hébergeur.", "Run the diagnosis again later; if it persists, check the host's firewall limits."),
  homePageAnswersHttp: (where: string, status: number) =>
    t(
      `La page d'accueil ${where} répond HTTP ${status} : les visiteurs n'obtiennent pas la boutique.`,
      `The home page ${where} answers HTTP ${status}: visitors do not get the shop.`,
    ),
  checkShopAddress: t(
    "Vérifiez l'adresse de la boutique dans la configuration de checkout-doctor (prestashop.url).",
    "Check the shop's address in checkout-doctor's configuration (prestashop.url).",
  ),
  checkShopUrlAndBaseUri: t(
    "Dans le back-office : Paramètres de la boutique > Trafic & SEO > « Définir l'URL de la boutique », vérifiez le domaine, le domaine SSL et l'URI de base.",
    'In the back office: Shop Parameters > Traffic & SEO > "Set shop URL", check the domain, the SSL domain and the base URI.',
  ),
  redirectsAnotherSiteHttp: (url: string, finalUrl: string, status: number) =>
    t(
      `${url} redirige vers un autre site : ${finalUrl} (HTTP ${status}). Si c'est le domaine principal de la boutique, corrigez prestashop.url ; sinon la boutique n'est pas servie à son adresse.`,
      `${url} redirects to another site: ${finalUrl} (HTTP ${status}). If that is the shop's main domain, fix prestashop.url; otherwise the shop is not served at its address.`,
    ),
  ifShopPutAddress: (finalUrl: string) =>
    t(
      `Si ${finalUrl} est bien la boutique : mettez cette adresse dans prestashop.url (configuration de checkout-doctor) et vérifiez la même adresse dans Sendcloud (Réglages > Boutiques connectées).`,
      `If ${finalUrl} is the shop: put that address in prestashop.url (checkout-doctor's configuration) and check the same address in Sendcloud (Settings > Connected stores).`,
    ),
  otherwiseShopParametersTraffic: t(
    "Sinon : Paramètres de la boutique > Trafic & SEO > « Définir l'URL de la boutique », vérifiez le domaine ; en multiboutique, Paramètres avancés > Multiboutique, vérifiez les URL de chaque boutique.",
    'Otherwise: Shop Parameters > Traffic & SEO > "Set shop URL", check the domain; with multistore, Advanced Parameters > Multistore, check each shop\'s URLs.',
  ),
  shopOnlineAnswersHttp: (where: string, status: number, shopEnable: string | null | undefined) =>
    t(
      `La boutique est en ligne : ${where} répond HTTP ${status}${shopEnable === '1' ? ', PS_SHOP_ENABLE vaut 1' : ''}.`,
      `The shop is online: ${where} answers HTTP ${status}${shopEnable === '1' ? ', PS_SHOP_ENABLE is 1' : ''}.`,
    ),
};

// When the configuration could not be read (webservice down, key refused...), the front page still
// decides what it can; only a front that looks fine needs the maintenance flag, which is then unknown.
const unknownFlag = {
  message: (where: string, status: number, why: Text): Text =>
    t(
      `La page d'accueil ${where} répond HTTP ${status} : la boutique est joignable et ne montre pas la page de maintenance à checkout-doctor. Mais le réglage de maintenance (PS_SHOP_ENABLE) est inconnu : ${why.fr} Si l'adresse IP de cette machine figure dans « IP de maintenance », vos clients peuvent voir la page de maintenance alors que checkout-doctor voit la boutique.`,
      `The home page ${where} answers HTTP ${status}: the shop can be reached and does not show the maintenance page to checkout-doctor. But the maintenance setting (PS_SHOP_ENABLE) is unknown: ${why.en} If this machine's IP address is listed under "Maintenance IP", your customers may get the maintenance page while checkout-doctor sees the shop.`,
    ),
  // The request's query (hundreds of characters of filters) says nothing to a reader: left out.
  failed: (cause: Cause): Text => {
    const why = cause.message.replace(/\?\S*/g, '');
    return MESSAGES.shopConfigurationUnread(why);
  },
  notReadable: (reason: Text): Text => t(`${reason.fr}`, `${reason.en}`),
};

const maintenanceSteps: Text[] = [
  t(
    'Dans le back-office : Paramètres de la boutique > Général > onglet « Maintenance ».',
    'In the back office: Shop Parameters > General > "Maintenance" tab.',
  ),
  t('Passez « Activer la boutique » sur Oui, puis Enregistrez.', 'Set "Enable store" to Yes, then click "Save".'),
  t(
    "Le champ « IP de maintenance » liste les adresses qui voient la boutique malgré la maintenance : si la vôtre y figure, vous voyez la boutique alors que vos clients (et Sendcloud) voient la page de maintenance. Vérifiez depuis une navigation privée sur un autre réseau (4G).",
    'The "Maintenance IP" field lists the addresses that still see the shop during maintenance: if yours is there, you see the shop while your customers (and Sendcloud) get the maintenance page. Check from a private window on another network (mobile data).',
  ),
];

const manualSteps: Text[] = [
  t(
    "Ouvrez l'adresse publique de la boutique dans une fenêtre de navigation privée, depuis un autre réseau que celui du magasin (4G) : la page d'accueil doit s'afficher sans mot de passe ni page de maintenance.",
    "Open the shop's public address in a private window, from another network than the shop's (mobile data): the home page must show without any password or maintenance page.",
  ),
  ...maintenanceSteps.slice(0, 2),
];

function host(url: string): string | null {
  try {
    return new URL(url).host.toLowerCase();
  } catch {
    return null;
  }
}

export default {
  meta: {
    id: 'shop-online',
    category: 'shop',
    severity: 'fail',
    needs: ['shop.front'],
    optional: ['prestashop.configuration'],
    // The front page is read directly: a webservice failure must not hide what it shows.
    toleratesFailure: ['prestashop.configuration'],
    title: t('Boutique en ligne et publique', 'Shop online and public'),
    description: t(
      "Vérifie que la page d'accueil de la boutique répond publiquement : pas de mode maintenance (PS_SHOP_ENABLE), pas d'erreur serveur, pas de mot de passe (.htaccess), pas de redirection vers un autre site. La carte des points relais Sendcloud, comme le paiement, ne fonctionne que sur une boutique en ligne et accessible au public.",
      "Verifies that the shop's home page answers publicly: no maintenance mode (PS_SHOP_ENABLE), no server error, no password (.htaccess), no redirection to another site. Sendcloud's relay-point map, like payment, only works on a shop that is online and open to the public.",
    ),
    manualSteps,
    docs: 'FAQ 002, « Raisons courantes pour lesquelles la carte interactive ne s’affiche pas », cause 1 (boutique en ligne)',
  },
  run({ parts, failed, unavailable }) {
    const front: ShopFront = parts['shop.front']!;
    const configurationCause = failed?.['prestashop.configuration'];
    const configurationReason = unavailable['prestashop.configuration'];
    const configuration = parts['prestashop.configuration'];
    const shopEnable = configuration?.['PS_SHOP_ENABLE'];
    const maintenanceIps = (configuration?.['PS_MAINTENANCE_IP'] ?? '')
      .split(/[,;\s]+/)
      .map((ip) => ip.trim())
      .filter(Boolean);
    const disabledInConfig = shopEnable !== undefined && shopEnable !== null && shopEnable.trim() === '0';
    const where = front.finalUrl ?? front.url;
    const evidence: Record<string, unknown> = {
      url: front.url,
      status: front.status,
      maintenance: front.maintenance,
      finalUrl: front.finalUrl,
      ...(configuration ? { PS_SHOP_ENABLE: shopEnable ?? null, PS_MAINTENANCE_IP: maintenanceIps } : {}),
      ...(configurationCause || configurationReason ? { PS_SHOP_ENABLE: 'unknown' } : {}),
    };

    // Maintenance: the visitor got the maintenance page, or the configuration says the shop is closed.
    if (front.maintenance || disabledInConfig) {
      const why: Text = front.maintenance
        ? MESSAGES.showsMaintenancePage(where, front.status)
        : MESSAGES.shopEnableOff(front.status, maintenanceIps);
      const ipNote: Text = maintenanceIps.length
        ? MESSAGES.ipAddressesStillSee(maintenanceIps)
        : t('', '');
      return {
        status: 'fail',
        message: MESSAGES.shopMaintenanceCustomersCan(why, ipNote),
        remediation: maintenanceSteps,
        evidence,
      };
    }

    if (front.status >= 500) {
      return {
        status: 'fail',
        message: MESSAGES.homePageAnswersServer(where, front.status),
        remediation: [
          MESSAGES.openBrowserIfError(where),
          MESSAGES.backOfficeAdvancedParameters,
          MESSAGES.ifNothingHelpsContact,
        ],
        evidence,
      };
    }

    if (front.status === 401 || front.status === 403) {
      return {
        status: 'fail',
        message: MESSAGES.shopNotPublicAnswers(where, front.status),
        remediation: [
          MESSAGES.removePasswordProtectionSite,
          MESSAGES.checkNoFirewallWaf,
        ],
        evidence,
      };
    }

    if (front.status >= 300 && front.status < 400) {
      return {
        status: 'fail',
        message: MESSAGES.homePageStillRedirects(front.status, where),
        remediation: [
          MESSAGES.backOfficeShopParameters,
          MESSAGES.checkRedirectRulesHtaccess,
        ],
        evidence,
      };
    }

    if (front.status === 429) {
      return {
        status: 'warn',
        message: MESSAGES.answersHttp429Too(where),
        remediation: [MESSAGES.runDiagnosisAgainLater],
        evidence,
      };
    }

    if (front.status >= 400) {
      return {
        status: 'fail',
        message: MESSAGES.homePageAnswersHttp(where, front.status),
        remediation: [
          MESSAGES.checkShopAddress,
          MESSAGES.checkShopUrlAndBaseUri,
        ],
        evidence,
      };
    }

    const askedHost = host(front.url);
    const finalHost = front.finalUrl ? host(front.finalUrl) : askedHost;
    if (front.finalUrl && askedHost !== null && finalHost !== null && askedHost !== finalHost) {
      return {
        status: 'warn',
        message: MESSAGES.redirectsAnotherSiteHttp(front.url, front.finalUrl, front.status),
        remediation: [
          MESSAGES.ifShopPutAddress(front.finalUrl),
          MESSAGES.otherwiseShopParametersTraffic,
        ],
        evidence,
      };
    }

    // Never a pass on an unknown deciding fact: say what is known and what is not.
    if (configurationCause || configurationReason) {
      const why = configurationCause ? unknownFlag.failed(configurationCause) : unknownFlag.notReadable(configurationReason!);
      return { status: 'manual', message: unknownFlag.message(where, front.status, why), remediation: manualSteps, evidence };
    }

    return {
      status: 'pass',
      message: MESSAGES.shopOnlineAnswersHttp(where, front.status, shopEnable),
      evidence,
    };
  },
} satisfies Check;
