// A quick look at a long report's first chapter and memory, without the whole benchmark: for
// each K, loads DIST/?report=synth/synth-Kx.json (bench/run.sh's bench/out/synth/ copied into
// DIST/synth/) at 1280×800 with the CPU 4× slower, as bench/measure.mjs does (no network
// throttling), and prints when the first chapter's heading (#c1-h) was painted by the app
// (Element Timing), the long tasks until SETTLE_MS after it, the DOM's elements and the wasm
// linear memory then. It does not wait for `fazhi:charts-drawn`: the charts of chapters never
// rendered are never drawn.
//   node bench/scale-first.mjs DIST K...
import { launch, serveDist } from '../tests/browser/lib.mjs';

const SETTLE_MS = 10_000;
const dir = process.argv[2];
const ks = process.argv.slice(3);
const { server, base } = await serveDist({ dir });
const browser = await launch();
for (const k of ks) {
  const context = await browser.newContext({ viewport: { width: 1280, height: 800 } });
  await context.addInitScript(() => {
    const B = window.__b = { own: null, long: [], memories: [] };
    new MutationObserver(() => document.getElementById('c1-h')?.setAttribute('elementtiming', 'own'))
      .observe(document, { childList: true, subtree: true });
    new PerformanceObserver((l) => {
      for (const e of l.getEntries()) if (e.identifier === 'own' && B.own === null) B.own = e.renderTime || e.loadTime;
    }).observe({ type: 'element', buffered: true });
    new PerformanceObserver((l) => { for (const e of l.getEntries()) B.long.push(Math.round(e.duration)); })
      .observe({ type: 'longtask', buffered: true });
    // wasm linear memory lives outside the JS heap: keep a handle to report it.
    for (const name of ['instantiate', 'instantiateStreaming']) {
      const orig = WebAssembly[name];
      WebAssembly[name] = async function (...a) {
        const r = await orig.apply(this, a);
        for (const v of Object.values((r.instance ?? r).exports ?? {})) if (v instanceof WebAssembly.Memory) B.memories.push(v);
        return r;
      };
    }
  });
  const page = await context.newPage();
  const cdp = await context.newCDPSession(page);
  await cdp.send('Emulation.setCPUThrottlingRate', { rate: 4 });
  await page.goto(`${base}?report=synth/synth-${k}x.json`);
  // Element Timing when it reports, else when the heading was first seen in the page.
  await page.waitForFunction(() => {
    if (document.getElementById('c1-h') && window.__b.seen === undefined) window.__b.seen = performance.now();
    return window.__b.seen !== undefined;
  }, null, { timeout: 300_000, polling: 'raf' });
  await page.waitForTimeout(SETTLE_MS);
  const r = await page.evaluate(() => ({
    own: Math.round(window.__b.own ?? window.__b.seen),
    long: window.__b.long,
    elements: document.getElementsByTagName('*').length,
    wasm: window.__b.memories.reduce((s, m) => s + m.buffer.byteLength, 0),
  }));
  const max = Math.max(0, ...r.long);
  console.log(`${k}x: first chapter painted at ${r.own} ms; long tasks ${r.long.length}, max ${max} ms, over 200 ms: ${r.long.filter((d) => d > 200).length}; ${r.elements} elements; wasm ${(r.wasm / 1048576).toFixed(1)} MB`);
  await context.close();
}
await browser.close();
server.close();
