// The HTML report's own script, inlined (its hash is allowed by the page's Content-Security-Policy,
// nothing else runs). It reads the report from the embedded JSON and only ever writes text through
// textContent: a club name holding markup stays text. Plain ES2017, no dependency, no network.
//
// Grid: a click, Enter or Space on a cell opens its <dialog> (Esc closes it, the cell gets the focus
// back); arrow keys move between cells; "problems only" hides the clubs without a problem; the search
// ignores case and accents. Before printing, folded sections are opened.

export const CLIENT_SCRIPT = `(function () {
  'use strict';
  function unfold() { document.querySelectorAll('details').forEach(function (d) { d.open = true; }); }
  window.addEventListener('beforeprint', unfold);
  // Some print paths (a headless print to PDF) switch the media without a beforeprint event.
  var printing = window.matchMedia('print');
  printing.addEventListener('change', function () { if (printing.matches) unfold(); });

  var el = document.getElementById('cd-data');
  if (!el) return;
  var data = JSON.parse(el.textContent);
  var S = data.s;
  var plural = new Intl.PluralRules(data.lang);
  function form(p, n) { return plural.select(n) === 'one' ? p.one : p.other; }
  function fold(text) { return text.normalize('NFD').replace(/\\p{M}/gu, '').toLowerCase().trim(); }


  var table = document.getElementById('grid');
  var dialog = document.getElementById('detail');
  if (!table || !dialog) return;
  var rows = Array.prototype.slice.call(table.tBodies[0].rows);
  var names = rows.map(function (tr) { return fold(tr.querySelector('.club').textContent); });
  var opener = null;

  function put(node, text) { node.textContent = text; return node; }
  function make(tag, cls, text) {
    var n = document.createElement(tag);
    if (cls) n.className = cls;
    if (text !== undefined) n.textContent = text;
    return n;
  }

  function open(button) {
    var i = Number(button.closest('tr').dataset.i);
    var j = button.parentElement.cellIndex - 1;
    var club = data.clubs[i];
    var r = club.r[j];
    if (!r) return;
    var check = data.checks[j];
    var status = data.status[r[0]];
    put(document.getElementById('d-title'), S[club.n] + ' \\u2014 ' + S[check[1]]);
    var badge = document.getElementById('d-status');
    badge.className = 'badge s-' + r[0];
    put(badge, status[0] + ' ' + status[1]);
    put(document.getElementById('d-id'), check[0]);
    put(document.getElementById('d-msg'), S[r[1]]);
    var cause = document.getElementById('d-cause');
    cause.hidden = r[3] < 0;
    put(cause, r[3] < 0 ? '' : data.t.cause + data.t.colon + S[r[3]]);
    var steps = document.getElementById('d-steps');
    var list = document.getElementById('d-list');
    steps.hidden = list.hidden = r[2].length === 0;
    put(steps, r[0] === 'manual' ? data.t.stepsManual : data.t.steps);
    list.textContent = '';
    r[2].forEach(function (k) { list.appendChild(make('li', '', S[k])); });
    opener = button;
    dialog.showModal();
  }

  // The close event comes in a task of its own, which a browser may run after input it already
  // holds: focus goes back to the cell only if nothing took it meanwhile (an arrow key pressed just
  // after Esc has moved it on, and must not be undone).
  dialog.addEventListener('close', function () {
    var now = document.activeElement;
    if (opener && (!now || now === document.body || dialog.contains(now))) opener.focus();
    opener = null;
  });

  table.addEventListener('click', function (e) {
    var b = e.target.closest('button.cell');
    if (b) open(b);
  });

  function visible(tr) { return tr.offsetParent !== null; }

  // Arrow keys move through the cells of visible rows (a grid of 300 x 15 is not tabbed through).
  table.addEventListener('keydown', function (e) {
    var b = e.target.closest && e.target.closest('button.cell');
    if (!b) return;
    var td = b.parentElement;
    var tr = td.parentElement;
    var col = td.cellIndex;
    var target = null;
    if (e.key === 'ArrowRight' || e.key === 'ArrowLeft') {
      var step = e.key === 'ArrowRight' ? 1 : -1;
      for (var c = col + step; c > 0 && c < tr.cells.length && !target; c += step) target = tr.cells[c].querySelector('button.cell');
    } else if (e.key === 'ArrowDown' || e.key === 'ArrowUp') {
      var at = rows.indexOf(tr);
      var dir = e.key === 'ArrowDown' ? 1 : -1;
      for (var k = at + dir; k >= 0 && k < rows.length && !target; k += dir) {
        if (visible(rows[k]) && rows[k].cells[col]) target = rows[k].cells[col].querySelector('button.cell');
      }
    } else {
      return;
    }
    e.preventDefault();
    if (target) target.focus();
  });

  var problems = document.getElementById('problems');
  var search = document.getElementById('q');
  var shown = document.getElementById('shown');
  var none = document.getElementById('nomatch');

  function update() {
    var q = fold(search.value);
    table.classList.toggle('problems-only', problems.checked);
    var n = 0;
    rows.forEach(function (tr, i) {
      tr.classList.toggle('nomatch', q !== '' && names[i].indexOf(q) === -1);
      if (visible(tr)) n++;
    });
    put(shown, form(data.t.shown, n).replace('{n}', String(n)).replace('{total}', String(rows.length)));
    none.hidden = n > 0;
  }
  problems.addEventListener('change', update);
  search.addEventListener('input', update);
  update();
})();
`;
