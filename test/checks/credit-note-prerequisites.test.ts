import { describe, expect, it } from 'vitest';
import check from '../../checks/credit-note-prerequisites.js';
import type { Order, OrderState } from '../../src/engine/parts.js';
import { runChecks } from '../../src/engine/runner.js';
import { lookupKey, type Snapshot } from '../../src/engine/snapshot.js';
import type { CheckContext, CheckOutcome, Query } from '../../src/engine/types.js';

// 2026-11-23 11:00 in Paris.
const NOW = new Date('2026-11-23T10:00:00Z');

// The install-data states of api-notes §6 that matter here, plus a custom "in transit" state that has
// the `delivery` flag but is neither shipped nor delivered.
const STATES: OrderState[] = [
  { id: 2, name: 'Paiement accepté', paid: true, shipped: false, delivery: false, deleted: false },
  { id: 3, name: 'En cours de préparation', paid: true, shipped: false, delivery: true, deleted: false },
  { id: 4, name: 'Expédié', paid: true, shipped: true, delivery: true, deleted: false },
  { id: 5, name: 'Livré', paid: true, shipped: true, delivery: true, deleted: false },
  { id: 6, name: 'Annulé', paid: false, shipped: false, delivery: false, deleted: false },
  { id: 20, name: 'Livré (transporteur)', paid: true, shipped: false, delivery: true, deleted: false },
  // A "shipped, cash on delivery" state: shipped, not paid.
  { id: 14, name: 'Expédié, paiement à la livraison', paid: false, shipped: true, delivery: true, deleted: false },
];

const CONFIG: Record<string, string | null> = { PS_ORDER_RETURN: '1', PS_ORDER_RETURN_NB_DAYS: '14', PS_OS_SHIPPING: '4', PS_OS_DELIVERED: '5' };

function order(over: Partial<Order> = {}): Order {
  return { id: 42, reference: 'XKBKNABJK', customerId: 12, currentState: 4, dateAdd: '2026-11-10 09:00:00', deliveryDate: '2026-11-15 10:00:00', ...over };
}

interface Input {
  config?: Record<string, string | null>;
  orders?: Order[] | 'unavailable';
  orderQuery?: string;
  options?: Record<string, unknown>;
}

function ctx(input: Input): CheckContext {
  const query: Query = {};
  const parts: CheckContext['parts'] = { 'prestashop.configuration': input.config ?? CONFIG, 'prestashop.orderStates': STATES };
  const unavailable: CheckContext['unavailable'] = {};
  if (input.orders !== undefined) {
    query.order = input.orderQuery ?? 'XKBKNABJK';
    if (input.orders === 'unavailable') unavailable['prestashop.order'] = { fr: 'non lisible', en: 'not readable' };
    else parts['prestashop.order'] = { query: query.order, matches: input.orders };
  }
  return { club: { name: 'FC Lyon' }, parts, unavailable, options: { ...check.meta.defaultOptions, ...input.options }, query, now: NOW };
}

interface Row {
  name: string;
  input: Input;
  status: CheckOutcome['status'];
  message?: string[];
  remediation?: string[];
  /** Substrings neither the message nor the remediation may contain. */
  absent?: string[];
}

const rows: Row[] = [
  // Pass cases.
  { name: 'returns on, no order asked', input: {}, status: 'pass', message: ['14 days', '--order'] },
  { name: 'returns on with another truthy value', input: { config: { ...CONFIG, PS_ORDER_RETURN: ' 1 ' } }, status: 'pass' },
  // PHP truthiness: only "" and "0" are off, so " 0 " is on for Configuration::get().
  { name: 'returns value " 0 " is on for PHP', input: { config: { ...CONFIG, PS_ORDER_RETURN: ' 0 ' }, orders: [order()] }, status: 'pass' },
  { name: 'returns on, unlimited window', input: { config: { ...CONFIG, PS_ORDER_RETURN_NB_DAYS: '0' } }, status: 'pass', message: ['no time limit'] },
  { name: 'shipped order within the window', input: { orders: [order()] }, status: 'pass', message: ['Order XKBKNABJK (#42) in state "Expédié" (#4)', 'credit note'] },
  { name: 'delivered order: paid and shipped', input: { orders: [order({ currentState: 5 })] }, status: 'pass', message: ['"Livré" (#5)'] },
  { name: 'window exactly reached (14 days)', input: { orders: [order({ deliveryDate: '2026-11-09 23:00:00' })] }, status: 'pass' },
  { name: 'window over but unlimited', input: { config: { ...CONFIG, PS_ORDER_RETURN_NB_DAYS: '0' }, orders: [order({ deliveryDate: '2025-01-01 00:00:00' })] }, status: 'pass' },
  // (int) "abc" is 0 in PHP: no limit.
  { name: 'window not a number: no limit, as PHP casts it', input: { config: { ...CONFIG, PS_ORDER_RETURN_NB_DAYS: 'abc' }, orders: [order({ deliveryDate: '2025-01-01 00:00:00' })] }, status: 'pass', message: ['no time limit'] },
  { name: 'window key absent: no limit', input: { config: { PS_ORDER_RETURN: '1' }, orders: [order({ deliveryDate: '2025-01-01 00:00:00' })] }, status: 'pass' },
  {
    name: 'NULL delivery date: TO_DAYS is NULL, inside the window for PHP',
    input: { orders: [order({ deliveryDate: null })] },
    status: 'pass',
    message: ['Without a delivery date, PrestaShop does not apply the 14-day return window'],
  },
  { name: 'zero delivery date: the same', input: { orders: [order({ deliveryDate: '0000-00-00 00:00:00' })] }, status: 'pass', message: ['Without a delivery date'] },
  { name: 'delivery date in the future: negative days', input: { orders: [order({ deliveryDate: '2026-12-01 10:00:00' })] }, status: 'pass' },
  {
    name: 'several matches, one returnable',
    input: { orders: [order({ id: 42, currentState: 2 }), order({ id: 43, currentState: 5 })] },
    status: 'pass',
    message: ['2 orders match', '#42, 43', 'Order XKBKNABJK (#43)'],
  },
  {
    name: "the order's own shop enables returns although the diagnosed shop does not",
    input: { config: { ...CONFIG, PS_ORDER_RETURN: '0' }, orders: [order({ shopId: 2, returnConfiguration: { PS_ORDER_RETURN: '1', PS_ORDER_RETURN_NB_DAYS: '30' } })] },
    status: 'pass',
    message: ['return window: 30 days'],
  },

  // Failure reasons.
  {
    name: 'returns disabled',
    input: { config: { ...CONFIG, PS_ORDER_RETURN: '0' } },
    status: 'fail',
    message: ['PS_ORDER_RETURN = "0"'],
    remediation: ['SAV > Retours produits', 'Service client > Retours produits', 'Activer les retours'],
  },
  { name: 'returns key missing', input: { config: { PS_OS_DELIVERED: '5' } }, status: 'fail', message: ['PS_ORDER_RETURN = missing'] },
  { name: 'returns key empty', input: { config: { ...CONFIG, PS_ORDER_RETURN: '' } }, status: 'fail' },
  {
    name: 'order not found',
    input: { orders: [] },
    status: 'fail',
    message: ['no order matches "XKBKNABJK"'],
    remediation: ['Commandes > Commandes', 'Référence'],
  },
  {
    name: 'order only paid',
    input: { orders: [order({ currentState: 2 })] },
    status: 'fail',
    message: ['"Paiement accepté" (#2)', 'paid but not shipped yet', 'both paid and shipped'],
    remediation: ['Commandes > Commandes', '« Expédié » ou « Livré »', '"Expédié" or "Livré"', 'Retourner les produits', 'Générer un avoir'],
  },
  {
    name: 'shipped but not paid (cash on delivery): Order::isPaidAndShipped() is false',
    input: { orders: [order({ currentState: 14 })] },
    status: 'fail',
    message: ['"Expédié, paiement à la livraison" (#14)', 'shipped but not paid', 'expédiée mais pas payée', 'both paid and shipped'],
    remediation: ['Once the payment is collected', '« Expédié » ou « Livré »'],
    absent: ['« Expédié, paiement à la livraison » ou'],
  },
  {
    name: 'PS_OS_DELIVERED does not make a state returnable: only its flags count',
    input: { config: { ...CONFIG, PS_OS_DELIVERED: '20' }, orders: [order({ currentState: 20 })] },
    status: 'fail',
    message: ['"Livré (transporteur)" (#20)', 'paid but not shipped yet'],
  },
  { name: 'state unknown to the shop', input: { orders: [order({ currentState: 77 })] }, status: 'fail', message: ['#77 (state unknown to the shop)', 'neither paid nor shipped'] },
  { name: 'cancelled', input: { orders: [order({ currentState: 6 })] }, status: 'fail', message: ['neither paid nor shipped'] },
  {
    name: 'several matches, none returnable',
    input: { orders: [order({ id: 42, currentState: 2 }), order({ id: 43, currentState: 6 })] },
    status: 'fail',
    message: ['2 orders match', '(#42) in state "Paiement accepté"', '(#43) in state "Annulé"'],
  },
  {
    name: 'returns disabled and order not shipped: both listed',
    input: { config: { ...CONFIG, PS_ORDER_RETURN: '0' }, orders: [order({ currentState: 3 })] },
    status: 'fail',
    message: ['- order XKBKNABJK (#42): merchandise returns are disabled', '- order XKBKNABJK (#42) in state "En cours de préparation"'],
    remediation: ['Activer les retours', 'Commandes > Commandes'],
  },
  {
    name: 'returns disabled, order fine: still fail, steps to make the note afterwards',
    input: { config: { ...CONFIG, PS_ORDER_RETURN: '0' }, orders: [order()] },
    status: 'fail',
    remediation: ['Activer les retours', 'Générer un avoir'],
    absent: ['paid and shipped'],
  },
  {
    name: "returns disabled for the order's own shop (read for its id_shop)",
    input: { orders: [order({ shopId: 2, returnConfiguration: { PS_ORDER_RETURN: '0', PS_ORDER_RETURN_NB_DAYS: '14' } })] },
    status: 'fail',
    message: ["merchandise returns are disabled for the order's shop #2", 'pour la boutique n° 2 de la commande'],
    remediation: ['choose shop #2', 'Activer les retours'],
  },
  {
    name: "the order's shop has a shorter window",
    input: { orders: [order({ shopId: 2, returnConfiguration: { PS_ORDER_RETURN: '1', PS_ORDER_RETURN_NB_DAYS: '5' } })] },
    status: 'fail',
    message: ['delivered 8 days ago', '5-day return window'],
  },

  // Return window.
  {
    name: 'return window over: not returnable',
    input: { orders: [order({ deliveryDate: '2026-11-08 10:00:00' })] },
    status: 'fail',
    message: ['delivered 15 days ago', 'delivery date 2026-11-08', '14-day return window'],
    remediation: ['Retours produits', 'at least 15 days'],
  },
  {
    name: 'window counted on the shop calendar day (Kiritimati, UTC+14, is already on the 24th)',
    input: { config: { ...CONFIG, PS_TIMEZONE: 'Pacific/Kiritimati' }, orders: [order({ deliveryDate: '2026-11-09 10:00:00' })] },
    status: 'fail',
    message: ['delivered 15 days ago'],
  },
  {
    name: 'shipped but not paid and past the window: both conditions named',
    input: { orders: [order({ currentState: 14, deliveryDate: '2026-10-01 10:00:00' })] },
    status: 'fail',
    message: ['shipped but not paid', 'delivered 53 days ago'],
  },

  // Facts that could not be read: never a pass.
  {
    name: 'delivery date not read: the window cannot be decided',
    input: { orders: [order({ deliveryDate: undefined })] },
    status: 'manual',
    message: ['delivery date could not be read', '14-day return window could not be verified'],
    remediation: ['at most 14 days'],
  },
  { name: 'order unreadable, returns on: manual', input: { orders: 'unavailable' }, status: 'manual', message: ['not readable'], remediation: ['Commandes > Commandes'] },
  { name: 'order unreadable, returns off: fail', input: { orders: 'unavailable', config: { ...CONFIG, PS_ORDER_RETURN: '0' } }, status: 'fail', message: ['could not be read'] },
];

describe('credit-note-prerequisites', () => {
  it.each(rows)('$name → $status', (row) => {
    const outcome = check.run(ctx(row.input)) as CheckOutcome;
    expect(outcome.status).toBe(row.status);
    const message = `${outcome.message.fr}\n${outcome.message.en}`;
    for (const s of row.message ?? []) expect(message).toContain(s);
    const remediation = (outcome.remediation ?? []).map((x) => `${x.fr}\n${x.en}`).join('\n');
    for (const s of row.remediation ?? []) expect(remediation).toContain(s);
    for (const s of row.absent ?? []) expect(`${message}\n${remediation}`).not.toContain(s);
    if (outcome.status !== 'pass') expect(outcome.remediation?.length).toBeGreaterThan(0);
    for (const x of [outcome.message, ...(outcome.remediation ?? [])]) {
      expect(x.fr.trim()).not.toBe('');
      expect(x.en.trim()).not.toBe('');
    }
  });

  it('puts the configuration and each order in the evidence', () => {
    const outcome = check.run(ctx({ orders: [order({ deliveryDate: '2026-11-20 08:00:00' })] })) as CheckOutcome;
    expect(outcome.evidence).toMatchObject({
      PS_ORDER_RETURN: '1',
      PS_ORDER_RETURN_NB_DAYS: 14,
      today: '2026-11-23',
      returnableOrderIds: [42],
      order: { query: 'XKBKNABJK', matches: [{ id: 42, currentState: 4, paid: true, shipped: true, PS_ORDER_RETURN: '1', PS_ORDER_RETURN_NB_DAYS: 14, daysSinceDelivery: 3, returnable: true }] },
    });
  });
});

describe('credit-note-prerequisites through the runner', () => {
  function snapshot(over: Partial<Snapshot> = {}): Snapshot {
    return {
      format: 'checkout-doctor-snapshot',
      schemaVersion: 1,
      generatedAt: NOW.toISOString(),
      shop: {},
      sources: {},
      parts: { 'prestashop.configuration': { status: 'ok', data: CONFIG }, 'prestashop.orderStates': { status: 'ok', data: STATES } },
      lookups: { order: { [lookupKey('order', 'xkbknabjk')]: { status: 'ok', data: { query: 'XKBKNABJK', matches: [order({ currentState: 2 })] } } } },
      clubs: [{ name: 'FC Lyon', parts: {} }],
      ...over,
    };
  }

  it('runs without --order on the returns switch alone', async () => {
    const snap = snapshot();
    const [result] = await runChecks({ checks: [check], snapshot: snap, club: snap.clubs[0]!, query: {} });
    expect(result!.status).toBe('pass');
    expect(result!.evidence).not.toHaveProperty('order');
  });

  it('reads the order lookup keyed in upper case', async () => {
    const snap = snapshot();
    const [result] = await runChecks({ checks: [check], snapshot: snap, club: snap.clubs[0]!, query: { order: 'xkbknabjk' } });
    expect(result!.status).toBe('fail');
    expect(result!.message.en).toContain('"Paiement accepté" (#2)');
  });

  it('errors when the order states were not gathered', async () => {
    const snap = snapshot({ parts: { 'prestashop.configuration': { status: 'ok', data: CONFIG } } });
    const [result] = await runChecks({ checks: [check], snapshot: snap, club: snap.clubs[0]!, query: {} });
    expect(result!.status).toBe('error');
    expect(result!.message.en).toContain('prestashop.orderStates');
  });

  it('errors when the snapshot holds nothing for the asked order', async () => {
    const snap = snapshot();
    const [result] = await runChecks({ checks: [check], snapshot: snap, club: snap.clubs[0]!, query: { order: '999' } });
    expect(result!.status).toBe('error');
    expect(result!.message.en).toContain('XKBKNABJK');
  });

  it('turns an unavailable order into manual when returns are on', async () => {
    const snap = snapshot({ lookups: { order: { '42': { status: 'unavailable', reason: { fr: 'illisible', en: 'unreadable' } } } } });
    const [result] = await runChecks({ checks: [check], snapshot: snap, club: snap.clubs[0]!, query: { order: '42' } });
    expect(result!.status).toBe('manual');
    expect(result!.message.en).toContain('unreadable');
  });
});
