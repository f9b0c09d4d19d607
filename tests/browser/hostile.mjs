// A hostile report for the browser tests: the bundled report with markup in every string the
// reader shows and hostile figures (negative, zero over zero, huge, subnormal) charted. It
// stays a valid report: ids, references and offsets are untouched or made right.

/** Markup that acts wherever it is parsed as HTML: each piece is marked `data-pwn` and
 *  reports to window.__pwned if it runs. Without a digit (the refresh's "." is a zero delay),
 *  so chart labels carrying it pass the figure rules and reach the drawing. */
export const markup = (where) => {
  const tag = where.replace(/[0-9]/g, (d) => 'abcdefghij'[d]);
  return `<img src=x data-pwn="${tag}" onerror="window.__pwned.push('${tag}')">`
    + `<meta data-pwn="${tag}" http-equiv="refresh" content=".;url=about:blank#${tag}">`
    + `</script><script data-pwn="${tag}">window.__pwned.push('${tag}')</script>`
    + `<a data-pwn="${tag}" href="javascript:window.__pwned.push('${tag}')">链接</a>`;
};

const chars = (s) => [...s].length;

/** The bundled report with markup in every string field and hostile figures charted. */
export function hostileReport(base) {
  const r = structuredClone(base);
  const m = r.meta;
  for (const k of ['title', 'issuer', 'signed', 'site', 'published', 'source']) m[k] = markup(`meta.${k}`);
  m.site_url = "javascript:window.__pwned.push('meta.site_url')";
  for (const k of ['heading', 'breadcrumb', 'front', 'back']) m[k] = [markup(`meta.${k}`)];
  // Appended, so the offsets of the figures stated in each block stay right.
  const walk = (b) => {
    if (b.number) b.number += markup(`${b.id}.number`);
    if (b.title) b.title += markup(`${b.id}.title`);
    b.text += markup(`${b.id}.text`);
    b.children.forEach(walk);
  };
  r.blocks.forEach(walk);
  // Units keep what they were (a chart's units must agree, a rate's is %), with markup after.
  for (const f of r.facts) {
    f.label = markup(`${f.id}.label`);
    if (f.unit !== '%') f.unit += markup('unit');
  }
  r.card_labels = r.cards.map((id) => markup(`card.${id}`));
  for (const c of r.checks) c.detail = markup(`${c.id}.detail`);
  for (const c of r.charts) {
    c.title = markup(`${c.id}.title`);
    c.labels = c.labels.map((_, i) => markup(`${c.id}.labels${i}`));
  }
  // Figures whose own text is markup, stated at the end of the first item.
  const item = r.blocks.find((b) => b.kind === 'chapter').children[0].children[0];
  const added = [['neg', -5], ['huge', 1.7976931348623157e308], ['zero', 0], ['zero2', 0], ['tiny', 5e-324]]
    .map(([name, value], i) => {
      const text = markup(`fact-${name}`);
      const start = chars(item.text);
      item.text += text;
      return {
        id: `hostile-f${i}`, value, unit: `件${markup('unit')}`, qualifier: null, text,
        label: markup(`${name}.label`), block: item.id, field: 'text', start, end: start + chars(text),
      };
    });
  r.facts.push(...added);
  const id = (name) => added[['neg', 'huge', 'zero', 'zero2', 'tiny'].indexOf(name)].id;
  r.cards.push(...added.map((f) => f.id));
  r.card_labels.push(...added.map((f) => markup(`card.${f.id}`)));
  r.charts.push(
    { id: 'neg', title: markup('chart-neg'), form: 'bars', facts: [id('neg')], labels: [markup('neg.l')] },
    { id: 'huge', title: markup('chart-huge'), form: 'bars', facts: [id('huge'), id('tiny')], labels: [] },
    { id: 'nan', title: markup('chart-nan'), form: 'part', total: id('zero'), facts: [id('zero2')], labels: [] },
    { id: 'rate', title: markup('chart-rate'), form: 'rate', facts: [id('huge'), id('neg')], labels: [] },
  );
  r.checks.push({ id: 'khostile', relation: 'sum', total: id('zero'), parts: [id('zero2')], outcome: 'holds', detail: markup('check') });
  return r;
}

