// PUT on the emulated webservice, with PrestaShop's semantics (WebserviceRequest::saveEntityFromXml
// in classes/webservice/WebserviceRequest.php, 8.1): the input is XML only; the whole object is
// replaced: every field of the resource is taken from the XML, a required field left out is a 400
// (code 41) and any other field left out is RESET (set to null / empty), so a client that does not
// send back everything it read loses data, as on a real shop. A multilingual field takes the
// languages given (`<language id="N">`), a multilingual field left out is emptied. An association
// given (`<associations><groups>…`) replaces the rows (Customer::setWsGroups); one left out is kept.
// ObjectModel::update() stamps date_upd with the current time whatever the XML says.
//
// Only the resources the fixes need are writable here: customers and configurations.

import { createHash } from 'node:crypto';
import { XMLParser, XMLValidator } from 'fast-xml-parser';
import type { ShopFixture } from '../shop-fixture.js';
import type { WsErrorItem } from './query.js';
import { isI18n, WRITTEN, type ResourceDef } from './resources.js';

interface Writable {
  rows(fixture: ShopFixture): Array<Record<string, unknown>>;
  idKey: string;
  /** Fields `'required' => true` in the class's $definition (and not multilingual). */
  required: string[];
  /** Association name in the XML → the fixture's id list on the row. */
  associations?: Record<string, string>;
  /** Written through a setter that hashes a new value (Customer::setWsPasswd). */
  password?: string;
}

const WRITABLE: Record<string, Writable> = {
  customers: {
    rows: (f) => f.customers as unknown as Array<Record<string, unknown>>,
    idKey: 'id_customer',
    required: ['lastname', 'firstname', 'email', 'passwd'],
    associations: { groups: 'groups' },
    password: 'passwd',
  },
  configurations: {
    rows: (f) => f.configuration as unknown as Array<Record<string, unknown>>,
    idKey: 'id_configuration',
    required: ['name'],
  },
};

export function isWritable(resource: string): boolean {
  return resource in WRITABLE;
}

export type PutOutcome = { ok: true; id: number } | { ok: false; status: number; errors: WsErrorItem[] };

type XmlNode = string | { [key: string]: XmlNode | XmlNode[] };

const parser = new XMLParser({ ignoreAttributes: false, attributeNamePrefix: '@_', parseTagValue: false, trimValues: false, processEntities: true });

function elements(node: XmlNode | undefined): Array<[string, XmlNode]> {
  if (!node || typeof node === 'string') return [];
  return Object.entries(node)
    .filter(([name]) => !name.startsWith('@_') && name !== '#text' && name !== '?xml')
    .flatMap(([name, value]) => (Array.isArray(value) ? value.map((v) => [name, v] as [string, XmlNode]) : [[name, value] as [string, XmlNode]]));
}

function child(node: XmlNode, name: string): XmlNode | undefined {
  return elements(node).find(([n]) => n === name)?.[1];
}

function text(node: XmlNode | undefined): string {
  if (node === undefined) return '';
  if (typeof node === 'string') return node;
  const value = node['#text'];
  return typeof value === 'string' ? value : '';
}

function phpDate(now: Date): string {
  const p = (n: number) => String(n).padStart(2, '0');
  return `${now.getFullYear()}-${p(now.getMonth() + 1)}-${p(now.getDate())} ${p(now.getHours())}:${p(now.getMinutes())}:${p(now.getSeconds())}`;
}

/** A value typed like the column it replaces (flags and ids are numbers in the fixture). */
function typedLike(existing: unknown, name: string, value: string): { ok: true; value: unknown } | { ok: false } {
  const numeric = typeof existing === 'number' || (existing === null && name.startsWith('id_'));
  if (!numeric) return { ok: true, value: existing === null && value === '' ? null : value };
  if (value.trim() === '') return { ok: true, value: existing === null ? null : 0 };
  const n = Number(value);
  return Number.isFinite(n) ? { ok: true, value: n } : { ok: false };
}

/** The empty value of a field left out of the XML (PHP null, saved as NULL, 0 or ''). */
function resetLike(existing: unknown, name = ''): unknown {
  if (existing === null || existing === undefined) return null;
  // Flags and counters are NOT NULL columns (0); ids and texts become NULL (rendered "").
  if (typeof existing === 'number') return name.startsWith('id_') ? null : 0;
  if (typeof existing === 'object') return Object.fromEntries(Object.keys(existing as object).map((k) => [k, '']));
  return null;
}

/**
 * Applies a PUT body to the fixture (all or nothing: any error leaves the fixture untouched), the
 * way saveEntityFromXml() does for the resource's fields (`fields`, in schema order).
 */
export function applyPut(fixture: ShopFixture, def: ResourceDef, urlId: string | undefined, body: string, now = new Date()): PutOutcome {
  const conf = WRITABLE[def.name];
  if (!conf) return { ok: false, status: 405, errors: [{ code: 101, message: `Method PUT is not allowed for the resource ${def.name} (not emulated)` }] };
  const valid = XMLValidator.validate(body);
  if (valid !== true || body.trim() === '') {
    const message = valid === true ? 'empty document' : valid.err.msg;
    return { ok: false, status: 500, errors: [{ code: 127, message: `XML error : ${message}\nXML length : ${body.length}\nOriginal XML : ${body}` }] };
  }
  const root = elements(parser.parse(body) as XmlNode)[0]?.[1];
  const entities = elements(root);
  const ids = entities.map(([, e]) => text(child(e, 'id'))).filter((id) => id !== '');
  if (new Set(ids).size !== ids.length) return { ok: false, status: 400, errors: [{ code: 89, message: 'id is duplicate in request' }] };
  if (entities.length === 0 || entities.length !== ids.length) return { ok: false, status: 400, errors: [{ code: 90, message: 'id is required when modifying a resource' }] };
  if (urlId !== undefined && !ids.includes(urlId)) return { ok: false, status: 400, errors: [{ code: 90, message: 'id is required when modifying a resource' }] };

  const staged: Array<() => void> = [];
  for (const [, entity] of entities) {
    const id = Number(text(child(entity, 'id')));
    const row = conf.rows(fixture).find((r) => r[conf.idKey] === id);
    const rendered = def.rows(fixture).find((e) => e.id === id);
    if (!row || !rendered) return { ok: false, status: 404, errors: [{ code: 92, message: 'Invalid ID' }] };
    const updates: Record<string, unknown> = {};
    const written: Record<string, unknown> = {};
    for (const [name, current] of rendered.fields) {
      if (def.getters?.includes(name)) continue;
      const node = child(entity, name);
      const column = name in row;
      const existing = column ? row[name] : current;
      if (isI18n(current)) {
        const before = column && typeof row[name] === 'object' && row[name] !== null ? (row[name] as Record<string, string>) : current.i18n;
        const languages = node === undefined ? [] : elements(node).filter(([n]) => n === 'language');
        let next: Record<string, string>;
        if (node === undefined) next = resetLike(before) as Record<string, string>;
        else if (languages.length === 0) next = Object.fromEntries(Object.keys(before).map((k) => [k, text(node)]));
        else {
          next = { ...before };
          for (const [, lang] of languages) next[String((lang as Record<string, unknown>)['@_id'] ?? '')] = text(lang);
        }
        (column ? updates : written)[name] = next;
        continue;
      }
      if (node === undefined) {
        if (conf.required.includes(name)) return { ok: false, status: 400, errors: [{ code: 41, message: `parameter "${name}" required` }] };
        (column ? updates : written)[name] = resetLike(existing, name);
        continue;
      }
      const value = text(node);
      if (name === conf.password) {
        // setWsPasswd(): the hash read back is kept as is; anything else is a new password, hashed.
        updates[name] = value === row[name] ? value : `$2y$10$${createHash('sha256').update(value).digest('base64').slice(0, 53)}`;
        continue;
      }
      const typed = typedLike(existing, name, value);
      if (!typed.ok) return { ok: false, status: 400, errors: [{ code: 85, message: `Validation error: "Property ${def.className}->${name} is not valid"` }] };
      (column ? updates : written)[name] = typed.value;
    }
    if ('date_upd' in row) updates.date_upd = phpDate(now);
    const assoc = child(entity, 'associations');
    for (const [name, target] of Object.entries(conf.associations ?? {})) {
      const list = assoc === undefined ? undefined : child(assoc, name);
      if (list === undefined) continue;
      updates[target] = elements(list).map(([, item]) => Number(text(child(item, 'id')))).filter((n) => Number.isInteger(n) && n > 0);
    }
    staged.push(() => {
      Object.assign(row, updates);
      const bag = ((row as { [WRITTEN]?: Record<string, unknown> })[WRITTEN] ??= {});
      Object.assign(bag, written);
    });
  }
  for (const apply of staged) apply();
  return { ok: true, id: Number(ids[0]) };
}
