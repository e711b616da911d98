// Output of the emulated webservice: JSON (when asked exactly `JSON`) or a minimal XML, with the
// 8.x quirks: bare `[]` for an empty list, single-resource JSON dropping falsy top-level fields,
// i18n fields as `[{id,value}]` (numeric ids) with several languages and a plain string with one.

import type { Display } from './query.js';
import { isI18n, type Entity, type FieldValue, type ResourceDef } from './resources.js';
import type { WsErrorItem } from './query.js';

export interface RenderContext {
  /** Languages i18n fields are rendered in (already restricted by `language=`). */
  languages: string[];
  /** Base URL of the webservice, for XML xlink:href (`http://127.0.0.1:1234/api/`). */
  apiBase: string;
}

type Json = string | number | null | Json[] | { [key: string]: Json };

function i18nJson(value: FieldValue, ctx: RenderContext): Json {
  if (!isI18n(value)) return value;
  if (ctx.languages.length === 1) return value.i18n[ctx.languages[0]!] ?? '';
  // Language ids are JSON numbers (recordings groups-2langs, categories-2langs).
  return ctx.languages.map((id) => ({ id: Number(id), value: value.i18n[id] ?? '' }));
}

function isFalsy(value: Json): boolean {
  return value === null || value === 0 || value === '' || value === '0' || (Array.isArray(value) && value.length === 0);
}

function pickFields(entity: Entity, display: Display): { fields: Array<[string, FieldValue]>; withId: boolean; withAssociations: boolean } {
  if (display.kind === 'ids') return { fields: [], withId: true, withAssociations: false };
  if (display.kind === 'full') return { fields: entity.fields, withId: true, withAssociations: true };
  // Schema order, whatever the order asked.
  return {
    fields: entity.fields.filter(([name]) => display.fields.includes(name)),
    withId: display.fields.includes('id'),
    withAssociations: display.fields.includes('associations'),
  };
}

export function entityJson(entity: Entity, display: Display, ctx: RenderContext, single: boolean): Record<string, Json> {
  const { fields, withId, withAssociations } = pickFields(entity, display);
  const out: Record<string, Json> = {};
  if (withId) out.id = entity.id;
  for (const [name, value] of fields) {
    const json = i18nJson(value, ctx);
    // 8.x single-resource JSON omits every falsy top-level field (#39918).
    if (single && isFalsy(json)) continue;
    out[name] = json;
  }
  if (withAssociations && entity.associations) {
    const assoc = Object.fromEntries(Object.entries(entity.associations).filter(([, list]) => list.length > 0));
    if (Object.keys(assoc).length) out.associations = assoc as Json;
  }
  return out;
}

export function listJson(def: ResourceDef, entities: Entity[], display: Display, ctx: RenderContext): string {
  // An empty list is a bare [] in every release.
  if (entities.length === 0) return '[]';
  return JSON.stringify({ [def.name]: entities.map((e) => entityJson(e, display, ctx, false)) });
}

export function singleJson(def: ResourceDef, entity: Entity, ctx: RenderContext, dropFalsy = true): string {
  return JSON.stringify({ [def.singular]: entityJson(entity, { kind: 'full' }, ctx, dropFalsy) });
}

export function errorsJson(errors: WsErrorItem[]): string {
  // PHP's json_encode escapes "/" (the paths of PHP warnings read `\/var\/www\/…`).
  return JSON.stringify({ errors }).replace(/\//g, '\\/');
}

// --- XML -------------------------------------------------------------------------------------

const XML_HEAD = '<?xml version="1.0" encoding="UTF-8"?>\n<prestashop xmlns:xlink="http://www.w3.org/1999/xlink">\n';
const XML_TAIL = '</prestashop>\n';
const cdata = (s: string) => `<![CDATA[${s.replace(/]]>/g, ']]]]><![CDATA[>')}]]>`;
const attr = (s: string) => s.replace(/&/g, '&amp;').replace(/"/g, '&quot;').replace(/</g, '&lt;');

function entityXml(def: ResourceDef, entity: Entity, display: Display, ctx: RenderContext): string {
  const href = `${ctx.apiBase}${def.name}/${entity.id}`;
  if (display.kind === 'ids') return `<${def.singular} id="${entity.id}" xlink:href="${attr(href)}"/>\n`;
  const { fields, withId, withAssociations } = pickFields(entity, display);
  let out = `<${def.singular}>\n`;
  if (withId) out += `\t<id>${cdata(String(entity.id))}</id>\n`;
  for (const [name, value] of fields) {
    if (isI18n(value)) {
      out += `\t<${name}>`;
      for (const id of ctx.languages) {
        out += `<language id="${id}" xlink:href="${attr(ctx.apiBase)}languages/${id}">${cdata(value.i18n[id] ?? '')}</language>`;
      }
      out += `</${name}>\n`;
    } else {
      out += `\t<${name}>${cdata(value === null ? '' : String(value))}</${name}>\n`;
    }
  }
  if (withAssociations && entity.associations) {
    out += '\t<associations>\n';
    for (const [name, list] of Object.entries(entity.associations)) {
      const item = name.endsWith('ies') ? `${name.slice(0, -3)}y` : name.replace(/s$/, '');
      out += `\t\t<${name} nodeType="${item}" api="${name}">`;
      for (const { id } of list) out += `<${item} xlink:href="${attr(ctx.apiBase)}${name}/${id}"><id>${cdata(String(id))}</id></${item}>`;
      out += `</${name}>\n`;
    }
    out += '\t</associations>\n';
  }
  return out + `</${def.singular}>\n`;
}

export function listXml(def: ResourceDef, entities: Entity[], display: Display, ctx: RenderContext): string {
  return `${XML_HEAD}<${def.name}>\n${entities.map((e) => entityXml(def, e, display, ctx)).join('')}</${def.name}>\n${XML_TAIL}`;
}

export function singleXml(def: ResourceDef, entity: Entity, ctx: RenderContext): string {
  return XML_HEAD + entityXml(def, entity, { kind: 'full' }, ctx) + XML_TAIL;
}

export function errorsXml(errors: WsErrorItem[]): string {
  const items = errors.map((e) => `<error>\n<code>${cdata(String(e.code))}</code>\n<message>${cdata(e.message)}</message>\n</error>\n`);
  return `${XML_HEAD}<errors>\n${items.join('')}</errors>\n${XML_TAIL}`;
}

/** `GET /api/` in XML: the key's resources with one attribute per method. */
export function rootXml(resources: Array<{ name: string; methods: string[] }>, ctx: RenderContext, shopName: string): string {
  const flag = (methods: string[], m: string) => (methods.includes(m) ? 'true' : 'false');
  const rows = resources.map(
    ({ name, methods }) =>
      `<${name} xlink:href="${attr(ctx.apiBase)}${name}" get="${flag(methods, 'GET')}" put="${flag(methods, 'PUT')}" post="${flag(methods, 'POST')}" patch="${flag(methods, 'PATCH')}" delete="${flag(methods, 'DELETE')}" head="${flag(methods, 'HEAD')}">\n<description xlink:href="${attr(ctx.apiBase)}${name}" get="${flag(methods, 'GET')}">${name}</description>\n</${name}>\n`,
  );
  return `${XML_HEAD}<api shopName="${attr(shopName)}">\n${rows.join('')}</api>\n${XML_TAIL}`;
}
