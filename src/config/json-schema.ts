// The JSON Schema of the configuration file, generated from the validation schema (schema.ts), so
// that editors complete and check a `.checkout-doctorrc.json` that names it in `$schema`. The
// committed copy (schema/checkout-doctor.schema.json) is written by `npm run config-schema`; a
// test fails when it drifts from this.

import * as z from 'zod';
import { configSchema } from './schema.js';

export const CONFIG_SCHEMA_FILE = 'schema/checkout-doctor.schema.json';

/**
 * What a person writes, not what validation returns (`io: 'input'`: keys with a default stay
 * optional). Values are checked as written: an `"env:NAME"` reference is accepted by the program
 * wherever a string is expected.
 */
export function configJsonSchema(): Record<string, unknown> {
  const generated = z.toJSONSchema(configSchema(), { io: 'input', unrepresentable: 'any' });
  return {
    ...generated,
    title: 'checkout-doctor configuration',
    description: 'Configuration of checkout-doctor (.checkout-doctorrc.json and the other places cosmiconfig searches). Any string value may be "env:NAME", read from the environment.',
  };
}
