// Hostile upstreams on 127.0.0.1 for the hardening suite: servers that echo what they were sent
// (request headers, Authorization, the URL) back into their error bodies, in the shapes real
// servers use (raw header dump, PHP's $_SERVER as JSON with `\/`, percent-encoded, decoded Basic
// credentials), and that can forward the requests they do not sabotage to a real emulator.

import { createServer, request as httpRequest, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

export interface HostileServer {
  url: string;
  /** Requests received, as `METHOD url`. */
  seen: string[];
  close(): Promise<void>;
}

export type HostileHandler = (req: IncomingMessage, res: ServerResponse, body: string) => void | Promise<void>;

export async function startHostileServer(handler: HostileHandler): Promise<HostileServer> {
  const seen: string[] = [];
  const server = createServer((req, res) => {
    let body = '';
    req.setEncoding('utf8');
    req.on('data', (chunk: string) => (body += chunk));
    req.on('end', () => {
      seen.push(`${req.method} ${req.url}`);
      Promise.resolve(handler(req, res, body)).catch((error: unknown) => {
        res.statusCode = 599;
        res.end(String(error));
      });
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    seen,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

/**
 * Everything the request carried, echoed the ways servers leak it: the raw header lines, the
 * decoded Basic credentials (PHP_AUTH_USER / PHP_AUTH_PW), $_SERVER as PHP's json_encode writes
 * it (`\/`), the Authorization header percent-encoded, the bare base64 and the request URL.
 */
export function echoOf(req: IncomingMessage): string {
  const auth = req.headers.authorization ?? '';
  const base64 = auth.replace(/^(Basic|Bearer)\s+/i, '');
  const decoded = /^Basic\s/i.test(auth) ? Buffer.from(base64, 'base64').toString('utf8') : '';
  const [user, ...pw] = decoded.split(':');
  const server = { REQUEST_URI: req.url, HTTP_AUTHORIZATION: auth, PHP_AUTH_USER: user ?? '', PHP_AUTH_PW: pw.join(':') };
  return [
    `authorization: ${auth}`,
    `credentials: ${base64}`,
    `PHP_AUTH_USER=${server.PHP_AUTH_USER} PHP_AUTH_PW=${server.PHP_AUTH_PW}`,
    `REQUEST_URI=${req.url}`,
    `HTTP_AUTHORIZATION=${encodeURIComponent(auth)}`,
    `_SERVER=${JSON.stringify(server).replace(/\//g, '\\/')}`,
    `headers=${JSON.stringify(req.headers)}`,
  ].join('\n');
}

/** Sends the request on to `target` (an emulator) and its answer back unchanged. */
export function forward(req: IncomingMessage, res: ServerResponse, body: string, target: string): Promise<void> {
  return new Promise((resolve, reject) => {
    const url = new URL(req.url ?? '/', target);
    const out = httpRequest(url, { method: req.method, headers: { ...req.headers, host: url.host } }, (answer) => {
      res.writeHead(answer.statusCode ?? 502, answer.headers);
      answer.pipe(res);
      answer.on('end', () => resolve());
    });
    out.on('error', reject);
    out.end(body);
  });
}
