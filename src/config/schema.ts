// The configuration contract (DESIGN.md §5). Objects are strict: a misspelt key is reported with
// its path rather than silently ignored.

import * as z from 'zod';

// Built on first use (issue 9, start-up): building its zod schemas cost every diagnosis ~2 ms of
// CPU and 400 KB of garbage, though a diagnosis without a configuration file never reads them.
function buildConfigSchema() {
  const HttpUrl = z.url({ protocol: /^https?$/, error: 'expected an http(s) URL' });
  /** Extension of the contract: how long one upstream request may take before it is an error. */
  const TimeoutMs = z.number().int().min(100).max(600_000).optional();
  const SeverityOrOff = z.enum(['off', 'warn', 'fail']);

  const ClubConfigSchema = z.strictObject({
    name: z.string().min(1),
    group: z.number().int().positive().optional(),
    category: z.number().int().positive().optional(),
    stripe: z
      .strictObject({
        publishableKey: z.string().optional(),
        secretKey: z.string().optional(),
      })
      .optional(),
  });

  const ConfigSchema = z.strictObject({
    /** Editors' JSON-schema hint; ignored. */
    $schema: z.string().optional(),
    prestashop: z
      .strictObject({
        url: HttpUrl,
        webserviceKey: z.string().optional(),
        /**
         * Addition (issue 11, `diagnose --fix`): a second webservice key with PUT on customers and
         * configurations, used only to apply fixes; the diagnosis keeps the read-only key.
         */
        fixWebserviceKey: z.string().optional(),
        /**
         * Addition (issue 11): the read-write database user for the fixes the webservice cannot make
         * (category group access); host, port, database and prefix are those of `database`.
         */
        fixDatabase: z.strictObject({ user: z.string().min(1), password: z.string().optional() }).optional(),
        /** Per request to the shop (webservice and front page), in milliseconds. */
        timeoutMs: TimeoutMs,
        /** Multistore: the shop whose configuration and lists are read (default 1). */
        shopId: z.number().int().positive().optional(),
        database: z
          .strictObject({
            host: z.string().min(1),
            port: z.number().int().min(1).max(65535).default(3306),
            user: z.string().min(1),
            password: z.string().optional(),
            database: z.string().min(1),
            prefix: z.string().regex(/^[A-Za-z0-9_]*$/, 'expected letters, digits and underscores').default('ps_'),
          })
          .optional(),
      })
      .optional(),
    stripe: z
      .strictObject({
        apiBase: HttpUrl.optional(),
        timeoutMs: TimeoutMs,
        /** Extension of the contract: the SDK's retries of a connection error or 5xx (default 1; 0 = none). */
        maxNetworkRetries: z.number().int().min(0).max(5).optional(),
      })
      .optional(),
    sendcloud: z
      .strictObject({
        apiBase: HttpUrl.optional(),
        publicKey: z.string().optional(),
        secretKey: z.string().optional(),
        timeoutMs: TimeoutMs,
      })
      .optional(),
    clubs: z.array(ClubConfigSchema).optional(),
    dynamicCoupons: z.strictObject({ url: HttpUrl, platform: z.string().min(1) }).optional(),
    checks: z
      .record(
        z.string(),
        z.union([SeverityOrOff, z.looseObject({ severity: SeverityOrOff.optional() })], {
          error: 'expected "off", "warn", "fail" or an object { severity, ...options }',
        }),
      )
      .optional(),
    plugins: z.array(z.string().min(1)).optional(),
  });
  return ConfigSchema;
}

let built: ReturnType<typeof buildConfigSchema> | undefined;

/** The configuration's schema (built once, on the first call). */
export function configSchema(): ReturnType<typeof buildConfigSchema> {
  return (built ??= buildConfigSchema());
}

/** Whether configSchema() has been called (for test/startup/lazy-config-schema.test.ts). */
export function configSchemaBuilt(): boolean {
  return built !== undefined;
}

export type Config = z.infer<ReturnType<typeof buildConfigSchema>>;
export type ClubConfig = NonNullable<Config['clubs']>[number];
