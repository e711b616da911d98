// The engine's own error sentences, French and English: the check registry and plugins (a plugin
// that does not load, exports something else than checks, or reuses an id), and snapshot files
// that cannot be read, are not snapshots, or come from another version of the tool. The person
// reading them is the one who wrote the configuration or attached the file: plugin paths, check ids
// and file names are theirs and are named; what is wrong is said in words.

import type { Text } from './types.js';
import { t } from './types.js';
import { forms, plural } from '../report/french.js';

const NBSP = '\u00a0';

/** An upstream or runtime message (Node's English) quoted for a French reader. */
function quoted(message: string): string {
  return `«${NBSP}${message}${NBSP}»`;
}

/** One problem of a check's metadata (plugins write them; the registry refuses them). */
export const CHECK_PROBLEMS = {
  notACheck: t('ce n’est pas un objet { meta, run }', 'not a { meta, run } object'),
  id: (id: string) => t(`l’identifiant ${id} n’est pas en minuscules-séparées-par-des-tirets`, `id ${id} is not kebab-case`),
  category: (category: string, known: string) => t(`la catégorie ${category} n’existe pas (catégories : ${known})`, `category ${category} is unknown`),
  severity: (severity: string) => t(`la sévérité ${severity} n’est ni fail ni warn`, `severity ${severity} is not fail or warn`),
  part: (part: string) => t(`la donnée ${part} n’existe pas`, `part ${part} is unknown`),
  title: t('il faut un titre en français et en anglais (title.fr et title.en)', 'title needs fr and en'),
  asks: (asks: string) => t(`asks vaut ${asks} au lieu de customer, code ou order`, `asks ${asks} is not customer, code or order`),
};

export const REGISTRY_MESSAGES = {
  builtin: t('intégré', 'built-in'),
  plugin: (spec: string) => t(`l’extension "${spec}"`, `plugin "${spec}"`),
  invalidCheck: (origin: Text, problems: Text[]) =>
    t(`Un contrôle de ${origin.fr} est invalide : ${problems.map((p) => p.fr).join(' ; ')}.`, `Check from ${origin.en} is invalid: ${problems.map((p) => p.en).join('; ')}.`),
  invalidCheckHint: t(
    'Corrigez la déclaration de ce contrôle dans l’extension (voir docs/configuration.md, « Extensions »), ou retirez l’extension de la liste "plugins".',
    'Fix this check’s declaration in the plugin (see docs/configuration.md, "Plugins"), or remove the plugin from the "plugins" list.',
  ),
  duplicate: (id: string, origin: Text) =>
    t(`L’identifiant de contrôle "${id}" de ${origin.fr} est déjà pris.`, `Check id "${id}" from ${origin.en} is already taken.`),
  duplicateHint: t(
    'Chaque contrôle a un identifiant unique : renommez celui de l’extension (checkout-doctor list-checks affiche ceux qui existent).',
    'Each check has its own id: rename the plugin’s (checkout-doctor list-checks shows the existing ones).',
  ),
  cannotLoad: (spec: string, reason: Text) => t(`Impossible de charger l’extension "${spec}" : ${reason.fr}`, `Cannot load plugin "${spec}": ${reason.en}`),
  /** Node's own reason (English), quoted for a French reader. */
  nodeReason: (message: string) => t(quoted(message), message),
  cannotLoadHint: t('Vérifiez la liste "plugins" de la configuration (chemins relatifs au dossier de la configuration).', 'Check the "plugins" list in your configuration.'),
  /** Why an import gave up (set as the error's message, quoted by cannotLoad). */
  loadTimeout: (seconds: number) => `it did not finish loading within ${seconds} s`,
  loadTimeoutText: (seconds: number) =>
    t(`elle n’a pas fini de se charger en ${seconds}${NBSP}s`, `it did not finish loading within ${seconds} s`),
  notAList: (spec: string) =>
    t(`L’extension "${spec}" doit exporter par défaut une liste de contrôles.`, `Plugin "${spec}" must export a list of checks as its default export.`),
  notAListHint: t('Écrivez dans l’extension : `export default [monControle, …]`.', 'Write in the plugin: `export default [myCheck, …]`.'),
};

export const SNAPSHOT_MESSAGES = {
  hint: t('Donnez un fichier écrit par `checkout-doctor snapshot`.', 'Pass a file written by `checkout-doctor snapshot`.'),
  cannotRead: (file: string, code: string | undefined) =>
    t(`Impossible de lire l’instantané ${file}${code ? ` (${code})` : ''}.`, `Cannot read snapshot ${file}${code ? ` (${code})` : ''}.`),
  cannotReadHint: t('Vérifiez le chemin donné à --snapshot.', 'Check the path given to --snapshot.'),
  notJson: (file: string, reason: Text) => t(`${file} n’est pas un JSON valide (${reason.fr}).`, `${file} is not valid JSON (${reason.en}).`),
  notSnapshot: (file: string, fields: string[], technical: string) =>
    t(
      `${file} n’est pas un instantané de checkout-doctor : ${plural('fr', fields.length, forms(`le champ ${fields.join(', ')} manque ou est invalide`, `les champs ${fields.join(', ')} manquent ou sont invalides`, '', ''))}.`,
      `${file} is not a checkout-doctor snapshot: ${technical}.`,
    ),
  notAnObject: (file: string, technical: string) =>
    t(`${file} n’est pas un instantané de checkout-doctor : il ne contient pas un objet JSON.`, `${file} is not a checkout-doctor snapshot: ${technical}.`),
  otherVersion: (file: string, version: string) =>
    t(
      `${file} a été écrit par une autre version de checkout-doctor (format de version ${version}, celle-ci lit la version 1).`,
      `${file} was written by another version of checkout-doctor (schema version ${version}; this one reads version 1).`,
    ),
  otherVersionHint: t(
    'Refaites l’instantané avec cette version (`checkout-doctor snapshot`), ou lisez-le avec la version qui l’a écrit.',
    'Take the snapshot again with this version (`checkout-doctor snapshot`), or read it with the version that wrote it.',
  ),
  /** A part of the file that is not an envelope: the check needing it is `error` with this cause. */
  malformedPart: (where: string, technical: string) => ({
    message: `${where} is not a part envelope ({"status":"ok","data":…}, {"status":"failed","cause":…} or {"status":"unavailable","reason":…}): ${technical}`,
    text: t(
      `cette donnée de l’instantané est illisible (${where}) : le fichier a été modifié à la main ou abîmé`,
      `this part of the snapshot is unreadable (${where}): the file was edited by hand or damaged`,
    ),
  }),
};
