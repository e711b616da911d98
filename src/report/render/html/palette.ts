// The HTML report's colours and stylesheet. Colours are named here once, so a test can compute the
// contrast of every text against the background it is drawn on (WCAG 2: at least 4.5:1), and the
// status of a cell never depends on colour alone: each one carries its glyph too.

import type { Status } from '../../../engine/types.js';

export const PAGE = {
  background: '#ffffff',
  text: '#1f2328',
  muted: '#57606a',
  surface: '#f6f8fa',
  border: '#8c959f',
  accent: '#0a58ca',
} as const;

/** Text colour on background colour, for each status (cells, badges, counts). */
export const STATUS_COLORS: Record<Status, { text: string; background: string }> = {
  pass: { text: '#14632d', background: '#dff3e4' },
  warn: { text: '#6b4a00', background: '#fff1c2' },
  fail: { text: '#a1121b', background: '#fde2e4' },
  error: { text: '#6a1b9a', background: '#f1e2f7' },
  skip: { text: '#4b5563', background: '#eef0f3' },
  manual: { text: '#1d4f91', background: '#e3edfb' },
};

/** Every pair of (text, background) the stylesheet draws, for the contrast test. */
export function textPairs(): { name: string; text: string; background: string }[] {
  const pairs: { name: string; text: string; background: string }[] = [
    { name: 'text on page', text: PAGE.text, background: PAGE.background },
    { name: 'muted on page', text: PAGE.muted, background: PAGE.background },
    { name: 'accent on page', text: PAGE.accent, background: PAGE.background },
    { name: 'text on surface', text: PAGE.text, background: PAGE.surface },
    { name: 'muted on surface', text: PAGE.muted, background: PAGE.surface },
    { name: 'accent on surface', text: PAGE.accent, background: PAGE.surface },
  ];
  for (const [status, c] of Object.entries(STATUS_COLORS)) pairs.push({ name: `${status} cell`, text: c.text, background: c.background });
  return pairs;
}

const statusRules = Object.entries(STATUS_COLORS)
  .map(([s, c]) => `.s-${s}{color:${c.text};background:${c.background}}.b-${s}{border-left-color:${c.text}}`)
  .join('\n');

// A generic font family (no font is fetched, and the rendering is the same on every machine of a
// kind), no animation or transition, sticky headers for long grids, a print stylesheet that keeps
// glyphs and borders (colour may be lost on paper) and drops the controls.
export const STYLESHEET = `
*{box-sizing:border-box}
html{font-family:sans-serif;font-size:15px;line-height:1.45;color:${PAGE.text};background:${PAGE.background}}
body{margin:0}
*,*::before,*::after{animation:none!important;transition:none!important;scroll-behavior:auto!important}
header,main,nav{padding:0 24px}
header{padding-top:16px;border-bottom:1px solid ${PAGE.border}}
h1{font-size:1.6rem;margin:0 0 4px}
h2{font-size:1.25rem;margin:24px 0 8px}
h3{font-size:1.05rem;margin:0 0 6px}
h4{font-size:.95rem;margin:10px 0 4px}
.meta{color:${PAGE.muted};margin:0 0 12px}
a{color:${PAGE.accent}}
nav ul{list-style:none;display:flex;flex-wrap:wrap;gap:4px 18px;margin:8px 0;padding:0}
:focus-visible{outline:3px solid ${PAGE.accent};outline-offset:2px}
.sr{position:absolute;width:1px;height:1px;padding:0;margin:-1px;overflow:hidden;clip:rect(0 0 0 0);white-space:nowrap;border:0}
.counts{display:flex;flex-wrap:wrap;gap:8px;list-style:none;padding:0;margin:0}
.counts li,.badge{border:1px solid currentColor;border-radius:4px;padding:2px 8px;font-weight:bold}
.g{display:inline-block;min-width:1em;text-align:center;font-weight:bold}
.controls{display:flex;flex-wrap:wrap;align-items:center;gap:8px 24px;background:${PAGE.surface};border:1px solid ${PAGE.border};border-radius:6px;padding:8px 12px;margin:8px 0}
.controls input[type=search]{font:inherit;padding:4px 8px;border:1px solid ${PAGE.border};border-radius:4px;width:16rem}
.controls .hint,#shown{color:${PAGE.muted}}
.legend{display:flex;flex-wrap:wrap;gap:6px 14px;list-style:none;padding:0;margin:8px 0}
.legend span.g{border:1px solid currentColor;border-radius:3px;margin-right:4px}
.wrap{overflow:auto;max-height:calc(100vh - 40px);border:1px solid ${PAGE.border};border-radius:6px}
table.grid{border-collapse:separate;border-spacing:0}
.grid caption{text-align:left;padding:6px 8px;color:${PAGE.muted};caption-side:top}
.grid th{background:${PAGE.surface};font-weight:normal;text-align:left;border-bottom:1px solid ${PAGE.border}}
.grid thead th{position:sticky;top:0;z-index:2;vertical-align:bottom;padding:4px 2px}
.grid thead tr.cats th{top:0;font-weight:bold;text-align:center;border-left:1px solid ${PAGE.border};padding:4px 6px}
.grid thead tr.titles th{top:var(--cats,30px)}
.grid thead th.col{height:12rem}
.grid thead th.col span{writing-mode:vertical-rl;transform:rotate(180deg);display:inline-block;max-height:11.5rem;font-size:.85rem;white-space:normal}
.grid th[scope=row]{position:sticky;left:0;z-index:1;padding:2px 10px;white-space:nowrap;border-right:1px solid ${PAGE.border}}
.grid th[scope=row] .id{color:${PAGE.muted};font-size:.85rem}
.grid th[scope=row] .n{color:${PAGE.muted};font-size:.85rem;margin-left:6px}
.grid thead th.corner{left:0;z-index:3}
.grid td{padding:2px;border-bottom:1px solid ${PAGE.surface};text-align:center}
.grid td.cs{border-left:1px solid ${PAGE.border}}
.cell{font:inherit;font-weight:bold;width:2.2rem;height:1.9rem;border:1px solid currentColor;border-radius:4px;cursor:pointer;padding:0}
.cell:hover{outline:2px solid currentColor;outline-offset:1px}
.none{color:${PAGE.muted}}
.problems-only tr.ok{display:none}
tr.nomatch{display:none}
#nomatch{margin:8px}
dialog{max-width:44rem;width:calc(100% - 32px);border:1px solid ${PAGE.border};border-radius:8px;padding:16px 20px;color:${PAGE.text};background:${PAGE.background}}
dialog::backdrop{background:rgba(0,0,0,.35)}
dialog h2{margin-top:0;font-size:1.15rem}
dialog .msg,.finding .msg{white-space:pre-line;margin:8px 0}
dialog form{text-align:right;margin:12px 0 0}
button.close{font:inherit;padding:4px 14px;border:1px solid ${PAGE.border};border-radius:4px;background:${PAGE.surface};color:${PAGE.text};cursor:pointer}
.cause{color:${PAGE.muted};font-size:.9rem}
.finding{border:1px solid ${PAGE.border};border-left-width:6px;border-radius:6px;padding:10px 14px;margin:10px 0;background:${PAGE.background}}
.finding h3 .badge{margin-right:8px;font-size:.85rem}
.finding .id{color:${PAGE.muted};font-weight:normal;font-size:.85rem;margin-left:6px}
.finding ol{margin:4px 0 0;padding-left:1.6rem}
details{margin:12px 0}
summary{cursor:pointer;font-weight:bold}
footer{padding:16px 24px;color:${PAGE.muted};font-size:.85rem}
${statusRules}
@media print{
  html{font-size:11pt;background:#fff;color:#000}
  .controls,nav,dialog,.noprint{display:none!important}
  .wrap{overflow:visible;max-height:none;border:0}
  .grid thead th,.grid th[scope=row]{position:static}
  .cell{border:1px solid #000;width:auto;min-width:1.8rem}
  *{print-color-adjust:exact;-webkit-print-color-adjust:exact}
  .finding{break-inside:avoid}
  tr{break-inside:avoid}
}
`;
