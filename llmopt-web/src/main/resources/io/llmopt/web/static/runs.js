'use strict';

(() => {
  const {el, clear, firstData, getJson, follow, throttle, cost, time, duration, statusBadge} = llmopt;
  const body = document.querySelector('#runs tbody');
  const name = document.getElementById('filter-name');
  const kind = document.getElementById('filter-kind');
  const status = document.getElementById('filter-status');
  const sort = document.getElementById('sort');
  const compare = document.getElementById('compare');
  const selected = new Set();
  let runs = [];

  function fillSelect(select, values) {
    const keep = select.value;
    while (select.options.length > 1) select.remove(1);
    [...new Set(values)].sort().forEach(v => select.appendChild(el('option', {value: v}, v)));
    select.value = keep;
  }

  function bestKey(r) {
    // "best" sorts by how good a result is, whatever its direction
    return r.best === null ? -Infinity : (r.higher_is_better ? r.best : -r.best);
  }

  function draw() {
    const q = name.value.trim().toLowerCase();
    let rows = runs.filter(r => (!kind.value || r.kind === kind.value) && (!status.value || r.status === status.value)
      && (!q || (r.name || '').toLowerCase().includes(q) || r.id.includes(q)));
    const by = {date: r => r.created_at, best: bestKey, cost: r => r.cost}[sort.value];
    rows = rows.slice().sort((a, b) => (by(a) < by(b) ? 1 : by(a) > by(b) ? -1 : 0));
    clear(body);
    rows.forEach(r => {
      const box = el('input', {type: 'checkbox', 'aria-label': 'select ' + r.id, checked: selected.has(r.id)});
      box.addEventListener('change', () => { box.checked ? selected.add(r.id) : selected.delete(r.id); update(); });
      body.appendChild(el('tr', {dataset: {run: r.id}}, [
        el('td', {}, box),
        el('td', {}, [el('a', {href: '/runs/' + encodeURIComponent(r.id)}, r.name || r.id), el('div', {class: 'muted small'}, r.id)]),
        el('td', {}, r.kind),
        el('td', {}, statusBadge(r.status)),
        el('td', {class: 'num'}, r.headline),
        el('td', {class: 'num'}, cost(r.cost)),
        el('td', {}, time(r.started_at || r.created_at)),
        el('td', {class: 'num'}, duration(r.started_at, r.finished_at)),
      ]));
    });
    document.getElementById('empty').hidden = rows.length > 0;
  }

  function update() {
    compare.disabled = selected.size < 2;
    compare.textContent = selected.size < 2 ? 'Compare selected' : `Compare ${selected.size} runs`;
  }

  async function load() {
    show((await getJson('/api/runs')).runs);
  }

  function show(list) {
    runs = list;
    fillSelect(kind, runs.map(r => r.kind));
    fillSelect(status, runs.map(r => r.status));
    draw();
  }

  name.addEventListener('input', draw);
  [kind, status, sort].forEach(c => c.addEventListener('change', draw));
  compare.addEventListener('click', () => {
    location.href = '/compare?ids=' + [...selected].map(encodeURIComponent).join(',');
  });
  // the first data first (inside the page, else fetched), then the live stream (see run.js)
  const first = firstData();
  if (first) show(first.runs);
  (first ? Promise.resolve() : load()).finally(() => follow('/api/live', {runs: throttle(load, 1000)}));
})();
