// Scrubbing of text that comes from upstream servers (error pages, JSON answers, integration logs)
// before it is kept in a part: secret-looking `name=value` pairs, credentials, PHP/PrestaShop
// constants, and every secret the process registered. Shared by every source that quotes upstream
// text; `redact.ts` masks known secrets at output, this masks the unknown ones at the source.

import { redactor } from './redact.js';
import { maskSecret } from './mask.js';

export const SECRET_NAME =
  /(?:token|secret|passw(?:or)?d|passwd|pwd|api[_-]?key|apikey|ws_?key|access[_-]?key|secure[_-]?key|authorization|auth[_-]?key|signature|hmac|cookie[_-]?(?:key|iv)|rijndael[_-]?(?:key|iv)|private[_-]?key|^key$|^auth$|^sig$|^pass$)/i;

/**
 * The URL to show: query values whose parameter name looks secret masked, user info replaced by `…`.
 * A URL holding neither is returned as written.
 */
export function scrubUrl(raw: string): string {
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    return scrubText(raw);
  }
  const secretParams = [...url.searchParams.entries()].filter(([name]) => SECRET_NAME.test(name) || /key$/i.test(name));
  if (!url.username && !url.password && !secretParams.length) return raw;
  if (url.username) url.username = '…';
  if (url.password) url.password = '';
  for (const [name, value] of secretParams) url.searchParams.set(name, maskSecret(value));
  return url.toString().replace(/%E2%80%A6/gi, '…');
}

/** Values that must never leave: secret query values of the configured URL and its user info. */
export function urlSecrets(raw: string): string[] {
  try {
    const url = new URL(raw);
    const out = [decodeURIComponent(url.username), decodeURIComponent(url.password)];
    for (const [name, value] of url.searchParams.entries()) if (SECRET_NAME.test(name) || /key$/i.test(name)) out.push(value);
    return out.filter((v) => v.length >= 4);
  } catch {
    return [];
  }
}

/**
 * Registers what a configured URL holds: its user info (and the HTTP Basic credentials a client
 * would build from it) and its secret-looking query values (`?ws_key=`, `token=`...).
 */
export function registerUrlSecrets(raw: string | undefined, into = redactor): void {
  if (!raw) return;
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    return;
  }
  const decode = (s: string) => {
    try {
      return decodeURIComponent(s);
    } catch {
      return s;
    }
  };
  if (url.username || url.password) {
    into.addCredentials(decode(url.username), decode(url.password));
    // As written in the URL (percent-encoding kept), too.
    into.add(url.username);
    into.add(url.password);
  }
  for (const value of urlSecrets(raw)) into.add(value);
}

/**
 * Masks what an error page or a JSON answer may leak: `name=value` / `"name": "value"` pairs whose
 * name looks secret, Bearer/Basic credentials, PDO constructor arguments (PHP stack traces print the
 * database password), PrestaShop's cookie/database constants, Stripe-like keys and every secret the
 * process registered, plus the given extra secrets.
 */
export function scrubText(text: string, extraSecrets: readonly string[] = []): string {
  let out = text;
  for (const secret of [...extraSecrets].sort((a, b) => b.length - a.length)) {
    if (secret && out.includes(secret)) out = out.split(secret).join('…');
  }
  out = out
    // Query parameters first: inside a quoted URL the generic pair pattern below would take
    // `url: /path?…` as one pair and never see `ws_key=…`.
    .replace(/([?&;]|\b)([\w.-]+)=([^&\s'"()<>]+)/g, (whole, lead: string, name: string) => (SECRET_NAME.test(name) || /key$/i.test(name) ? `${lead}${name}=…` : whole))
    .replace(/\b(Bearer|Basic)\s+[A-Za-z0-9._~+/=-]{4,}/g, '$1 …')
    .replace(/(PDO->__construct\(|new PDO\(|mysqli->(?:real_)?connect\(|mysqli_connect\()[^)]*\)/gi, '$1…)')
    .replace(/\b(_DB_PASSWD_|_COOKIE_KEY_|_COOKIE_IV_|_RIJNDAEL_KEY_|_RIJNDAEL_IV_|_NEW_COOKIE_KEY_|database_password)(['"]?\s*(?:,|=>|=|:)\s*['"]?)[^'"\s,)}<]+/gi, '$1$2…')
    .replace(/(["']?)([\w.-]*?)(\1\s*[:=]\s*["']?)([^"'&\s,;<>}]{3,})/g, (whole, quote: string, name: string, sep: string, value: string) =>
      name && SECRET_NAME.test(name) && value !== '…' ? `${quote}${name}${sep}…` : whole,
    );
  return redactor.redact(out);
}

export function cap(text: string, max: number): string {
  const chars = Array.from(text);
  return chars.length <= max ? text : `${chars.slice(0, max - 1).join('')}…`;
}
