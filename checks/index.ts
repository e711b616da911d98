// The built-in checks, one file each, named by id. Add a line here when adding a check.

import type { Check } from '../src/engine/types.js';
import categoryClubAccess from './category-club-access.js';
import stripeKeysFormat from './stripe-keys-format.js';
import promoCode from './promo-code.js';
import creditNotePrerequisites from './credit-note-prerequisites.js';
import customerAccountStatus from './customer-account-status.js';
import customerClubMembership from './customer-club-membership.js';
import relayCarrierZones from './relay-carrier-zones.js';
import relayModuleConflicts from './relay-module-conflicts.js';
import shopOnline from './shop-online.js';
import sendcloudAccountSetup from './sendcloud-account-setup.js';
import sendcloudServicePoints from './sendcloud-service-points.js';
import sendcloudIntegrationHealth from './sendcloud-integration-health.js';
import stripeKeysLive from './stripe-keys-live.js';
import stripeAccountStatus from './stripe-account-status.js';
import dynamicCoupons from './dynamic-coupons.js';

export const builtinChecks: readonly Check[] = [categoryClubAccess, stripeKeysFormat, promoCode, creditNotePrerequisites, customerAccountStatus, customerClubMembership, sendcloudAccountSetup, sendcloudServicePoints, sendcloudIntegrationHealth, relayCarrierZones, relayModuleConflicts, shopOnline, stripeKeysLive, stripeAccountStatus, dynamicCoupons];
