'use strict';

(() => {
  const {el, clear, firstData, getJson, postJson, follow, throttle, pct, num, cost, time, duration, copy, statusBadge, sortableTable} = llmopt;
  const runId = decodeURIComponent(location.pathname.split('/')[2]);
  const api = '/api/runs/' + encodeURIComponent(runId);
  const view = document.getElementById('kind-view');
  let kindView = null;
  let best = null;
  // a tenth of a millisecond below 10 ms: a local server answers in well under one
  const ms = v => (v < 10 ? v.toFixed(1) : Math.round(v).toLocaleString()) + ' ms';
  // a batch job takes seconds to hours
  const seconds = v => v < 60000 ? (v / 1000).toFixed(1) + ' s' : Math.floor(v / 60000) + 'm ' + String(Math.floor(v / 1000) % 60).padStart(2, '0') + 's';

  document.getElementById('export-json').href = api + '/export?format=json';
  document.getElementById('export-csv').href = api + '/export?format=csv';

  function notice(text) {
    const n = document.getElementById('notice');
    n.textContent = text || '';
    n.hidden = !text;
  }

  function fact(label, value) {
    return el('div', {class: 'fact'}, [el('div', {class: 'fact-label'}, label), el('div', {class: 'fact-value'}, value)]);
  }

  function renderHead(d) {
    const r = d.run;
    document.title = (r.name || r.id) + ' · llmopt';
    document.getElementById('run-name').textContent = r.name || r.id;
    document.getElementById('run-id').textContent = r.id;
    document.getElementById('run-kind').textContent = r.kind;
    document.getElementById('run-status').replaceChildren(statusBadge(r.status));
    document.getElementById('stop').hidden = r.status !== 'running' || d.stop_requested;
    if (d.stop_requested) notice('Stop requested: the run stops after its current unit of work.');
    clear(document.getElementById('facts')).append(
      fact('best', r.headline), fact('cost', cost(r.cost)), fact('calls', String(r.calls)),
      fact('tokens', r.tokens.toLocaleString()), fact('started', time(r.started_at || r.created_at)),
      fact('duration', duration(r.started_at, r.finished_at)));
    const usage = clear(document.querySelector('#usage tbody'));
    d.usage.concat(d.usage.length > 1 ? [d.usage_total] : []).forEach(u => usage.appendChild(el('tr', {class: u.role === 'total' ? 'total' : null}, [
      el('td', {}, u.role), el('td', {}, u.models), el('td', {class: 'num'}, u.calls), el('td', {class: 'num'}, u.cache_hits),
      el('td', {class: 'num'}, u.errors), el('td', {class: 'num'}, (u.prompt_tokens + u.completion_tokens).toLocaleString()),
      el('td', {class: 'num'}, cost(u.cost)), el('td', {class: 'num'}, ms(u.mean_server_ms)),
      el('td', {class: 'num'}, u.mean_slot_wait_ms === null || u.mean_slot_wait_ms === undefined ? '–' : ms(u.mean_slot_wait_ms))])));
    // provider batch jobs: one row each; a job with no end was left running at the provider
    const jobs = d.batch_jobs || [];
    document.getElementById('batch-jobs').hidden = jobs.length === 0;
    const jobRows = clear(document.querySelector('#batch-table tbody'));
    jobs.forEach(j => jobRows.appendChild(el('tr', {dataset: {job: j.id}}, [
      el('td', {}, j.id), el('td', {}, j.model), el('td', {class: 'num'}, j.requests.toLocaleString()), el('td', {}, j.status),
      el('td', {class: 'num'}, j.duration_ms === undefined ? '–' : seconds(j.duration_ms)),
      el('td', {class: 'num'}, j.cost === undefined ? '–' : cost(j.cost)),
      el('td', {class: 'num'}, j.saved === undefined ? '–' : cost(j.saved))])));
    const saved = jobs.reduce((sum, j) => sum + (j.saved || 0), 0);
    document.getElementById('batch-saved').textContent = jobs.length ? '· saved ' + cost(saved) : '';
    const events = clear(document.getElementById('events'));
    d.events.forEach(e => events.appendChild(el('li', {class: 'lvl-' + e.level.toLowerCase()}, [
      el('span', {class: 'muted small'}, time(e.at)), ' ', el('b', {}, e.type), ' ', e.message || ''])));
    if (d.events.length === 0) events.appendChild(el('li', {class: 'muted'}, 'no events'));
  }

  // ------------------------------------------------------------------ OPRO prompt runs
  function oproView() {
    const chart = el('div', {class: 'chart', id: 'score-chart'});
    const meta = el('pre', {class: 'prompt', id: 'meta-prompt'});
    const metaTitle = el('h2', {}, 'Current meta-prompt');
    const search = el('input', {type: 'search', id: 'candidate-search', placeholder: 'Search instructions', 'aria-label': 'Search instructions'});
    const table = el('table', {class: 'grid', id: 'candidates'}, [el('thead'), el('tbody')]);
    const drill = el('section', {id: 'drilldown', class: 'drilldown', hidden: true});
    const count = el('span', {class: 'muted'});
    view.replaceChildren(
      el('h2', {}, 'Training accuracy per step'), chart,
      el('h2', {}, ['Candidates ', count]), el('div', {class: 'toolbar'}, search), table, drill, metaTitle, meta);
    let selectedId = null;
    const candidates = sortableTable(table, [
      {key: 'step', label: 'Step', sort: true}, {key: 'id', label: 'ID', sort: true}, {key: 'text', label: 'Instruction'},
      {key: 'status', label: 'Status', sort: true}, {key: 'train', label: 'Train', sort: true},
      {key: 'validation', label: 'Validation', sort: true}, {key: 'test', label: 'Test', sort: true},
    ], c => el('tr', {class: (c.id === selectedId ? 'selected ' : '') + (c.status !== 'kept' ? 'dropped' : ''), dataset: {candidate: c.id},
      onclick: () => { selectedId = c.id; showExamples(c, 'train'); }}, [
      el('td', {class: 'num'}, c.step), el('td', {class: 'num'}, c.id),
      el('td', {class: 'instruction'}, [c.text, c.reason ? el('div', {class: 'muted small'}, c.reason) : null]),
      el('td', {}, c.status), el('td', {class: 'num'}, pct(c.train)), el('td', {class: 'num'}, pct(c.validation)),
      el('td', {class: 'num'}, pct(c.test))]));
    candidates.sortBy('train', -1);
    search.addEventListener('input', () => {
      const q = search.value.trim().toLowerCase();
      count.textContent = `(${candidates.filter(c => !q || c.text.toLowerCase().includes(q))} shown)`;
    });

    async function showExamples(c, split) {
      drill.hidden = false;
      const tabs = ['train', 'validation', 'test'].map(s => el('button', {type: 'button', class: s === split ? 'tab active' : 'tab',
        onclick: () => showExamples(c, s)}, s));
      drill.replaceChildren(el('h2', {}, 'Per-example results of candidate ' + c.id), el('p', {class: 'instruction'}, c.text),
        el('div', {class: 'tabs'}, tabs), el('p', {class: 'muted'}, 'loading…'));
      const data = await getJson(api + '/candidates/' + c.id + '/examples?split=' + split);
      const rows = data.results.map(r => el('tr', {class: r.correct ? 'ok' : 'wrong'}, [
        el('td', {}, [el('div', {class: 'muted'}, r.example_id), el('pre', {class: 'output'}, r.question || '')]),
        el('td', {}, r.target === null || r.target === undefined ? '–' : r.target),
        el('td', {}, el('pre', {class: 'output'}, r.output || '')),
        el('td', {}, r.parsed_answer === null ? '–' : r.parsed_answer), el('td', {class: 'verdict'}, r.correct ? '✓ correct' : '✗ wrong')]));
      drill.replaceChildren(el('h2', {}, 'Per-example results of candidate ' + c.id), el('p', {class: 'instruction'}, c.text),
        el('div', {class: 'tabs'}, tabs), el('p', {class: 'muted'}, `${split}: ${data.accuracy_display}`),
        rows.length ? el('table', {class: 'grid', id: 'examples'}, [
          el('thead', {}, el('tr', {}, ['Question', 'Target', 'Model output', 'Parsed answer', 'Correct'].map(h => el('th', {}, h)))),
          el('tbody', {}, rows)]) : el('p', {class: 'muted'}, 'No results on this split.'));
    }

    return d => {
      const o = d.opro;
      const kept = o.candidates.filter(c => c.status === 'kept' && c.train !== null);
      let bestSoFar = -Infinity;
      const steps = [...new Set(kept.map(c => c.step))].sort((a, b) => a - b);
      const line = steps.map(s => { bestSoFar = Math.max(bestSoFar, ...kept.filter(c => c.step === s).map(c => c.train)); return [s, bestSoFar]; });
      llmoptChart.scatter(chart, [
        {label: 'instruction', color: '#7fa7d9', points: kept.map(c => [c.step, c.train, c.text])},
        {label: 'best so far', color: '#d9822b', points: line, line: true, dots: false},
      ], {yLabel: 'training accuracy', percent: true});
      metaTitle.textContent = o.meta_prompt_step >= 0 ? `Current meta-prompt (step ${o.meta_prompt_step})` : 'Current meta-prompt';
      meta.textContent = o.meta_prompt || 'No meta-prompt yet.';
      const q = search.value.trim().toLowerCase();
      candidates.filter(c => !q || c.text.toLowerCase().includes(q));
      count.textContent = `(${candidates.set(o.candidates)} of ${o.candidates.length})`;
      best = o.best ? o.best.text : null;
    };
  }

  // ------------------------------------------------------------------ numeric runs
  function numericView() {
    const chart = el('div', {class: 'chart', id: 'value-chart'});
    const extra = el('div', {class: 'chart-row'});
    const facts = el('section', {class: 'facts'});
    const table = el('table', {class: 'grid', id: 'evaluations'}, [el('thead'), el('tbody')]);
    view.replaceChildren(el('h2', {}, 'Values per step'), facts, chart, extra, el('h2', {}, 'Evaluations'), table);
    const evaluations = sortableTable(table, [
      {key: 'step', label: 'Step', sort: true}, {key: 'solution_text', label: 'Solution'},
      {key: 'value', label: 'Value', sort: true}, {key: 'error', label: 'Error'},
    ], e => el('tr', {}, [el('td', {class: 'num'}, e.step), el('td', {}, el('code', {}, e.solution_text)),
      el('td', {class: 'num'}, num(e.value)), el('td', {class: 'muted'}, e.error || '')]));
    evaluations.sortBy('step', -1);
    return d => {
      const n = d.numeric, max = n.direction === 'maximize';
      clear(facts).append(fact('best value', num(n.best_value)), fact('reference', num(n.reference_value) + (n.reference_method ? ' (' + n.reference_method + ')' : '')),
        fact('gap', n.gap === null ? '–' : pct(n.gap)), fact('direction', n.direction),
        fact('evaluations', String(n.evaluations.length)), fact('failures', String(n.evaluations.filter(e => e.value === null).length)));
      const ok = n.evaluations.filter(e => e.value !== null);
      let b = null;
      const steps = [...new Set(ok.map(e => e.step))].sort((x, y) => x - y);
      const line = steps.map(s => { ok.filter(e => e.step === s).forEach(e => { b = b === null ? e.value : max ? Math.max(b, e.value) : Math.min(b, e.value); }); return [s, b]; });
      const series = [{label: 'evaluated', color: '#7fa7d9', points: ok.map(e => [e.step, e.value, JSON.stringify(e.solution)])},
        {label: 'best so far', color: '#d9822b', points: line, line: true, dots: false}];
      if (n.reference_value !== null && steps.length) {
        series.push({label: 'reference', color: '#2a9d55', points: [[steps[0], n.reference_value], [steps[steps.length - 1], n.reference_value]], line: true, dots: false});
      }
      const values = ok.map(e => e.value).filter(v => v > 0);
      const yLog = values.length === ok.length && values.length > 1 && Math.max(...values) / Math.min(...values) > 100;
      llmoptChart.scatter(chart, series, {yLabel: yLog ? 'value (log)' : 'value', yLog});
      const s = n.summary || {};
      const panels = [];
      const explored = ok.filter(e => Array.isArray(e.wb));
      if (explored.length) {
        // the server reads (w, b) from either shape a producer stores: [w, b] or {w, b}
        const wb = el('div', {class: 'chart small-chart', id: 'wb-chart'});
        const truth = n.true_w !== null && n.true_w !== undefined ? [{label: 'true (w, b)', color: '#b23a48', points: [[n.true_w, n.true_b]]}] : [];
        llmoptChart.scatter(wb, [{label: 'explored (w, b)', color: '#7fa7d9', points: explored.map(e => [e.wb[0], e.wb[1]])}].concat(truth),
          {xLabel: 'w', yLabel: 'b'});
        panels.push(el('div', {}, [el('h3', {}, 'Explored (w, b)'), wb]));
      }
      const baselines = s.baselines && typeof s.baselines === 'object' ? Object.entries(s.baselines).filter(([, b]) => Array.isArray(b.best_curve)) : [];
      if (baselines.length) {
        // best so far against evaluations: OPRO's per step, each baseline's per evaluation, on the same budget
        const colors = ['#d9822b', '#2457a6', '#2a9d55', '#b23a48', '#7a5195'];
        const curve = (xs, ys) => xs.map((x, i) => [x, ys[i]]).filter(p => p[1] !== null && p[1] !== undefined);
        const opro = Array.isArray(s.evaluations_curve) && Array.isArray(s.best_curve) ? curve(s.evaluations_curve, s.best_curve) : [];
        const lines = [{label: 'opro', color: colors[0], points: opro, line: true, dots: false}].concat(baselines.map(([name, b], i) =>
          ({label: name, color: colors[(i + 1) % colors.length], points: curve(b.best_curve.map((_, j) => j + 1), b.best_curve), line: true, dots: false})));
        const bc = el('div', {class: 'chart', id: 'baselines-chart'});
        llmoptChart.scatter(bc, lines, {xLabel: 'evaluations', yLabel: 'best so far'});
        panels.push(el('div', {}, [el('h3', {}, 'OPRO and the baselines, same budget'), bc]));
      }
      if (Array.isArray(n.cities) && Array.isArray(n.best_tour)) {
        const t = el('div', {class: 'chart tour', id: 'tour-chart'});
        llmoptChart.tour(t, n.cities, n.best_tour);
        panels.push(el('div', {}, [el('h3', {}, 'Best tour'), t]));
      }
      extra.replaceChildren(...panels);
      evaluations.set(n.evaluations.map(e => Object.assign({solution_text: JSON.stringify(e.solution)}, e)));
      best = null;
    };
  }

  // ------------------------------------------------------------------ transfer runs
  // instructions × (scorer model · data set) as a heat map table: the cell's colour is its accuracy,
  // its text the accuracy, the 95% interval and, for the other instructions, the difference to the baseline and p
  function transferView() {
    const facts = el('section', {class: 'facts'});
    const table = el('table', {class: 'grid heat', id: 'transfer'});
    const note = el('p', {class: 'muted small'}, 'Each cell: accuracy [95% Wilson interval]; for the other instructions the' +
      ' difference to the baseline B on the same examples and the exact McNemar p. ★ best in the column.');
    view.replaceChildren(el('h2', {}, 'Transfer matrix'), facts, table, note);
    const label = i => i === 0 ? 'B' : String(i);
    const p = v => v < 0.001 ? '<0.001' : v.toFixed(3);
    let shown;
    return d => {
      const m = d.transfer.matrix;
      // redrawn only when the matrix changed: live updates of a finished run leave the table (and a selection in it) alone
      const key = JSON.stringify(m);
      if (key === shown) return;
      shown = key;
      if (!m) {
        clear(facts);
        table.replaceChildren(el('tbody', {}, el('tr', {}, el('td', {class: 'muted'},
          'The transfer has not scored every column yet; resume it to finish the matrix.'))));
        return;
      }
      clear(facts).append(fact('instructions', String(m.instructions.length)), fact('columns', String(m.columns.length)));
      const cells = {};
      m.cells.forEach(c => { cells[c.instruction + ':' + c.column] = c; });
      const head = el('tr', {}, [el('th', {}, '#'), el('th', {}, 'Instruction')].concat(m.columns.map(c =>
        el('th', {title: c.split + ', n = ' + c.examples}, c.model + ' · ' + c.dataset))));
      const rows = m.instructions.map((text, i) => el('tr', {}, [el('td', {}, label(i)),
        el('td', {class: 'instruction'}, text === '' ? el('span', {class: 'muted'}, '(empty instruction)') : text)].concat(
        m.columns.map((col, j) => {
          const c = cells[i + ':' + j];
          if (!c) return el('td', {class: 'muted'}, '–');
          const best = m.best[j] === i;
          // white at 0% to blue at 100%: the same scale as the report's heat map
          const shade = Math.round(255 - c.accuracy * 160);
          const lines = [el('b', {}, pct(c.accuracy) + (best ? ' ★' : '')),
            el('div', {class: 'small'}, '[' + pct(c.ci_lower) + ', ' + pct(c.ci_upper) + ']')];
          if (c.difference !== undefined) {
            lines.push(el('div', {class: 'small'}, (c.difference >= 0 ? '+' : '') + (c.difference * 100).toFixed(1) + ' · p ' + p(c.p_value)));
          }
          const td = el('td', {class: 'num cell', title: c.correct + ' of ' + c.examples + ' correct'}, lines);
          // through the CSSOM: the page's content security policy allows no inline style attribute
          td.style.backgroundColor = 'rgb(' + shade + ',' + Math.round(255 - c.accuracy * 90) + ',255)';
          return td;
        }))));
      table.replaceChildren(el('thead', {}, head), el('tbody', {}, rows));
      best = null;
    };
  }

  // ------------------------------------------------------------------ BPO runs
  function bpoView() {
    const rates = el('div');
    const judged = el('div', {id: 'judgements'});
    const pairs = el('div', {id: 'pairs'});
    const filter = el('select', {'aria-label': 'Outcome'}, ['all', 'win', 'tie', 'lose', 'invalid'].map(o => el('option', {value: o}, o)));
    view.replaceChildren(rates, el('h2', {}, ['Judged comparisons ', filter]), judged, pairs);
    let last = null;
    filter.addEventListener('change', () => last && draw(last));

    function side(title, prompt, response) {
      return el('div', {class: 'side'}, [el('h4', {}, title), el('pre', {class: 'prompt'}, prompt || ''),
        el('h4', {}, 'Response'), el('pre', {class: 'output'}, response || '(not recorded)')]);
    }

    function draw(b) {
      last = b;
      clear(rates);
      if (b.rates.length) {
        rates.append(el('h2', {}, 'Win rates of the rewritten prompt'), el('table', {class: 'grid', id: 'rates'}, [
          el('thead', {}, el('tr', {}, ['Category', 'n', 'Win', 'Tie', 'Lose', 'Invalid', 'Win rate (95% CI)', ''].map(h => el('th', {}, h)))),
          el('tbody', {}, b.rates.map(r => {
            const bar = el('div', {class: 'wtl'}, [['win', r.win_rate], ['tie', r.tie_rate], ['lose', r.lose_rate]].map(([k, v]) => {
              const seg = el('span', {class: 'wtl-' + k, title: k + ' ' + pct(v)});
              seg.style.width = (v * 100).toFixed(1) + '%';
              return seg;
            }));
            return el('tr', {class: r.category === 'all' ? 'total' : null}, [el('td', {}, r.category), el('td', {class: 'num'}, r.n),
              el('td', {class: 'num'}, r.win), el('td', {class: 'num'}, r.tie), el('td', {class: 'num'}, r.lose), el('td', {class: 'num'}, r.invalid),
              el('td', {class: 'num'}, `${pct(r.win_rate)} [${pct(r.win_low)}, ${pct(r.win_high)}]`), el('td', {class: 'bar-cell'}, bar)]);
          }))]));
      }
      const shown = b.judgements.filter(j => filter.value === 'all' || j.outcome === filter.value);
      judged.replaceChildren(...shown.slice(0, 100).map(j => el('article', {class: 'judgement', dataset: {id: j.id}}, [
        el('header', {}, [el('b', {}, j.id), j.category ? el('span', {class: 'muted'}, ' · ' + j.category) : null, ' ',
          el('span', {class: 'outcome o-' + j.outcome}, j.outcome),
          j.position_consistent === false ? el('span', {class: 'muted small'}, ' (judge disagreed with itself across orders)') : null]),
        el('p', {class: 'diff'}, j.diff.map(s => el(s.kind === 'equal' ? 'span' : s.kind === 'insert' ? 'ins' : 'del', {}, s.text + ' '))),
        el('div', {class: 'sides'}, [side('Original prompt', j.original, j.original_response), side('Rewritten prompt', j.rewritten, j.rewritten_response)]),
        j.explanation ? el('div', {class: 'explanation'}, [el('h4', {}, "Judge's explanation"), el('pre', {class: 'output'}, j.explanation)]) : null,
      ])));
      if (shown.length > 100) judged.append(el('p', {class: 'muted'}, `${shown.length - 100} more in the export`));
      if (!b.judgements.length) judged.replaceChildren(el('p', {class: 'muted'}, 'No judged comparison yet.'));
      clear(pairs);
      if (b.pairs.length) {
        pairs.append(el('h2', {}, `Pairs (${b.pairs.filter(p => p.kept).length} of ${b.pairs.length} kept)`), el('table', {class: 'grid', id: 'pair-table'}, [
          el('thead', {}, el('tr', {}, ['Record', 'Category', 'User prompt', 'Optimized prompt', 'Kept'].map(h => el('th', {}, h)))),
          el('tbody', {}, b.pairs.map(p => el('tr', {class: p.kept ? null : 'dropped'}, [el('td', {}, p.id), el('td', {}, p.category || ''),
            el('td', {class: 'instruction'}, p.original || ''), el('td', {class: 'instruction'}, p.optimized || ''),
            el('td', {}, p.kept ? 'kept' : 'dropped: ' + (p.reason || ''))])))]));
      }
      best = null;
    }
    return d => draw(d.bpo);
  }

  // ------------------------------------------------------------------ OPRO sweeps
  function sweepView() {
    const COLORS = ['#0072b2', '#e69f00', '#009e73', '#d55e00', '#56b4e9', '#cc79a7', '#6e6e6e', '#b8a800'];
    const training = el('div', {class: 'chart', id: 'sweep-training-chart'});
    const test = el('div', {class: 'chart', id: 'sweep-test-chart'});
    const calls = el('div', {class: 'chart', id: 'sweep-calls-chart'});
    const settings = el('table', {class: 'grid', id: 'sweep-settings'}, [
      el('thead', {}, el('tr', {}, ['#', 'Setting', 'Runs', 'Training', 'Test (95% CI, n)', 'Calls', 'Cached', 'Cost'].map(h => el('th', {}, h)))),
      el('tbody')]);
    const runs = el('table', {class: 'grid', id: 'sweep-runs'}, [
      el('thead', {}, el('tr', {}, ['Setting', 'Seed', 'Run', 'Status', 'Best training', 'Test', 'Calls', 'Cost'].map(h => el('th', {}, h)))),
      el('tbody')]);
    view.replaceChildren(el('h2', {}, 'Settings'), settings,
      el('h2', {}, 'Training accuracy per step'), el('p', {class: 'muted small'}, 'Mean over each setting\'s runs of the best so far; faded lines: lowest and highest run.'), training,
      el('h2', {}, 'Test accuracy per setting'), el('p', {class: 'muted small'}, 'Pooled over the runs, with the 95% Wilson interval; x is the setting number.'), test,
      el('h2', {}, 'Calls per setting'), calls,
      el('h2', {}, 'Runs'), runs);
    return d => {
      const w = d.sweep;
      const color = s => COLORS[s.index % COLORS.length];
      clear(settings.querySelector('tbody')).append(...w.settings.map(s => el('tr', {}, [
        el('td', {class: 'num'}, s.index + 1), el('td', {}, s.label), el('td', {class: 'num'}, s.completed + '/' + s.runs),
        el('td', {class: 'num'}, pct(s.final_train)), el('td', {class: 'num'}, s.test ? s.test.display : '–'),
        el('td', {class: 'num'}, s.calls.toLocaleString()), el('td', {class: 'num'}, s.cache_hits.toLocaleString()),
        el('td', {class: 'num'}, cost(s.cost))])));
      const series = [];
      w.settings.forEach(s => {
        series.push({label: (s.index + 1) + '. ' + s.label, color: color(s), line: true, dots: false, points: s.training.map(b => [b[0], b[1]])});
        if (s.runs > 1) {
          [2, 3].forEach(i => series.push({color: color(s) + '66', line: true, dots: false, points: s.training.map(b => [b[0], b[i]])}));
        }
      });
      llmoptChart.scatter(training, series, {yLabel: 'training accuracy', percent: true});
      const tested = w.settings.filter(s => s.test);
      llmoptChart.scatter(test, tested.flatMap(s => [
        {label: (s.index + 1) + '. ' + s.label, color: color(s), points: [[s.index + 1, s.test.accuracy, s.test.display]]},
        {color: color(s), line: true, dots: false, points: s.test.lower === undefined ? [] : [[s.index + 1, s.test.lower], [s.index + 1, s.test.upper]]},
      ]).concat(tested.length ? [{dots: false, points: [[0.5, tested[0].test.accuracy], [w.settings.length + 0.5, tested[0].test.accuracy]]}] : []),
      {xLabel: 'setting', yLabel: 'test accuracy', percent: true}); // the last series only pads the x axis
      llmoptChart.scatter(calls, [
        {label: 'calls', color: '#0072b2', line: true, points: w.settings.map(s => [s.index + 1, s.calls, s.label])},
        {label: 'of them cached', color: '#56b4e9', line: true, points: w.settings.map(s => [s.index + 1, s.cache_hits, s.label])},
      ], {xLabel: 'setting', yLabel: 'model calls'});
      clear(runs.querySelector('tbody')).append(...w.runs.map(r => el('tr', {}, [
        el('td', {}, (r.setting + 1) + '. ' + r.label), el('td', {class: 'num'}, r.repetition),
        el('td', {}, r.id ? el('a', {href: '/runs/' + encodeURIComponent(r.id)}, r.id) : '(deleted)'),
        el('td', {}, statusBadge(r.status)), el('td', {class: 'num'}, pct(r.best_train)), el('td', {class: 'num'}, r.test),
        el('td', {class: 'num'}, r.calls.toLocaleString()), el('td', {class: 'num'}, cost(r.cost))])));
      best = null;
    };
  }

  async function load() {
    let d;
    try {
      d = await getJson(api);
    } catch (e) {
      notice('Cannot load the run: ' + e.message);
      return;
    }
    render(d);
  }

  // the data last drawn, as text: the stream's first notice (and any with nothing new) redraws nothing,
  // so a reader's selection, an open row and the browser's references to elements survive it
  let drawn = null;
  function render(d) {
    const text = JSON.stringify(d);
    if (text === drawn) return;
    drawn = text;
    renderHead(d);
    if (!kindView) kindView = d.opro ? oproView() : d.sweep ? sweepView() : d.numeric ? numericView() : d.bpo ? bpoView() : d.transfer ? transferView() : () => {};
    kindView(d);
    document.getElementById('copy-best').hidden = !best;
  }

  document.getElementById('copy-best').addEventListener('click', async () => {
    notice(best && await copy(best) ? 'Best instruction copied to the clipboard.' : 'Copying failed: select the text in the table instead.');
  });
  document.getElementById('stop').addEventListener('click', async () => {
    if (!confirm('Stop this run? It finishes its current unit of work and can be resumed later.')) return;
    try {
      notice((await postJson(api + '/stop')).message);
      document.getElementById('stop').hidden = true;
    } catch (e) {
      notice('Could not stop the run: ' + e.message);
    }
  });

  // the first data first (inside the page, else fetched), then the live stream: a page whose stream
  // is open never looks settled to headless browsers (screenshots, crawlers), so content must not wait for it
  const first = firstData();
  if (first) render(first);
  (first ? Promise.resolve() : load()).finally(() => follow(api + '/live', {activity: throttle(load, 700), deleted: () => notice('This run was deleted.')}));
})();
