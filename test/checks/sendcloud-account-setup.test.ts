import { describe, expect, it } from 'vitest';
import check from '../../checks/sendcloud-account-setup.js';
import { PART_SCHEMAS, type SendcloudInvoices, type SendcloudSenderAddresses, type SendcloudUser } from '../../src/engine/parts.js';
import { runChecks } from '../../src/engine/runner.js';
import type { PartEnvelope } from '../../src/engine/snapshot.js';
import { t, type CheckOutcome, type Text } from '../../src/engine/types.js';
import { allText, makeCtx, makeSnapshot, ok } from './harness.js';

const USER: SendcloudUser = { companyName: 'Boutique des Clubs SAS', email: 'expedition@example.fr', invoiceAddressMissing: [], registered: '2025-09-01 10:12:00' };
const SENDERS: SendcloudSenderAddresses = {
  count: 1,
  addresses: [{ id: 1, label: 'Entrepôt', companyName: 'Boutique des Clubs SAS', city: 'Lyon', country: 'FR', complete: true }],
};
const PAID: SendcloudInvoices = { count: 3, initialPayments: 1, initialPaymentPaid: true };
const NOT_READABLE = t('Les factures ne sont pas lisibles (HTTP 403).', 'Invoices cannot be read (HTTP 403).');

interface Row {
  name: string;
  user?: Partial<SendcloudUser>;
  senders?: SendcloudSenderAddresses;
  /** undefined: the healthy default; null: part absent (not gathered as optional). */
  invoices?: SendcloudInvoices | null;
  invoicesUnavailable?: Text;
  status: CheckOutcome['status'];
  says: string[];
  saysNot?: string[];
  evidence?: Record<string, unknown>;
}

const rows: Row[] = [
  {
    name: 'everything set up',
    status: 'pass',
    says: ['accepts the keys', 'Boutique des Clubs SAS', 'sender and invoice addresses are present', 'e-mail validated', 'return address'],
    evidence: { keysAccepted: true, senderAddresses: 1, directDebitHint: 'paid-initial-payment' },
  },
  {
    name: 'no sender address',
    senders: { count: 0, addresses: [] },
    status: 'fail',
    says: ['no sender address', 'add a complete sender address', 'e-mail address is validated'],
    evidence: { senderAddresses: 0 },
  },
  {
    name: 'sender addresses all incomplete',
    senders: { count: 1, addresses: [{ id: 2, label: null, companyName: null, city: null, country: 'FR', complete: false }] },
    status: 'warn',
    says: ['sender addresses are incomplete', 'complete the sender address'],
    evidence: { completeSenderAddresses: 0 },
  },
  {
    name: 'invoice address incomplete',
    user: { invoiceAddressMissing: ['postal_code', 'city'] },
    status: 'fail',
    says: ['invoice address is incomplete (empty fields: postal_code, city)', 'fill in the invoice address'],
    evidence: { invoiceAddressMissing: ['postal_code', 'city'] },
  },
  {
    name: 'no initial payment invoice: warn only',
    invoices: { count: 0, initialPayments: 0, initialPaymentPaid: false },
    status: 'warn',
    says: ['No direct-debit initial payment shows', 'a hint only', 'activate the direct debit'],
    evidence: { directDebitHint: 'none' },
  },
  {
    name: 'initial payment not paid: warn only',
    invoices: { count: 1, initialPayments: 1, initialPaymentPaid: false },
    status: 'warn',
    says: ['does not show as paid (1 unpaid "initial_payment" invoice)'],
    evidence: { directDebitHint: 'unpaid-initial-payment' },
  },
  {
    name: 'invoices not readable: warn with the reason',
    invoices: null,
    invoicesUnavailable: NOT_READABLE,
    status: 'warn',
    says: ['Payment method not visible: Invoices cannot be read (HTTP 403).'],
    evidence: { directDebitHint: 'not-visible' },
  },
  {
    name: 'invoices not gathered at all: warn',
    invoices: null,
    status: 'warn',
    says: ['Payment method not visible: the Sendcloud invoices were not read.'],
  },
  {
    name: 'heuristic never turns a pass into a fail, but a fail stays a fail',
    senders: { count: 0, addresses: [] },
    invoices: { count: 0, initialPayments: 0, initialPaymentPaid: false },
    status: 'fail',
    says: ['no sender address', 'No direct-debit initial payment shows'],
  },
  {
    name: 'no company name: named by e-mail',
    user: { companyName: null },
    status: 'pass',
    says: ['account "expedition@example.fr"'],
  },
];

describe('sendcloud-account-setup', () => {
  it.each(rows)('$name', (row) => {
    const user = { ...USER, ...row.user };
    const parts: Record<string, unknown> = { 'sendcloud.user': user, 'sendcloud.senderAddresses': row.senders ?? SENDERS };
    if (row.invoices !== null) parts['sendcloud.invoices'] = row.invoices ?? PAID;
    // The hand-built parts are valid parts.
    for (const [name, data] of Object.entries(parts)) expect(PART_SCHEMAS[name as keyof typeof PART_SCHEMAS].safeParse(data).success).toBe(true);
    const outcome = check.run(makeCtx(parts, row.invoicesUnavailable ? { unavailable: { 'sendcloud.invoices': row.invoicesUnavailable } } : {})) as CheckOutcome;
    expect(outcome.status).toBe(row.status);
    const text = allText(outcome);
    for (const s of row.says) expect(text).toContain(s);
    for (const s of row.saysNot ?? []) expect(text).not.toContain(s);
    if (row.evidence) expect(outcome.evidence).toMatchObject(row.evidence);
    if (row.status !== 'pass') expect(outcome.remediation?.length).toBeGreaterThan(0);
    // Every sentence in both languages, and French really is French.
    expect(outcome.message.fr).not.toBe(outcome.message.en);
  });

  it('does not repeat the direct-debit reminder when the debit step is already there', () => {
    const outcome = check.run(makeCtx({ 'sendcloud.user': USER, 'sendcloud.senderAddresses': SENDERS, 'sendcloud.invoices': { count: 0, initialPayments: 0, initialPaymentPaid: false } })) as CheckOutcome;
    const debit = (outcome.remediation ?? []).filter((s) => /direct debit/i.test(s.en));
    expect(debit).toHaveLength(1);
  });

  describe('through the runner', () => {
    const run = (shopParts: Record<string, PartEnvelope>) => {
      const { snapshot, club } = makeSnapshot({ shopParts });
      return runChecks({ checks: [check], snapshot, club, query: {} });
    };

    it('passes with the three parts gathered', async () => {
      const [r] = await run({ 'sendcloud.user': ok(USER), 'sendcloud.senderAddresses': ok(SENDERS), 'sendcloud.invoices': ok(PAID) });
      expect(r!.status).toBe('pass');
    });

    it('refused keys (a failed part) become error with the cause and its fix', async () => {
      const cause = {
        source: 'sendcloud' as const,
        kind: 'auth',
        host: 'panel.sendcloud.sc',
        status: 401,
        message: 'Sendcloud refused the API keys on GET /api/v2/user (HTTP 401): "Invalid username/password."',
        fix: [t('Réglages > Intégrations > Sendcloud API', 'Settings > Integrations > Sendcloud API')],
      };
      const failed: PartEnvelope = { status: 'failed', cause };
      const [r] = await run({ 'sendcloud.user': failed, 'sendcloud.senderAddresses': failed, 'sendcloud.invoices': failed });
      expect(r!.status).toBe('error');
      expect(r!.cause).toEqual(cause);
      expect(r!.message.en).toContain('Invalid username/password.');
      expect(r!.remediation[0]!.en).toContain('Sendcloud API');
    });

    it('unreadable invoices (unavailable) still let the check warn', async () => {
      const [r] = await run({
        'sendcloud.user': ok(USER),
        'sendcloud.senderAddresses': ok(SENDERS),
        'sendcloud.invoices': { status: 'unavailable', reason: NOT_READABLE },
      });
      expect(r!.status).toBe('warn');
      expect(r!.message.en).toContain('Invoices cannot be read');
    });

    it('configured as warn, a missing sender address reads as warn', async () => {
      const { snapshot, club } = makeSnapshot({ shopParts: { 'sendcloud.user': ok(USER), 'sendcloud.senderAddresses': ok({ count: 0, addresses: [] }), 'sendcloud.invoices': ok(PAID) } });
      const [r] = await runChecks({ checks: [check], snapshot, club, query: {}, settings: { 'sendcloud-account-setup': { severity: 'warn' } } });
      expect(r!.status).toBe('warn');
    });
  });
});
