// Where the user-visible texts live (issue 10.4: "no user-visible string outside the message
// catalogue", so that a translator reads one place). The rule, as the source-level test applies it:
//
// A bilingual literal is one of
//   - a call `t('…', '…')` or `tt('…', '…')` whose first argument is a string or template literal;
//   - an object literal with a property `fr: '…'` (a string or template literal);
//   - a conditional `lang === 'fr' ? '…' : …` (or `=== 'en'`) whose branch is a string or template.
// It is in a catalogue when it is in a file named `messages.ts` or `i18n.ts`, or, anywhere else, in
// a messages block: at module level (a top-level `const`, the `meta` of a check), where an entry may
// be an arrow function with an expression body (`count: (n) => t(\`${n} …\`, …)`), nested in object
// literals and arrays. Inside any function or method with a block body (`run() { … }`, `function
// f() { … }`, `(x) => { … }`) it is logic, and the text belongs in the block at the top of the file.

import { readFileSync } from 'node:fs';
import ts from 'typescript';

export interface Stray {
  file: string;
  line: number;
  /** `t(…)` call, `{ fr: … }` object, or `lang === 'fr' ? …` conditional. */
  kind: 'call' | 'object' | 'ternary';
  text: string;
}

const CATALOGUE_FILES = /(?:^|\/)(?:messages|i18n)\.ts$/;

/** The fixed parts of a string or template literal; undefined for anything else. */
function literalText(node: ts.Node | undefined): string | undefined {
  if (!node) return undefined;
  if (ts.isStringLiteral(node) || ts.isNoSubstitutionTemplateLiteral(node)) return node.text;
  if (ts.isTemplateExpression(node)) return [node.head.text, ...node.templateSpans.map((s) => s.literal.text)].join(' ');
  return undefined;
}

/**
 * A literal a reader reads: it holds a word. Typography alone (`'\u00a0:'`, `` `«\u00a0${quote}\u00a0»` ``,
 * `` `${d}/${m}/${y}` ``) and locale tags (`'fr-FR'`) are not words to translate.
 */
function isTextLiteral(node: ts.Node | undefined): boolean {
  const text = literalText(node);
  return text !== undefined && /\p{L}/u.test(text.replace(/\b[a-z]{2}-[A-Z]{2}\b/g, ''));
}

function bilingualKind(node: ts.Node): Stray['kind'] | undefined {
  if (ts.isCallExpression(node) && ts.isIdentifier(node.expression) && (node.expression.text === 't' || node.expression.text === 'tt')) {
    return node.arguments.length === 2 && isTextLiteral(node.arguments[0]) ? 'call' : undefined;
  }
  if (ts.isObjectLiteralExpression(node)) {
    return node.properties.some((p) => ts.isPropertyAssignment(p) && p.name.getText() === 'fr' && isTextLiteral(p.initializer)) ? 'object' : undefined;
  }
  if (ts.isConditionalExpression(node)) {
    const c = node.condition;
    const langTest =
      ts.isBinaryExpression(c) &&
      (c.operatorToken.kind === ts.SyntaxKind.EqualsEqualsEqualsToken || c.operatorToken.kind === ts.SyntaxKind.ExclamationEqualsEqualsToken) &&
      ts.isStringLiteral(c.right) &&
      (c.right.text === 'fr' || c.right.text === 'en');
    return langTest && (isTextLiteral(node.whenTrue) || isTextLiteral(node.whenFalse)) ? 'ternary' : undefined;
  }
  return undefined;
}

/** Inside logic: a function-like ancestor with a block body. */
function inLogic(node: ts.Node): boolean {
  for (let p = node.parent; p; p = p.parent) {
    if (ts.isFunctionDeclaration(p) || ts.isMethodDeclaration(p) || ts.isConstructorDeclaration(p) || ts.isGetAccessor(p) || ts.isSetAccessor(p)) return true;
    if ((ts.isArrowFunction(p) || ts.isFunctionExpression(p)) && ts.isBlock(p.body)) return true;
  }
  return false;
}

/** The bilingual literals of a file that are outside its catalogue (nested ones counted once). */
export function straysIn(file: string, source = readFileSync(file, 'utf8')): Stray[] {
  if (CATALOGUE_FILES.test(file)) return [];
  const sf = ts.createSourceFile(file, source, ts.ScriptTarget.Latest, true);
  const found: Stray[] = [];
  const visit = (node: ts.Node): void => {
    const kind = bilingualKind(node);
    if (kind && inLogic(node)) {
      const { line } = sf.getLineAndCharacterOfPosition(node.getStart(sf));
      found.push({ file, line: line + 1, kind, text: node.getText(sf).replace(/\s+/g, ' ').slice(0, 100) });
      return;
    }
    ts.forEachChild(node, visit);
  };
  visit(sf);
  return found;
}
