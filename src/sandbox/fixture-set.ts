// A fixture set is one shop as the three upstreams see it: `<name>-shop.json` (PrestaShop),
// `<name>-stripe.json` and `<name>-sendcloud.json` beside it (both optional). This module starts
// the emulators of a set on 127.0.0.1 and gives the configuration that points checkout-doctor at
// them, so that a diagnosis runs through the real HTTP path.

import { existsSync } from 'node:fs';
import { basename, dirname, join, resolve } from 'node:path';
import type { Config } from '../config/schema.js';
import { UsageError } from '../engine/errors.js';
import { JsonSyntaxError } from '../config/json-syntax.js';
import { FixtureError, SANDBOX_MESSAGES as M } from './messages.js';
import { startCouponSandbox, type CouponSandbox } from './coupons.js';
import { startPrestaShopSandbox, type PrestaShopSandbox } from './prestashop/server.js';
import { loadSendcloudFixture } from './sendcloud/fixture.js';
import { startSendcloudSandbox, type SendcloudSandbox } from './sendcloud/server.js';
import { fixturesDir, loadShopFixture, type ShopFixture } from './shop-fixture.js';
import { loadStripeFixture } from './stripe/fixture.js';
import { startStripeSandbox, type StripeSandbox } from './stripe/server.js';

export interface FixtureSetFiles {
  shop: string;
  stripe?: string;
  sendcloud?: string;
}

/** `demo` (a bundled set) or the path of a `<name>-shop.json` file. */
export function resolveFixtureSet(spec = 'demo', cwd = process.cwd()): FixtureSetFiles {
  const shop = /[\\/]|\.json$/.test(spec) ? resolve(cwd, spec) : join(fixturesDir(), `${spec}-shop.json`);
  if (!existsSync(shop)) {
    throw new UsageError(M.noFixture(spec, shop), M.noFixtureHint);
  }
  const stem = basename(shop).replace(/-shop\.json$|\.json$/, '');
  const sibling = (kind: string) => {
    const file = join(dirname(shop), `${stem}-${kind}.json`);
    return existsSync(file) ? file : undefined;
  };
  return { shop, stripe: sibling('stripe'), sendcloud: sibling('sendcloud') };
}

export interface RunningSandbox {
  prestashop: PrestaShopSandbox;
  /** The shop's dynamic-coupon endpoint (a PrestaShop module's, as SPREAD calls it). */
  coupons: CouponSandbox;
  stripe?: StripeSandbox;
  sendcloud?: SendcloudSandbox;
  /** A configuration reading the sandbox through the webservice, as a live shop would be read. */
  config: Config;
  close(): Promise<void>;
}

interface FixtureClub {
  name: string;
  id_group?: number | null;
  id_category?: number | null;
  stripe?: { publishable_key?: string; secret_key?: string };
}

type Account = { key: string; description?: string; active: number | boolean; permissions?: Record<string, string[]> };
const activeAccounts = (fixture: ShopFixture) =>
  (fixture as unknown as { webservice_accounts: Account[] }).webservice_accounts.filter((a) => a.active === 1 || a.active === true);
const canWrite = (a: Account) => Object.values(a.permissions ?? {}).some((methods) => methods.includes('PUT'));

/** The webservice key checkout-doctor itself should use: the active read-only one meant for it, else the first active. */
function webserviceKey(fixture: ShopFixture): string {
  const active = activeAccounts(fixture);
  const key = (active.find((a) => /checkout-doctor/i.test(a.description ?? '') && !canWrite(a)) ?? active[0])?.key;
  if (!key) throw new UsageError(M.noActiveKey, M.noActiveKeyHint);
  return key;
}

/** The key `--fix` writes with (`prestashop.fixWebserviceKey`): the active one meant for checkout-doctor with PUT. */
function fixWebserviceKey(fixture: ShopFixture): string | undefined {
  return activeAccounts(fixture).find((a) => /checkout-doctor/i.test(a.description ?? '') && canWrite(a))?.key;
}

export interface StartOptions {
  /** Port of the PrestaShop emulator (the others take free ports). */
  port?: number;
  /** Clock of the Stripe and Sendcloud emulators' relative dates (default: now). */
  now?: () => Date;
}

/** A fixture file that cannot be read or is not valid is the user's file to fix: exit 2, not an internal error. */
async function readFixture<T>(file: string, load: (file: string) => Promise<T>): Promise<T> {
  try {
    return await load(file);
  } catch (error) {
    // The loaders say what is wrong in both languages; anything else is quoted as it came.
    if (error instanceof FixtureError) throw new UsageError(M.invalid(error.text), M.invalidHint, error.lines('en'), error.lines('fr'));
    if (error instanceof JsonSyntaxError) throw new UsageError(M.invalid(error.text), M.invalidHint);
    const [first, ...rest] = ((error as Error).message ?? String(error)).split('\n');
    throw new UsageError(M.invalid(M.other(first ?? '')), M.invalidHint, rest);
  }
}

/** A port the emulators cannot listen on is a usage error that says which and what to do. */
function listenProblem(error: unknown, port: number | undefined): unknown {
  const code = (error as NodeJS.ErrnoException).code;
  if ((code !== 'EADDRINUSE' && code !== 'EACCES') || port === undefined) return error;
  const busy = code === 'EADDRINUSE';
  return new UsageError(busy ? M.portBusy(port) : M.portPrivileged(port), M.portHint);
}

export async function startFixtureSet(files: FixtureSetFiles, options: StartOptions = {}): Promise<RunningSandbox> {
  const fixture = await readFixture(files.shop, loadShopFixture);
  const [stripeFixture, sendcloudFixture] = await Promise.all([
    files.stripe ? readFixture(files.stripe, loadStripeFixture) : undefined,
    files.sendcloud ? readFixture(files.sendcloud, loadSendcloudFixture) : undefined,
  ]);
  const started: Array<{ close(): Promise<void> }> = [];
  try {
    const prestashop = await startPrestaShopSandbox({ fixture, port: options.port });
    started.push(prestashop);
    const stripe = stripeFixture ? await startStripeSandbox({ fixture: stripeFixture, now: options.now }) : undefined;
    if (stripe) started.push(stripe);
    const sendcloud = sendcloudFixture ? await startSendcloudSandbox({ fixture: sendcloudFixture, now: options.now }) : undefined;
    if (sendcloud) started.push(sendcloud);
    const coupons = await startCouponSandbox();
    started.push(coupons);
    const sendcloudKeys = sendcloudFixture?.keys.find((k) => k.state === 'active');
    const clubs = ((fixture as unknown as { clubs?: FixtureClub[] }).clubs ?? []).map((c) => ({
      name: c.name,
      ...(c.id_group ? { group: c.id_group } : {}),
      ...(c.id_category ? { category: c.id_category } : {}),
      ...(c.stripe ? { stripe: { publishableKey: c.stripe.publishable_key, secretKey: c.stripe.secret_key } } : {}),
    }));
    const config: Config = {
      prestashop: {
        url: `${prestashop.url}/`,
        webserviceKey: webserviceKey(fixture),
        ...(fixWebserviceKey(fixture) ? { fixWebserviceKey: fixWebserviceKey(fixture) } : {}),
        shopId: fixture.shop.id_shop,
      },
      ...(stripe ? { stripe: { apiBase: stripe.url } } : {}),
      ...(sendcloud && sendcloudKeys ? { sendcloud: { apiBase: sendcloud.url, publicKey: sendcloudKeys.publicKey, secretKey: sendcloudKeys.secretKey } } : {}),
      ...(clubs.length ? { clubs } : {}),
      dynamicCoupons: { url: coupons.endpoint, platform: 'prestashop' },
    };
    return {
      prestashop,
      coupons,
      stripe,
      sendcloud,
      config,
      close: async () => {
        await Promise.all(started.map((s) => s.close()));
      },
    };
  } catch (error) {
    await Promise.all(started.map((s) => s.close()));
    throw listenProblem(error, options.port);
  }
}
