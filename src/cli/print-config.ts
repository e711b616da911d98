// `diagnose --print-config`: the configuration the run would use, as JSON on stdout, then exit 0.
// `env:` references are shown as written (the variable's name, never its value); any secret
// written in clear is masked (`sk_live_…a1B2`) by the redactor, which knows every configured
// secret in every form (src/secrets/redact.ts).

import type { LoadedConfig } from '../config/load.js';
import { t, type Lang } from '../engine/types.js';
import { typeset } from '../report/french.js';
import { redactor } from '../secrets/redact.js';
import { scrubUrl } from '../secrets/scrub.js';
import { logError, writeReport, type Io } from './output.js';

const messages = {
  from: (file: string) => t(`checkout-doctor : configuration lue dans ${file}`, `checkout-doctor: configuration read from ${file}`),
  none: t(
    'checkout-doctor : aucune configuration trouvée depuis ce dossier (ni --config) ; seuls --snapshot et --sandbox peuvent servir.',
    'checkout-doctor: no configuration found from this folder (nor --config); only --snapshot and --sandbox can be used.',
  ),
};

/** The effective value, with each leaf that was an `env:` reference in the file shown as that reference. */
function withReferences(effective: unknown, raw: unknown): unknown {
  if (typeof raw === 'string' && raw.startsWith('env:')) return raw;
  if (Array.isArray(effective)) return effective.map((v, i) => withReferences(v, Array.isArray(raw) ? raw[i] : undefined));
  if (effective && typeof effective === 'object') {
    const rawObject = raw && typeof raw === 'object' ? (raw as Record<string, unknown>) : {};
    return Object.fromEntries(Object.entries(effective).map(([k, v]) => [k, withReferences(v, rawObject[k])]));
  }
  // URLs may carry credentials (user info, ws_key=): scrubbed whatever the redactor knows.
  if (typeof effective === 'string' && /^https?:\/\//i.test(effective)) return scrubUrl(effective);
  return effective;
}

export async function printConfig(io: Io, loaded: LoadedConfig | undefined, lang: Lang): Promise<number> {
  if (!loaded) {
    logError(io, typeset(lang, messages.none[lang]));
    await writeReport(io, '{}\n');
    return 0;
  }
  logError(io, typeset(lang, messages.from(loaded.filepath)[lang]));
  const shown = withReferences(loaded.config, loaded.raw);
  // writeReport masks through the redactor too; masking here keeps the JSON valid whatever the form.
  await writeReport(io, JSON.stringify(redactor.redactDeep(shown), null, 2) + '\n');
  return 0;
}
