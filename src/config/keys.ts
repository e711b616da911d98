// The configuration's keys as a support agent writes them in .checkout-doctorrc.json
// (`clubs[].stripe.secretKey`, `prestashop.url`): recognised in report texts so that the support
// report shows them as code (issue 10.5), and told apart from the tool's internal data names
// (`club.stripeAccount`, `prestashop.customer`), which are not keys anyone can edit.

import { CONFIG_KEY_TREE } from './key-tree.generated.js';

/**
 * The keys under a point of the configuration: an object's by name (`o`), a list's element (`a`),
 * a record's value (`r`, any name); 0 for a value. Generated from the zod schema
 * (src/config/key-tree-of.ts): walking the schema itself built it, ~7 ms of CPU for a diagnosis
 * whose report names a key (issue 9, start-up).
 */
export type KeyTree = 0 | { readonly o: Readonly<Record<string, KeyTree>> } | { readonly a: KeyTree } | { readonly r: KeyTree };

/** True when `path` (`clubs[].stripe`, `clubs[0].group`, `prestashop.database.host`) names a key of the configuration. */
export function isConfigKey(path: string): boolean {
  const parts = path.split(/\.|(?=\[)/).filter(Boolean);
  let node: KeyTree = CONFIG_KEY_TREE;
  for (const part of parts) {
    if (node === 0) return false;
    if (/^\[\d*\]$/.test(part)) {
      if (!('a' in node)) return false;
      node = node.a;
    } else if ('o' in node) {
      if (!Object.prototype.hasOwnProperty.call(node.o, part)) return false;
      node = node.o[part]!;
    } else if ('r' in node) {
      node = node.r;
    } else return false;
  }
  return true;
}

/** A dotted path starting at a top-level key of the configuration; `[]` or `[0]` after a list. */
const KEY_PATH = /(?<![\w./`@-])(?:prestashop|stripe|sendcloud|clubs|dynamicCoupons|checks|plugins)(?:\[\d*\])?(?:\.[A-Za-z_][\w-]*(?:\[\d*\])?)+/g;

/** The text with every configuration key written as code (`prestashop.url`); code spans already there are left alone. */
export function codeConfigKeys(text: string): string {
  return text
    .split(/(`[^`]*`)/)
    .map((piece, i) => (i % 2 ? piece : piece.replace(KEY_PATH, (path) => (isConfigKey(path) ? `\`${path}\`` : path))))
    .join('');
}
