// Entry point for src/sources/gather.ts: read the shop through the webservice from the
// configuration's `prestashop` block. One client per call = one run's cache.

import type { Config } from '../../config/schema.js';
import { UsageError } from '../../engine/errors.js';
import type { Query } from '../../engine/types.js';
import type { ClubSpec } from './clubs.js';
import { gatherFromWebservice, type WebserviceGathered } from './gather-webservice.js';
import { PrestaShopWebservice, type WebserviceOptions } from './webservice.js';

export interface WebserviceSourceInput {
  prestashop: NonNullable<Config['prestashop']>;
  clubs?: readonly ClubSpec[];
  query: Query;
  /** Client tuning (timeouts, concurrency, retry policy, dispatcher for tests). */
  client?: Partial<Omit<WebserviceOptions, 'url' | 'key' | 'shopId'>>;
}

export async function gatherPrestaShopWebservice(input: WebserviceSourceInput): Promise<{ source: 'webservice'; gathered: WebserviceGathered }> {
  const ps = input.prestashop;
  if (!ps.webserviceKey) {
    throw new UsageError(
      'No way to read the shop: prestashop.webserviceKey is not set and prestashop.database is not configured.',
      'Set prestashop.webserviceKey (Advanced Parameters > Webservice, a key with GET on the resources read) or prestashop.database.',
    );
  }
  const shopId = ps.shopId ?? 1;
  const ws = new PrestaShopWebservice({ ...input.client, url: ps.url, key: ps.webserviceKey, ...(ps.shopId !== undefined ? { shopId } : {}) });
  const gathered = await gatherFromWebservice(ws, { clubs: input.clubs, query: input.query, shopId });
  return { source: 'webservice', gathered };
}
