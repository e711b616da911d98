// Issue 8, item 7: bounded whatever upstream does. Hostile servers on 127.0.0.1 (a server ignoring
// the page offset, endless and huge bodies, a slow trickle, one echoing the request headers), a
// database query that never ends, and a source that hangs past the run's deadline: each run ends
// with `error` results naming the cause, the report printed, no configured secret in any output.

import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { resolveFixtureSet, startFixtureSet } from '../../src/sandbox/fixture-set.js';
import { httpRequest, HttpTransportError } from '../../src/sources/http.js';
import { DatabaseError, PrestaShopDatabase } from '../../src/sources/prestashop/database.js';
import { PrestaShopWebservice, PrestaShopWebserviceError } from '../../src/sources/prestashop/webservice.js';
import { RequestLog } from '../../src/sources/request-log.js';
import type { JsonReport } from '../e2e/run-cli.js';
import { runInProcess } from '../e2e/run-in-process.js';
import { HOSTILE_SECRETS, hostileConfig, startHostile, startHostileServer, type HostileMode } from '../support/hostile.js';
import { startMariaDb, type MariaDb } from '../support/mariadb.js';

const dir = mkdtempSync(join(tmpdir(), 'cd-limits-'));
// The raw secrets, and the Basic credentials as sent (what a server echoing headers would quote).
const SECRETS = [
  ...Object.values(HOSTILE_SECRETS),
  Buffer.from(`${HOSTILE_SECRETS.webserviceKey}:`).toString('base64'),
  Buffer.from(`${HOSTILE_SECRETS.sendcloudPublic}:${HOSTILE_SECRETS.sendcloudSecret}`).toString('base64'),
];
const closers: Array<() => Promise<void>> = [];
afterAll(async () => {
  // Last opened, first closed: a database client before its server.
  for (const close of closers.reverse()) await close();
});

// The database of the query-timeout test starts with the file (copying a data directory and
// starting a server take seconds) and is ready by the time that test, the last, runs.
let database: Promise<MariaDb> | undefined;
beforeAll(() => {
  database = startMariaDb();
  // Stopped even when the test never ran; a start that failed is that test's failure.
  database.catch(() => {});
  closers.unshift(async () => (await database!.catch(() => undefined))?.stop());
});

async function hostile(mode: HostileMode) {
  const server = await startHostile(mode);
  closers.push(() => server.close());
  return server;
}

async function rejection<T>(work: Promise<T>): Promise<unknown> {
  try {
    await work;
  } catch (error) {
    return error;
  }
  throw new Error('expected a rejection');
}

describe('each request is bounded in size and time', () => {
  it('an endless body is cut at the size cap: a too-large error, not memory growing', async () => {
    const server = await hostile('endless');
    const error = await rejection(httpRequest(`${server.url}/api/groups`, { maxBodyBytes: 1024 * 1024, timeoutMs: 10_000 }));
    expect(error).toBeInstanceOf(HttpTransportError);
    expect(error).toMatchObject({ kind: 'too-large', code: 'BODY_TOO_LARGE' });
    expect((error as Error).message).toMatch(/larger than 1 MiB/);
    // The size cap, not a timer, ended it (its own error above, and the connection hung up); no
    // wall-clock bound: a loaded machine makes it later, not different.
    await server.hungUp(1);
  });

  it('a slow trickle ends at the per-request timeout, body included', async () => {
    const server = await hostile('trickle');
    // The trickle never ends: only the timeout can end this request (no wall-clock bound asserted,
    // a loaded machine makes it later, not different).
    const error = await rejection(httpRequest(`${server.url}/`, { timeoutMs: 300 }));
    expect(error).toMatchObject({ kind: 'timeout' });
    expect(server.requests).toHaveLength(1);
  });

  // Three requests: the first page, the ids that give the total (the rest of the pages would be asked
  // together, webservice.ts listAll), the second page, already read.
  it('listAll detects a server that ignores the offset (same page forever) after three requests', async () => {
    const server = await hostile('same-page');
    const ws = new PrestaShopWebservice({ url: server.url, key: HOSTILE_SECRETS.webserviceKey, requestLog: new RequestLog(), retry: false });
    const error = await rejection(ws.listAll('groups', { display: 'full' }));
    expect(error).toBeInstanceOf(PrestaShopWebserviceError);
    expect(error).toMatchObject({ kind: 'malformed' });
    expect((error as Error).message).toMatch(/ignores the page offset/);
    expect(server.requests.length).toBe(3);
  });

  it('listAll stops at the page cap on a list that never ends', async () => {
    // Honours the offset, but always has a full page more.
    const endless = await startHostileServer((req, res) => {
      const [offset, count] = (new URL(req.url!, 'http://x').searchParams.get('limit') ?? '0,2').split(',').map(Number);
      const rows = Array.from({ length: count! }, (_, i) => ({ id: offset! + i + 1 }));
      res.writeHead(200, { 'Content-Type': 'application/json', 'X-Powered-By': 'PrestaShop Webservice' }).end(JSON.stringify({ groups: rows }));
    });
    closers.push(() => endless.close());
    const ws = new PrestaShopWebservice({ url: endless.url, key: 'k', pageSize: 2, maxPages: 5, requestLog: new RequestLog() });
    const error = await rejection(ws.listAll('groups'));
    expect(error).toMatchObject({ kind: 'too-large' });
    expect((error as Error).message).toMatch(/more than 5 pages/);
    // The 5 pages, and the ids request after the first (which, here, gives one page's worth).
    expect(endless.requests).toHaveLength(6);
  });
});

/**
 * The CLI's program (in this process: what a run says and bounds is the point here, not the
 * process; runInProcess checks every output for the secrets as runCli does) against a hostile
 * server standing for every upstream. The per-request timeout and
 * the run deadline are roomy by default, so that what ends each request is the hostility under
 * test (a size cap, a malformed answer), not a loaded machine's slowness; the trickle test sets
 * the short per-request timeout it is about.
 */
async function diagnoseAgainst(mode: HostileMode, extraArgs: string[] = [], timeoutMs = 30_000) {
  const server = await hostile(mode);
  const file = join(dir, `${mode}.json`);
  writeFileSync(file, JSON.stringify(hostileConfig(server.url, timeoutMs)));
  const r = await runInProcess(['diagnose', 'FC Hostile', '--config', file, '--format', 'json', '--test-coupon', '--timeout', '90', ...extraArgs], { cwd: dir, secrets: SECRETS });
  const report = JSON.parse(r.stdout) as JsonReport;
  const results = report.clubs[0]!.results;
  return { ...r, results, byId: Object.fromEntries(results.map((x) => [x.id, x])), server };
}

describe('the CLI against hostile upstreams: errors naming the cause, the report printed', () => {
  it('a webservice ignoring the offset: the shop checks are errors saying so', async () => {
    const r = await diagnoseAgainst('same-page');
    expect(r.code).toBe(1);
    expect(r.byId['category-club-access']).toMatchObject({ status: 'error' });
    expect(r.byId['category-club-access']!.message).toMatch(/ignores the page offset/);
  });

  it('endless bodies everywhere: too-large errors, within the run', async () => {
    // Per-request timeouts long enough for the size cap to be what ends each request.
    const r = await diagnoseAgainst('endless');
    expect(r.code).toBe(1);
    expect(r.byId['category-club-access']!.message).toMatch(/larger than 8 MiB/);
    expect(r.byId['sendcloud-account-setup']).toMatchObject({ status: 'error' });
    expect(r.byId['sendcloud-account-setup']!.message).toMatch(/larger than 8 MiB/);
    expect(r.byId['shop-online']).toMatchObject({ status: 'error' });
    expect(r.byId['stripe-keys-live']).toMatchObject({ status: 'error' });
  });

  it('a trickle everywhere: per-request timeouts, or the run deadline, name the cause', async () => {
    // Every upstream is the trickle, which never completes an answer: a short per-request timeout
    // cannot be met by a slow machine instead (it ends every request either way), so it is short.
    const r = await diagnoseAgainst('trickle', ['--timeout', '20'], 500);
    expect(r.code).toBe(1);
    // The trickle never ends: that the run ended at all is the bound working (per-request timeouts,
    // or on a loaded machine the run deadline); the causes below, not the wall time, say which.
    // An unreachable shop is a set-up problem: the cause is said once (stderr, report `setup`).
    expect(r.byId['category-club-access']).toMatchObject({ status: 'error' });
    expect(`${r.stderr}\n${r.stdout}`).toMatch(/did not answer within 0\.5 s/);
    expect(r.byId['stripe-keys-live']).toMatchObject({ status: 'error' });
    // Its per-request timeouts, or on a loaded machine the run deadline: either names the cause.
    expect(r.byId['stripe-keys-live']!.message).toMatch(/could not be verified|deadline \(--timeout 20 s\) was reached before stripe answered/);
  });

  it('a server echoing the request headers: its answer is an error, and no secret is printed', async () => {
    // runInProcess fails the test when any configured secret appears in stdout or stderr.
    const r = await diagnoseAgainst('echo');
    expect(r.code).toBe(1);
    expect(r.byId['category-club-access']).toMatchObject({ status: 'error' });
  });
});

describe('the run deadline (--timeout)', () => {
  it('pending work becomes an error naming the deadline; what answered is reported; the report is printed', async () => {
    const running = await startFixtureSet(resolveFixtureSet('demo'));
    closers.push(() => running.close());
    const file = join(dir, 'deadline.json');
    writeFileSync(file, JSON.stringify({ ...running.config, sendcloud: { ...running.config.sendcloud, timeoutMs: 60_000 } }));
    const secrets = [running.config.prestashop!.webserviceKey!, running.config.sendcloud!.secretKey!];
    const args = ['diagnose', 'Étoile Sportive de Fréjus', '--config', file, '--format', 'json'];
    // The deadline must outlast the healthy sources' answers, whatever the machine's load: it is
    // derived from a healthy run of the same diagnosis just measured (twice it, plus 3 s), not set
    // as a fixed number of seconds (4 s failed under a load of 14, 10 s under 20). The run is
    // in-process; the earlier tests of this file loaded the program's modules (run alone, this
    // test measures their loading too: a longer deadline, never a shorter one).
    const started = performance.now();
    expect((await runInProcess(args, { cwd: dir, secrets })).code).toBe(0);
    const seconds = Math.ceil((2 * (performance.now() - started)) / 1000) + 3;
    // Sendcloud hangs and its per-request timeout is 60 s: the message naming the deadline is what
    // proves the deadline ended the run (no wall-clock bound asserted).
    running.sendcloud!.faults.add({ path: '*', respond: { kind: 'hang' } });
    const r = await runInProcess([...args, '--timeout', String(seconds)], { cwd: dir, secrets });
    expect(r.code).toBe(1);
    const results = (JSON.parse(r.stdout) as JsonReport).clubs[0]!.results;
    const byId = Object.fromEntries(results.map((x) => [x.id, x]));
    expect(byId['sendcloud-account-setup']).toMatchObject({ status: 'error' });
    expect(byId['sendcloud-account-setup']!.message).toContain(`deadline (--timeout ${seconds} s) was reached before sendcloud answered`);
    expect(byId['shop-online']!.status).toBe('pass');
    expect(byId['category-club-access']!.status).not.toBe('error');
  });
});

describe('a database query is bounded too', () => {
  it('prestashop.timeoutMs bounds each database query, not only the connection (real MariaDB)', async () => {
    const db = await database!;
    const root = await db.root();
    await root.query("CREATE USER 'ro'@'127.0.0.1' IDENTIFIED BY 'limits-ro-pass'");
    await root.end();
    // The read-only guard refuses SLEEP (sql-guard.test.ts); this test lifts that first lock to let
    // the server run a slow read, and proves the per-query timeout ends it.
    const client = new PrestaShopDatabase({ host: '127.0.0.1', port: db.port, user: 'ro', password: 'limits-ro-pass', database: 'information_schema', prefix: 'ps_' }, { queryTimeoutMs: 500, guard: () => {} });
    closers.push(() => client.close());
    // An hour: only the server's own limit can end it before the file's hang guard.
    const error = await rejection(client.query('SELECT SLEEP(3600) AS slept'));
    expect(error).toBeInstanceOf(DatabaseError);
    expect((error as DatabaseError).cause).toMatchObject({ source: 'database', kind: 'timeout' });
    // The cause names the 500 ms timeout: the query did not end by itself nor fail otherwise.
    expect((error as DatabaseError).cause.message).toMatch(/longer than 500 ms/);
    // The server ended the abandoned SLEEP too (max_statement_time, set with the session's locks):
    // a doctor that gave up must not leave its slow read running on the shop's database. Without
    // the server's limit the SLEEP runs for an hour and this wait meets the test's hang guard.
    const admin = await db.root();
    const sleeping = async () => (await admin.query("SELECT ID FROM information_schema.PROCESSLIST WHERE USER = 'ro' AND INFO LIKE 'SELECT SLEEP%'"))[0] as unknown[];
    while ((await sleeping()).length > 0) await new Promise((resolve) => setTimeout(resolve, 50));
    // The limit is the configured one, in the server's unit (seconds).
    const [limit] = await client.query<{ limit: string }>('SELECT @@SESSION.max_statement_time AS `limit`');
    expect(Number(limit!.limit)).toBe(0.5);
    await admin.end();
  }, 120_000);
});
