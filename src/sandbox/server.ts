// A tiny node:http host shared by the sandbox emulators: listens on 127.0.0.1 (port 0 = random),
// logs every request (method, path, query) for tests, runs the fault injector before the
// emulator's handler, and closes for good (hung requests and keep-alive sockets included).

import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { FaultInjector } from './faults.js';

export interface LoggedRequest {
  method: string;
  /** URL path without the query string, e.g. `/api/customers`. */
  path: string;
  /** Decoded query parameters; a repeated parameter keeps its last value. */
  query: Record<string, string>;
  /** The raw request target as received, e.g. `/api/customers?display=full`. */
  url: string;
  /** Headers as received (lower-case names); the Authorization header is kept for tests. */
  headers: Record<string, string | string[] | undefined>;
}

export type Handler = (req: IncomingMessage, res: ServerResponse, url: URL) => void | Promise<void>;

export interface SandboxServer {
  /** Base URL without trailing slash, e.g. `http://127.0.0.1:41234`. */
  url: string;
  port: number;
  server: Server;
  faults: FaultInjector;
  requests: LoggedRequest[];
  /** Requests received and not yet answered, and the most there have been at once (tests reset it). */
  concurrency: { inFlight: number; max: number };
  close(): Promise<void>;
}

export interface StartOptions {
  port?: number;
  /** Always 127.0.0.1 unless explicitly overridden (the sandbox command may expose it). */
  host?: string;
  faults?: FaultInjector;
}

export async function startSandboxServer(handler: Handler, options: StartOptions = {}): Promise<SandboxServer> {
  const faults = options.faults ?? new FaultInjector();
  const requests: LoggedRequest[] = [];
  // Proves requests were in flight together without timing anything.
  const concurrency = { inFlight: 0, max: 0 };
  const host = options.host ?? '127.0.0.1';
  const server = createServer((req, res) => {
    const url = new URL(req.url ?? '/', `http://${host}`);
    requests.push({
      method: req.method ?? 'GET',
      path: url.pathname,
      query: Object.fromEntries(url.searchParams.entries()),
      url: req.url ?? '/',
      headers: { ...req.headers },
    });
    concurrency.inFlight += 1;
    concurrency.max = Math.max(concurrency.max, concurrency.inFlight);
    res.once('close', () => (concurrency.inFlight -= 1));
    void (async () => {
      try {
        if (await faults.intercept(req, res)) return;
        await handler(req, res, url);
      } catch (error) {
        if (!res.headersSent) res.writeHead(500, { 'Content-Type': 'text/plain; charset=utf-8' });
        res.end(`sandbox handler error: ${(error as Error).message}`);
      }
    })();
  });
  // Idle keep-alive sockets must not keep a test process alive.
  server.keepAliveTimeout = 1000;
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 0, host, () => {
      server.off('error', reject);
      resolve();
    });
  });
  const port = (server.address() as AddressInfo).port;
  const shownHost = host.includes(':') ? `[${host}]` : host;
  return {
    url: `http://${shownHost}:${port}`,
    port,
    server,
    faults,
    requests,
    concurrency,
    close: () =>
      new Promise<void>((resolve) => {
        faults.releaseHung();
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
}
