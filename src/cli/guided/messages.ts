// Every sentence the guided mode says, French first (club admins are French), English too. Plurals
// go through Intl.PluralRules; French has a non-breaking space (U+00A0) before « : ; ! ? » and
// inside « », and typographic apostrophes. No configuration key, flag or check id in what a club
// admin reads.

import type { Lang, Text } from '../../engine/types.js';
import { forms, plural, plurals } from '../../report/french.js';

const NBSP = '\u00a0';

const tt = (fr: string, en: string): Text => ({ fr, en });

export const messages = {
  refuse: tt(
    `Le mode guidé pose des questions${NBSP}: il lui faut un terminal, et il ne s’ouvre pas en intégration continue. Lancez plutôt checkout-doctor diagnose «${NBSP}nom du club${NBSP}».`,
    'The guided mode asks questions: it needs a terminal, and does not start in continuous integration. Run checkout-doctor diagnose "<club name>" instead.',
  ),
  interrupted: tt(`Interrompu${NBSP}: rien n’a été écrit.`, 'Interrupted: nothing was written.'),
  welcome: tt(
    `checkout-doctor — diagnostic guidé. Répondez aux questions${NBSP}; la touche Entrée prend la réponse proposée, qui ne modifie jamais la boutique.`,
    'checkout-doctor — guided diagnosis. Answer the questions; the Enter key takes the suggested answer, which never changes the shop.',
  ),
  // No shop to read: said to whoever started the guided mode (the support agent or the club admin).
  noShop: tt(
    `Rien à diagnostiquer${NBSP}: aucune boutique n’est configurée dans ce dossier.`,
    'Nothing to diagnose: no shop is configured in this folder.',
  ),
  noShopHint: tt(
    `Lancez checkout-doctor init pour configurer la boutique, ou essayez le mode guidé sur la boutique de démonstration${NBSP}: checkout-doctor diagnose -i --sandbox.`,
    'Run checkout-doctor init to set up the shop, or try the guided mode on the demo shop: checkout-doctor diagnose -i --sandbox.',
  ),
  listingClubs: tt('Lecture de la liste des clubs…', 'Reading the list of clubs…'),
  noClub: tt('La boutique n’a aucun club à diagnostiquer.', 'The shop has no club to diagnose.'),
  clubsUnreadable: (why: string) => tt(`Impossible de lire la liste des clubs de la boutique${NBSP}: ${why}`, `Cannot read the shop’s list of clubs: ${why}`),
  chooseClub: tt(`Quel club${NBSP}? Tapez une partie de son nom`, 'Which club? Type part of its name'),
  noMatch: (typed: string) => tt(`Aucun club ne correspond à «${NBSP}${typed}${NBSP}»`, `No club matches "${typed}"`),
  searchHelp: tt('tapez pour filtrer, ↑↓ pour choisir, Entrée pour valider', 'type to filter, ↑↓ to move, Enter to choose'),
  selectHelp: tt('↑↓ pour choisir, Entrée pour valider', '↑↓ to move, Enter to choose'),
  aboutIntro: tt(
    `De quoi s’agit-il${NBSP}? Chaque question est facultative${NBSP}: Entrée pour passer.`,
    'What is the problem about? Each question is optional: Enter to skip.',
  ),
  askCustomer: tt(`Un client n’arrive pas à payer${NBSP}? Son adresse e-mail`, 'A customer cannot pay? Their e-mail address'),
  askCode: tt(`Un code promo ne fonctionne pas${NBSP}? Le code`, 'A promo code does not work? The code'),
  askOrder: tt(`Un avoir à faire${NBSP}? Le numéro ou la référence de la commande`, 'A credit note to make? The order’s number or reference'),
  askRelayMap: tt(`La carte des points relais ne s’affiche pas au moment de commander${NBSP}?`, 'Does the relay-point map fail to show at checkout?'),
  checking: (club: string) => tt(`Vérification de «${NBSP}${club}${NBSP}»…`, `Checking "${club}"…`),
  clubChecked: (club: string) => tt(`«${NBSP}${club}${NBSP}»${NBSP}: tout est lu.`, `"${club}": everything is read.`),
  interruptedRun: tt('Interruption demandée…', 'Stopping…'),
  noProblem: (club: string) => tt(`Aucun problème trouvé pour «${NBSP}${club}${NBSP}».`, `No problem found for "${club}".`),
  // The club's name stays outside the counted forms: a name is never read as a `{n}` placeholder.
  problemsFound: (club: string, n: number, lang: Lang) => {
    const found = plural(lang, n, forms(`{n}${NBSP}problème trouvé`, `{n}${NBSP}problèmes trouvés`, '{n} problem found', '{n} problems found'));
    return lang === 'fr' ? `${found} pour «${NBSP}${club}${NBSP}».` : `${found} for "${club}".`;
  },
  problemHeading: (i: number, n: number, title: string) => tt(`Problème ${i} sur ${n} — ${title}`, `Problem ${i} of ${n} — ${title}`),
  whatIsWrong: tt(`Ce qui ne va pas${NBSP}:`, 'What is wrong:'),
  whyItMatters: tt(`Pourquoi c’est important${NBSP}:`, 'Why it matters:'),
  whatToDo: tt(`Ce qu’il faut faire${NBSP}:`, 'What to do:'),
  step: (i: number, n: number) => tt(`Étape ${i} sur ${n}${NBSP}:`, `Step ${i} of ${n}:`),
  nextStep: tt('Étape suivante', 'Next step'),
  nextProblem: tt('Problème suivant', 'Next problem'),
  stepsDone: tt('C’est noté', 'Noted'),
  skipSteps: tt('Passer au point suivant', 'Skip to the next point'),
  continue: tt('Continuer', 'Continue'),
  // The whole sentence agrees with the number in French (ne peut/peuvent, le/les): one form per plural.
  manualIntro: (n: number, lang: Lang) =>
    plural(
      lang,
      n,
      forms(
        `{n}${NBSP}point ne peut pas être lu automatiquement${NBSP}: vous pouvez le vérifier maintenant.`,
        `{n}${NBSP}points ne peuvent pas être lus automatiquement${NBSP}: vous pouvez les vérifier maintenant.`,
        '{n} point cannot be read automatically: you can check it now.',
        '{n} points cannot be read automatically: you can check them now.',
      ),
    ),
  manualHeading: (i: number, n: number, title: string) => tt(`À vérifier ${i} sur ${n} — ${title}`, `To check ${i} of ${n} — ${title}`),
  howToCheck: tt(`Pour le vérifier${NBSP}:`, 'How to check it:'),
  answerYes: tt('Oui', 'Yes'),
  answerNo: tt('Non', 'No'),
  answerUnknown: tt('Je ne sais pas, je vérifierai plus tard', 'I don’t know, I will check later'),
  answeredYes: (question: string) => tt(`Vérifié par une personne${NBSP}: «${NBSP}${question}${NBSP}» — oui.`, `Checked by a person: "${question}" — yes.`),
  answeredNo: (question: string) => tt(`Vérifié par une personne${NBSP}: «${NBSP}${question}${NBSP}» — non.`, `Checked by a person: "${question}" — no.`),
  summary: tt('Bilan', 'Summary'),
  saveMarkdown: tt(`Enregistrer le rapport à joindre à une demande d’assistance (fichier Markdown)${NBSP}?`, 'Save the report for a ticket (markdown file)?'),
  saveMarkdownPath: tt('Nom du fichier du rapport', 'Report file name'),
  saveSnapshot: tt(
    `Enregistrer aussi les données lues (sans aucun secret), utiles au support${NBSP}?`,
    'Also save the data read (without any secret), useful to support?',
  ),
  saveSnapshotPath: tt('Nom du fichier des données', 'Data file name'),
  saved: (file: string) => tt(`Enregistré${NBSP}: ${file}`, `Saved: ${file}`),
  notSaved: (why: string) => tt(`Non enregistré${NBSP}: ${why}`, `Not saved: ${why}`),
  fixesIntro: (n: number) =>
    plurals(
      n,
      forms(
        `checkout-doctor peut corriger un point lui-même, sans rien supprimer${NBSP}; une sauvegarde est faite avant, et tout se défait.`,
        `checkout-doctor peut corriger {n}${NBSP}points lui-même, sans rien supprimer${NBSP}; une sauvegarde est faite avant, et tout se défait.`,
        'checkout-doctor can fix one point itself, deleting nothing; a backup is made first, and everything can be undone.',
        'checkout-doctor can fix {n} points itself, deleting nothing; a backup is made first, and everything can be undone.',
      ),
    ),
  applyFix: tt(`Appliquer cette correction à la boutique${NBSP}?`, 'Apply this fix to the shop?'),
  noFixApplied: tt('Aucune correction appliquée : la boutique n’a pas été modifiée.'.replace(' :', `${NBSP}:`), 'No fix applied: the shop was not changed.'),
  goodbye: (code: number) =>
    code === 0
      ? tt('Terminé. Rien à corriger au-dessus du seuil.', 'Done. Nothing to fix above the threshold.')
      : tt('Terminé. Des points restent à corriger (voir ci-dessus).', 'Done. Some points remain to be fixed (see above).'),
};

/** The default file names offered at the end: the club's name as a plain slug. */
export function slug(name: string): string {
  return (
    name
      .normalize('NFD')
      .replace(/\p{M}/gu, '')
      .toLowerCase()
      .replace(/[^a-z0-9]+/g, '-')
      .replace(/^-|-$/g, '') || 'club'
  );
}

export const defaultFiles = {
  markdown: (club: string) => tt(`rapport-${slug(club)}.md`, `report-${slug(club)}.md`),
  snapshot: (club: string) => tt(`donnees-${slug(club)}.json`, `data-${slug(club)}.json`),
};

/**
 * The question a person answers for each check that can end `manual` (the FAQ's own checks: the
 * category's group access, the relay carrier's zones, the SPREAD test coupon, the Sendcloud panel
 * and modules when their source is not configured, the per-customer limit of a code). Yes means
 * the point is fine. Any other manual item gets the generic question.
 */
export const manualQuestions: Record<string, (club: string) => Text> = {
  'category-club-access': (club) =>
    tt(
      `Dans «${NBSP}Accès des groupes${NBSP}» de la catégorie du club, le groupe «${NBSP}${club}${NBSP}» est-il coché${NBSP}?`,
      `Under "Group access" of the club's category, is the group "${club}" ticked?`,
    ),
  'relay-carrier-zones': () =>
    tt(
      `Le transporteur point relais de Sendcloud dessert-il toutes les zones où vos clients se font livrer${NBSP}?`,
      'Does the Sendcloud relay-point carrier serve every zone your customers get deliveries in?',
    ),
  'dynamic-coupons': () =>
    tt(
      `Dans SPREAD, «${NBSP}Créer un coupon test${NBSP}» a-t-il créé le coupon, sans erreur dans «${NBSP}Contenu retourné${NBSP}»${NBSP}?`,
      'In SPREAD, did "Créer un coupon test" (create a test coupon) create the coupon, with no error in "Contenu retourné" (returned content)?',
    ),
  'relay-module-conflicts': () =>
    tt(
      `Dans Modules > Gestionnaire de modules, aucun autre module de points relais n’est-il activé à côté de Sendcloud${NBSP}?`,
      'In Modules > Module Manager, is no other relay-point module enabled alongside Sendcloud?',
    ),
  'checkout-theme': () =>
    tt(
      `Le thème de la boutique est-il le thème d’origine (Classic), ou un thème dont l’éditeur garantit la carte des points relais${NBSP}?`,
      'Is the shop’s theme the original one (Classic), or one whose publisher vouches for the relay-point map?',
    ),
  'checkout-custom-script': () =>
    tt(
      `La page de commande est-elle sans script personnalisé ajouté (par exemple pour le statut des commandes)${NBSP}?`,
      'Is the checkout page free of any added custom script (for instance for order statuses)?',
    ),
  'customer-browser': () =>
    tt(
      `Le client utilise-t-il la dernière version de son navigateur${NBSP}?`,
      'Does the customer use the latest version of their browser?',
    ),
  'promo-code': () =>
    tt(
      `Le client concerné a-t-il encore droit à ce code (il ne l’a pas déjà utilisé autant de fois que permis)${NBSP}?`,
      'May the customer concerned still use this code (they have not used it as many times as allowed already)?',
    ),
};

export const genericManualQuestion = tt(
  `Avez-vous vérifié ce point en suivant les étapes ci-dessus, et tout est-il en ordre${NBSP}?`,
  'Have you checked this point by following the steps above, and is everything in order?',
);
