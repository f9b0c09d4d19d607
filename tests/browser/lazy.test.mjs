// The page is never held up by its charts: they are drawn one per task after the text, those
// near the viewport first, so a deep link far down gets its chart at once and no long task
// blocks input while the rest are drawn.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { useBrowser } from './lib.mjs';

const t = useBrowser({ report: true });

/** Records, from the first byte, the order in which charts get their drawing and every long
 *  task (over 50 ms) the main thread runs. */
const record = (context) => context.addInitScript(() => {
  window.__drawn = [];
  window.__long = [];
  new MutationObserver((records) => {
    for (const r of records) {
      for (const n of r.addedNodes) {
        const fig = n.nodeType === 1 && n.closest?.('figure.chart');
        if (fig && n.matches('svg, svg *, .chart-svg') && !window.__drawn.includes(fig.id)) window.__drawn.push(fig.id);
      }
    }
  }).observe(document, { childList: true, subtree: true });
  new PerformanceObserver((list) => {
    for (const e of list.getEntries()) window.__long.push(Math.round(e.duration));
  }).observe({ type: 'longtask' });
});

test('a deep link far down has its chart drawn before the charts at the top', async () => {
  const last = t.report.charts.at(-1).id;
  const first = t.report.charts[0].id;
  const { page, problems } = await t.open(`#/b/chart-${last}`, { viewport: { width: 1280, height: 800 } }, record);
  await page.waitForFunction(() => performance.getEntriesByName('fazhi:charts').length > 0);
  const drawn = await page.evaluate(() => window.__drawn);
  assert.equal(drawn.length, t.report.charts.length, `every chart is drawn in the end: ${drawn}`);
  assert.ok(drawn.indexOf(`chart-${last}`) < drawn.indexOf(`chart-${first}`), `drawn in the order ${drawn}`);
  assert.ok(drawn.indexOf(`chart-${last}`) < 4, `the linked chart is among the first drawn: ${drawn}`);
  assert.deepEqual(problems, []);
});

for (const [size, viewport] of [['phone', { width: 360, height: 740 }], ['desktop', { width: 1280, height: 800 }]]) {
  test(`no long task over 100 ms while the report loads and its charts are drawn (${size})`, async () => {
    const { page } = await t.open('', { viewport }, record);
    await page.waitForFunction(() => performance.getEntriesByName('fazhi:charts').length > 0);
    await page.evaluate(() => new Promise((r) => setTimeout(r, 200)));
    const long = await page.evaluate(() => window.__long);
    console.log(`${size}: long tasks ${JSON.stringify(long)} ms`);
    assert.ok(long.every((d) => d <= 100), `long tasks: ${long}`);
  });
}
