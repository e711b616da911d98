// The generic fault injector and sandbox server (shared with the Stripe and Sendcloud emulators),
// exercised over 127.0.0.1 with a trivial handler.

import { mkdtemp, writeFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { loadFaultsFile, parseFaultRules } from '../../src/sandbox/faults.js';
import { startSandboxServer, type SandboxServer } from '../../src/sandbox/server.js';

let sandbox: SandboxServer;

beforeAll(async () => {
  sandbox = await startSandboxServer((_req, res, url) => {
    res.writeHead(200, { 'Content-Type': 'application/json' });
    res.end(JSON.stringify({ ok: true, path: url.pathname }));
  });
});
afterAll(async () => {
  await sandbox.close();
});
afterEach(() => {
  sandbox.faults.clear();
  sandbox.requests.length = 0;
});

const get = (path: string, timeoutMs = 5000) => fetch(sandbox.url + path, { signal: AbortSignal.timeout(timeoutMs) });

describe('sandbox server', () => {
  it('listens on 127.0.0.1 with a random port and logs method, path and query', async () => {
    expect(sandbox.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
    const res = await get('/api/customers?display=full&filter%5Bemail%5D=%5Ba%40b.fr%5D');
    expect(res.status).toBe(200);
    await res.text();
    expect(sandbox.requests).toHaveLength(1);
    expect(sandbox.requests[0]).toMatchObject({
      method: 'GET',
      path: '/api/customers',
      query: { display: 'full', 'filter[email]': '[a@b.fr]' },
    });
  });
});

describe('fault injector', () => {
  it('answers 429 with Retry-After twice, then lets requests through', async () => {
    sandbox.faults.add({ path: '/api/groups', times: 2, respond: { kind: 'status', status: 429, retryAfter: 1 } });
    const statuses: Array<[number, string | null]> = [];
    for (let i = 0; i < 3; i++) {
      const res = await get('/api/groups');
      await res.text();
      statuses.push([res.status, res.headers.get('retry-after')]);
    }
    expect(statuses).toEqual([
      [429, '1'],
      [429, '1'],
      [200, null],
    ]);
    expect(sandbox.faults.hits.map((h) => h.action)).toEqual(['status', 'status']);
  });

  it('matches globs, methods and `after`', async () => {
    sandbox.faults.add({ path: '/api/cust*', method: 'GET', after: 1, times: 1, respond: { kind: 'status', status: 503 } });
    const a = await get('/api/customers');
    const b = await get('/api/customers/3');
    const c = await get('/api/customers');
    const d = await get('/api/groups');
    expect([a.status, b.status, c.status, d.status]).toEqual([200, 503, 200, 200]);
  });

  it('serves an HTML error page, a PHP warning and garbage', async () => {
    sandbox.faults.add({ path: '/html', respond: { kind: 'html-error', status: 502 } });
    sandbox.faults.add({ path: '/php', respond: { kind: 'php-warning' } });
    sandbox.faults.add({ path: '/garbage', respond: { kind: 'garbage' } });
    const html = await get('/html');
    expect(html.status).toBe(502);
    expect(html.headers.get('content-type')).toMatch(/^text\/html/);
    expect(await html.text()).toContain('<html>');
    const php = await get('/php');
    expect(php.status).toBe(500);
    expect(await php.json()).toEqual({ errors: [{ code: 3, message: expect.stringMatching(/^\[PHP Warning #2\]/) }] });
    const garbage = await get('/garbage');
    expect(garbage.headers.get('content-type')).toBe('application/json');
    await expect(garbage.json()).rejects.toThrow();
  });

  it('delays with latency and then answers normally', async () => {
    sandbox.faults.add({ path: '/slow', latencyMs: 50 });
    const res = await get('/slow');
    expect(res.status).toBe(200);
    expect(await res.json()).toEqual({ ok: true, path: '/slow' });
    expect(sandbox.faults.hits).toEqual([{ rule: '/slow', method: 'GET', path: '/slow', action: 'latency' }]);
  });

  it('hangs until the client gives up', async () => {
    sandbox.faults.add({ path: '/hang', respond: { kind: 'hang' } });
    await expect(get('/hang', 300)).rejects.toThrow(/timeout|aborted/i);
  });

  it('resets the connection', async () => {
    sandbox.faults.add({ path: '/reset', respond: { kind: 'reset' } });
    await expect(get('/reset')).rejects.toThrow();
  });

  it('loads rules from a JSON file, `re:` paths as regular expressions', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'faults-'));
    try {
      const file = join(dir, 'faults.json');
      await writeFile(
        file,
        JSON.stringify({ rules: [{ path: 're:^/api/(customers|groups)$', times: 1, respond: { kind: 'status', status: 504 } }] }),
      );
      for (const rule of await loadFaultsFile(file)) sandbox.faults.add(rule);
      expect((await get('/api/groups')).status).toBe(504);
      expect((await get('/api/groups')).status).toBe(200);
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });

  it('rejects a malformed rules file', () => {
    expect(() => parseFaultRules({ rules: [{ path: '/x', respond: { kind: 'explode' } }] })).toThrow();
    expect(() => parseFaultRules([{ path: '/x', latency: 5 }])).toThrow();
  });
});
