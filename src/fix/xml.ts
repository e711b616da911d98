// The read-modify-write of a webservice object in XML (the webservice's only input format). A PUT
// replaces the whole object, so the document read is kept whole, in order, with its attributes,
// CDATA sections and every language of multilingual fields: only the fields a fix changes are
// touched, everything else goes back byte for byte (fast-xml-parser's ordered tree).

import { XMLBuilder, XMLParser } from 'fast-xml-parser';

type Node = Record<string, unknown>;
export type XmlDocument = Node[];

const OPTIONS = {
  ignoreAttributes: false,
  attributeNamePrefix: '@_',
  preserveOrder: true,
  cdataPropName: '#cdata',
  parseTagValue: false,
  parseAttributeValue: false,
  trimValues: false,
  processEntities: true,
} as const;

const parser = new XMLParser(OPTIONS);
const builder = new XMLBuilder({ ...OPTIONS, suppressEmptyNode: false, format: false });

export function parseXml(xml: string): XmlDocument {
  return parser.parse(xml) as XmlDocument;
}

export function buildXml(doc: XmlDocument): string {
  return builder.build(doc) as string;
}

const tagOf = (node: Node): string | undefined => Object.keys(node).find((k) => k !== ':@' && !k.startsWith('#'));

function childrenOf(node: Node): Node[] {
  const tag = tagOf(node);
  return tag ? (node[tag] as Node[]) : [];
}

function find(nodes: Node[], tag: string): Node | undefined {
  return nodes.find((n) => tagOf(n) === tag);
}

/** The children of `<prestashop><{singular}>`: the object's fields, in order. */
export function entityFields(doc: XmlDocument, singular: string): Node[] {
  const root = find(doc, 'prestashop');
  const entity = root ? find(childrenOf(root), singular) : undefined;
  if (!entity) throw new Error(`the webservice answer has no <${singular}> object`);
  return childrenOf(entity);
}

function textOf(nodes: Node[]): string {
  return nodes
    .map((n) => {
      if (typeof n['#text'] === 'string') return n['#text'];
      if (Array.isArray(n['#cdata'])) return textOf(n['#cdata'] as Node[]);
      return '';
    })
    .join('');
}

/** The text of a plain field, `undefined` when the object has no such field. */
export function getField(fields: Node[], name: string): string | undefined {
  const node = find(fields, name);
  return node ? textOf(childrenOf(node)) : undefined;
}

/** Every plain field and its text (multilingual ones as `name[lang]`), for comparisons and hashes. */
export function allFields(fields: Node[]): Record<string, string> {
  const out: Record<string, string> = {};
  for (const node of fields) {
    const tag = tagOf(node);
    if (!tag || tag === 'associations') continue;
    const kids = childrenOf(node);
    const languages = kids.filter((k) => tagOf(k) === 'language');
    if (languages.length) {
      for (const l of languages) out[`${tag}[${String((l[':@'] as Node | undefined)?.['@_id'] ?? '')}]`] = textOf(childrenOf(l));
    } else out[tag] = textOf(kids);
  }
  const assoc = find(fields, 'associations');
  for (const list of assoc ? childrenOf(assoc) : []) {
    const name = tagOf(list);
    if (name) out[`associations.${name}`] = associationIds(fields, name).join(',');
  }
  return out;
}

function cdata(value: string): Node[] {
  // A CDATA section cannot hold "]]>": such a value goes as escaped text.
  return value.includes(']]>') ? [{ '#text': value }] : [{ '#cdata': [{ '#text': value }] }];
}

export function setField(fields: Node[], name: string, value: string): void {
  const node = find(fields, name);
  if (!node) throw new Error(`the object has no field ${name}`);
  node[name] = cdata(value);
}

/** Ids of an association (`<associations><groups><group><id>3</id></group>…`). */
export function associationIds(fields: Node[], name: string): number[] {
  const assoc = find(fields, 'associations');
  const list = assoc ? find(childrenOf(assoc), name) : undefined;
  if (!list) return [];
  return childrenOf(list)
    .filter((item) => tagOf(item) !== undefined)
    .map((item) => Number(textOf(childrenOf(find(childrenOf(item), 'id') ?? { id: [] }))))
    .filter((n) => Number.isInteger(n) && n > 0);
}

/**
 * Sets an association's ids. Items already there keep their node (attributes included); new ones
 * are written `<item><id>N</id></item>`, as PrestaShop's own schema=blank shows them.
 */
export function setAssociationIds(fields: Node[], name: string, item: string, ids: number[]): void {
  let assoc = find(fields, 'associations');
  if (!assoc) {
    assoc = { associations: [] };
    fields.push(assoc);
  }
  const lists = childrenOf(assoc);
  let list = find(lists, name);
  if (!list) {
    list = { [name]: [], ':@': { '@_nodeType': item, '@_api': name } };
    lists.push(list);
  }
  const existing = new Map<number, Node>();
  for (const node of childrenOf(list)) {
    if (tagOf(node) !== item) continue;
    existing.set(Number(textOf(childrenOf(find(childrenOf(node), 'id') ?? { id: [] }))), node);
  }
  list[name] = ids.map((id) => existing.get(id) ?? { [item]: [{ id: cdata(String(id)) }] });
}

/** Leaves a field out of the document: PrestaShop's PUT then resets it (NULL), as for a value that was NULL. */
export function removeField(fields: Node[], name: string): void {
  const at = fields.findIndex((n) => tagOf(n) === name);
  if (at >= 0) fields.splice(at, 1);
}
