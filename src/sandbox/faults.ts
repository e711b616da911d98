// Fault injection shared by every sandbox emulator (PrestaShop, Stripe, Sendcloud).
//
// An emulator asks `faults.intercept(req, res)` before answering normally: when a rule matches, the
// injector may delay the request (latency), answer it itself (status + Retry-After, HTML error
// page, PHP-warning JSON, garbage, connection reset) or never answer it (hang). Rules are matched in
// order, per method and path pattern, optionally only on some of the matching requests (`after`
// skips the first N, `times` limits how many are hit), so "429 twice then success" is one rule:
// `{ path: '/api/groups', times: 2, respond: { kind: 'status', status: 429, retryAfter: 1 } }`.
//
// Rules come from a test (`faults.add(...)`) or from a JSON file (`loadFaultsFile`), whose shape is
// `{ "rules": [FaultRule...] }` or a bare array of rules; in JSON, a path that starts with `re:` is a
// regular expression (`"re:^/api/(customers|groups)$"`), any other path is a glob where `*` matches
// any run of characters (`"/api/customers*"`). Paths are matched against the URL path without
// its query string, unless the pattern itself contains a `?`.

import type { IncomingMessage, ServerResponse } from 'node:http';
import { readFile } from 'node:fs/promises';
import * as z from 'zod';

export type FaultResponse =
  /** Any status, with an optional body, Content-Type, Retry-After (seconds or HTTP date) and headers. */
  | {
      kind: 'status';
      status: number;
      retryAfter?: number | string;
      body?: string;
      contentType?: string;
      headers?: Record<string, string>;
    }
  /** An HTML error page, as a proxy, a PHP fatal error or a web server would give (default 500). */
  | { kind: 'html-error'; status?: number; title?: string }
  /**
   * PrestaShop production-mode PHP warning: 500 with `{"errors":[{"code":3,"message":"[PHP Warning #2] …"}]}`
   * (the webservice's error handler gives E_WARNING code 3; json_encode escapes "/").
   */
  | { kind: 'php-warning'; status?: number; message?: string; code?: number }
  /** Accept the request and never answer it (the client must time out). */
  | { kind: 'hang' }
  /** A body that is not what the Content-Type promises (default: 200 application/json with junk). */
  | { kind: 'garbage'; status?: number; contentType?: string; body?: string }
  /** Destroy the connection without any response. */
  | { kind: 'reset' };

export interface FaultRule {
  /** Name shown in the injector's hit log; defaults to the path pattern. */
  name?: string;
  /** HTTP method to match, any when absent. */
  method?: string;
  /** Glob (`*` = anything) or RegExp, matched against the path (without query unless the pattern has `?`). */
  path: string | RegExp;
  /** Let the first N matching requests through untouched before the rule applies. */
  after?: number;
  /** Apply to at most N requests (after `after`), then the rule is spent. Unlimited when absent. */
  times?: number;
  /** Delay before answering (or before the normal handler runs when there is no `respond`). */
  latencyMs?: number;
  respond?: FaultResponse;
}

export interface FaultHit {
  rule: string;
  method: string;
  path: string;
  action: FaultResponse['kind'] | 'latency';
}

interface ActiveRule {
  rule: FaultRule;
  seen: number;
  applied: number;
  matcher: (method: string, pathname: string, pathWithQuery: string) => boolean;
}

function globToRegExp(glob: string): RegExp {
  const escaped = glob.replace(/[.+^${}()|[\]\\?]/g, '\\$&').replace(/\*/g, '.*');
  return new RegExp(`^${escaped}$`);
}

function compile(rule: FaultRule): ActiveRule['matcher'] {
  const method = rule.method?.toUpperCase();
  const withQuery = typeof rule.path === 'string' && rule.path.includes('?');
  const re = typeof rule.path === 'string' ? globToRegExp(rule.path) : rule.path;
  return (m, pathname, pathWithQuery) => {
    if (method && m.toUpperCase() !== method) return false;
    re.lastIndex = 0;
    return re.test(withQuery ? pathWithQuery : pathname);
  };
}

const HTML_ERROR = (status: number, title: string): string =>
  `<!DOCTYPE html>\n<html><head><title>${status} ${title}</title></head>\n<body><h1>${title}</h1>\n` +
  `<p>The server encountered an internal error or misconfiguration and was unable to complete your request.</p>\n<hr><address>Apache/2.4.62 (Debian) Server</address>\n</body></html>\n`;

const STATUS_TEXT: Record<number, string> = {
  400: 'Bad Request',
  401: 'Unauthorized',
  403: 'Forbidden',
  404: 'Not Found',
  429: 'Too Many Requests',
  500: 'Internal Server Error',
  502: 'Bad Gateway',
  503: 'Service Unavailable',
  504: 'Gateway Timeout',
};

export class FaultInjector {
  private rules: ActiveRule[] = [];
  private readonly hung = new Set<ServerResponse>();
  private readonly timers = new Set<NodeJS.Timeout>();
  /** Every request a rule acted on, in order. */
  readonly hits: FaultHit[] = [];

  constructor(rules: FaultRule[] = []) {
    for (const rule of rules) this.add(rule);
  }

  /** Adds a rule at the end (rules are tried in order); returns a function that removes it. */
  add(rule: FaultRule): () => void {
    const active: ActiveRule = { rule, seen: 0, applied: 0, matcher: compile(rule) };
    this.rules.push(active);
    return () => {
      this.rules = this.rules.filter((r) => r !== active);
    };
  }

  /** Removes every rule and the hit log; releases hung requests. */
  clear(): void {
    this.rules = [];
    this.hits.length = 0;
    this.releaseHung();
  }

  /** Number of requests each rule has acted on, by rule name. */
  applied(name: string): number {
    return this.rules.filter((r) => (r.rule.name ?? String(r.rule.path)) === name).reduce((n, r) => n + r.applied, 0);
  }

  /** Ends the connections of hung requests (call before closing the server). */
  releaseHung(): void {
    for (const res of this.hung) res.destroy();
    this.hung.clear();
    for (const timer of this.timers) clearTimeout(timer);
    this.timers.clear();
  }

  private sleep(ms: number): Promise<void> {
    return new Promise((resolve) => {
      const timer = setTimeout(() => {
        this.timers.delete(timer);
        resolve();
      }, ms);
      this.timers.add(timer);
    });
  }

  /**
   * Applies the matching rules to a request. Resolves true when the injector answered (or hung, or
   * reset) the request, so the emulator must not; false when the emulator answers normally (perhaps
   * after an injected delay).
   */
  async intercept(req: IncomingMessage, res: ServerResponse): Promise<boolean> {
    const method = req.method ?? 'GET';
    const pathWithQuery = req.url ?? '/';
    const pathname = pathWithQuery.split('?')[0] ?? '/';
    let latency = 0;
    let response: FaultResponse | undefined;
    let responder: string | undefined;
    for (const active of this.rules) {
      const { rule } = active;
      if (!active.matcher(method, pathname, pathWithQuery)) continue;
      if (rule.times !== undefined && active.applied >= rule.times) continue;
      active.seen += 1;
      if (active.seen <= (rule.after ?? 0)) continue;
      if (rule.respond && response) continue; // an earlier rule already answers this request
      active.applied += 1;
      const name = rule.name ?? String(rule.path);
      latency += rule.latencyMs ?? 0;
      if (rule.respond) {
        response = rule.respond;
        responder = name;
      } else {
        this.hits.push({ rule: name, method, path: pathWithQuery, action: 'latency' });
      }
    }
    if (latency > 0) await this.sleep(latency);
    if (!response) return false;
    this.hits.push({ rule: responder!, method, path: pathWithQuery, action: response.kind });
    this.answer(res, response);
    return true;
  }

  private answer(res: ServerResponse, fault: FaultResponse): void {
    switch (fault.kind) {
      case 'status': {
        const headers: Record<string, string> = { ...(fault.headers ?? {}) };
        if (fault.retryAfter !== undefined) headers['Retry-After'] = String(fault.retryAfter);
        const body = fault.body ?? '';
        if (body || fault.contentType) headers['Content-Type'] = fault.contentType ?? 'text/plain; charset=utf-8';
        res.writeHead(fault.status, headers);
        res.end(body);
        return;
      }
      case 'html-error': {
        const status = fault.status ?? 500;
        res.writeHead(status, { 'Content-Type': 'text/html; charset=iso-8859-1' });
        res.end(HTML_ERROR(status, fault.title ?? STATUS_TEXT[status] ?? 'Error'));
        return;
      }
      case 'php-warning': {
        const code = fault.code ?? 3;
        const message =
          fault.message ??
          '[PHP Warning #2] Undefined array key "id_carrier" (/var/www/prestashop/modules/relaiscolis/relaiscolis.php, line 412)';
        res.writeHead(fault.status ?? 500, { 'Content-Type': 'application/json', 'X-Powered-By': 'PrestaShop Webservice' });
        res.end(JSON.stringify({ errors: [{ code, message }] }).replace(/\//g, '\\/'));
        return;
      }
      case 'hang':
        this.hung.add(res);
        res.on('close', () => this.hung.delete(res));
        return;
      case 'garbage': {
        res.writeHead(fault.status ?? 200, { 'Content-Type': fault.contentType ?? 'application/json' });
        res.end(fault.body ?? '{"customers":[{"id":1,"email":"marie.du\u0000\u00ff<br />\n<b>Fatal error</b>');
        return;
      }
      case 'reset':
        res.socket?.destroy();
        return;
    }
  }
}

// ---------------------------------------------------------------------------------------------
// JSON file form

const ResponseSchema = z.discriminatedUnion('kind', [
  z.strictObject({
    kind: z.literal('status'),
    status: z.number().int().min(100).max(599),
    retryAfter: z.union([z.number().nonnegative(), z.string()]).optional(),
    body: z.string().optional(),
    contentType: z.string().optional(),
    headers: z.record(z.string(), z.string()).optional(),
  }),
  z.strictObject({ kind: z.literal('html-error'), status: z.number().int().min(100).max(599).optional(), title: z.string().optional() }),
  z.strictObject({
    kind: z.literal('php-warning'),
    status: z.number().int().min(100).max(599).optional(),
    message: z.string().optional(),
    code: z.number().int().optional(),
  }),
  z.strictObject({ kind: z.literal('hang') }),
  z.strictObject({
    kind: z.literal('garbage'),
    status: z.number().int().min(100).max(599).optional(),
    contentType: z.string().optional(),
    body: z.string().optional(),
  }),
  z.strictObject({ kind: z.literal('reset') }),
]);

const RuleSchema = z.strictObject({
  name: z.string().optional(),
  method: z.string().optional(),
  path: z.string().min(1),
  after: z.number().int().nonnegative().optional(),
  times: z.number().int().nonnegative().optional(),
  latencyMs: z.number().nonnegative().optional(),
  respond: ResponseSchema.optional(),
});

export const FaultsFileSchema = z.union([z.array(RuleSchema), z.strictObject({ rules: z.array(RuleSchema) })]);

/** Converts the JSON form (paths as strings, `re:` prefix for regular expressions) into rules. */
export function parseFaultRules(json: unknown): FaultRule[] {
  const parsed = FaultsFileSchema.parse(json);
  const rules = Array.isArray(parsed) ? parsed : parsed.rules;
  return rules.map((rule) => {
    const out: FaultRule = { ...rule, path: rule.path.startsWith('re:') ? new RegExp(rule.path.slice(3)) : rule.path };
    if (rule.respond) out.respond = rule.respond as FaultResponse;
    return out;
  });
}

export async function loadFaultsFile(file: string): Promise<FaultRule[]> {
  const text = await readFile(file, 'utf8');
  return parseFaultRules(JSON.parse(text));
}
