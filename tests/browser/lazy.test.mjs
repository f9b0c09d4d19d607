// The page is never held up by its charts: they are drawn one per task after the text, those
// near the viewport first, so a deep link far down gets its chart at once and no long task
// blocks input while the rest are drawn. (Starting the wasm and rendering the whole report are
// still long tasks on a slow phone: issue 15.)
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { useBrowser } from './lib.mjs';

const t = useBrowser({ report: true });

/** Records, from the first byte, the order in which charts get their drawing and every long
 *  task (over 50 ms) the main thread runs. */
const record = (context) => context.addInitScript(() => {
  window.__drawn = [];
  window.__batches = [];
  window.__long = [];
  // A MutationObserver's callback runs once at the end of each task that changed the page: the
  // charts that appear in one callback were drawn in one task.
  new MutationObserver((records) => {
    const batch = [];
    for (const r of records) {
      for (const n of r.addedNodes) {
        const fig = n.nodeType === 1 && n.closest?.('figure.chart');
        if (fig && n.matches('svg') && !window.__drawn.includes(fig.id)) batch.push(fig.id);
      }
    }
    if (batch.length) {
      window.__drawn.push(...batch);
      window.__batches.push(batch.length);
    }
  }).observe(document, { childList: true, subtree: true });
  new PerformanceObserver((list) => {
    for (const e of list.getEntries()) window.__long.push([Math.round(e.startTime), Math.round(e.duration)]);
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
  test(`the charts are drawn in batches, never all in one task, CPU 4x slower (${size})`, async () => {
    // A slower phone, as the benchmark's profile: Chromium's CPU throttling, from before the
    // page's first byte.
    const context = await t.newContext({ viewport });
    await record(context);
    const page = await context.newPage();
    const cdp = await context.newCDPSession(page);
    await cdp.send('Emulation.setCPUThrottlingRate', { rate: 4 });
    await page.goto(t.base);
    await page.waitForFunction(() => performance.getEntriesByName('fazhi:charts').length > 0);
    const [batches, long, start, end] = await page.evaluate(() => [window.__batches, window.__long,
      ...['fazhi:charts-start', 'fazhi:charts-drawn'].map((m) => Math.round(performance.getEntriesByName(m)[0].startTime))]);
    console.log(`${size}: charts per task ${JSON.stringify(batches)}, drawn from ${start} to ${end} ms; long tasks [start, ms] ${JSON.stringify(long)}`);
    assert.equal(batches.reduce((a, b) => a + b, 0), t.report.charts.length);
    // Those near the viewport together, then in batches sized to the rounds' cost.
    assert.ok(batches.length >= 3 && Math.max(...batches) < t.report.charts.length, `charts drawn per task: ${batches}`);
  });
}
