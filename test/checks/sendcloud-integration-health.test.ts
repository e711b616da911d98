import { describe, expect, it } from 'vitest';
import check from '../../checks/sendcloud-integration-health.js';
import {
  PART_SCHEMAS,
  type SendcloudIntegration,
  type SendcloudIntegrationLogs,
  type SendcloudIntegrations,
  type SendcloudLogEntry,
} from '../../src/engine/parts.js';
import { runChecks } from '../../src/engine/runner.js';
import { t, type CheckOutcome, type Text } from '../../src/engine/types.js';
import { NOW, allText, makeCtx, makeSnapshot, ok, remediationText } from './harness.js';

const hoursAgo = (h: number) => new Date(NOW.getTime() - h * 3_600_000).toISOString();

const SHOP: SendcloudIntegration = {
  id: 4242,
  shopName: 'Boutique des Clubs',
  shopUrl: 'https://boutique.example.fr/',
  system: 'prestashop',
  failingSince: null,
  lastFetch: hoursAgo(1),
  servicePointEnabled: true,
  servicePointCarriers: ['colissimo'],
  webhookActive: true,
};
function integrations(shop: Partial<SendcloudIntegration> | null): SendcloudIntegrations {
  if (shop === null) return { shopUrl: 'https://boutique.example.fr', matchedId: null, candidateIds: [], list: [] };
  return { shopUrl: 'https://boutique.example.fr', matchedId: SHOP.id, candidateIds: [SHOP.id], list: [{ ...SHOP, ...shop }] };
}
const entry = (h: number, responseCode: number | null, exceptionType: string | null = null, exception: string | null = null): SendcloudLogEntry => ({
  createdAt: hoursAgo(h),
  method: 'GET',
  responseCode,
  exceptionType,
  exception,
});
const logs = (...entries: SendcloudLogEntry[]): SendcloudIntegrationLogs => ({ integrationId: SHOP.id, entries, truncated: false });
const CLEAN = logs(entry(1, 200), entry(30, 503, null, 'Service Unavailable'));

interface Row {
  name: string;
  integrations: SendcloudIntegrations;
  /** undefined: CLEAN; null: not gathered. */
  logs?: SendcloudIntegrationLogs | null;
  logsUnavailable?: Text;
  options?: Record<string, unknown>;
  status: CheckOutcome['status'];
  says: string[];
  saysNot?: string[];
  steps?: string[];
  evidence?: Record<string, unknown>;
}

const rows: Row[] = [
  {
    name: 'healthy: recent fetch, no bad log entry (503 is not one of them)',
    integrations: integrations({}),
    status: 'pass',
    says: ['connection of the shop "Boutique des Clubs" (#4242) works', 'no access (401/403/404) or SSL error over 7 days'],
    evidence: { lastFetchAgeHours: 1, logErrors: {} },
  },
  {
    name: 'failing_since set: fail',
    integrations: integrations({ failingSince: '2026-11-22T04:00:00Z' }),
    status: 'fail',
    says: ['as failing since 2026-11-22T04:00:00Z', 'orders are no longer fetched'],
    steps: ['Réglages > Boutiques connectées > « Boutique des Clubs » > Journal d’erreur(s)', 'Reconnectez la boutique depuis le module Sendcloud', 'PS_WEBSERVICE'],
    evidence: { failingSince: '2026-11-22T04:00:00Z' },
  },
  {
    name: 'failing with 401 in the log: both told, with the 401 explanation',
    integrations: integrations({ failingSince: hoursAgo(20) }),
    logs: logs(entry(2, 401, null, 'Unauthorized'), entry(5, 401)),
    status: 'fail',
    says: ['2 × 401/403'],
    steps: ['401/403 answers', 'Journal d’erreur(s)'],
  },
  {
    name: 'last fetch older than 48 h: warn',
    integrations: integrations({ lastFetch: hoursAgo(72) }),
    status: 'warn',
    says: ['Orders were last fetched 72 h ago', 'more than 48 h'],
    steps: ['Journal d’erreur(s)', 'Reconnect the shop'],
    evidence: { lastFetchAgeHours: 72, staleHours: 48 },
  },
  {
    name: 'staleHours option: 72 h is fine with 96',
    integrations: integrations({ lastFetch: hoursAgo(72) }),
    options: { staleHours: 96 },
    status: 'pass',
    says: ['works'],
    evidence: { staleHours: 96 },
  },
  {
    name: 'a nonsense staleHours falls back to 48',
    integrations: integrations({ lastFetch: hoursAgo(50) }),
    options: { staleHours: 'soon' },
    status: 'warn',
    says: ['more than 48 h'],
  },
  {
    name: 'never fetched: warn',
    integrations: integrations({ lastFetch: null }),
    status: 'warn',
    says: ['never fetched an order'],
  },
  {
    name: 'unreadable last_fetch is not a problem by itself',
    integrations: integrations({ lastFetch: 'yesterday' }),
    status: 'pass',
    says: ['works'],
    evidence: { lastFetchUnreadable: true },
  },
  {
    name: 'SSL errors in the log (495 and exception type): warn',
    integrations: integrations({}),
    logs: logs(entry(3, 495, 'requests.exceptions.SSLError', 'An SSL error occurred'), entry(4, null, 'requests.exceptions.SSLError', null)),
    status: 'warn',
    says: ['2 × SSL'],
    steps: ['HTTPS certificate'],
    evidence: { logErrors: { ssl: { count: 2, latest: hoursAgo(3) } } },
  },
  {
    name: '403 and 404 in the log: warn with both explanations, latest first whatever the order',
    integrations: integrations({}),
    logs: logs(entry(40, 404, null, 'PageNotFound'), entry(10, 403), entry(20, 404)),
    status: 'warn',
    says: ['1 × 401/403', '2 × 404'],
    steps: ['401/403 answers', '404 answers'],
    evidence: { logErrors: { auth: { count: 1 }, 'not-found': { count: 2, latest: hoursAgo(20) } } },
  },
  {
    name: 'errors older than logDays are ignored',
    integrations: integrations({}),
    logs: logs(entry(24 * 8, 401), entry(24 * 10, 495, 'requests.exceptions.SSLError')),
    status: 'pass',
    says: ['works'],
  },
  {
    name: 'logDays option widens the window',
    integrations: integrations({}),
    logs: logs(entry(24 * 8, 401)),
    options: { logDays: 14 },
    status: 'warn',
    says: ['last 14 days', '1 × 401/403'],
  },
  {
    name: 'log not readable: judged without it, and says so',
    integrations: integrations({}),
    logs: null,
    logsUnavailable: t('Journal illisible (HTTP 404).', 'Log not readable (HTTP 404).'),
    status: 'pass',
    says: ['Log not readable (HTTP 404)'],
    evidence: { logErrors: null },
  },
  {
    name: 'log of another integration (stale data) is ignored',
    integrations: integrations({}),
    logs: { integrationId: 3900, entries: [entry(1, 401)], truncated: false },
    status: 'pass',
    says: ['The error log was not read'],
  },
  {
    name: 'no integration for the shop: fail, reconnect',
    integrations: integrations(null),
    logs: { integrationId: null, entries: [], truncated: false },
    status: 'fail',
    says: ['No Sendcloud connection for the shop https://boutique.example.fr'],
    steps: ['Reconnectez la boutique', 'Paramètres avancés > Webservice'],
  },
];

describe('sendcloud-integration-health', () => {
  it.each(rows)('$name', (row) => {
    const parts: Record<string, unknown> = { 'sendcloud.integrations': row.integrations };
    if (row.logs !== null) parts['sendcloud.integrationLogs'] = row.logs ?? CLEAN;
    for (const [name, data] of Object.entries(parts)) expect(PART_SCHEMAS[name as keyof typeof PART_SCHEMAS].safeParse(data).success).toBe(true);
    const options = { ...check.meta.defaultOptions, ...row.options };
    const outcome = check.run(makeCtx(parts, { options, ...(row.logsUnavailable ? { unavailable: { 'sendcloud.integrationLogs': row.logsUnavailable } } : {}) })) as CheckOutcome;
    expect(outcome.status).toBe(row.status);
    const text = allText(outcome);
    for (const s of row.says) expect(text).toContain(s);
    for (const s of row.saysNot ?? []) expect(text).not.toContain(s);
    for (const s of row.steps ?? []) expect(remediationText(outcome, 'fr') + '\n' + remediationText(outcome, 'en')).toContain(s);
    if (row.evidence) expect(outcome.evidence).toMatchObject(row.evidence);
    if (row.status !== 'pass') expect(outcome.remediation?.length).toBeGreaterThan(0);
  });

  describe('through the runner', () => {
    it('takes ctx.now from the snapshot and options from the settings', async () => {
      const { snapshot, club } = makeSnapshot({
        shopParts: { 'sendcloud.integrations': ok(integrations({ lastFetch: hoursAgo(60) })), 'sendcloud.integrationLogs': ok(CLEAN) },
      });
      const [byDefault] = await runChecks({ checks: [check], snapshot, club, query: {} });
      expect(byDefault!.status).toBe('warn');
      expect(byDefault!.evidence).toMatchObject({ lastFetchAgeHours: 60 });
      const [relaxed] = await runChecks({ checks: [check], snapshot, club, query: {}, settings: { 'sendcloud-integration-health': { options: { staleHours: 72 } } } });
      expect(relaxed!.status).toBe('pass');
    });

    it('an unavailable log part leaves the check to decide', async () => {
      const { snapshot, club } = makeSnapshot({
        shopParts: {
          'sendcloud.integrations': ok(integrations({})),
          'sendcloud.integrationLogs': { status: 'unavailable', reason: t('Journal illisible.', 'Log not readable.') },
        },
      });
      const [r] = await runChecks({ checks: [check], snapshot, club, query: {} });
      expect(r!.status).toBe('pass');
      expect(r!.message.en).toContain('Log not readable.');
    });

    it('a failed integrations part is an error with the source’s fix', async () => {
      const cause = { source: 'sendcloud' as const, kind: 'timeout', host: 'panel.sendcloud.sc', message: 'GET /api/v2/integrations: panel.sendcloud.sc did not answer within 15 s', fix: [t('Relancez.', 'Run again.')] };
      const { snapshot, club } = makeSnapshot({ shopParts: { 'sendcloud.integrations': { status: 'failed', cause }, 'sendcloud.integrationLogs': { status: 'failed', cause } } });
      const [r] = await runChecks({ checks: [check], snapshot, club, query: {} });
      expect(r!.status).toBe('error');
      expect(r!.cause?.kind).toBe('timeout');
      expect(r!.remediation).toEqual([t('Relancez.', 'Run again.')]);
    });
  });
});
