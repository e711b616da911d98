// The fixes' door to the webservice: GET one object in XML, PUT it back whole (PrestaShop's PUT
// replaces the object: api-notes/prestashop.md §1 "Writes"), with the write key
// (`prestashop.fixWebserviceKey`), never the diagnosis's read-only key. Writes are sent once, never
// retried; every request is recorded in the run's request log (method and path only).

import { redactor } from '../secrets/redact.js';
import { httpRequest, HttpTransportError } from '../sources/http.js';
import { requestLog } from '../sources/request-log.js';
import { buildXml, entityFields, parseXml, type XmlDocument } from './xml.js';

export class WriteError extends Error {
  override name = 'WriteError';
  constructor(
    message: string,
    readonly status?: number,
    readonly code?: number,
  ) {
    super(redactor.redact(message));
  }
}

export interface WriterOptions {
  url: string;
  key: string;
  shopId?: number;
  timeoutMs?: number;
}

export interface XmlObject {
  doc: XmlDocument;
  /** The `<prestashop><{singular}>` children, to read and change in place. */
  fields: ReturnType<typeof entityFields>;
}

/** The first `<error>` of a webservice error answer: code and message. */
function firstError(body: string): { code?: number; message?: string } {
  const code = /<code>(?:<!\[CDATA\[)?(\d+)/.exec(body)?.[1] ?? /"code":\s*(\d+)/.exec(body)?.[1];
  const message = /<message>(?:<!\[CDATA\[)?([\s\S]*?)(?:\]\]>)?<\/message>/.exec(body)?.[1] ?? /"message":\s*"((?:[^"\\]|\\.)*)"/.exec(body)?.[1];
  return { code: code ? Number(code) : undefined, message };
}

export class WebserviceWriter {
  private readonly base: URL;
  private readonly authorization: string;
  readonly host: string;

  constructor(private readonly options: WriterOptions) {
    const base = new URL(options.url);
    base.username = '';
    base.password = '';
    base.search = '';
    base.hash = '';
    base.pathname = `${base.pathname.replace(/\/+$/, '').replace(/\/api$/, '')}/api/`;
    this.base = base;
    this.host = base.host;
    redactor.add(options.key);
    this.authorization = `Basic ${Buffer.from(`${options.key}:`, 'utf8').toString('base64')}`;
  }

  private url(path: string, params: Record<string, string> = {}): URL {
    const url = new URL(path, this.base);
    for (const [k, v] of Object.entries(params)) url.searchParams.set(k, v);
    if (this.options.shopId !== undefined) url.searchParams.set('id_shop', String(this.options.shopId));
    return url;
  }

  private async send(method: 'GET' | 'PUT', path: string, params: Record<string, string>, body?: string): Promise<string> {
    const url = this.url(path, params);
    requestLog.record({ source: 'prestashop', method, target: `${url.pathname}${url.search}` });
    try {
      const res = await httpRequest(url, {
        method,
        headers: { Authorization: this.authorization, ...(body !== undefined ? { 'Content-Type': 'text/xml; charset=utf-8' } : {}) },
        body,
        timeoutMs: this.options.timeoutMs ?? 15_000,
        retry: method === 'GET' ? undefined : false,
      });
      if (res.status >= 200 && res.status < 300) return res.body;
      const { code, message } = firstError(res.body);
      throw new WriteError(
        `${this.host} answered ${method} /api/${path} with HTTP ${res.status}${code !== undefined ? ` (code ${code}${message ? `: ${message}` : ''})` : ''}`,
        res.status,
        code,
      );
    } catch (error) {
      if (error instanceof HttpTransportError) throw new WriteError(`${method} /api/${path}: ${error.message}`);
      throw error;
    }
  }

  /** `GET /api/{resource}/{id}` in XML (the webservice's default output), parsed for a read-modify-write. */
  async get(resource: string, singular: string, id: number): Promise<XmlObject> {
    const doc = parseXml(await this.send('GET', `${resource}/${id}`, {}));
    return { doc, fields: entityFields(doc, singular) };
  }

  /** `PUT /api/{resource}/{id}` with the whole document. */
  async put(resource: string, id: number, object: XmlObject): Promise<void> {
    await this.send('PUT', `${resource}/${id}`, {}, buildXml(object.doc));
  }

  /** Configuration rows of a name (every scope: global, shop group, shop). */
  async configurationRows(name: string): Promise<Array<{ id: number; idShop: number | null; idShopGroup: number | null }>> {
    const xml = await this.send('GET', 'configurations', { display: '[id,name,id_shop,id_shop_group]', [`filter[name]`]: `[${name}]` });
    const rows: Array<{ id: number; idShop: number | null; idShopGroup: number | null }> = [];
    for (const m of xml.matchAll(/<configuration>([\s\S]*?)<\/configuration>/g)) {
      const field = (f: string) => /<(\w+)>(?:<!\[CDATA\[)?([^<\]]*)/.exec(new RegExp(`<${f}>[\\s\\S]*?</${f}>`).exec(m[1]!)?.[0] ?? '')?.[2] ?? '';
      const num = (s: string) => (s.trim() === '' || s.trim() === '0' ? null : Number(s));
      rows.push({ id: Number(field('id')), idShop: num(field('id_shop')), idShopGroup: num(field('id_shop_group')) });
    }
    return rows;
  }
}
