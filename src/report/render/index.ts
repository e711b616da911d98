// Renderer lookup by --format name.

import type { Report } from '../model.js';
import { renderJson } from './json.js';
import { renderJunit } from './junit.js';
import { renderMarkdown } from './markdown.js';
import { renderPretty } from './pretty.js';
import { FORMATS, type Format } from './formats.js';

export { FORMATS, type Format };

export interface RenderOptions {
  color: boolean;
}

export const RENDERERS = {
  pretty: (report: Report, options: RenderOptions) => renderPretty(report, options),
  json: (report: Report) => renderJson(report),
  junit: (report: Report) => renderJunit(report),
  markdown: (report: Report) => renderMarkdown(report),
} satisfies Record<Format, (report: Report, options: RenderOptions) => string>;
