// Renderer lookup by --format name.

import type { Report } from '../model.js';
import { renderHtml } from './html/index.js';
import { redactedJsonChunks, renderJson } from './json.js';
import { renderJunit } from './junit.js';
import { renderMarkdown } from './markdown.js';
import { renderPretty } from './pretty.js';
import { FORMATS, type Format } from './formats.js';
import { masked } from './load.js';

export { FORMATS, type Format };

export interface RenderOptions {
  color: boolean;
  /** The shop's time zone, for the dates a report prints (html); Paris when not given. */
  timeZone?: string;
  /** --quiet: only what needs attention (warn, fail, error, manual) in human formats; JSON stays whole. */
  quiet?: boolean;
  /** Terminal width to wrap the pretty report to, with a hanging indent; unset off a terminal. */
  width?: number;
}

// Every renderer, loaded at once. A run writing reports loads only the ones it writes, through
// loadRenderer (./load.ts), which masks the same way.
export const RENDERERS = {
  pretty: (report: Report, options: RenderOptions) => renderPretty(masked(report), options),
  json: (report: Report) => renderJson(masked(report)),
  junit: (report: Report) => renderJunit(masked(report)),
  markdown: (report: Report, options?: RenderOptions) => renderMarkdown(masked(report), { quiet: options?.quiet }),
  // The shop's time zone travels in the report (report.shop, src/report/context.ts).
  html: (report: Report, options: RenderOptions) => renderHtml(masked(report), { timeZone: options.timeZone ?? report.shop?.timeZone }),
} satisfies Record<Format, (report: Report, options: RenderOptions) => string>;

/**
 * Formats written piece by piece, each piece masked on its own (the same bytes as RENDERERS'): a
 * report of hundreds of clubs is never held whole as text, nor its masked copy whole.
 */
export const STREAMERS: Partial<Record<Format, (report: Report) => Iterable<string | Uint8Array>>> = {
  json: (report) => redactedJsonChunks(report),
};
