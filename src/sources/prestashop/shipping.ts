// Shipping facts shared by the PrestaShop sources: carriers and zones as parts, and what the
// Sendcloud module stored in the configuration (api-notes/sendcloud.md §7). Pure functions over
// rows / resolved configuration, so the webservice and database sources produce identical parts.

import type { Carrier, Country, SendcloudModule, State, Zone } from '../../engine/parts.js';
import { toBool, toInt, toText, type Row } from './normalise.js';

export interface CarrierExtras {
  /** carrier_zone; null when the source cannot see it (webservice). */
  zoneIds: number[] | null;
  /** carrier_shop; null when unknown. */
  shopIds: number[] | null;
  /** module_carrier names for the shop; null when unknown. */
  paymentModules: string[] | null;
}

export function toCarrier(row: Row, extras: CarrierExtras = { zoneIds: null, shopIds: null, paymentModules: null }): Carrier {
  return {
    id: toInt(row.id ?? row.id_carrier),
    reference: toInt(row.id_reference),
    name: toText(row.name),
    active: toBool(row.active),
    deleted: toBool(row.deleted),
    isModule: toBool(row.is_module),
    externalModuleName: toText(row.external_module_name),
    zoneIds: extras.zoneIds,
    shopIds: extras.shopIds,
    paymentModules: extras.paymentModules,
  };
}

export function toZone(row: Row): Zone {
  return { id: toInt(row.id ?? row.id_zone), name: toText(row.name), active: toBool(row.active) };
}

/** A `country` row (SQL, with `name` from country_lang) or webservice entity (no name asked). */
export function toCountry(row: Row): Country {
  const country: Country = {
    id: toInt(row.id ?? row.id_country),
    zoneId: toInt(row.id_zone),
    active: toBool(row.active),
    isoCode: toText(row.iso_code).trim().toUpperCase(),
  };
  if (typeof row.name === 'string' && row.name !== '') country.name = row.name;
  if (row.contains_states !== undefined && row.contains_states !== null) country.containsStates = toBool(row.contains_states);
  return country;
}

/** A `state` row (SQL) or webservice `states` entity: the zone an address with this state takes. */
export function toState(row: Row): State {
  return {
    id: toInt(row.id ?? row.id_state),
    countryId: toInt(row.id_country),
    zoneId: toInt(row.id_zone),
    isoCode: toText(row.iso_code).trim().toUpperCase(),
    name: toText(row.name).trim(),
    active: toBool(row.active),
  };
}

function jsonObject(value: string | null | undefined): Record<string, unknown> | null {
  if (!value) return null;
  try {
    const parsed: unknown = JSON.parse(value);
    return parsed && typeof parsed === 'object' && !Array.isArray(parsed) ? (parsed as Record<string, unknown>) : null;
  } catch {
    return null;
  }
}

const V1_KEYS = /^SENDCLOUD_(SETTINGS_CONNECT|SPP_SCRIPT|SPP_SELECTED_CARRIERS|SPP_CARRIER(_.*)?)$/;

/**
 * The Sendcloud module's state from the configuration resolved for the shop (names → values).
 * v2 (`sendcloudv2`) keys start with SENDCLOUD_V2_; v1 (`sendcloud`) uses SENDCLOUD_SETTINGS_CONNECT
 * and SENDCLOUD_SPP_*. Codes are lower-cased in both maps (the keys upper-case them).
 */
export function sendcloudModuleFrom(config: ReadonlyMap<string, string | null>): SendcloudModule {
  const names = [...config.keys()];
  const v2 = names.some((n) => n.startsWith('SENDCLOUD_V2_'));
  const v1 = !v2 && names.some((n) => V1_KEYS.test(n));
  const variant = v2 ? 'v2' : v1 ? 'v1' : null;
  const get = (name: string) => {
    const value = config.get(name);
    return value === undefined || value === null || value.trim() === '' ? null : value;
  };
  const prefix = v2 ? 'SENDCLOUD_V2_' : 'SENDCLOUD_';
  // v2 counts as connected with its connect settings or its integration id for the shop (api-notes §7).
  const connected = variant === null ? false : v2 ? (get('SENDCLOUD_V2_CONNECT_SETTINGS') ?? get('SENDCLOUD_V2_INTEGRATION_ID')) !== null : get('SENDCLOUD_SETTINGS_CONNECT') !== null;
  const scriptUrl = variant === null ? null : get(v2 ? 'SENDCLOUD_V2_SERVICE_POINT_SCRIPT' : 'SENDCLOUD_SPP_SCRIPT');
  const selectedCarriers: Record<string, string> = {};
  for (const [code, name] of Object.entries(jsonObject(get(`${prefix}SPP_SELECTED_CARRIERS`)) ?? {})) {
    if (typeof name === 'string') selectedCarriers[code.toLowerCase()] = name;
  }
  const carrierReferences: Record<string, number> = {};
  const refKey = new RegExp(`^${prefix}SPP_CARRIER_(.+)_REFERENCE$`);
  for (const name of names) {
    const m = refKey.exec(name);
    if (!m || (v2 === false && name.startsWith('SENDCLOUD_V2_'))) continue;
    const reference = toInt(config.get(name), 0);
    if (reference > 0) carrierReferences[m[1]!.toLowerCase()] = reference;
  }
  return { variant, connected, scriptUrl, selectedCarriers, carrierReferences };
}
