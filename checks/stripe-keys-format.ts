// FAQ 000 « Vérifier les clés Stripe » and « Réenregistrer les clés Stripe »: when the club's Stripe
// keys are missing or badly entered, payment cannot go through. Both keys must be present, have the
// same number of characters, and contain no space nor special character; then they are re-saved.
// Key formats and the effect of each contamination come from api-notes/stripe.md §1–2. The check
// works on KeyFacts only (src/secrets/stripe-key.ts): it never sees, and so never prints, a key.

import { CONTAMINATION_LABELS, KEY_KIND_LABELS, type KeyContamination, type KeyFacts } from '../src/secrets/stripe-key.js';
import type { StripeKeys } from '../src/engine/parts.js';
import { t, type Check, type FixContext, type FixProposal, type Text } from '../src/engine/types.js';
import { STOCK_SAVE, withStockStripePath } from '../src/engine/back-office.js';

type Field = 'publishableKey' | 'secretKey';

interface Finding {
  level: 'fail' | 'warn';
  code: string;
  message: Text;
  /** Extra step specific to this finding, placed before the FAQ's save steps. */
  step?: Text;
}

const FIELD: Record<Field, Text> = {
  publishableKey: t('clé publique', 'publishable key'),
  secretKey: t('clé secrète', 'secret key'),
};

/** The Stripe module's configuration rows holding each key, by mode (api-notes/prestashop.md §6). */
const MODULE_ROWS: Record<'test' | 'live', Record<Field, string>> = {
  test: { publishableKey: 'STRIPE_TEST_PUBLISHABLE', secretKey: 'STRIPE_TEST_KEY' },
  live: { publishableKey: 'STRIPE_PUBLISHABLE', secretKey: 'STRIPE_KEY' },
};

const fixMessages = {
  clean: (field: Text, row: string, masked: string, count: number) =>
    t(
      `Nettoyer la ${field.fr} enregistrée dans la boutique (${row}, ${masked})\u00a0: retirer ${new Intl.PluralRules('fr').select(count) === 'one' ? `${count} caractère parasite` : `${count} caractères parasites`} (espaces, guillemets, caractères invisibles)`,
      `Clean the ${field.en} stored in the shop (${row}, ${masked}): remove ${count} stray ${new Intl.PluralRules('en').select(count) === 'one' ? 'character' : 'characters'} (spaces, quotes, invisible characters)`,
    ),
  fromConfig: (field: Text) =>
    t(
      `La ${field.fr} vient de la configuration de checkout-doctor, pas de la boutique\u00a0: corrigez-la à la main dans votre fichier de configuration ou la variable d’environnement qui la donne.`,
      `The ${field.en} comes from checkout-doctor's own configuration, not from the shop: fix it by hand in your configuration file or the environment variable that holds it.`,
    ),
};

// Words for each contamination and key kind live with the key facts (src/secrets/stripe-key.ts).
const CONTAMINATION: Record<KeyContamination['kind'], Text> = CONTAMINATION_LABELS;

const KIND: Record<NonNullable<KeyFacts['kind']>, Text> = KEY_KIND_LABELS;

const MODE: Record<'test' | 'live', Text> = { test: t('test', 'test'), live: t('production', 'live') };

// The texts of this check's verdicts, in one place for a translator (issue 10.4); the logic below
// only picks one and passes it the values it reads.
const MESSAGES = {
  andMore: (fr: string, more: number, en: string) =>
    t(`${fr} et ${more > 1 ? `${more} autres` : 'un autre'}`, `${en} and ${more} more`),
  missingField: (name: Text) =>
    t(`La ${name.fr} est absente.`, `The ${name.en} is missing.`),
  enterCopiedFromClub: (name: Text) =>
    t(
      `Renseignez la ${name.fr}, copiée depuis le compte Stripe du club.`,
      `Enter the ${name.en}, copied from the club's Stripe account.`,
    ),
  containsKeyMustEntered: (name: Text, key: KeyFacts, serious: KeyContamination[], list: Text) =>
    t(
      `La ${name.fr} (${show(key)}) contient ${serious.length > 1 ? 'des caractères parasites' : 'un caractère parasite'} : ${list.fr}. Une clé se saisit sans espace ni caractère spécial : selon le caractère, Stripe la refuse ou l'appel échoue comme une panne réseau.`,
      `The ${name.en} (${show(key)}) contains ${serious.length > 1 ? 'stray characters' : 'a stray character'}: ${list.en}. A key must be entered without spaces or special characters: depending on the character, Stripe rejects it or the call fails like a network fault.`,
    ),
  clearFieldCompletelyPaste: (name: Text) =>
    t(
      `Effacez entièrement le champ de la ${name.fr} et collez-la de nouveau, sans espace, retour à la ligne, guillemet ni autre caractère spécial.`,
      `Clear the ${name.en} field completely and paste the key again, without spaces, line breaks, quotes or any other special character.`,
    ),
  containsUnusualStripeKey: (name: Text, key: KeyFacts, odd: KeyContamination[], list: Text) =>
    t(
      `La ${name.fr} (${show(key)}) contient ${odd.length > 1 ? 'des caractères inhabituels' : 'un caractère inhabituel'} pour une clé Stripe (lettres et chiffres seulement d'habitude) : ${list.fr}.`,
      `The ${name.en} (${show(key)}) contains ${odd.length > 1 ? 'characters' : 'a character'} unusual in a Stripe key (usually letters and digits only): ${list.en}.`,
    ),
  compareWithClubAccount: (name: Text) =>
    t(
      `Comparez la ${name.fr} avec celle du compte Stripe du club et recopiez-la si elle diffère.`,
      `Compare the ${name.en} with the one in the club's Stripe account and copy it again if it differs.`,
    ),
  valueNotRecognisedStripe: t(`une valeur qui n'est pas une clé Stripe reconnue`, 'a value that is not a recognised Stripe key'),
  fieldHoldsMustStart: (name: Text, found: Text, key: KeyFacts, expected: "pk_" | "sk_ (ou rk_)", expectedEn: "pk_" | "sk_ (or rk_)") =>
    t(
      `Le champ de la ${name.fr} contient ${found.fr} (${show(key)}) ; il doit commencer par ${expected}.`,
      `The ${name.en} field holds ${found.en} (${show(key)}); it must start with ${expectedEn}.`,
    ),
  fieldPasteKeyStarting: (name: Text, expected: "pk_" | "sk_ (ou rk_)", expectedEn: "pk_" | "sk_ (or rk_)") =>
    t(
      `Dans le champ de la ${name.fr}, collez la clé qui commence par ${expected}, copiée depuis le compte Stripe du club.`,
      `In the ${name.en} field, paste the key starting with ${expectedEn}, copied from the club's Stripe account.`,
    ),
  unusualLengthCharactersAfter: (name: Text, key: KeyFacts, body: number) =>
    t(
      `La ${name.fr} (${show(key)}) a une longueur inhabituelle : ${body} caractères après le préfixe (24 ou 99 d'habitude). Vérifiez qu'elle n'a pas été tronquée.`,
      `The ${name.en} (${show(key)}) has an unusual length: ${body} characters after the prefix (usually 24 or 99). Check that it was not cut short.`,
    ),
  sameKeyEnteredBoth: (pk: KeyFacts) =>
    t(
      `La même clé (${show(pk)}) est saisie dans les deux champs : la clé publique et la clé secrète sont deux clés différentes.`,
      `The same key (${show(pk)}) is entered in both fields: the publishable and the secret key are two different keys.`,
    ),
  copyFromClubAccount: t(
    'Copiez depuis le compte Stripe du club la clé publique (pk_) et la clé secrète (sk_), chacune dans son champ.',
    "Copy from the club's Stripe account the publishable key (pk_) and the secret key (sk_), each into its own field.",
  ),
  twoKeysNotSame: (a: KeyFacts & { mode: 'test' | 'live' }, b: KeyFacts & { mode: 'test' | 'live' }) =>
    t(
      `Les deux clés ne sont pas du même mode : clé publique en mode ${MODE[a.mode].fr} (${show(a)}), clé secrète en mode ${MODE[b.mode].fr} (${show(b)}).`,
      `The two keys are not of the same mode: publishable key in ${MODE[a.mode].en} mode (${show(a)}), secret key in ${MODE[b.mode].en} mode (${show(b)}).`,
    ),
  takeBothKeysFrom: t(
    'Prenez les deux clés dans le même mode du compte Stripe (toutes deux _test_ ou toutes deux _live_).',
    'Take both keys from the same mode of the Stripe account (both _test_ or both _live_).',
  ),
  shopModeStripeMode: (shopMode: 'test' | 'live', names: Text[], other: Array<readonly [Field, KeyFacts & { mode: 'test' | 'live' }]>) =>
    t(
      `La boutique est en mode ${MODE[shopMode].fr} (STRIPE_MODE) mais ${names.map((n) => `la ${n.fr}`).join(' et ')} ${other.length > 1 ? 'sont' : 'est'} en mode ${MODE[shopMode === 'test' ? 'live' : 'test'].fr}.`,
      `The shop is in ${MODE[shopMode].en} mode (STRIPE_MODE) but the ${names.map((n) => n.en).join(' and the ')} ${other.length > 1 ? 'are' : 'is'} in ${MODE[shopMode === 'test' ? 'live' : 'test'].en} mode.`,
    ),
  enterModeKeysSwitch: (shopMode: 'test' | 'live') =>
    t(
      `Saisissez les clés du mode ${MODE[shopMode].fr} (${shopMode === 'test' ? 'pk_test_ et sk_test_' : 'pk_live_ et sk_live_'}), ou changez le mode du module Stripe.`,
      `Enter the ${MODE[shopMode].en}-mode keys (${shopMode === 'test' ? 'pk_test_ and sk_test_' : 'pk_live_ and sk_live_'}), or switch the Stripe module's mode.`,
    ),
  twoKeysDoNot: (pk: KeyFacts, sk: KeyFacts) =>
    t(
      `Les deux clés n'ont pas le même nombre de caractères (clé publique : ${pk.length}, clé secrète : ${sk.length}) : l'une est peut-être tronquée ou d'un autre compte.`,
      `The two keys do not have the same number of characters (publishable: ${pk.length}, secret: ${sk.length}): one may be cut short or belong to another account.`,
    ),
  copyBothKeysAgain: t(
    'Recopiez entièrement les deux clés depuis le compte Stripe du club.',
    "Copy both keys again in full from the club's Stripe account.",
  ),
  twoKeysSeemCome: (pk: KeyFacts, sk: KeyFacts) =>
    t(
      `Les deux clés semblent venir de comptes Stripe différents (${show(pk)} et ${show(sk)} n'ont pas le même début d'identifiant de compte).`,
      `The two keys seem to come from different Stripe accounts (${show(pk)} and ${show(sk)} do not share the account part).`,
    ),
  copyBothKeysFrom: t(
    'Copiez les deux clés depuis le même compte Stripe : celui du club.',
    "Copy both keys from the same Stripe account: the club's.",
  ),
  theseKeysOfShop: (where: string, whereEn: string) =>
    t(
      `Ces clés sont celles de la configuration du module Stripe de la boutique${where} : c'est là qu'elles doivent être corrigées.`,
      `These keys are the shop's Stripe module configuration${whereEn}: that is where they must be fixed.`,
    ),
  theseKeysComeFrom: t(
    "Ces clés viennent de la configuration de checkout-doctor (clubs[].stripe) : si elles y ont été mal recopiées, corrigez-y la valeur ; sinon corrigez-les dans la boutique comme suit.",
    "These keys come from checkout-doctor's configuration (clubs[].stripe): if they were miscopied there, fix the value there; otherwise fix them in the shop as follows.",
  ),
  keysSwappedSecretKey: (pk: KeyFacts, sk: KeyFacts) =>
    t(
      `Les clés sont inversées : la clé secrète (${show(pk)}) est dans le champ de la clé publique et la clé publique (${show(sk)}) dans celui de la clé secrète.`,
      `The keys are swapped: the secret key (${show(pk)}) is in the publishable-key field and the publishable key (${show(sk)}) in the secret-key field.`,
    ),
  putEachKeyBack: t(
    'Remettez chaque clé dans son champ : pk_ dans « clé publique », sk_ dans « clé secrète ».',
    'Put each key back in its own field: pk_ as the publishable key, sk_ as the secret key.',
  ),
  unknownMode: t('inconnu', 'unknown'),
  bothKeysPresentWell: (pk: KeyFacts | null, sk: KeyFacts | null, mode: Text) =>
    t(
      `Les deux clés sont présentes et bien formées (${show(pk!)}, ${show(sk!)}, mode ${mode.fr}).`,
      `Both keys are present and well-formed (${show(pk!)}, ${show(sk!)}, ${mode.en} mode).`,
    ),
  problemsList: (findings: Finding[]) =>
    t(
      `${findings.length} problèmes : ${findings.map((f, i) => `${i + 1}) ${f.message.fr}`).join(' ')}`,
      `${findings.length} problems: ${findings.map((f, i) => `${i + 1}) ${f.message.en}`).join(' ')}`,
    ),
};

/** Characters of a key in a sentence: masked form, never the key. */
function show(key: KeyFacts): string {
  return key.masked;
}

function present(key: KeyFacts | null): key is KeyFacts {
  return key !== null && key.length > 0;
}

/** Characters after the `pk_test_`-like prefix. */
function bodyLength(key: KeyFacts): number {
  return key.length - (key.prefix?.length ?? 0);
}

function expectedKinds(field: Field): readonly NonNullable<KeyFacts['kind']>[] {
  return field === 'publishableKey' ? ['publishable'] : ['secret', 'restricted'];
}

function kindOk(field: Field, key: KeyFacts): boolean {
  return key.kind !== null && expectedKinds(field).includes(key.kind);
}

function listContamination(items: KeyContamination[]): Text {
  const shown = items.slice(0, 5);
  const more = items.length - shown.length;
  const fr = shown.map((c) => `${CONTAMINATION[c.kind].fr} (caractère n° ${c.position + 1}, ${c.codePoint})`).join(', ');
  const en = shown.map((c) => `${CONTAMINATION[c.kind].en} (character ${c.position + 1}, ${c.codePoint})`).join(', ');
  return more > 0 ? MESSAGES.andMore(fr, more, en) : t(fr, en);
}

function keyFindings(field: Field, key: KeyFacts | null, skipKind: boolean): Finding[] {
  const name = FIELD[field];
  if (!present(key)) {
    return [
      {
        level: 'fail',
        code: `${field}-missing`,
        message: MESSAGES.missingField(name),
        step: MESSAGES.enterCopiedFromClub(name),
      },
    ];
  }
  const findings: Finding[] = [];
  const serious = key.contamination.filter((c) => c.kind !== 'unexpected-character');
  // Unusual characters matter only in something that is otherwise a Stripe key; for anything else
  // the wrong-kind finding says it all.
  const odd = key.kind ? key.contamination.filter((c) => c.kind === 'unexpected-character') : [];
  if (serious.length) {
    const list = listContamination(serious);
    findings.push({
      level: 'fail',
      code: `${field}-contaminated`,
      message: MESSAGES.containsKeyMustEntered(name, key, serious, list),
      step: MESSAGES.clearFieldCompletelyPaste(name),
    });
  }
  if (odd.length) {
    const list = listContamination(odd);
    findings.push({
      level: 'warn',
      code: `${field}-unexpected-character`,
      message: MESSAGES.containsUnusualStripeKey(name, key, odd, list),
      step: MESSAGES.compareWithClubAccount(name),
    });
  }
  if (!skipKind && !kindOk(field, key)) {
    const expected = field === 'publishableKey' ? 'pk_' : 'sk_ (ou rk_)';
    const expectedEn = field === 'publishableKey' ? 'pk_' : 'sk_ (or rk_)';
    const found = key.kind ? KIND[key.kind] : MESSAGES.valueNotRecognisedStripe;
    findings.push({
      level: 'fail',
      code: `${field}-wrong-kind`,
      message: MESSAGES.fieldHoldsMustStart(name, found, key, expected, expectedEn),
      step: MESSAGES.fieldPasteKeyStarting(name, expected, expectedEn),
    });
  } else if (key.kind && key.kind !== 'webhook-secret' && key.style === 'other' && !odd.length && ![24, 99].includes(bodyLength(key))) {
    const body = bodyLength(key);
    findings.push({
      level: 'warn',
      code: `${field}-unusual-length`,
      message: MESSAGES.unusualLengthCharactersAfter(name, key, body),
    });
  }
  return findings;
}

function pairFindings(keys: StripeKeys): Finding[] {
  const pk = keys.publishableKey;
  const sk = keys.secretKey;
  const findings: Finding[] = [];

  if (present(pk) && present(sk) && pk.fingerprint === sk.fingerprint) {
    findings.push({
      level: 'fail',
      code: 'same-key-twice',
      message: MESSAGES.sameKeyEnteredBoth(pk),
      step: MESSAGES.copyFromClubAccount,
    });
    return findings;
  }

  // Mode of each key; also against the shop's mode (STRIPE_MODE) when known.
  const modes = ([['publishableKey', pk], ['secretKey', sk]] as const).filter(
    (entry): entry is readonly [Field, KeyFacts & { mode: 'test' | 'live' }] => present(entry[1]) && entry[1].mode !== null,
  );
  const [first, second] = modes;
  if (first && second && first[1].mode !== second[1].mode) {
    const [a, b] = [first[1], second[1]];
    findings.push({
      level: 'fail',
      code: 'mode-mismatch',
      message: MESSAGES.twoKeysNotSame(a, b),
      step: MESSAGES.takeBothKeysFrom,
    });
  }
  if (keys.mode) {
    const shopMode = keys.mode;
    const other = modes.filter(([, key]) => key.mode !== shopMode);
    if (other.length) {
      const names = other.map(([field, key]) => ({ fr: `${FIELD[field].fr} (${show(key)})`, en: `${FIELD[field].en} (${show(key)})` }));
      findings.push({
        level: 'fail',
        code: 'shop-mode-mismatch',
        message: MESSAGES.shopModeStripeMode(shopMode, names, other),
        step: MESSAGES.enterModeKeysSwitch(shopMode),
      });
    }
  }

  if (present(pk) && present(sk) && kindOk('publishableKey', pk) && kindOk('secretKey', sk)) {
    // Stripe supports longer keys, so a length difference alone is only a warning (stripe.md §1),
    // although the FAQ asks for keys of the same number of characters.
    if (pk.length !== sk.length) {
      findings.push({
        level: 'warn',
        code: 'length-mismatch',
        message: MESSAGES.twoKeysDoNot(pk, sk),
        step: MESSAGES.copyBothKeysAgain,
      });
    }
    // New-style keys of one account share their first characters after the prefix (stripe.md §1).
    // Compared only within one mode: whether test and live keys share it is not known. The rule
    // itself is unconfirmed (api-notes: never fail on it alone), so offline it only warns;
    // stripe-keys-live settles it with Stripe's answers.
    if (pk.accountSegment && sk.accountSegment && pk.mode === sk.mode && pk.accountSegment !== sk.accountSegment) {
      findings.push({
        level: 'warn',
        code: 'account-mismatch',
        message: MESSAGES.twoKeysSeemCome(pk, sk),
        step: MESSAGES.copyBothKeysFrom,
      });
    }
  }
  return findings;
}

function keyEvidence(key: KeyFacts | null) {
  if (!key) return null;
  return {
    masked: key.masked,
    length: key.length,
    rawLength: key.rawLength,
    kind: key.kind,
    mode: key.mode,
    style: key.style,
    contamination: key.contamination,
  };
}

// The FAQ's menus belong to the club platform's back office: the stock PrestaShop path follows.
const openSettings = withStockStripePath(
  t(
    'Dans le back-office de la plateforme club : Mettre à jour ma boutique club > Mettre à jour mon club > Paramétrage du compte Stripe.',
    "In the club platform's back office: Mettre à jour ma boutique club (update my club shop) > Mettre à jour mon club (update my club) > Paramétrage du compte Stripe (Stripe account settings).",
  ),
);
const saveSettings = t('Enregistrez.', 'Click "Enregistrer" (Save).');
const resave = withStockStripePath(
  t(
    'Puis réenregistrez les clés : Accès rapide > Compte Stripe, et en bas de page cliquez sur « Enregistrer ».',
    'Then save the keys again: Accès rapide (quick access) > Compte Stripe (Stripe account), and click "Enregistrer" (Save) at the bottom of the page.',
  ),
  STOCK_SAVE,
);

function originStep(keys: StripeKeys): Text {
  if (keys.origin === 'shop') {
    const rows = keys.mode ? MODULE_ROWS[keys.mode] : null;
    const where = rows ? ` (${rows.publishableKey} et ${rows.secretKey})` : '';
    const whereEn = rows ? ` (${rows.publishableKey} and ${rows.secretKey})` : '';
    return MESSAGES.theseKeysOfShop(where, whereEn);
  }
  return MESSAGES.theseKeysComeFrom;
}

export default {
  meta: {
    id: 'stripe-keys-format',
    category: 'payments',
    severity: 'fail',
    needs: ['club.stripeKeys'],
    title: t('Clés Stripe du club présentes et bien formées', "Club's Stripe keys present and well-formed"),
    description: t(
      "Vérifie, sans appeler Stripe, que la clé publique (pk_) et la clé secrète (sk_ ou rk_) sont renseignées, chacune dans son champ, sans espace, guillemet ni caractère invisible, du même mode (test ou production) que la boutique et l'une que l'autre, de même longueur et du même compte. Des clés absentes ou mal saisies empêchent le paiement d'aboutir.",
      "Verifies, without calling Stripe, that the publishable key (pk_) and the secret key (sk_ or rk_) are entered, each in its own field, without spaces, quotes or invisible characters, of the same mode (test or live) as each other and as the shop, of the same length and from the same account. Missing or badly entered keys stop payment from going through.",
    ),
    manualSteps: [
      openSettings,
      t(
        'Vérifiez que les deux clés sont renseignées, ont le même nombre de caractères et ne comportent ni espace ni caractère spécial.',
        'Check that both keys are entered, have the same number of characters and contain no space nor special character.',
      ),
      saveSettings,
      resave,
    ],
    docs: 'FAQ 000, « Vérifier les clés Stripe » et « Réenregistrer les clés Stripe » ; api-notes/stripe.md §1–2',
  },
  run({ parts }) {
    const keys = parts['club.stripeKeys']!;
    const pk = keys.publishableKey;
    const sk = keys.secretKey;

    // Same key in both fields: the pair finding says it all; the wrong-kind one would repeat it.
    const same = present(pk) && present(sk) && pk.fingerprint === sk.fingerprint;
    let findings: Finding[] = [...keyFindings('publishableKey', pk, same), ...keyFindings('secretKey', sk, same)];

    // Swapped keys read better as one finding than as two wrong kinds.
    const swapped =
      present(pk) && present(sk) && !same && (pk.kind === 'secret' || pk.kind === 'restricted') && sk.kind === 'publishable';
    if (swapped) {
      findings = findings.filter((f) => !f.code.endsWith('-wrong-kind'));
      findings.push({
        level: 'fail',
        code: 'keys-swapped',
        message: MESSAGES.keysSwappedSecretKey(pk, sk),
        step: MESSAGES.putEachKeyBack,
      });
    }
    findings.push(...pairFindings(keys));

    const evidence: Record<string, unknown> = {
      origin: keys.origin,
      shopMode: keys.mode,
      publishableKey: keyEvidence(pk),
      secretKey: keyEvidence(sk),
    };
    if (keys.origin === 'shop' && keys.mode) evidence.configurationRows = MODULE_ROWS[keys.mode];

    if (!findings.length) {
      const mode = pk!.mode ? MODE[pk!.mode] : MESSAGES.unknownMode;
      return {
        status: 'pass',
        message: MESSAGES.bothKeysPresentWell(pk, sk, mode),
        evidence,
      };
    }
    evidence.problems = findings.map((f) => f.code);
    const failing = findings.some((f) => f.level === 'fail');
    const message =
      findings.length === 1
        ? findings[0]!.message
        : MESSAGES.problemsList(findings);
    const steps = findings.map((f) => f.step).filter((s): s is Text => s !== undefined);
    return {
      status: failing ? 'fail' : 'warn',
      message,
      remediation: [originStep(keys), openSettings, ...steps, saveSettings, resave],
      evidence,
      // A club admin fixes the keys in the back office: where the tool read them is support's concern.
      admin: { remediation: [openSettings, ...steps, saveSettings, resave] },
    };
  },
  /**
   * Keys stored in the shop's configuration: remove whitespace, quotes and invisible characters
   * (the facts know their positions; unexpected printable characters are a person's call). Keys
   * from checkout-doctor's configuration: a manual step.
   */
  fix({ status, part }: FixContext): FixProposal[] {
    const keys = part('club.stripeKeys');
    if ((status !== 'fail' && status !== 'warn') || !keys) return [];
    const out: FixProposal[] = [];
    for (const field of ['publishableKey', 'secretKey'] as const) {
      const facts = keys[field];
      const removed = (facts?.contamination ?? []).filter((c) => c.kind !== 'unexpected-character').map((c) => ({ position: c.position, codePoint: c.codePoint }));
      if (!facts || !removed.length) continue;
      if (keys.origin === 'config' || !keys.mode) {
        out.push({ title: fixMessages.fromConfig(FIELD[field]), manual: [fixMessages.fromConfig(FIELD[field])] });
        continue;
      }
      const name = MODULE_ROWS[keys.mode][field];
      out.push({ title: fixMessages.clean(FIELD[field], name, facts.masked, removed.length), change: { kind: 'stripe-key-clean', name, masked: facts.masked, removed } });
    }
    return out;
  },
} satisfies Check;
