// Issue 8, item 5 — terminal and markdown injection. Text from the shop (group names, carrier and
// zone names) and from upstreams (error bodies) carries ANSI escapes, other C0/C1 controls, BEL, CR,
// bidi overrides and markdown/HTML metacharacters. The pretty report and stderr show every control
// visibly (`\x1b`), never raw; markdown escapes the metacharacters and its tables stay intact.

import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { renderMarkdown } from '../../src/report/render/markdown.js';
import { renderPretty } from '../../src/report/render/pretty.js';
import { escapeHtml, escapeMarkdown, terminalSafe } from '../../src/report/text.js';
import { startFixtureSet, type RunningSandbox } from '../../src/sandbox/fixture-set.js';
import { ROOT } from '../e2e/run-cli.js';
import { runInProcess } from '../e2e/run-in-process.js';
import { forward, startHostileServer, type HostileServer } from '../support/hostile.js';
import { sampleReport } from '../report/fixture.js';

/** Everything a terminal would act on: C0 but LF and tab, DEL, C1, line/paragraph separators, bidi controls. */
const RAW_CONTROL = /[\u0000-\u0008\u000b-\u001f\u007f-\u009f\u2028\u2029\u202a-\u202e\u2066-\u2069]/;
const HOSTILE = 'Red \u001b[31mALERT\u001b[0m\u001b]0;pwned\u0007 bell\u0007 back\rover \u009b2J c1 \u202eevil | *bold* _em_ `tick` <script>alert(1)</script> [x](y) ![i](z) &lt; ~~s~~ # h';

/** Table rows of a markdown text whose number of cells differs from the header's. */
function brokenRows(md: string): string[] {
  const cells = (line: string) => line.split(/(?<!\\)\|/).length;
  return md.split('\n').filter((l) => l.startsWith('|') && cells(l) !== cells('| | Status | Check | Category |'));
}

function expectMarkdownInert(md: string): void {
  expect(md).not.toMatch(RAW_CONTROL);
  expect(brokenRows(md)).toEqual([]);
  expect(md).not.toMatch(/(?<!\\)<script/);
  expect(md).not.toMatch(/(?<!\\)\[x(?<!\\)\]\(y\)/);
  expect(md).not.toMatch(/(?<!\\)\*bold(?<!\\)\*/);
  expect(md).not.toMatch(/(?<!\\)`tick(?<!\\)`/);
  // The visible escape, itself escaped: renders as `\x1b[31m`.
  expect(md).toContain('\\\\x1b\\[31m');
}

describe('text.ts', () => {
  it('terminalSafe shows every control visibly and keeps line feeds and tabs', () => {
    expect(terminalSafe('a\u001b[31mb\u0007c\rd\u009be\u007ff\u202eg\u0000h\ti\nj')).toBe('a\\x1b[31mb\\ac\\rd\\x9be\\x7ff\\u202eg\\x00h\ti\nj');
  });

  it('escapeMarkdown leaves no markup and reads the same once rendered', () => {
    expect(escapeMarkdown('*a* _b_ WS_OFF `c` <d> [e](f) | ~g~ #1 &amp; x\\y')).toBe('\\*a\\* \\_b\\_ WS_OFF \\`c\\` \\<d> \\[e\\](f) \\| \\~g\\~ \\#1 \\&amp; x\\\\y');
    expect(escapeMarkdown('> quote\n- item\n1. one')).toBe('\\> quote\n\\- item\n1\\. one');
  });

  it('escapeHtml escapes markup and shows controls', () => {
    expect(escapeHtml(`<a href="x" onclick='y'>&\u001b</a>`)).toBe('&lt;a href=&quot;x&quot; onclick=&#39;y&#39;&gt;&amp;\\x1b&lt;/a&gt;');
  });
});

describe('renderers', () => {
  const report = sampleReport('en');
  const club = report.clubs[0]!;
  const hostile = {
    ...report,
    clubs: [
      {
        ...club,
        club: { ...club.club, name: `Club ${HOSTILE}\n# Injected heading` },
        results: club.results.map((r) => ({
          ...r,
          title: `${r.title} ${HOSTILE}`,
          message: `${r.message}\n${HOSTILE}`,
          remediation: [...r.remediation, `Step ${HOSTILE}\n- injected item`],
          ...(r.cause ? { cause: { ...r.cause, message: HOSTILE, host: `h${HOSTILE}` } } : {}),
        })),
      },
    ],
  };

  it('pretty without colour: no control character at all, each shown visibly', () => {
    const out = renderPretty(hostile, { color: false });
    expect(out).not.toMatch(RAW_CONTROL);
    for (const shown of ['\\x1b[31m', '\\x1b]0;pwned\\a', '\\r', '\\x9b2J', '\\u202e']) expect(out).toContain(shown);
  });

  it('pretty with colour: the only escape sequences are its own colours', () => {
    const out = renderPretty(hostile, { color: true });
    const withoutOwnColours = out.replace(/\u001b\[\d+(?:;\d+)*m/g, '');
    expect(withoutOwnColours).not.toMatch(RAW_CONTROL);
    expect(out).toContain('\\x1b[31mALERT');
  });

  it('markdown: metacharacters escaped, tables intact, headings and list items on one line', () => {
    const md = renderMarkdown(hostile);
    expectMarkdownInert(md);
    expect(md).not.toMatch(/^# Injected heading/m);
    expect(md).not.toMatch(/^- injected item/m);
    expect(md.split('\n').filter((l) => l.startsWith('## '))).toHaveLength(1);
  });
});

// The CLI's runs go through the program in this process (runInProcess: the same `main`, its stdout
// and stderr captured as written, every output checked for secrets): what reaches the streams is
// the point, not the process.
describe('through the CLI, a hostile shop and a hostile upstream', () => {
  const dir = mkdtempSync(join(tmpdir(), 'cd-hardening-injection-'));
  let sandbox: RunningSandbox;
  let proxy: HostileServer;
  const CLUB = `AS ${HOSTILE}`;

  beforeAll(async () => {
    // The demo shop with hostile names: the clubs are the shop's groups (no club list), group 5
    // renamed; the Sendcloud relay carrier renamed and disabled, a zone renamed.
    const shop = JSON.parse(readFileSync(join(ROOT, 'fixtures/shops/demo-shop.json'), 'utf8')) as Record<string, unknown> & {
      groups: Array<{ id_group: number; name: Record<string, string> }>;
      carriers: Array<{ external_module_name: string; name: string; active: number }>;
      zones: Array<{ name: string }>;
    };
    shop.clubs = [];
    shop.groups.find((g) => g.id_group === 5)!.name = { 1: CLUB, 2: CLUB };
    const relay = shop.carriers.find((c) => c.external_module_name === 'sendcloudv2')!;
    relay.name = `Relais ${HOSTILE}`;
    relay.active = 0;
    shop.zones[0]!.name = `Zone ${HOSTILE}`;
    writeFileSync(join(dir, 'hostile-shop.json'), JSON.stringify(shop));
    for (const kind of ['stripe', 'sendcloud']) writeFileSync(join(dir, `hostile-${kind}.json`), readFileSync(join(ROOT, `fixtures/shops/demo-${kind}.json`)));
    sandbox = await startFixtureSet({ shop: join(dir, 'hostile-shop.json'), stripe: join(dir, 'hostile-stripe.json'), sendcloud: join(dir, 'hostile-sendcloud.json') });
    // The order states answer a PrestaShop error whose message is hostile text.
    proxy = await startHostileServer(async (req: IncomingMessage, res: ServerResponse, body: string) => {
      if ((req.url ?? '').startsWith('/api/order_states')) {
        res.writeHead(500, { 'content-type': 'application/json', 'x-powered-by': 'PrestaShop Webservice' });
        res.end(JSON.stringify({ errors: [{ code: 3, message: `Fatal: ${HOSTILE}` }] }));
        return;
      }
      await forward(req, res, body, sandbox.prestashop.url);
    });
    writeFileSync(join(dir, 'c.json'), JSON.stringify({ ...sandbox.config, prestashop: { ...sandbox.config.prestashop, url: `${proxy.url}/` } }));
  }, 60_000);

  afterAll(async () => {
    await proxy?.close();
    await sandbox?.close();
  });

  const args = ['diagnose', '--all', '--config', 'c.json', '--lang', 'en', '--only', 'category-club-access,relay-carrier-zones,credit-note-prerequisites,shop-online'];

  it('pretty: stdout and stderr carry no control character; the hostile text is there, shown visibly', async () => {
    const r = await runInProcess([...args, '--format', 'pretty'], { cwd: dir });
    expect(r.code).toBe(1);
    expect(r.stdout).not.toMatch(RAW_CONTROL);
    expect(r.stderr).not.toMatch(RAW_CONTROL);
    expect(r.stdout).toContain('AS Red \\x1b[31mALERT\\x1b[0m\\x1b]0;pwned\\a bell\\a back\\rover \\x9b2J');
    expect(r.stdout).toContain('Relais Red \\x1b[31m');
    expect(r.stdout).toContain('Fatal: Red \\x1b[31m');
  });

  it('pretty in colour: only its own colour sequences', async () => {
    const r = await runInProcess([...args, '--format', 'pretty'], { cwd: dir, env: { NO_COLOR: '', FORCE_COLOR: '1' } });
    expect(r.stdout).toMatch(/\u001b\[\d+m/);
    expect(r.stdout.replace(/\u001b\[\d+(?:;\d+)*m/g, '')).not.toMatch(RAW_CONTROL);
  });

  it('markdown: escaped, tables intact', async () => {
    const r = await runInProcess([...args, '--format', 'markdown'], { cwd: dir });
    expect(r.code).toBe(1);
    expectMarkdownInert(r.stdout);
    expect(r.stdout).toContain('Relais Red');
    expect(r.stdout).toContain('Fatal: Red');
  });

  it('an unknown club: the close matches listed on stderr carry no control character', async () => {
    const r = await runInProcess(['diagnose', 'AS Red ALERT', '--config', 'c.json'], { cwd: dir });
    expect(r.code).toBe(2);
    expect(r.stderr).not.toMatch(RAW_CONTROL);
    expect(r.stderr).toContain('AS Red \\x1b[31mALERT');
  });
});

describe('a hostile plugin: its texts reach the terminal like shop text', () => {
  const dir = mkdtempSync(join(tmpdir(), 'cd-hardening-plugin-'));
  const text = JSON.stringify(HOSTILE);
  writeFileSync(
    join(dir, 'plugin.mjs'),
    `export default [{
  meta: { id: 'hostile-plugin', category: 'shop', severity: 'fail', needs: [],
    title: { fr: ${text}, en: ${text} }, description: { fr: ${text}, en: ${text} }, docs: ${text} },
  run() { return { status: 'fail', message: { fr: ${text}, en: ${text} }, remediation: [{ fr: ${text}, en: ${text} }] }; },
}];\n`,
  );
  writeFileSync(join(dir, 'c.json'), JSON.stringify({ plugins: ['./plugin.mjs'] }));

  it.each([
    ['list-checks', ['list-checks', '--config', 'c.json']],
    ['explain', ['explain', 'hostile-plugin', '--config', 'c.json']],
    ['diagnose', ['diagnose', '--all', '--snapshot', join(ROOT, 'fixtures/demo-shop.snapshot.json'), '--config', 'c.json', '--only', 'hostile-plugin']],
  ])('%s: no control character on stdout or stderr', async (_name, args) => {
    const r = await runInProcess(args, { cwd: dir });
    expect(r.stdout + r.stderr).toContain('\\x1b[31mALERT');
    expect(r.stdout).not.toMatch(RAW_CONTROL);
    expect(r.stderr).not.toMatch(RAW_CONTROL);
  });
});
