'use strict';

(() => {
  const {el, firstData, getJson, pct, cost, statusBadge} = llmopt;
  const COLORS = ['#2457a6', '#d9822b', '#2a9d55', '#b23a48', '#7b4fb0', '#3a8fa3', '#8a6d1f', '#555'];
  const ids = new URLSearchParams(location.search).get('ids') || '';

  // the data inside the page draws before its load event (screenshots, crawlers); else it is fetched
  const first = firstData();
  (first ? Promise.resolve(first) : getJson('/api/compare?ids=' + encodeURIComponent(ids))).then(data => {
    const body = document.querySelector('#compared tbody');
    data.runs.forEach((entry, i) => {
      const r = entry.run, b = entry.best;
      const swatch = el('span', {class: 'swatch'});
      swatch.style.background = COLORS[i % COLORS.length];
      body.appendChild(el('tr', {}, [
        el('td', {}, [swatch, el('a', {href: '/runs/' + encodeURIComponent(r.id)}, r.name || r.id), el('div', {class: 'muted small'}, r.id)]),
        el('td', {}, r.kind),
        el('td', {}, statusBadge(r.status)),
        el('td', {class: 'num'}, r.headline),
        el('td', {class: 'num'}, b ? b.train_display : ''),
        el('td', {class: 'num'}, b ? b.validation_display : ''),
        el('td', {class: 'num'}, b ? b.test_display : ''),
        el('td', {}, i === 0 ? 'reference' : entry.paired_test ? entry.paired_test.display : '–'),
        el('td', {class: 'num'}, cost(r.cost)),
        el('td', {class: 'instruction'}, b ? b.text : ''),
      ]));
    });
    const percent = data.runs.every(e => e.run.kind === 'opro-prompt');
    llmoptChart.scatter(document.getElementById('chart'), data.runs.map((e, i) => ({
      label: e.run.name || e.run.id, color: COLORS[i % COLORS.length], points: e.curve, line: true,
    })), {xLabel: 'step', yLabel: percent ? 'best training accuracy' : 'best value so far', percent});
  }).catch(err => {
    document.querySelector('main').appendChild(el('p', {class: 'notice'}, 'Cannot compare: ' + err.message));
  });
})();
