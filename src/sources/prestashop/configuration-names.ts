// The configuration rows both PrestaShop sources read: what the checks need, plus the Stripe and
// Sendcloud modules' rows in full (their secrets are used to build facts, never copied).

export const CONFIGURATION_NAMES = [
  'PS_LANG_DEFAULT',
  'PS_TIMEZONE',
  'PS_UNIDENTIFIED_GROUP',
  'PS_GUEST_GROUP',
  'PS_CUSTOMER_GROUP',
  'PS_ROOT_CATEGORY',
  'PS_HOME_CATEGORY',
  'PS_ORDER_RETURN',
  'PS_ORDER_RETURN_NB_DAYS',
  'PS_SHOP_ENABLE',
  'PS_MAINTENANCE_IP',
  'PS_WEBSERVICE',
  'PS_WEBSERVICE_CGI_HOST',
  'PS_GUEST_CHECKOUT_ENABLED',
  'PS_GROUP_FEATURE_ACTIVE',
  'PS_CATALOG_MODE',
  'PS_OS_PAYMENT',
  'PS_OS_PREPARATION',
  'PS_OS_SHIPPING',
  'PS_OS_DELIVERED',
  'PS_OS_CANCELED',
  'PS_OS_REFUND',
  'PS_OS_ERROR',
  // The currency of a cart rule's minimum amount when the rule names none (id 0).
  'PS_CURRENCY_DEFAULT',
] as const;

/** Prefixes of module configuration read in full. */
export const CONFIGURATION_PREFIXES = ['STRIPE_', 'SENDCLOUD_'] as const;
