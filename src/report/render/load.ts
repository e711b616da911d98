// One renderer, loaded when a run writes that format: a diagnosis printing the pretty report does
// not load (nor compile) the HTML page, JUnit or markdown renderers. Same renderers, same masking
// as RENDERERS (./index.ts, which loads them all: the guided mode and tests use it).

import { redactor } from '../../secrets/redact.js';
import type { Report } from '../model.js';
import type { Format } from './formats.js';
import type { RenderOptions } from './index.js';

export type Renderer = (report: Report, options: RenderOptions) => string;

// Every renderer gets the report with its secrets already masked: a renderer that escapes text
// (markdown's `sk\_live\_…`, XML's `&amp;`, the terminal's `\x1b`) would otherwise turn a secret into
// a form the output redactor no longer recognises.
export const masked = (report: Report): Report => redactor.redactDeep(report);

export async function loadRenderer(format: Format): Promise<Renderer> {
  switch (format) {
    case 'pretty': {
      const { renderPretty } = await import('./pretty.js');
      return (report, options) => renderPretty(masked(report), options);
    }
    case 'json': {
      const { renderJson } = await import('./json.js');
      return (report) => renderJson(masked(report));
    }
    case 'junit': {
      const { renderJunit } = await import('./junit.js');
      return (report) => renderJunit(masked(report));
    }
    case 'markdown': {
      const { renderMarkdown } = await import('./markdown.js');
      return (report, options) => renderMarkdown(masked(report), { quiet: options?.quiet });
    }
    case 'html': {
      const { renderHtml } = await import('./html/index.js');
      // The shop's time zone travels in the report (report.shop, src/report/context.ts).
      return (report, options) => renderHtml(masked(report), { timeZone: options.timeZone ?? report.shop?.timeZone });
    }
  }
}

/**
 * A format written piece by piece, each piece masked on its own (json: club by club, the same bytes
 * as its renderer; STREAMERS in ./index.ts is the eager twin), or undefined for a format written whole.
 */
export async function loadStreamer(format: Format): Promise<((report: Report) => Iterable<string | Uint8Array>) | undefined> {
  if (format !== 'json') return undefined;
  const { redactedJsonChunks } = await import('./json.js');
  return (report) => redactedJsonChunks(report);
}
