// Reading an HTML report back in tests: the statuses its data island holds, per club and check id.

import { expect } from 'vitest';

/** Per club (by name), the status of each check id, as the page's data island says. */
export function htmlStatuses(html: string): Record<string, Record<string, string>> {
  const island = /<script type="application\/json" id="cd-data">([\s\S]*?)<\/script>/.exec(html);
  expect(island).not.toBeNull();
  const data = JSON.parse(island![1]!) as { checks: [string, number][]; clubs: { n: number; r: (0 | [string])[] }[]; s: string[] };
  const rows = [...html.matchAll(/<th scope="row"><span class="club">([^<]*)<\/span>/g)].map((m) => m[1]!.replace(/&amp;/g, '&').replace(/&#39;/g, "'"));
  expect(rows).toHaveLength(data.clubs.length);
  return Object.fromEntries(data.clubs.map((c, i) => [rows[i], Object.fromEntries(c.r.flatMap((r, j) => (r ? [[data.checks[j]![0], r[0]]] : [])))]));
}
