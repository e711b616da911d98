// The configuration's keys as a support agent writes them in .checkout-doctorrc.json
// (`clubs[].stripe.secretKey`, `prestashop.url`): recognised in report texts so that the support
// report shows them as code (issue 10.5), and told apart from the tool's internal data names
// (`club.stripeAccount`, `prestashop.customer`), which are not keys anyone can edit.

import { configSchema } from './schema.js';

type AnySchema = { _zod: { def: Record<string, unknown> & { type: string } } };

function unwrap(s: AnySchema | undefined): AnySchema | undefined {
  while (s && ['optional', 'default', 'nullable', 'prefault'].includes(s._zod.def.type)) s = s._zod.def.innerType as AnySchema;
  return s;
}

/** True when `path` (`clubs[].stripe`, `clubs[0].group`, `prestashop.database.host`) names a key of the configuration. */
export function isConfigKey(path: string): boolean {
  const parts = path.split(/\.|(?=\[)/).filter(Boolean);
  let schema = unwrap(configSchema() as unknown as AnySchema);
  for (const part of parts) {
    if (!schema) return false;
    const def = schema._zod.def;
    if (/^\[\d*\]$/.test(part)) {
      if (def.type !== 'array') return false;
      schema = unwrap(def.element as AnySchema);
    } else if (def.type === 'object') {
      const next = (def.shape as Record<string, AnySchema>)[part];
      if (!next) return false;
      schema = unwrap(next);
    } else if (def.type === 'record') {
      schema = unwrap(def.valueType as AnySchema);
    } else return false;
  }
  return true;
}

/** A dotted path starting at a top-level key of the configuration; `[]` or `[0]` after a list. */
const KEY_PATH = /(?<![\w./`@-])(?:prestashop|stripe|sendcloud|clubs|dynamicCoupons|checks|plugins)(?:\[\d*\])?(?:\.[A-Za-z_][\w-]*(?:\[\d*\])?)+/g;

/** The text with every configuration key written as code (`prestashop.url`); code spans already there are left alone. */
export function codeConfigKeys(text: string): string {
  return text
    .split(/(`[^`]*`)/)
    .map((piece, i) => (i % 2 ? piece : piece.replace(KEY_PATH, (path) => (isConfigKey(path) ? `\`${path}\`` : path))))
    .join('');
}
