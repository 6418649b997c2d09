// Small SVG charts drawn with DOM calls (no HTML parsing, no library): a scatter of points per
// step with a best-so-far line, and a tour plot for TSP runs.
'use strict';

const llmoptChart = (() => {
  const NS = 'http://www.w3.org/2000/svg';
  const W = 720, H = 300, M = {l: 56, r: 16, t: 14, b: 38};

  function svg(tag, attrs, text) {
    const n = document.createElementNS(NS, tag);
    for (const [k, v] of Object.entries(attrs || {})) n.setAttribute(k, v);
    if (text !== undefined) n.textContent = text;
    return n;
  }

  function ticks(lo, hi, count) {
    if (lo === hi) { lo -= 1; hi += 1; }
    const step = Math.pow(10, Math.floor(Math.log10((hi - lo) / count)));
    const nice = [1, 2, 5, 10].map(m => m * step).find(s => (hi - lo) / s <= count) || step * 10;
    const out = [];
    for (let v = Math.ceil(lo / nice) * nice; v <= hi + 1e-9; v += nice) out.push(+v.toPrecision(12));
    return out;
  }

  /**
   * Ticks of a log axis, as log10 values: the powers of ten in [lo, hi], with 2 and 5 times them
   * added when fewer than three powers fall inside, so the labels are values ("100", "500"), never
   * fractional exponents ("1e2.5").
   */
  function logTicks(lo, hi) {
    const out = [];
    for (const m of [[1], [1, 2, 5], [1, 2, 3, 5, 7]]) {
      out.length = 0;
      for (let e = Math.floor(lo); e <= Math.ceil(hi); e++) {
        for (const k of m) {
          const t = e + Math.log10(k);
          if (t >= lo - 1e-9 && t <= hi + 1e-9) out.push(t);
        }
      }
      if (out.length >= 3) break;
    }
    return out;
  }

  /** A log axis label: the value itself, in powers of ten beyond what reads well in digits. */
  function logLabel(t) {
    const v = Math.pow(10, t);
    if (v >= 1e-3 && v < 1e6) return String(+v.toPrecision(3));
    const e = Math.floor(t + 1e-9), k = Math.round(v / Math.pow(10, e));
    const sup = String(e).replace(/./g, c => '⁻⁰¹²³⁴⁵⁶⁷⁸⁹'['-0123456789'.indexOf(c)]);
    return (k === 1 ? '' : k + '×') + '10' + sup;
  }

  /**
   * series: [{label, color, points: [[x, y, title?]], line: bool, dots: bool}]
   * options: {xLabel, yLabel, percent, yLog}
   */
  function scatter(container, series, options) {
    const all = series.flatMap(s => s.points);
    const root = svg('svg', {viewBox: `0 0 ${W} ${H}`, class: 'chart-svg', role: 'img'});
    if (all.length === 0) {
      root.appendChild(svg('text', {x: W / 2, y: H / 2, 'text-anchor': 'middle', class: 'axis-label'}, 'nothing scored yet'));
      container.replaceChildren(root);
      return;
    }
    const fy = options.yLog ? v => Math.log10(Math.max(v, 1e-12)) : v => v;
    let x0 = Math.min(...all.map(p => p[0])), x1 = Math.max(...all.map(p => p[0]));
    let y0 = Math.min(...all.map(p => fy(p[1]))), y1 = Math.max(...all.map(p => fy(p[1])));
    if (options.percent) { y0 = Math.max(0, Math.floor(y0 * 10) / 10); y1 = Math.min(1, Math.ceil(y1 * 10) / 10 || 1); }
    if (x0 === x1) { x0 -= 0.5; x1 += 0.5; }
    if (y0 === y1) { y0 -= 0.5; y1 += 0.5; }
    const pad = (y1 - y0) * 0.05; y0 -= options.percent ? 0 : pad; y1 += options.percent ? 0 : pad;
    const sx = x => M.l + (x - x0) / (x1 - x0) * (W - M.l - M.r);
    const sy = y => H - M.b - (fy(y) - y0) / (y1 - y0) * (H - M.t - M.b);
    const syRaw = y => H - M.b - (y - y0) / (y1 - y0) * (H - M.t - M.b);
    for (const t of options.yLog ? logTicks(y0, y1) : ticks(y0, y1, 6)) {
      root.appendChild(svg('line', {x1: M.l, x2: W - M.r, y1: syRaw(t), y2: syRaw(t), class: 'grid-line'}));
      const label = options.yLog ? logLabel(t) : options.percent ? Math.round(t * 100) + '%' : llmopt.num(t);
      root.appendChild(svg('text', {x: M.l - 6, y: syRaw(t) + 4, 'text-anchor': 'end', class: 'tick'}, label));
    }
    for (const t of ticks(x0, x1, 10).filter(t => Number.isInteger(t))) {
      root.appendChild(svg('text', {x: sx(t), y: H - M.b + 16, 'text-anchor': 'middle', class: 'tick'}, String(t)));
    }
    root.appendChild(svg('line', {x1: M.l, x2: W - M.r, y1: H - M.b, y2: H - M.b, class: 'axis'}));
    root.appendChild(svg('line', {x1: M.l, x2: M.l, y1: M.t, y2: H - M.b, class: 'axis'}));
    root.appendChild(svg('text', {x: (W + M.l) / 2, y: H - 4, 'text-anchor': 'middle', class: 'axis-label'}, options.xLabel || 'step'));
    root.appendChild(svg('text', {x: 14, y: (H - M.b) / 2, 'text-anchor': 'middle', class: 'axis-label',
      transform: `rotate(-90 14 ${(H - M.b) / 2})`}, options.yLabel || ''));
    series.forEach(s => {
      if (s.line && s.points.length > 0) {
        const d = s.points.map((p, i) => (i ? 'L' : 'M') + sx(p[0]).toFixed(1) + ' ' + sy(p[1]).toFixed(1)).join(' ');
        root.appendChild(svg('path', {d, fill: 'none', stroke: s.color, 'stroke-width': 2}));
      }
      if (s.dots !== false) {
        s.points.forEach(p => {
          const c = svg('circle', {cx: sx(p[0]).toFixed(1), cy: sy(p[1]).toFixed(1), r: 4, fill: s.color, class: 'dot'});
          if (p[2]) c.appendChild(svg('title', {}, p[2]));
          root.appendChild(c);
        });
      }
    });
    const legend = llmopt.el('div', {class: 'legend'}, series.filter(s => s.label).map(s => {
      const swatch = llmopt.el('span', {class: 'swatch'});
      swatch.style.background = s.color;
      return llmopt.el('span', {}, [swatch, s.label]);
    }));
    container.replaceChildren(root, legend);
  }

  /** cities: [[x, y]], tour: [index] */
  function tour(container, cities, order) {
    const S = 300, P = 16;
    const xs = cities.map(c => c[0]), ys = cities.map(c => c[1]);
    const x0 = Math.min(...xs), x1 = Math.max(...xs), y0 = Math.min(...ys), y1 = Math.max(...ys);
    const span = Math.max(x1 - x0, y1 - y0) || 1;
    const px = x => P + (x - x0) / span * (S - 2 * P), py = y => S - P - (y - y0) / span * (S - 2 * P);
    const root = svg('svg', {viewBox: `0 0 ${S} ${S}`, class: 'tour-svg', role: 'img'});
    if (order && order.length > 1) {
      const pts = order.concat([order[0]]).map(i => px(cities[i][0]).toFixed(1) + ',' + py(cities[i][1]).toFixed(1));
      root.appendChild(svg('polyline', {points: pts.join(' '), fill: 'none', stroke: '#2457a6', 'stroke-width': 2}));
    }
    cities.forEach((c, i) => {
      root.appendChild(svg('circle', {cx: px(c[0]), cy: py(c[1]), r: 5, fill: '#d9822b'}));
      root.appendChild(svg('text', {x: px(c[0]) + 7, y: py(c[1]) - 6, class: 'tick'}, String(i)));
    });
    container.replaceChildren(root);
  }

  return {scatter, tour};
})();
