// Headless Chromium (Debian's /usr/bin/chromium) driven through the DevTools protocol over a pipe
// (--remote-debugging-pipe): no debugging port is opened at all, and the browser's own background
// traffic is turned off and its host resolver maps every name to nowhere, so nothing leaves the
// machine. Records what a page must never do: console errors, uncaught exceptions, CSP violations,
// and any request other than the page itself.

import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import type { Readable, Writable } from 'node:stream';

export const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
export const hasChromium = (): boolean => existsSync(CHROMIUM);

interface Pending {
  resolve: (value: any) => void;
  reject: (error: Error) => void;
}

export interface PageIssues {
  console: string[];
  exceptions: string[];
  log: string[];
  requests: string[];
}

export class Browser {
  private nextId = 1;
  private pending = new Map<number, Pending>();
  private listeners: ((method: string, params: any, sessionId?: string) => void)[] = [];
  private buffer = '';

  private constructor(
    private readonly child: ChildProcess,
    private readonly profile: string,
  ) {
    const input = child.stdio[3] as Writable;
    const output = child.stdio[4] as Readable;
    input.on('error', () => {});
    output.setEncoding('utf8');
    output.on('data', (chunk: string) => {
      this.buffer += chunk;
      let end: number;
      while ((end = this.buffer.indexOf('\0')) !== -1) {
        const message = JSON.parse(this.buffer.slice(0, end));
        this.buffer = this.buffer.slice(end + 1);
        if (message.id !== undefined) {
          const p = this.pending.get(message.id);
          this.pending.delete(message.id);
          if (message.error) p?.reject(new Error(`${message.error.message} (${message.error.code})`));
          else p?.resolve(message.result);
        } else {
          for (const l of this.listeners) l(message.method, message.params, message.sessionId);
        }
      }
    });
    child.on('exit', () => {
      for (const p of this.pending.values()) p.reject(new Error('Chromium exited'));
      this.pending.clear();
    });
  }

  static async launch(): Promise<Browser> {
    const profile = mkdtempSync(join(tmpdir(), 'cd-chromium-'));
    const child = spawn(
      CHROMIUM,
      [
        '--headless',
        '--no-sandbox',
        '--remote-debugging-pipe',
        `--user-data-dir=${profile}`,
        '--no-first-run',
        '--no-default-browser-check',
        '--disable-background-networking',
        '--disable-component-update',
        '--disable-default-apps',
        '--disable-extensions',
        '--disable-sync',
        '--disable-gpu',
        '--disable-dev-shm-usage',
        '--metrics-recording-only',
        '--mute-audio',
        // Loopback only: every host name resolves to nothing.
        '--host-resolver-rules=MAP * ~NOTFOUND',
        // Stable pixels: no LCD anti-aliasing, no hinting differences, sRGB, no scrollbars.
        '--font-render-hinting=none',
        '--disable-lcd-text',
        '--force-color-profile=srgb',
        '--hide-scrollbars',
        'about:blank',
      ],
      { stdio: ['ignore', 'ignore', 'ignore', 'pipe', 'pipe'] },
    );
    const browser = new Browser(child, profile);
    await browser.send('Browser.getVersion');
    return browser;
  }

  send(method: string, params: Record<string, unknown> = {}, sessionId?: string): Promise<any> {
    const id = this.nextId++;
    const input = this.child.stdio[3] as Writable;
    return new Promise((resolve, reject) => {
      this.pending.set(id, { resolve, reject });
      input.write(JSON.stringify({ id, method, params, ...(sessionId ? { sessionId } : {}) }) + '\0');
    });
  }

  on(listener: (method: string, params: any, sessionId?: string) => void): () => void {
    this.listeners.push(listener);
    return () => (this.listeners = this.listeners.filter((l) => l !== listener));
  }

  /** A new tab of a fixed size (device scale 1), reduced motion, recording what the page does. */
  async newPage(width = 1280, height = 800): Promise<Page> {
    const { targetId } = await this.send('Target.createTarget', { url: 'about:blank' });
    const { sessionId } = await this.send('Target.attachToTarget', { targetId, flatten: true });
    const page = new Page(this, sessionId, targetId);
    for (const domain of ['Page', 'Runtime', 'Network', 'Log']) await page.send(`${domain}.enable`);
    await page.send('Emulation.setDeviceMetricsOverride', { width, height, deviceScaleFactor: 1, mobile: false });
    await page.send('Emulation.setEmulatedMedia', { features: [{ name: 'prefers-reduced-motion', value: 'reduce' }, { name: 'prefers-color-scheme', value: 'light' }] });
    return page;
  }

  async close(): Promise<void> {
    await this.send('Browser.close').catch(() => {});
    await new Promise<void>((resolve) => {
      if (this.child.exitCode !== null) return resolve();
      const timer = setTimeout(() => this.child.kill('SIGKILL'), 5000);
      this.child.on('exit', () => (clearTimeout(timer), resolve()));
    });
    rmSync(this.profile, { recursive: true, force: true });
  }
}

export type Key = 'Enter' | ' ' | 'Escape' | 'Tab' | 'ArrowDown' | 'ArrowUp' | 'ArrowLeft' | 'ArrowRight';

const KEYS: Record<Key, { code: string; keyCode: number; text?: string }> = {
  Enter: { code: 'Enter', keyCode: 13, text: '\r' },
  ' ': { code: 'Space', keyCode: 32, text: ' ' },
  Escape: { code: 'Escape', keyCode: 27 },
  Tab: { code: 'Tab', keyCode: 9 },
  ArrowDown: { code: 'ArrowDown', keyCode: 40 },
  ArrowUp: { code: 'ArrowUp', keyCode: 38 },
  ArrowLeft: { code: 'ArrowLeft', keyCode: 37 },
  ArrowRight: { code: 'ArrowRight', keyCode: 39 },
};

export class Page {
  readonly issues: PageIssues = { console: [], exceptions: [], log: [], requests: [] };
  private url = '';

  constructor(
    private readonly browser: Browser,
    private readonly sessionId: string,
    private readonly targetId: string,
  ) {
    browser.on((method, params, session) => {
      if (session !== this.sessionId) return;
      if (method === 'Runtime.consoleAPICalled' && (params.type === 'error' || params.type === 'warning' || params.type === 'assert')) {
        this.issues.console.push(params.args.map((a: any) => a.value ?? a.description ?? '').join(' '));
      } else if (method === 'Runtime.exceptionThrown') {
        this.issues.exceptions.push(params.exceptionDetails.exception?.description ?? params.exceptionDetails.text);
      } else if (method === 'Log.entryAdded' && (params.entry.level === 'error' || params.entry.level === 'warning')) {
        this.issues.log.push(`${params.entry.source}: ${params.entry.text}`);
      } else if (method === 'Network.requestWillBeSent' && params.request.url !== this.url) {
        this.issues.requests.push(params.request.url);
      }
    });
  }

  send(method: string, params: Record<string, unknown> = {}): Promise<any> {
    return this.browser.send(method, params, this.sessionId);
  }

  /** Opens a local file and waits for its load event. */
  async open(file: string): Promise<void> {
    this.url = pathToFileURL(file).href;
    const loaded = new Promise<void>((resolve) => {
      const off = this.browser.on((method, _params, session) => {
        if (session === this.sessionId && method === 'Page.loadEventFired') {
          off();
          resolve();
        }
      });
    });
    await this.send('Page.navigate', { url: this.url });
    await loaded;
  }

  /** Evaluates an expression in the page and returns its JSON value. */
  async eval<T = unknown>(expression: string): Promise<T> {
    const { result, exceptionDetails } = await this.send('Runtime.evaluate', { expression, returnByValue: true, awaitPromise: true });
    if (exceptionDetails) throw new Error(`in page: ${exceptionDetails.exception?.description ?? exceptionDetails.text}`);
    return result.value as T;
  }

  /** A real key press (keyDown with its text, then keyUp), as a keyboard sends it. */
  async press(key: Key): Promise<void> {
    const k = KEYS[key];
    const base = { key, code: k.code, windowsVirtualKeyCode: k.keyCode, nativeVirtualKeyCode: k.keyCode };
    await this.send('Input.dispatchKeyEvent', { type: k.text ? 'keyDown' : 'rawKeyDown', ...base, ...(k.text ? { text: k.text, unmodifiedText: k.text } : {}) });
    await this.send('Input.dispatchKeyEvent', { type: 'keyUp', ...base });
  }

  /** Typed text, character by character, as a keyboard would. */
  async type(text: string): Promise<void> {
    for (const ch of text) await this.send('Input.insertText', { text: ch });
  }

  /** A PNG of the whole page (the viewport grown to the page's height), at device scale 1. */
  async screenshot(width = 1280): Promise<Buffer> {
    const metrics = await this.send('Page.getLayoutMetrics');
    const height = Math.ceil(metrics.cssContentSize.height);
    await this.send('Emulation.setDeviceMetricsOverride', { width, height, deviceScaleFactor: 1, mobile: false });
    const { data } = await this.send('Page.captureScreenshot', { format: 'png', captureBeyondViewport: false });
    return Buffer.from(data, 'base64');
  }

  async close(): Promise<void> {
    await this.browser.send('Target.closeTarget', { targetId: this.targetId }).catch(() => {});
  }
}
