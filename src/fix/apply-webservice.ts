// Fixes written through the webservice, as full read-modify-writes in XML: the object is read,
// only the fixed fields are changed in the document read, and the whole document goes back (a PUT
// replaces the object). Each operation first checks that the object is still as the diagnosis saw
// it (else the fix is abandoned as stale) and knows how to put the previous values back.

import { describeKey } from '../secrets/stripe-key.js';
import type { FixChange } from '../engine/types.js';
import { hashFields, type ObjectRef, type StepRecord } from './backup.js';
import { WebserviceWriter, WriteError, type XmlObject } from './webservice-writer.js';
import { allFields, associationIds, getField, removeField, setAssociationIds, setField } from './xml.js';

export class StaleError extends Error {
  override name = 'StaleError';
}

export type Prepared = Omit<StepRecord, 'fixId' | 'checkId' | 'club' | 'state' | 'change'>;

/** Either side of a step: the values a fix writes, or the ones undo puts back. */
export type Side = 'after' | 'before';

const sameList = (a: number[], b: number[]) => [...a].sort((x, y) => x - y).join(',') === [...b].sort((x, y) => x - y).join(',');

/** Removes the listed characters (positions in the raw value), checking each one is there. */
export function removeChars(raw: string, removed: Array<{ position: number; codePoint: string }>): string {
  let out = raw;
  for (const r of [...removed].sort((a, b) => b.position - a.position)) {
    const ch = String.fromCodePoint(parseInt(r.codePoint.slice(2), 16));
    if (out.slice(r.position, r.position + ch.length) !== ch) throw new StaleError(`character ${r.codePoint} not found at ${r.position}`);
    out = out.slice(0, r.position) + out.slice(r.position + ch.length);
  }
  return out;
}

/** Puts the removed characters back at their positions (ascending: each position is in the raw value). */
export function insertChars(clean: string, removed: Array<{ position: number; codePoint: string }>): string {
  let out = clean;
  for (const r of [...removed].sort((a, b) => a.position - b.position)) {
    const ch = String.fromCodePoint(parseInt(r.codePoint.slice(2), 16));
    out = out.slice(0, r.position) + ch + out.slice(r.position);
  }
  return out;
}

export class WebserviceFixer {
  constructor(
    private readonly writer: WebserviceWriter,
    private readonly shopId: number | undefined,
  ) {}

  private async read(ref: ObjectRef & { kind: 'webservice' }): Promise<XmlObject> {
    return this.writer.get(ref.resource, ref.singular, ref.id);
  }

  /** The configuration row the shop reads for a name: its own row, else the global one (shop > global). */
  private async configurationRow(name: string): Promise<ObjectRef & { kind: 'webservice' }> {
    const rows = await this.writer.configurationRows(name);
    const own = rows.find((r) => this.shopId !== undefined && r.idShop === this.shopId);
    const global = rows.find((r) => r.idShop === null && r.idShopGroup === null);
    const groupRows = rows.filter((r) => r.idShop === null && r.idShopGroup !== null);
    // A shop-group row would win over the global one for some shops: which one this shop reads is
    // not visible with the write key, so only the unambiguous cases are fixed.
    const row = own ?? (groupRows.length ? undefined : global);
    if (!row) throw new StaleError(`no unambiguous configuration row ${name} for this shop`);
    return { kind: 'webservice', resource: 'configurations', singular: 'configuration', id: row.id };
  }

  async prepare(change: FixChange): Promise<Prepared> {
    switch (change.kind) {
      case 'customer-groups': {
        const object: ObjectRef & { kind: 'webservice' } = { kind: 'webservice', resource: 'customers', singular: 'customer', id: change.customerId };
        const doc = await this.read(object);
        const groups = associationIds(doc.fields, 'groups');
        const defaultGroup = Number(getField(doc.fields, 'id_default_group'));
        if (!sameList(groups, change.groupsBefore) || defaultGroup !== change.defaultBefore) throw new StaleError(`customers/${change.customerId}`);
        const before = { id_default_group: String(defaultGroup), 'associations.groups': groups.join(',') };
        const after = { id_default_group: String(change.defaultAfter), 'associations.groups': change.groupsAfter.join(',') };
        return this.prepared(object, doc, before, after, (d) => this.setCustomer(d, after));
      }
      case 'configuration': {
        const object = await this.configurationRow(change.name);
        const doc = await this.read(object);
        const value = getField(doc.fields, 'value') ?? null;
        if ((value ?? '') !== (change.from ?? '')) throw new StaleError(`configurations/${object.id}`);
        return this.prepared(object, doc, { value }, { value: change.to }, (d) => setField(d.fields, 'value', change.to));
      }
      case 'stripe-key-clean': {
        const object = await this.configurationRow(change.name);
        const doc = await this.read(object);
        const raw = getField(doc.fields, 'value') ?? '';
        const facts = describeKey(raw);
        if (facts.masked !== change.masked) throw new StaleError(`configurations/${object.id}`);
        const cleaned = removeChars(raw, change.removed);
        // The key itself never goes in the backup: its masked form and the removed characters do.
        const shown = `${change.masked} + ${change.removed.map((r) => `${r.codePoint}@${r.position}`).join(' ')}`;
        return this.prepared(object, doc, { value: shown }, { value: change.masked }, (d) => setField(d.fields, 'value', cleaned));
      }
      case 'category-group':
        throw new Error('category group access is written by SQL (apply-sql.ts)');
    }
  }

  private setCustomer(doc: XmlObject, values: Record<string, string | null>): void {
    setField(doc.fields, 'id_default_group', String(values.id_default_group));
    const ids = (values['associations.groups'] ?? '').split(',').filter(Boolean).map(Number);
    setAssociationIds(doc.fields, 'groups', 'group', ids);
  }

  private prepared(object: ObjectRef, doc: XmlObject, before: Record<string, string | null>, after: Record<string, string | null>, change: (d: XmlObject) => void): Prepared {
    const hashesBefore = hashFields(allFields(doc.fields));
    change(doc);
    const hashesAfter = hashFields(allFields(doc.fields));
    const label = object.kind === 'webservice' ? `${object.resource}/${object.id}` : `${object.table}/${object.categoryId}`;
    return { object, label, before, after, hashesBefore, hashesAfter };
  }

  /** Hashes of the object as it is now. */
  async hashes(step: StepRecord): Promise<Record<string, string>> {
    const doc = await this.read(step.object as ObjectRef & { kind: 'webservice' });
    return hashFields(allFields(doc.fields));
  }

  /** Writes one side of a step, as a read-modify-write of the object as it is now. */
  async write(step: StepRecord, side: Side): Promise<void> {
    const object = step.object as ObjectRef & { kind: 'webservice' };
    const doc = await this.read(object);
    const values = step[side];
    const change = step.change;
    if (change.kind === 'customer-groups') this.setCustomer(doc, values);
    else if (change.kind === 'configuration') {
      if (values.value === null) removeField(doc.fields, 'value');
      else setField(doc.fields, 'value', values.value!);
    } else if (change.kind === 'stripe-key-clean') {
      const current = getField(doc.fields, 'value') ?? '';
      setField(doc.fields, 'value', side === 'after' ? removeChars(current, change.removed) : insertChars(current, change.removed));
    }
    await this.writer.put(object.resource, object.id, doc);
  }
}

export { WriteError };
