// Every sentence `checkout-doctor init` shows, in French and English. French prose goes through
// `frenchSpaces` of src/report/french.ts, the one French spacing of the whole tool (U+00A0 before
// `:` and inside « », U+202F before `; ! ?`), so that no line ever breaks between a word and its
// punctuation and init reads like every other French text of checkout-doctor.
// Club admins read these: no configuration key names in them, only the back-office's own words.

import type { Lang, Text } from '../../engine/types.js';
import { forms, frenchSpaces, NBSP, plural } from '../../report/french.js';

const tx = (french: string, english: string): Text => ({ fr: frenchSpaces(french), en: english });

/** A count with its noun (`3 ressources`), through the one plural helper of src/report/french.ts. */
const counted = (lang: Lang, n: number, frOne: string, frOther: string, enOne: string, enOther: string): string =>
  plural(lang, n, forms(`{n}${NBSP}${frOne}`, `{n}${NBSP}${frOther}`, `{n} ${enOne}`, `{n} ${enOther}`));

export const M = {
  // ---- without a terminal
  noTerminal: (file: string, target: string): Text =>
    tx(
      `checkout-doctor init pose ses questions dans un terminal, et n’en a pas ici : un exemple commenté a été écrit dans ${file} ; remplissez-le en suivant ses commentaires, puis renommez-le ${target}.`,
      `checkout-doctor init asks its questions on a terminal and has none here: a commented example was written to ${file}; fill it in following its comments, then rename it ${target}.`,
    ),
  noTerminalKept: (file: string, target: string): Text =>
    tx(
      `checkout-doctor init pose ses questions dans un terminal, et n’en a pas ici : l’exemple commenté ${file} existe déjà (laissé tel quel) ; remplissez-le en suivant ses commentaires, puis renommez-le ${target}.`,
      `checkout-doctor init asks its questions on a terminal and has none here: the commented example ${file} already exists (left as it is); fill it in following its comments, then rename it ${target}.`,
    ),

  // ---- start
  welcome: tx(
    'Configuration de checkout-doctor : quelques questions sur votre boutique. Chaque réponse est vérifiée tout de suite ; rien n’est modifié sur la boutique. Ctrl-C pour abandonner sans rien écrire.',
    'Setting up checkout-doctor: a few questions about your shop. Each answer is checked at once; nothing is changed on the shop. Ctrl-C to give up without writing anything.',
  ),
  exists: (file: string): Text => tx(`Une configuration existe déjà : ${file}. La remplacer ?`, `A configuration already exists: ${file}. Replace it?`),
  keptExisting: (file: string): Text => tx(`Rien n’a été écrit : ${file} est inchangé.`, `Nothing was written: ${file} is unchanged.`),
  yes: tx('Oui', 'Yes'),
  no: tx('Non', 'No'),
  interrupted: tx('Abandon : rien n’a été écrit.', 'Cancelled: nothing was written.'),

  // ---- shop and webservice key
  shopUrl: tx('Adresse de la boutique (par exemple https://boutique.example.fr)', 'Shop address (for example https://shop.example.com)'),
  shopUrlInvalid: tx('Donnez une adresse qui commence par https:// (ou http://).', 'Give an address starting with https:// (or http://).'),
  webserviceKey: tx(
    'Clé webservice de la boutique (Paramètres avancés > Webservice ; 32 caractères, la saisie est masquée)',
    'The shop’s webservice key (Advanced Parameters > Webservice; 32 characters, input is hidden)',
  ),
  webserviceKeyEmpty: tx('Collez la clé webservice (32 caractères).', 'Paste the webservice key (32 characters).'),
  checking: (what: Text): Text => ({ fr: frenchSpaces(`Vérification : ${what.fr}…`), en: `Checking: ${what.en}…` }),
  whatWebservice: tx('la boutique et sa clé webservice', 'the shop and its webservice key'),
  whatDatabase: tx('l’accès à la base de données', 'the database access'),
  whatSendcloud: tx('les clés Sendcloud', 'the Sendcloud keys'),
  whatStripe: (club: string): Text => tx(`les clés Stripe du club « ${club} »`, `the Stripe keys of "${club}"`),
  shopOk: (name: string | undefined, version: string | undefined): Text =>
    tx(
      `Boutique jointe${name ? ` : « ${name} »` : ''}${version ? ` (PrestaShop ${version})` : ''}, clé acceptée.`,
      `Shop reached${name ? `: "${name}"` : ''}${version ? ` (PrestaShop ${version})` : ''}, key accepted.`,
    ),
  shopProblem: tx('La boutique ne peut pas être lue ainsi :', 'The shop cannot be read this way:'),
  missingPermissions: (lang: Lang, n: number): string =>
    lang === 'fr'
      ? frenchSpaces(`La clé est acceptée, mais il lui manque le droit « Voir (GET) » sur ${counted('fr', n, 'ressource', 'ressources', 'resource', 'resources')} :`)
      : `The key is accepted, but it lacks the "View (GET)" permission on ${counted('en', n, 'ressource', 'ressources', 'resource', 'resources')}:`,
  missingPermissionsFix: tx(
    'Dans le back-office : Paramètres avancés > Webservice, modifiez cette clé, cochez « Voir (GET) » sur chaque ressource ci-dessus, puis Enregistrez.',
    'In the back office: Advanced Parameters > Webservice, edit this key, tick "View (GET)" on each resource above, then Save.',
  ),
  /** One resource the key may not read, and why checkout-doctor needs it. */
  missingResource: (resource: string, why: Text): Text => ({ fr: frenchSpaces(`  - ${resource} : ${why.fr}`), en: `  - ${resource}: ${why.en}` }),
  permissionsWhat: tx('Que faire ?', 'What now?'),
  retest: tx('J’ai coché les cases : vérifier à nouveau', 'I ticked the boxes: check again'),
  otherKey: tx('Saisir une autre clé', 'Type another key'),
  keepAnyway: tx('Continuer quand même (les contrôles concernés seront en erreur)', 'Go on anyway (the checks concerned will be in error)'),
  tryAgainKey: tx('Saisissez la clé à nouveau (ou Ctrl-C pour abandonner).', 'Type the key again (or Ctrl-C to give up).'),
  tryAgainUrl: tx('Vérifiez l’adresse de la boutique, puis la clé.', 'Check the shop’s address, then the key.'),

  // ---- database
  useDatabase: tx(
    'Avez-vous un accès en lecture seule à la base de données de la boutique ? (facultatif : il permet de vérifier ce que le webservice ne montre pas)',
    'Do you have read-only access to the shop’s database? (optional: it lets checkout-doctor verify what the webservice does not show)',
  ),
  dbHost: tx('Serveur de la base de données', 'Database server'),
  dbPort: tx('Port', 'Port'),
  dbPortInvalid: tx('Donnez un numéro de port entre 1 et 65535.', 'Give a port number from 1 to 65535.'),
  dbUser: tx('Utilisateur (en lecture seule)', 'User (read-only)'),
  dbPassword: tx('Mot de passe (la saisie est masquée)', 'Password (input is hidden)'),
  dbName: tx('Nom de la base PrestaShop', 'Name of the PrestaShop database'),
  dbPrefix: tx('Préfixe des tables', 'Table prefix'),
  dbPrefixInvalid: tx('Lettres, chiffres et _ seulement (ps_ le plus souvent).', 'Letters, digits and _ only (usually ps_).'),
  required: tx('Une réponse est nécessaire.', 'An answer is needed.'),
  dbOk: (user: string): Text => tx(`Base de données jointe ; l’utilisateur ${user} ne peut que lire.`, `Database reached; user ${user} can only read.`),
  dbProblem: tx('La base de données ne peut pas être lue ainsi :', 'The database cannot be read this way:'),
  dbNotReadOnly: (lang: Lang, user: string, n: number): string =>
    lang === 'fr'
      ? frenchSpaces(`L’utilisateur ${user} n’est pas en lecture seule : il a ${counted('fr', n, 'droit', 'droits', 'right', 'rights')} de modification :`)
      : `User ${user} is not read-only: it holds ${counted('en', n, 'droit', 'droits', 'right', 'rights')} to change data:`,
  dbRoles: (roles: string): Text =>
    tx(
      `L’utilisateur reçoit des droits par des rôles (${roles}) : checkout-doctor ne peut pas vérifier qu’ils sont en lecture seule.`,
      `The user gets rights through roles (${roles}): checkout-doctor cannot verify that they are read-only.`,
    ),
  dbReadOnlyFix: tx(
    'Créez un utilisateur qui ne peut que lire (commandes ci-dessous, par l’hébergeur ou un administrateur de la base), puis saisissez-le :',
    'Create a user that can only read (commands below, by the host or a database administrator), then type it in:',
  ),
  dbWhat: tx('Que faire ?', 'What now?'),
  dbRetry: tx('Saisir d’autres informations de connexion', 'Type other connection details'),
  dbSkip: tx('Continuer sans la base de données', 'Go on without the database'),

  // ---- Sendcloud
  useSendcloud: tx('La boutique expédie-t-elle avec Sendcloud ? (vérifie le compte, les points relais et la connexion à la boutique)', 'Does the shop ship with Sendcloud? (checks the account, service points and the shop connection)'),
  sendcloudApi: tx('Adresse de l’API Sendcloud (gardez celle proposée sauf indication du support)', 'Sendcloud API address (keep the one offered unless support says otherwise)'),
  sendcloudPublic: tx(
    'Clé publique de l’intégration « Sendcloud API » (Sendcloud : Réglages > Intégrations ; saisie masquée)',
    'Public key of the "Sendcloud API" integration (Sendcloud: Settings > Integrations; input hidden)',
  ),
  sendcloudSecret: tx('Clé secrète de la même intégration (saisie masquée)', 'Secret key of the same integration (input hidden)'),
  sendcloudOk: tx('Clés Sendcloud acceptées.', 'Sendcloud keys accepted.'),
  sendcloudProblem: tx('Sendcloud refuse ces clés ou ne répond pas :', 'Sendcloud refuses these keys or does not answer:'),
  sendcloudWhat: tx('Que faire ?', 'What now?'),
  sendcloudRetry: tx('Saisir les clés à nouveau', 'Type the keys again'),
  sendcloudSkip: tx('Continuer sans Sendcloud', 'Go on without Sendcloud'),
  pasteKey: tx('Collez la clé.', 'Paste the key.'),

  // ---- SPREAD dynamic coupons (FAQ 003)
  useCoupons: tx(
    'La boutique reçoit-elle les coupons dynamiques de SPREAD ? (SPREAD : Paramétrage > Coupons dynamiques)',
    'Does the shop receive SPREAD’s dynamic coupons? (SPREAD: Paramétrage > Coupons dynamiques)',
  ),
  couponUrl: tx(
    'Adresse que SPREAD appelle pour créer un coupon dans la boutique (saisie masquée : elle peut contenir un jeton)',
    'Address SPREAD calls to create a coupon in the shop (input hidden: it may hold a token)',
  ),
  couponPlatform: tx(
    'Solution e-commerce choisie dans SPREAD (Mon compte > Détails du site)',
    'E-commerce solution chosen in SPREAD (Mon compte > Détails du site)',
  ),
  platformPrestashop: tx('PrestaShop', 'PrestaShop'),
  platformMagento: tx('Magento', 'Magento'),
  couponOther: tx('Une autre (SPREAD ne prend en charge que PrestaShop et Magento)', 'Another one (SPREAD supports PrestaShop and Magento only)'),
  couponOtherName: tx('Son nom, tel qu’il figure dans SPREAD', 'Its name, as SPREAD shows it'),
  couponNotTested: tx(
    'Adresse notée, sans essai : l’essai crée un vrai coupon de 5 % dans la boutique. Pour le faire, lancez le diagnostic avec --test-coupon.',
    'Address noted, not tried: the test creates a real 5% coupon in the shop. To run it, start the diagnosis with --test-coupon.',
  ),
  couponUrlInvalid: tx('Une adresse complète est attendue, commençant par https:// (ou http://).', 'A full address is expected, starting with https:// (or http://).'),

  // ---- clubs
  clubsProblem: tx('La liste des clubs ne peut pas être lue :', 'The list of clubs cannot be read:'),
  noClubs: tx(
    'La boutique n’a aucun groupe de clients en dehors des groupes standard : aucun club à configurer pour l’instant.',
    'The shop has no customer group besides the standard ones: no club to set up for now.',
  ),
  clubsFound: (lang: Lang, n: number): string =>
    lang === 'fr'
      ? frenchSpaces(`Clubs trouvés dans la boutique (un par groupe de clients) : ${counted('fr', n, 'club', 'clubs', 'club', 'clubs')}. Lesquels diagnostiquer ?`)
      : `Clubs found in the shop (one per customer group): ${counted('en', n, 'club', 'clubs', 'club', 'clubs')}. Which ones to diagnose?`,
  clubsInstructions: tx('(Espace pour cocher ou décocher, Entrée pour valider)', '(Space to tick or untick, Enter to confirm)'),
  clubsNone: tx('Cochez au moins un club.', 'Tick at least one club.'),
  stripeApi: tx('Adresse de l’API Stripe (gardez celle proposée sauf indication du support)', 'Stripe API address (keep the one offered unless support says otherwise)'),
  stripePublishable: (club: string): Text =>
    tx(
      `Clé publiable Stripe du club « ${club} » (pk_… ; saisie masquée ; laissez vide pour utiliser les clés du module Stripe de la boutique)`,
      `Stripe publishable key of "${club}" (pk_…; input hidden; leave empty to use the keys of the shop’s Stripe module)`,
    ),
  stripeSecret: (club: string): Text => tx(`Clé secrète Stripe du club « ${club} » (sk_… ; saisie masquée)`, `Stripe secret key of "${club}" (sk_…; input hidden)`),
  stripeOk: (club: string): Text => tx(`Clés Stripe du club « ${club} » acceptées par Stripe.`, `Stripe keys of "${club}" accepted by Stripe.`),
  stripeProblem: (club: string): Text => tx(`Clés Stripe du club « ${club} » :`, `Stripe keys of "${club}":`),
  stripeWhat: tx('Que faire ?', 'What now?'),
  stripeRetry: tx('Saisir les clés à nouveau', 'Type the keys again'),
  stripeKeep: tx('Garder ces clés (le diagnostic signalera le problème)', 'Keep these keys (the diagnosis will report the problem)'),
  stripeSkip: tx('Ne pas donner de clés pour ce club', 'Give no keys for this club'),

  // ---- secrets and the file
  storage: tx('Où garder les clés et mots de passe ?', 'Where to keep the keys and passwords?'),
  storageEnv: tx(
    'Dans des variables d’environnement (recommandé : le fichier n’en contient aucun)',
    'In environment variables (recommended: the file holds none of them)',
  ),
  storageClear: tx(
    'En clair dans le fichier (lisible par vous seul : droits 600)',
    'In clear in the file (readable by you only: mode 600)',
  ),
  written: (file: string): Text => tx(`Configuration écrite : ${file}`, `Configuration written: ${file}`),
  writtenClear: tx(
    'Les clés y sont en clair : ce fichier n’est lisible que par vous. Ne le partagez pas, ne le versionnez pas.',
    'The keys are in it in clear: only you can read this file. Do not share it or commit it.',
  ),
  showSecrets: tx(
    'Afficher les valeurs des clés dans les lignes à copier ? (une seule fois, sur cet écran)',
    'Show the key values in the lines to copy? (once, on this screen only)',
  ),
  exportIntro: tx(
    'Mettez ces variables dans l’environnement de checkout-doctor (par exemple à la fin de ~/.profile), puis ouvrez un nouveau terminal :',
    'Put these variables in checkout-doctor’s environment (for example at the end of ~/.profile), then open a new terminal:',
  ),
  exportPlaceholders: tx(
    'Remplacez chaque valeur entre < > par la clé correspondante (celles que vous venez de saisir).',
    'Replace each value between < > by the matching key (the ones you just typed).',
  ),
  placeholder: (what: Text): Text => ({ fr: `<${what.fr}>`, en: `<${what.en}>` }),
  secretWebservice: tx('clé webservice', 'webservice key'),
  secretDbPassword: tx('mot de passe de la base', 'database password'),
  secretScPublic: tx('clé publique Sendcloud', 'Sendcloud public key'),
  secretScSecret: tx('clé secrète Sendcloud', 'Sendcloud secret key'),
  secretCouponUrl: tx('adresse des coupons dynamiques SPREAD', 'SPREAD dynamic-coupon address'),
  secretPk: (club: string): Text => ({ fr: `clé publiable Stripe (${club})`, en: `Stripe publishable key (${club})` }),
  secretSk: (club: string): Text => ({ fr: `clé secrète Stripe (${club})`, en: `Stripe secret key (${club})` }),
  next: (command: string): Text => tx(`Ensuite, lancez le diagnostic : ${command}`, `Then run the diagnosis: ${command}`),
  writeFailed: (file: string, reason: string): Text =>
    tx(`Impossible d’écrire ${file} (${reason}) : rien n’a été écrit.`, `Cannot write ${file} (${reason}): nothing was written.`),
  writeFailedHint: tx('Vérifiez les droits du dossier et la place disque, puis relancez checkout-doctor init.', 'Check the folder permissions and the free disk space, then run checkout-doctor init again.'),
};

/** Translations of the key names inquirer shows under a list ("↑↓ navigate • ⏎ select"). */
export const KEY_ACTIONS: Record<string, Text> = {
  navigate: { fr: 'naviguer', en: 'navigate' },
  select: { fr: 'choisir', en: 'select' },
  submit: { fr: 'valider', en: 'submit' },
  all: { fr: 'tout', en: 'all' },
  invert: { fr: 'inverser', en: 'invert' },
};
