// Every sentence of the fix phase, in French and English. French: typographic apostrophe, a
// non-breaking space (U+00A0) before « : ; ! ? » and inside guillemets, real plurals.

import { t, type Text } from '../engine/types.js';
import { forms, plurals } from '../report/french.js';

const nb = '\u00a0';

export const FIX_MESSAGES = {
  planTitle: (n: number) =>
    plurals(n, forms(`Corrections proposées ({n} correction)${nb}:`, `Corrections proposées ({n} corrections)${nb}:`, 'Proposed fixes ({n} fix):', 'Proposed fixes ({n} fixes):')),
  noFix: t('Aucune correction automatique à proposer.', 'No automatic fix to propose.'),
  manualStep: t('à faire à la main', 'to do by hand'),
  field: (object: string, field: string, from: string, to: string) => t(`${object}${nb}: ${field} ${from} → ${to}`, `${object}: ${field} ${from} → ${to}`),
  confirm: (n: number) =>
    plurals(n, forms(`Appliquer cette correction à la boutique${nb}? [o/N] `, `Appliquer ces {n} corrections à la boutique${nb}? [o/N] `, 'Apply this fix to the shop? [y/N] ', 'Apply these {n} fixes to the shop? [y/N] ')),
  dryRun: t(`--dry-run${nb}: rien n’a été modifié.`, '--dry-run: nothing was changed.'),
  notConfirmed: t('Rien n’a été modifié.', 'Nothing was changed.'),
  noTerminal: t(
    `Pas de terminal pour confirmer${nb}: rien n’a été modifié. Ajoutez --yes pour appliquer ces corrections.`,
    'No terminal to confirm: nothing was changed. Add --yes to apply these fixes.',
  ),
  backupWritten: (file: string) => t(`Sauvegarde de ce qui va être modifié${nb}: ${file}`, `Backup of what will be changed: ${file}`),
  undoHint: (file: string) => t(`Pour tout annuler${nb}: checkout-doctor undo ${file}`, `To undo everything: checkout-doctor undo ${file}`),
  noWriteKey: t(
    `Aucune clé d’écriture n’est configurée${nb}: créez dans le back-office (Paramètres avancés > Webservice) une clé distincte avec PUT sur «\u00a0customers\u00a0» et «\u00a0configurations\u00a0», puis donnez-la dans prestashop.fixWebserviceKey.`,
    'No write key is configured: create a separate key in the back office (Advanced Parameters > Webservice) with PUT on "customers" and "configurations", then give it as prestashop.fixWebserviceKey.',
  ),
  noFixDatabase: t(
    `L’accès des groupes d’une catégorie ne se modifie pas par le webservice${nb}: configurez un utilisateur de base de données en lecture-écriture (prestashop.fixDatabase), ou cochez le groupe à la main.`,
    "A category's group access cannot be changed through the webservice: configure a read-write database user (prestashop.fixDatabase), or tick the group by hand.",
  ),
  stale: (what: string) =>
    t(
      `${what} a changé depuis le diagnostic${nb}: correction abandonnée, relancez le diagnostic.`,
      `${what} changed since the diagnosis: fix abandoned, run the diagnosis again.`,
    ),
  outcome: {
    planned: t('prévue', 'planned'),
    manual: t('à faire à la main', 'to do by hand'),
    applied: t('appliquée et vérifiée', 'applied and verified'),
    'rolled-back': t('annulée (remise en l’état)', 'rolled back'),
    failed: t('échouée', 'failed'),
    skipped: t('non appliquée', 'not applied'),
  } satisfies Record<string, Text>,
  notVerified: (check: string) =>
    t(
      `le contrôle ${check} ne passe toujours pas après la correction${nb}: elle a été annulée`,
      `check ${check} still does not pass after the fix: it was rolled back`,
    ),
  failedHalfWay: (error: string) =>
    t(
      `une écriture a échoué (${error})${nb}: les modifications déjà faites ont été annulées`,
      `a write failed (${error}): the changes already made were rolled back`,
    ),
  unfinished: (file: string) =>
    t(
      `Une correction précédente ne s’est pas terminée (${file})${nb}: elle est d’abord annulée.`,
      `A previous fix did not finish (${file}): it is undone first.`,
    ),
  fixesHeading: t('Corrections', 'Fixes'),
  // undo
  undoNothing: (object: string) => t(`${object}${nb}: déjà dans l’état d’origine.`, `${object}: already as it was.`),
  undoDone: (object: string) => t(`${object}${nb}: remis comme avant et vérifié.`, `${object}: restored and verified.`),
  undoConflict: (object: string, fields: string[]) =>
    t(
      `${object} a été modifié depuis la correction (${fields.join(', ')})${nb}: rien n’a été annulé. Vérifiez ces changements, puis relancez avec --force pour remettre quand même les valeurs d’avant.`,
      `${object} was changed since the fix (${fields.join(', ')}): nothing was undone. Check those changes, then run again with --force to put the previous values back anyway.`,
    ),
  undoNotVerified: (object: string) =>
    t(`${object}${nb}: la restauration n’a pas pu être vérifiée.`, `${object}: the restore could not be verified.`),
  notABackup: (file: string) => t(`${file} n’est pas une sauvegarde de checkout-doctor.`, `${file} is not a checkout-doctor backup.`),
  notABackupHint: t('Donnez le fichier de sauvegarde indiqué par la correction (.checkout-doctor/backups/…).', 'Give the backup file the fix printed (.checkout-doctor/backups/…).'),
  otherShop: (backupShop: string, configured: string | undefined) =>
    t(
      `Cette sauvegarde est celle de ${backupShop} ; la configuration désigne ${configured ?? 'aucune boutique'}.`,
      `This backup is of ${backupShop}; the configuration points at ${configured ?? 'no shop'}.`,
    ),
  otherShopHint: t('Donnez la configuration de cette boutique avec --config.', 'Give the configuration of that shop with --config.'),
};
