// The peer: the same report JSON, the same text and the same charts (an overview first with the
// key figures and the list of charts, each chart once after the block that states its figures,
// as the reader shows them), drawn with ECharts.
// Charts are drawn after the first frame with the text, as the reader does, so the comparison is
// about the chart library and not about when drawing starts. Animation is off so that
// `finished` marks a drawn chart rather than the end of a one-second tween.
/* global echarts */
(async () => {
  const report = await (await fetch('shangcheng-2022.json')).json();
  const facts = new Map(report.facts.map((f) => [f.id, f]));
  const el = (tag, attrs = {}, ...kids) => {
    const e = document.createElement(tag);
    for (const [k, v] of Object.entries(attrs)) e.setAttribute(k, v);
    for (const k of kids) if (k != null) e.append(k);
    return e;
  };

  // Where each chart goes in the text: the block stating its first figure (a point's parent).
  const parentOf = new Map();
  const walk = (b, parent) => { parentOf.set(b.id, parent); b.children.forEach((c) => walk(c, b)); };
  report.blocks.forEach((b) => walk(b, null));
  const anchorOf = (def) => {
    const f = facts.get(def.facts[0]);
    if (!f) return null;
    const p = parentOf.get(f.block);
    return f.block.match(/e\d+$/) && p ? p.id : f.block;
  };
  const chartsAt = new Map();
  report.charts.forEach((def) => {
    const at = anchorOf(def);
    if (!chartsAt.has(at)) chartsAt.set(at, []);
    chartsAt.get(at).push(def);
  });

  const pending = []; // [container, def] to draw once the text is on screen
  const figure = (prefix, def) => {
    const id = prefix + def.id;
    const box = el('div', { class: 'chart-canvas' });
    const rows = def.form === 'part' ? 1 : def.facts.length;
    box.style.height = `${rows * 44 + (def.form === 'part' ? 90 : 40)}px`;
    pending.push([box, def]);
    const label = (i) => def.labels[i] || facts.get(def.facts[i]).label;
    const items = def.facts.map((fid, i) => `${label(i)} ${facts.get(fid).text}`).join('，');
    const summary = def.total
      ? `${facts.get(def.total).label} ${facts.get(def.total).text}，其中${items}。`
      : `${items}。`;
    return el('figure', { id, class: 'chart', 'aria-labelledby': `${id}-t` },
      el('figcaption', {},
        el('span', { class: 'chart-title', id: `${id}-t` }, def.title),
        el('span', { class: 'chart-summary' }, summary)),
      box);
  };

  const prose = (b) => {
    const p = el('p', {}, b.text);
    b.children.filter((c) => c.kind === 'point').forEach((c) =>
      p.append(el('span', { id: c.id }, (c.number ?? '') + (c.title ?? '') + c.text)));
    return p;
  };
  const block = (b) => {
    const kids = () => [
      ...(chartsAt.get(b.id) ?? []).map((d) => figure('chart-', d)),
      ...b.children.filter((c) => c.kind !== 'point').map(block),
    ];
    const head = (b.number ?? '') + (b.title ?? '');
    if (b.kind === 'chapter' || b.kind === 'section') {
      const h = el(b.kind === 'chapter' ? 'h2' : 'h3', { id: `${b.id}-h` }, head);
      const hasProse = b.text || b.children.some((c) => c.kind === 'point');
      return el('section', { id: b.id, 'aria-labelledby': `${b.id}-h` }, h, hasProse ? prose(b) : null, ...kids());
    }
    if (b.kind === 'signature') return el('p', { id: b.id, class: 'signature' }, b.text);
    const p = prose(b);
    if (b.title) p.prepend(el('strong', {}, head));
    else if (b.number) p.prepend(b.number);
    return el('div', { id: b.id }, p, ...kids());
  };

  const m = report.meta;
  document.title = m.title;
  const masthead = document.getElementById('masthead');
  masthead.replaceChildren(
    m.issuer ? el('p', { class: 'issuer' }, m.issuer) : null,
    el('h1', { id: 'top' }, m.title),
    el('p', { class: 'dates' }, [m.signed && `成文日期 ${m.signed}`, m.published && `发布日期 ${m.published}`].filter(Boolean).join(' · ')),
  );
  const main = document.getElementById('main');
  const cards = el('ul', { class: 'cards' }, ...report.cards.map((id) => {
    const f = facts.get(id);
    return el('li', { class: 'card' }, el('span', { class: 'card-value' }, f.text), el('span', {}, f.label));
  }));
  const list = el('details', {}, el('summary', {}, '全部图表'),
    el('ol', {}, ...report.charts.map((d) => el('li', {}, el('a', { href: `#chart-${d.id}` }, d.title)))));
  main.append(el('section', { id: 'indicators', 'aria-labelledby': 'indicators-h' },
    el('h2', { id: 'indicators-h' }, '主要数据'), cards, list));
  report.blocks.forEach((b) => main.append(block(b)));

  const option = (def) => {
    const label = (i) => def.labels[i] || facts.get(def.facts[i]).label;
    const fs = def.facts.map((id) => facts.get(id));
    const base = { animation: false, grid: { left: 8, right: 72, top: 8, bottom: 8, containLabel: true }, tooltip: {} };
    if (def.form === 'part') {
      const total = facts.get(def.total);
      return {
        ...base,
        grid: { ...base.grid, top: 40 },
        legend: { top: 0 },
        xAxis: { type: 'value', max: Math.max(total.value, fs.reduce((s, f) => s + f.value, 0)) },
        yAxis: { type: 'category', data: [total.label], axisLabel: { width: 120, overflow: 'truncate' } },
        series: [
          { type: 'bar', name: `${total.label}（合计）`, data: [total.value], barGap: '-100%', itemStyle: { color: '#e5e7eb' },
            label: { show: true, position: 'right', formatter: total.text }, z: 1 },
          ...fs.map((f, i) => ({ type: 'bar', name: label(i), stack: 'parts', data: [f.value], z: 2,
            label: { show: true, formatter: f.text } })),
        ],
      };
    }
    return {
      ...base,
      xAxis: { type: 'value', ...(def.form === 'rate' ? { max: 100, axisLabel: { formatter: '{value}%' } } : {}) },
      yAxis: { type: 'category', inverse: true, data: fs.map((_, i) => label(i)), axisLabel: { width: 140, overflow: 'truncate' } },
      series: [{ type: 'bar', data: fs.map((f) => f.value),
        label: { show: true, position: 'right', formatter: (p) => fs[p.dataIndex].text } }],
    };
  };

  requestAnimationFrame(() => setTimeout(() => {
    performance.mark('peer:charts-start');
    let left = pending.length;
    for (const [box, def] of pending) {
      const chart = echarts.init(box);
      chart.on('finished', function done() {
        chart.off('finished', done);
        if (--left === 0) {
          performance.mark('peer:charts-drawn');
          performance.measure('peer:charts', 'peer:charts-start', 'peer:charts-drawn');
        }
      });
      chart.setOption(option(def));
    }
    addEventListener('resize', () => pending.forEach(([box]) => echarts.getInstanceByDom(box)?.resize()));
  }, 0));
})();
