/**
 * The preview: a small HTTP server on 127.0.0.1 that lets people (and the browser tests) use
 * the add-on without Google. It serves the real sidebar exactly as the server code produced it
 * (through the fake Ui), with a `google.script.run` shim whose calls go over HTTP to the real
 * server functions of the built bundle, running in `node:vm` over an in-memory spreadsheet.
 * The page at `/` shows the active sheet as a grid (values, colours, notes, the selected cell)
 * beside the 300 px sidebar, so a selection or a marked cell can be seen.
 */
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { FakeHtmlOutput, FakeSpreadsheet } from './fake-apps-script';
import { loadAddon, type BuiltAddon, type LoadedAddon } from './addon-harness';

export interface PreviewOptions {
  spreadsheet: FakeSpreadsheet;
  /** Port to listen on; 0 (default) picks a free one. */
  port?: number;
  /** Open the sidebar as the Validate menu item does (validating at once). */
  validateOnOpen?: boolean;
  now?: Date;
  build?: BuiltAddon;
  /** Holds each server call's answer this long (tests use it to see the busy state). */
  rpcDelayMs?: number;
}

export interface Preview {
  url: string;
  addon: LoadedAddon;
  /** Server calls made through the shim, in order. */
  rpcLog: string[];
  close(): Promise<void>;
}

/** The google.script.run shim injected into the sidebar page. */
export const SHIM = `<script>
(function () {
  function runner(success, failure) {
    return new Proxy({}, {
      get: function (_target, name) {
        if (name === 'withSuccessHandler') return function (f) { return runner(f, failure); };
        if (name === 'withFailureHandler') return function (f) { return runner(success, f); };
        if (name === 'withUserObject') return function () { return runner(success, failure); };
        return function () {
          var args = Array.prototype.slice.call(arguments);
          fetch('/rpc/' + encodeURIComponent(String(name)), {
            method: 'POST',
            headers: { 'content-type': 'application/json' },
            body: JSON.stringify(args)
          }).then(function (r) { return r.json(); }).then(function (res) {
            if (window.parent !== window) window.parent.postMessage('raci-guard:changed', '*');
            if (res.ok) { if (success) success(res.value); }
            else if (failure) { var e = new Error(res.error); e.name = 'ScriptError'; failure(e); }
          }, function (err) { if (failure) failure(err); });
        };
      }
    });
  }
  window.google = { script: { run: runner(null, null), host: { close: function () {} } } };
})();
</script>`;

const PAGE = `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>RACI Guard preview</title>
<style>
body { margin: 0; font-family: Arial, sans-serif; font-size: 13px; display: flex; height: 100vh; }
#sheet { flex: 1; overflow: auto; padding: 8px; }
#tabs button { margin: 0 4px 6px 0; }
#tabs button.active { font-weight: bold; }
table { border-collapse: collapse; }
td, th { border: 1px solid #e0e0e0; padding: 2px 6px; max-width: 220px; overflow: hidden; white-space: nowrap; text-overflow: ellipsis; }
th { background: #f8f9fa; color: #555; font-weight: normal; }
td.note { box-shadow: inset -6px 6px 0 -3px #f4b400; }
td.selected { outline: 2px solid #1a73e8; outline-offset: -2px; }
#sidebar { width: 300px; border: 0; border-left: 1px solid #dadce0; height: 100vh; }
#where { color: #555; margin-bottom: 6px; }
</style></head>
<body>
<div id="sheet"><div id="tabs"></div><div id="where"></div><table id="grid"></table></div>
<iframe id="sidebar" src="/sidebar" title="RACI Guard sidebar"></iframe>
<script>
var viewed = null;
var lastActive = null;
function letters(n) { var s = ''; while (n > 0) { var r = (n - 1) % 26; s = String.fromCharCode(65 + r) + s; n = Math.floor((n - 1) / 26); } return s; }
function render(state) {
  if (state.activeSheet !== lastActive) {
    lastActive = state.activeSheet;
    if (viewed && viewed !== state.activeSheet) { viewed = null; refresh(); return; }
  }
  var tabs = document.getElementById('tabs'); tabs.replaceChildren();
  state.sheets.forEach(function (name) {
    var b = document.createElement('button'); b.textContent = name; b.type = 'button';
    if (name === state.sheet) b.className = 'active';
    b.onclick = function () { viewed = name; refresh(); };
    tabs.appendChild(b);
  });
  document.getElementById('where').textContent = 'Active: ' + (state.activeSheet || '-') + '!' + (state.activeRange || '-');
  var grid = document.getElementById('grid'); grid.replaceChildren();
  var head = document.createElement('tr'); head.appendChild(document.createElement('th'));
  for (var c = 1; c <= state.columns; c++) { var th = document.createElement('th'); th.textContent = letters(c); head.appendChild(th); }
  grid.appendChild(head);
  state.rows.forEach(function (row, r) {
    var tr = document.createElement('tr');
    var th = document.createElement('th'); th.textContent = String(r + 1); tr.appendChild(th);
    row.forEach(function (cell, c) {
      var td = document.createElement('td'); td.textContent = cell.text;
      td.dataset.cell = letters(c + 1) + (r + 1);
      if (cell.background !== '#ffffff') td.style.background = cell.background;
      if (cell.note) { td.title = cell.note; td.classList.add('note'); }
      if (state.sheet === state.activeSheet && td.dataset.cell === state.activeRange) td.classList.add('selected');
      tr.appendChild(td);
    });
    grid.appendChild(tr);
  });
}
function refresh() {
  fetch('/state' + (viewed ? '?sheet=' + encodeURIComponent(viewed) : '')).then(function (r) { return r.json(); }).then(render);
}
window.addEventListener('message', function (e) { if (e.data === 'raci-guard:changed') refresh(); });
refresh();
</script></body></html>`;

function cellText(value: unknown, timeZone: string): string {
  if (value === null || value === undefined) return '';
  if (Object.prototype.toString.call(value) === '[object Date]') {
    return new Intl.DateTimeFormat('en-CA', {
      timeZone,
      year: 'numeric',
      month: '2-digit',
      day: '2-digit',
    }).format(value as Date);
  }
  return String(value);
}

function sheetState(spreadsheet: FakeSpreadsheet, requested: string | null) {
  const sheets = spreadsheet.sheets.map((s) => s.name);
  const active = spreadsheet.activeSheet ?? spreadsheet.sheets[0] ?? null;
  const sheet = (requested && spreadsheet.sheets.find((s) => s.name === requested)) || active;
  const state = {
    sheets,
    sheet: sheet?.name ?? null,
    activeSheet: active?.name ?? null,
    activeRange: spreadsheet.activeRange,
    columns: 0,
    rows: [] as { text: string; background: string; note: string }[][],
  };
  if (!sheet) return state;
  const snapshot = sheet.snapshot();
  let rows = 0;
  let columns = 0;
  for (const a1 of Object.keys(snapshot)) {
    const m = /^([A-Z]+)(\d+)$/.exec(a1);
    if (!m) continue;
    let col = 0;
    for (const ch of m[1]) col = col * 26 + ch.charCodeAt(0) - 64;
    rows = Math.max(rows, Number(m[2]));
    columns = Math.max(columns, col);
  }
  rows = Math.min(rows + 2, 300);
  columns = Math.min(columns + 1, 40);
  state.columns = columns;
  for (let r = 1; r <= rows; r++) {
    const line: { text: string; background: string; note: string }[] = [];
    for (let c = 1; c <= columns; c++) {
      const cell = sheet.peek(r, c);
      line.push({
        text: cellText(cell.value, spreadsheet.timeZone),
        background: cell.background ?? '#ffffff',
        note: cell.note,
      });
    }
    state.rows.push(line);
  }
  return state;
}

function send(res: ServerResponse, status: number, type: string, body: string): void {
  res.writeHead(status, { 'content-type': `${type}; charset=utf-8`, 'cache-control': 'no-store' });
  res.end(body);
}

function readBody(req: IncomingMessage): Promise<string> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    req.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size > 1_000_000) {
        reject(new Error('Request too large.'));
        req.destroy();
        return;
      }
      chunks.push(chunk);
    });
    req.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
    req.on('error', reject);
  });
}

/** Returns the sidebar page as the server code produced it, with the shim added. */
export function sidebarPage(addon: LoadedAddon, validateOnOpen: boolean): string {
  addon.call(validateOnOpen ? 'menuValidate' : 'menuOpenSidebar');
  const sidebars = addon.fake.ui.sidebars as FakeHtmlOutput[];
  const html = sidebars[sidebars.length - 1].getContent();
  return html.replace('<head>', `<head>\n${SHIM}`);
}

/** Starts the preview server; resolves once it listens. */
export async function startPreview(options: PreviewOptions): Promise<Preview> {
  const addon = loadAddon(options.spreadsheet, { now: options.now, build: options.build });
  addon.call('onOpen', { authMode: 'FULL' });
  const rpcLog: string[] = [];
  const allowed = new Set(addon.functionNames());
  let sidebarServed = false;
  const server: Server = createServer((req, res) => {
    const url = new URL(req.url ?? '/', 'http://127.0.0.1');
    if (req.method === 'GET' && url.pathname === '/') return send(res, 200, 'text/html', PAGE);
    if (req.method === 'GET' && url.pathname === '/sidebar') {
      const validate = options.validateOnOpen === true && !sidebarServed;
      sidebarServed = true;
      return send(res, 200, 'text/html', sidebarPage(addon, validate));
    }
    if (req.method === 'GET' && url.pathname === '/state') {
      return send(
        res,
        200,
        'application/json',
        JSON.stringify(sheetState(options.spreadsheet, url.searchParams.get('sheet'))),
      );
    }
    if (req.method === 'POST' && url.pathname.startsWith('/rpc/')) {
      const name = decodeURIComponent(url.pathname.slice(5));
      readBody(req)
        .then((body) => {
          if (!allowed.has(name)) throw new Error(`Script function not found: ${name}`);
          const args = body ? (JSON.parse(body) as unknown[]) : [];
          rpcLog.push(name);
          const value = addon.call(name, ...(Array.isArray(args) ? args : []));
          const answer = JSON.stringify({ ok: true, value: value ?? null });
          if (options.rpcDelayMs)
            setTimeout(() => send(res, 200, 'application/json', answer), options.rpcDelayMs);
          else send(res, 200, 'application/json', answer);
        })
        .catch((error: unknown) => {
          // Errors thrown inside the vm come from another realm: read their message directly.
          const message =
            error && typeof (error as { message?: unknown }).message === 'string'
              ? (error as { message: string }).message
              : String(error);
          send(res, 200, 'application/json', JSON.stringify({ ok: false, error: message }));
        });
      return;
    }
    send(res, 404, 'text/plain', 'Not found');
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 0, '127.0.0.1', () => resolve());
  });
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    addon,
    rpcLog,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
