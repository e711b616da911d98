// What init writes: env: references for every secret unless the person chose the values, export
// lines with placeholders unless asked for the values, and an example that, renamed, is a valid
// configuration once its variables are set. Its French follows French typography.

import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { buildConfig, envSlug, EXAMPLE_FILE, EXAMPLE_TARGET, exampleConfig, exportLines, type Answers } from '../../../src/cli/init/config-file.js';
import { M } from '../../../src/cli/init/messages.js';
import { discoverConfig } from '../../../src/config/discover.js';
import { CONFIG_NAME, loadConfig } from '../../../src/config/load.js';

const ANSWERS: Answers = {
  url: 'https://shop.example.fr/',
  webserviceKey: 'ABCDEFGHIJKLMNOPQRSTUVWXYZ123456',
  database: { host: 'db', port: 3306, user: 'ro', password: 'db-pass-9876', database: 'prestashop', prefix: 'ps_' },
  sendcloud: { publicKey: 'sc-public-1234567890', secretKey: 'sc-secret-1234567890' },
  clubs: [
    { name: 'Étoile Sportive de Fréjus', group: 4, stripe: { publishableKey: 'pk_test_abcdefghijklmnop1', secretKey: 'sk_test_abcdefghijklmnop1' } },
    { name: '1er Club', group: 9 },
  ],
};
const SECRETS = ['ABCDEFGHIJKLMNOPQRSTUVWXYZ123456', 'db-pass-9876', 'sc-public-1234567890', 'sc-secret-1234567890', 'pk_test_abcdefghijklmnop1', 'sk_test_abcdefghijklmnop1'];

describe('buildConfig', () => {
  it('by default every secret is an env: reference, and the file holds none', () => {
    const { config, secrets } = buildConfig(ANSWERS, false);
    const text = JSON.stringify(config);
    for (const secret of SECRETS) expect(text).not.toContain(secret);
    expect(config.prestashop).toMatchObject({ webserviceKey: 'env:PS_WEBSERVICE_KEY', database: { password: 'env:PS_DB_PASSWORD' } });
    expect(config.clubs![0]).toEqual({
      name: 'Étoile Sportive de Fréjus',
      group: 4,
      stripe: { publishableKey: 'env:ETOILE_SPORTIVE_DE_FREJUS_PK', secretKey: 'env:ETOILE_SPORTIVE_DE_FREJUS_SK' },
    });
    expect(secrets.map((s) => s.value).sort()).toEqual([...SECRETS].sort());
  });

  it('with the values chosen, they are in the file and no variable is needed', () => {
    const { config } = buildConfig(ANSWERS, true);
    expect(config.prestashop!.webserviceKey).toBe(ANSWERS.webserviceKey);
    expect(JSON.stringify(config)).not.toContain('env:');
  });

  it('variable names are shell names, never shared', () => {
    expect(envSlug('1er Club')).toBe('CLUB_1ER_CLUB');
    const twins: Answers = { ...ANSWERS, clubs: [0, 1].map((i) => ({ name: 'FC Lyon', group: 4 + i, stripe: { publishableKey: `pk_${i}`, secretKey: `sk_${i}` } })) };
    expect(buildConfig(twins, false).secrets.map((s) => s.env).filter((e) => e.startsWith('FC_LYON'))).toEqual(['FC_LYON_PK', 'FC_LYON_SK', 'FC_LYON_PK_2', 'FC_LYON_SK_2']);
  });
});

describe('buildConfig: SPREAD dynamic coupons', () => {
  const withToken = 'https://shop.example.fr/module/spread/coupons?token=tok-0123456789abcdef';
  it('an address carrying a token is a secret: an env: reference with its export line, or the value when chosen', () => {
    const answers: Answers = { ...ANSWERS, dynamicCoupons: { url: withToken, platform: 'prestashop' } };
    const { config, secrets } = buildConfig(answers, false);
    expect(config.dynamicCoupons).toEqual({ url: 'env:SPREAD_COUPON_URL', platform: 'prestashop' });
    expect(JSON.stringify(config)).not.toContain('tok-0123456789abcdef');
    expect(exportLines(secrets, 'fr', false)).toContain("export SPREAD_COUPON_URL='<adresse des coupons dynamiques SPREAD>'");
    expect(buildConfig(answers, true).config.dynamicCoupons).toEqual({ url: withToken, platform: 'prestashop' });
  });

  it('an address without credentials is written as it is; no answer, no section', () => {
    const plain = 'https://shop.example.fr/module/spread/coupons';
    const { config, secrets } = buildConfig({ ...ANSWERS, dynamicCoupons: { url: plain, platform: 'magento' } }, false);
    expect(config.dynamicCoupons).toEqual({ url: plain, platform: 'magento' });
    expect(secrets.map((s) => s.env)).not.toContain('SPREAD_COUPON_URL');
    expect(buildConfig(ANSWERS, false).config).not.toHaveProperty('dynamicCoupons');
  });
});

describe('exportLines', () => {
  it('placeholders unless the values are asked for; values shell-quoted', () => {
    const { secrets } = buildConfig({ ...ANSWERS, webserviceKey: "it's" }, false);
    const hidden = exportLines(secrets, 'fr', false).join('\n');
    for (const secret of SECRETS) expect(hidden).not.toContain(secret);
    expect(hidden).toContain("export PS_WEBSERVICE_KEY='<clé webservice>'");
    expect(exportLines(secrets, 'en', true)[0]).toBe(`export PS_WEBSERVICE_KEY='it'\\''s'`);
  });
});

describe('the example written without a terminal', () => {
  it('is not found as a configuration until renamed, then validates once its variables are set', async () => {
    for (const lang of ['fr', 'en'] as const) {
      const dir = mkdtempSync(join(tmpdir(), 'cd-example-'));
      writeFileSync(join(dir, 'package.json'), '{}');
      writeFileSync(join(dir, EXAMPLE_FILE), exampleConfig(lang));
      expect(await discoverConfig(dir, CONFIG_NAME)).toBeUndefined();
      writeFileSync(join(dir, EXAMPLE_TARGET), exampleConfig(lang));
      const env = { PS_WEBSERVICE_KEY: 'k'.repeat(32), SC_PUBLIC: 'p', SC_SECRET: 's', FC_EXEMPLE_PK: 'pk_test_x', FC_EXEMPLE_SK: 'sk_test_x' };
      const loaded = await loadConfig({ cwd: dir, env });
      expect(loaded?.config.prestashop?.url).toBe('https://boutique.example.fr');
      expect(loaded?.config.clubs?.[0]?.name).toBe('FC Exemple');
      // Its optional coupon section, once its # are removed as its comment says, validates too.
      writeFileSync(join(dir, EXAMPLE_TARGET), exampleConfig(lang).replace(/^# (dynamicCoupons:|  url:|  platform:)/gm, '$1'));
      const withCoupons = await loadConfig({ cwd: dir, env: { ...env, SPREAD_COUPON_URL: 'https://boutique.example.fr/module/spread?token=abcdefgh' } });
      expect(withCoupons?.config.dynamicCoupons).toEqual({ url: 'https://boutique.example.fr/module/spread?token=abcdefgh', platform: 'prestashop' });
    }
  });
});

describe('French typography of init', () => {
  const NBSP = '\u00a0';
  const NNBSP = '\u202f';
  function frenchTexts(): string[] {
    const out: string[] = [];
    for (const value of Object.values(M)) {
      if (typeof value === 'function') {
        const made = (value as (...a: unknown[]) => unknown)('fr', 'X', 2);
        if (typeof made === 'string') out.push(made);
        else if (made && typeof made === 'object' && 'fr' in made) out.push((made as { fr: string }).fr);
        const one = (value as (...a: unknown[]) => unknown)('X', 'Y');
        if (one && typeof one === 'object' && 'fr' in one) out.push((one as { fr: string }).fr);
      } else out.push(value.fr);
    }
    out.push(...exampleConfig('fr').split('\n').filter((l) => l.startsWith('#')));
    return out;
  }

  it('no ordinary space before : ; ! ? nor inside « », no "(s)", no straight apostrophe', () => {
    for (const text of frenchTexts()) {
      expect(text, text).not.toMatch(/ [:;!?](\s|$)/);
      expect(text, text).not.toMatch(/\u00a0[;!?]/);
      expect(text, text).not.toMatch(/« | »/);
      expect(text, text).not.toContain('(s)');
      expect(text, text).not.toMatch(/\w'\w/);
    }
  });

  it('the spacing of frenchSpaces (U+202F before ? ; !, U+00A0 before : and inside « »), and counts through the plural rules of each language', () => {
    // Init used its own fr(), which put U+00A0 before ? ; ! too: one French spacing for the whole tool now.
    expect(M.permissionsWhat.fr).toBe(`Que faire${NNBSP}?`);
    expect(M.exists('.checkout-doctorrc.json').fr).toBe(`Une configuration existe déjà${NBSP}: .checkout-doctorrc.json. La remplacer${NNBSP}?`);
    expect(M.stripeSecret('Fréjus').fr).toBe(`Clé secrète Stripe du club «${NBSP}Fréjus${NBSP}» (sk_…${NNBSP}; saisie masquée)`);
    expect(M.missingResource('carts', { fr: 'les paniers', en: 'carts' }).fr).toBe(`  - carts${NBSP}: les paniers`);
    expect(M.clubsFound('fr', 2)).toMatch(new RegExp(`Lesquels diagnostiquer${NNBSP}\\?$`));
    expect(M.clubsFound('fr', 1)).toContain(`: 1${NBSP}club.`);
    expect(M.clubsFound('fr', 0)).toContain(`: 0${NBSP}club.`);
    expect(M.clubsFound('fr', 2)).toContain(`: 2${NBSP}clubs.`);
    expect(M.clubsFound('en', 0)).toContain(': 0 clubs.');
    expect(M.clubsFound('en', 1)).toContain(': 1 club.');
    expect(M.missingPermissions('fr', 1)).toContain(`sur 1${NBSP}ressource`);
    expect(M.missingPermissions('en', 3)).toContain('on 3 resources:');
  });
});
