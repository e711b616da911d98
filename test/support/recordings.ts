// Reads the answers recorded from a real PrestaShop 8.1.2 webservice (fixtures/recordings/, copied
// byte for byte from the shared recordings; their README says which request produced each) as the
// HttpResponse the client's classifier receives.

import { existsSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { MockAgent } from 'undici';
import { afterEach, beforeEach } from 'vitest';
import type { HttpResponse } from '../../src/sources/http.js';
import { PrestaShopWebservice, type WebserviceOptions } from '../../src/sources/prestashop/webservice.js';

export const RECORDINGS = fileURLToPath(new URL('../../fixtures/recordings/prestashop-8.1.2/', import.meta.url));

export interface Recording {
  status: number;
  /** Lower-case names, as src/sources/http.ts gives them. */
  headers: Record<string, string>;
  /** The bytes as sent, decoded as UTF-8. */
  body: string;
}

function parseHead(head: string): Pick<Recording, 'status' | 'headers'> {
  const [statusLine = '', ...lines] = head.split(/\r?\n/).filter((l) => l !== '');
  const status = Number(/^HTTP\/[\d.]+ (\d{3})/.exec(statusLine)?.[1]);
  if (!status) throw new Error(`not a status line: ${statusLine}`);
  const headers: Record<string, string> = {};
  for (const line of lines) {
    const colon = line.indexOf(':');
    headers[line.slice(0, colon).trim().toLowerCase()] = line.slice(colon + 1).trim();
  }
  return { status, headers };
}

/** `NAME.headers` + `NAME.body`, or a `NAME.txt` holding both (headers, blank line, body). */
export function readRecording(name: string): Recording {
  const txt = `${RECORDINGS}${name}.txt`;
  if (existsSync(txt)) {
    const raw = readFileSync(txt, 'utf8');
    const m = /\r?\n\r?\n/.exec(raw);
    const head = m ? raw.slice(0, m.index) : raw;
    const body = m ? raw.slice(m.index + m[0].length) : '';
    return { ...parseHead(head), body };
  }
  return { ...parseHead(readFileSync(`${RECORDINGS}${name}.headers`, 'utf8')), body: readFileSync(`${RECORDINGS}${name}.body`, 'utf8') };
}

/** The recording as the HttpResponse of a GET of `url`. */
export function asResponse(recording: Recording, url: string): HttpResponse {
  return { status: recording.status, headers: recording.headers, body: recording.body, url, attempts: 1, waitedMs: 0 };
}

/** The body alone, for captures recorded without their headers. */
export function readBody(name: string): string {
  return readFileSync(`${RECORDINGS}${name}.body`, 'utf8');
}

/**
 * A shop at http://shop.test that answers with recordings through an undici MockAgent (no network),
 * fresh for every test of the calling file or describe block. `serve` answers every GET of
 * `/api/<resource>` and `/api/<resource>/<id>` with a capture; `client` is the webservice client pointed at it.
 */
const isUnder = (path: string, base: string) => path === base || path.startsWith(`${base}/`);

export function recordedShop() {
  const origin = 'http://shop.test';
  let agent: MockAgent;
  beforeEach(() => {
    agent = new MockAgent();
    agent.disableNetConnect();
  });
  afterEach(() => agent.close());
  return {
    origin,
    get agent(): MockAgent {
      return agent;
    },
    serve(resource: string, capture: string | Recording): void {
      const { status, headers, body } = typeof capture === 'string' ? readRecording(capture) : capture;
      agent
        .get(origin)
        .intercept({ path: (p) => isUnder(p.split('?')[0]!, `/api/${resource}`), method: 'GET' })
        .reply(status, body, { headers })
        .persist();
    },
    client(options: Partial<WebserviceOptions> = {}): PrestaShopWebservice {
      return new PrestaShopWebservice({ url: `${origin}/`, key: 'ABCDEFGHIJKLMNOPQRSTUVWXYZ123456', dispatcher: agent, timeoutMs: 2000, retry: false, ...options });
    },
  };
}
