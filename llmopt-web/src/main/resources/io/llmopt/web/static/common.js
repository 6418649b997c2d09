// Shared by every page. Text from runs (model output, data sets, names) is only ever set with
// textContent, never parsed as HTML: a model answer containing <script> shows as text.
'use strict';

const llmopt = (() => {
  /** el('td', {class: 'x'}, 'text' | Node | [children]) */
  function el(tag, attrs, content) {
    const node = document.createElement(tag);
    for (const [k, v] of Object.entries(attrs || {})) {
      if (v === null || v === undefined || v === false) continue;
      if (k === 'class') node.className = v;
      else if (k === 'dataset') Object.assign(node.dataset, v);
      else if (k.startsWith('on')) node.addEventListener(k.slice(2), v);
      else node.setAttribute(k, v === true ? '' : v);
    }
    append(node, content);
    return node;
  }

  function append(node, content) {
    if (content === null || content === undefined) return;
    if (Array.isArray(content)) content.forEach(c => append(node, c));
    else if (content instanceof Node) node.appendChild(content);
    else node.appendChild(document.createTextNode(String(content)));
  }

  function clear(node) {
    while (node.firstChild) node.removeChild(node.firstChild);
    return node;
  }

  /**
   * The data the server put in the page (a JSON data block, see FirstData.java), read once and
   * removed; null when there is none. Drawing it at once shows content before the load event.
   */
  function firstData() {
    const block = document.getElementById('first-data');
    if (!block) return null;
    block.remove();
    try { return JSON.parse(block.textContent); } catch (e) { return null; }
  }

  let csrf = null;
  async function session() {
    if (!csrf) csrf = (await getJson('/api/session')).csrf_token;
    return csrf;
  }

  async function getJson(url) {
    const r = await fetch(url, {credentials: 'same-origin'});
    if (!r.ok) throw new Error((await r.json().catch(() => ({}))).error || r.statusText);
    return r.json();
  }

  async function postJson(url) {
    const r = await fetch(url, {method: 'POST', credentials: 'same-origin', headers: {'X-CSRF-Token': await session()}});
    const body = await r.json().catch(() => ({}));
    if (!r.ok) throw new Error(body.error || r.statusText);
    return body;
  }

  /**
   * Follows a server-sent event stream, showing its state in the header's badge. Pages call it once
   * their first data is drawn, and it opens the stream only after the page's load event: an open
   * stream is a request that never ends, which would keep headless browsers from ever seeing a
   * finished page.
   */
  function follow(url, handlers) {
    if (document.readyState !== 'complete') {
      window.addEventListener('load', () => setTimeout(() => follow(url, handlers), 0), {once: true});
      return;
    }
    const badge = document.getElementById('live');
    const source = new EventSource(url);
    source.onopen = () => { if (badge) { badge.textContent = 'live'; badge.className = 'live on'; } };
    source.onerror = () => { if (badge) { badge.textContent = 'reconnecting…'; badge.className = 'live'; } };
    for (const [event, fn] of Object.entries(handlers)) {
      source.addEventListener(event, e => fn(JSON.parse(e.data)));
    }
    // A page kept in the back/forward cache would hold its stream open, and browsers allow only
    // six connections per host: close it on leaving, start afresh if the page is shown again.
    window.addEventListener('pagehide', () => source.close());
    window.addEventListener('pageshow', e => { if (e.persisted) location.reload(); });
  }

  /** Calls fn at most once per `ms`, the last call winning: bursts of writes cause one refresh. */
  function throttle(fn, ms) {
    let timer = null, pending = false;
    return () => {
      if (timer) { pending = true; return; }
      fn();
      timer = setTimeout(() => { timer = null; if (pending) { pending = false; fn(); } }, ms);
    };
  }

  const pct = v => v === null || v === undefined ? '–' : (v * 100).toFixed(1) + '%';
  const num = v => {
    if (v === null || v === undefined) return '–';
    const a = Math.abs(v);
    return a !== 0 && (a >= 1e6 || a < 1e-3) ? v.toExponential(3) : String(Math.round(v * 10000) / 10000);
  };
  const cost = v => v === null || v === undefined ? '–' : '$' + v.toFixed(v < 1 ? 4 : 2);
  const time = iso => iso ? new Date(iso).toLocaleString() : '–';
  function duration(from, to) {
    if (!from) return '–';
    const s = Math.max(0, Math.round(((to ? new Date(to) : new Date()) - new Date(from)) / 1000));
    if (s < 60) return s + 's';
    if (s < 3600) return Math.floor(s / 60) + 'm ' + (s % 60) + 's';
    return Math.floor(s / 3600) + 'h ' + Math.floor((s % 3600) / 60) + 'm';
  }

  /** Copies text; the clipboard API needs a secure context, so a hidden text area is the fallback. */
  async function copy(text) {
    if (navigator.clipboard && window.isSecureContext) {
      try { await navigator.clipboard.writeText(text); return true; } catch (e) { /* fall through */ }
    }
    const area = el('textarea', {class: 'offscreen', readonly: true});
    area.value = text;
    document.body.appendChild(area);
    area.select();
    const ok = document.execCommand('copy');
    area.remove();
    return ok;
  }

  function statusBadge(status) {
    return el('span', {class: 'status s-' + status}, status.replace('_', ' '));
  }

  /** Makes a table's header cells sort its rows; `rows` gives the data, `render` draws a row. */
  function sortableTable(table, columns, render) {
    const state = {key: null, dir: -1, rows: [], filter: () => true};
    const head = clear(table.tHead);
    const tr = el('tr');
    columns.forEach(c => {
      const th = el('th', {class: c.sort ? 'sortable' : null, title: c.sort ? 'sort' : null}, c.label);
      if (c.sort) th.addEventListener('click', () => {
        state.dir = state.key === c.key ? -state.dir : (c.key === 'id' || c.key === 'step' ? 1 : -1);
        state.key = c.key;
        draw();
      });
      c.th = th;
      tr.appendChild(th);
    });
    head.appendChild(tr);
    function draw() {
      const body = clear(table.tBodies[0]);
      let rows = state.rows.filter(state.filter);
      if (state.key) {
        const k = state.key;
        rows = rows.slice().sort((a, b) => {
          const x = a[k], y = b[k];
          if (x === y) return 0;
          if (x === null || x === undefined) return 1;
          if (y === null || y === undefined) return -1;
          return (x < y ? -1 : 1) * state.dir;
        });
      }
      columns.forEach(c => { if (c.th) c.th.dataset.sorted = state.key === c.key ? (state.dir > 0 ? 'asc' : 'desc') : ''; });
      rows.forEach(r => body.appendChild(render(r)));
      return rows.length;
    }
    return {
      set(rows) { state.rows = rows; return draw(); },
      filter(fn) { state.filter = fn; return draw(); },
      sortBy(key, dir) { state.key = key; state.dir = dir; return draw(); },
    };
  }

  return {el, clear, firstData, getJson, postJson, follow, throttle, pct, num, cost, time, duration, copy, statusBadge, sortableTable};
})();
