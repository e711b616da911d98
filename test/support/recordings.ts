// Reads the recorded answers of a real PrestaShop 8.1.2 (fixtures/recordings/prestashop-8.1.2).

import { readFileSync } from 'node:fs';

/** `NAME.headers` (status line + headers, CRLF) and `NAME.body` (bytes as sent). */
export function recording(name: string): { status: number; headers: Record<string, string>; body: string } {
  const dir = new URL('../../fixtures/recordings/prestashop-8.1.2/', import.meta.url);
  const [statusLine, ...lines] = readFileSync(new URL(`${name}.headers`, dir), 'latin1').split(/\r?\n/).filter(Boolean);
  const headers: Record<string, string> = {};
  for (const line of lines) {
    const at = line.indexOf(':');
    headers[line.slice(0, at).trim().toLowerCase()] = line.slice(at + 1).trim();
  }
  return { status: Number(statusLine!.split(' ')[1]), headers, body: readFileSync(new URL(`${name}.body`, dir), 'utf8') };
}
