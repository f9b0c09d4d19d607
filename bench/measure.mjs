// Loads each page many times in headless Chromium under a fixed CPU and network profile and
// records what a reader waits for: bytes, first chapter on screen, all charts drawn, main-thread
// blocking, memory; then loads our reader on synthetic reports 1x/10x/100x the seed's length.
//
// usage: node bench/measure.mjs --ours DIR --floor DIR --peer DIR --synth DIR
//                               [--runs 10] [--scale-runs 5] [--scales 1,10,100]
//                               [--drawn-wait 30] [--out FILE.json]
//
// Every page is measured by the same injected script (INIT below), so the three are timed alike:
//   first chapter  the render time Element Timing reports for the heading of the report's first
//                  part (an h2 "主要数据" of the overview that opens the page, or "一、…" of the
//                  first chapter, under the report's h1; the attribute is added by a
//                  MutationObserver before it is first painted), counted only if it intersects
//                  the viewport. Any rendering counts (the reader's pre-rendered HTML too); "own"
//                  counts only the headings with id "indicators-h" or "c1-h", the page's own
//                  rendering (the reader's app). A
//                  requestAnimationFrame poll is kept as a cross-check: the start of the frame
//                  after the heading is laid out in the viewport (later than the paint when a
//                  long task follows it, a little earlier than Element Timing's presentation
//                  time otherwise).
//   charts drawn   ours: the `fazhi:charts-drawn` mark; ECharts: the mark the page sets after the
//                  last chart's `finished` event; floor: the load event's end (the SVG is inline).
//   blocking       sum over long tasks starting before "charts drawn" of (duration − 50 ms).
//   heap           CDP Performance.getMetrics JSHeapUsedSize after a forced GC, once charts are
//                  drawn; wasm linear memory (not in the JS heap) reported beside it.
//   longest        the longest long task starting before "charts drawn".
// The scale test waits for "charts drawn" at most --drawn-wait seconds after the first chapter:
// a long report may by design draw only the charts near the viewport, so "all drawn" may never
// come. It then records null, and "blocking" and "longest" count until the wait ended. It also
// times a chart scrolled into view (chartAfterScroll) and search (searchLatency).
import { chromium } from 'playwright-core';
import { writeFile } from 'node:fs/promises';
import { loadavg } from 'node:os';
import { parseArgs } from 'node:util';
import { serveMounts } from './serve.mjs';

const { values: args } = parseArgs({
  options: {
    ours: { type: 'string' }, floor: { type: 'string' }, peer: { type: 'string' },
    synth: { type: 'string' }, runs: { type: 'string', default: '10' },
    'scale-runs': { type: 'string', default: '5' }, scales: { type: 'string', default: '1,10,100' },
    'drawn-wait': { type: 'string', default: '30' }, out: { type: 'string', default: 'bench/out/measure.json' },
  },
});

export const PROFILE = {
  cpu: 4,
  // Lighthouse's mobile profile ("Slow 4G", DevTools' former "Fast 3G"), applied per request by
  // Chromium: 150 ms added latency, 1.6 Mbit/s down, 750 kbit/s up.
  network: { offline: false, latency: 150, downloadThroughput: 1.6e6 / 8, uploadThroughput: 750e3 / 8 },
  viewport: { width: 1280, height: 800 },
};

const INIT = `(() => {
  const B = window.__bench = { chapter: null, own: null, chapterRaf: null, lcp: null, longtasks: [], memories: [] };
  const expect = __EXPECT__;
  // The report's first part: the heading of the overview that opens it ("主要数据", as the
  // reader, the floor and the peer lay it out) or of its first chapter ("一、…"), an h2 in a
  // document part whose h1 is the expected report's title (a pre-rendered copy of another report
  // does not count).
  const isChapter = (h) => {
    if (!/^\\s*(一、|主要数据)/.test(h.textContent)) return false;
    let a = h.parentElement;
    while (a && !a.querySelector('h1')) a = a.parentElement;
    return !!a && [...a.querySelectorAll('h1')].some((t) => t.textContent.includes(expect));
  };
  const seen = new WeakSet();
  new MutationObserver(() => {
    for (const h of document.getElementsByTagName('h2')) {
      if (seen.has(h)) continue;
      seen.add(h);
      // "own": the page's own rendering (the reader's app, not a pre-rendered copy).
      if (isChapter(h)) h.setAttribute('elementtiming', ['c1-h', 'indicators-h'].includes(h.id) ? 'own' : 'copy');
    }
  }).observe(document, { childList: true, subtree: true });
  new PerformanceObserver((list) => {
    for (const e of list.getEntries()) {
      const r = e.intersectionRect;
      if (!['own', 'copy'].includes(e.identifier) || r.width * r.height === 0) continue;
      const t = e.renderTime || e.loadTime;
      B.chapter = B.chapter === null ? t : Math.min(B.chapter, t);
      if (e.identifier === 'own') B.own = B.own === null ? t : Math.min(B.own, t);
    }
  }).observe({ type: 'element', buffered: true });
  const poll = () => {
    for (const h of document.getElementsByTagName('h2')) {
      const r = h.getBoundingClientRect();
      if (r.height > 0 && r.top < innerHeight && r.bottom > 0 && isChapter(h)) {
        requestAnimationFrame(() => { B.chapterRaf = performance.now(); });
        return;
      }
    }
    requestAnimationFrame(poll);
  };
  requestAnimationFrame(poll);
  new PerformanceObserver((list) => {
    for (const e of list.getEntries()) B.longtasks.push([e.startTime, e.duration]);
  }).observe({ type: 'longtask', buffered: true });
  // The last largest-contentful-paint candidate, and what it was.
  new PerformanceObserver((list) => {
    for (const e of list.getEntries()) {
      const el = e.element;
      const what = el ? el.tagName.toLowerCase() + (el.id ? '#' + el.id : '') + (el.className && typeof el.className === 'string' ? '.' + el.className.trim().split(/\\s+/).join('.') : '') : '(removed)';
      B.lcp = { time: e.startTime, what, text: (el?.textContent ?? '').trim().slice(0, 24) };
    }
  }).observe({ type: 'largest-contentful-paint', buffered: true });
  // wasm linear memory lives outside the JS heap: keep a handle to report it.
  for (const name of ['instantiate', 'instantiateStreaming']) {
    const orig = WebAssembly[name];
    WebAssembly[name] = async function (...a) {
      const r = await orig.apply(this, a);
      const inst = r.instance ?? r;
      for (const v of Object.values(inst.exports ?? {})) if (v instanceof WebAssembly.Memory) B.memories.push(v);
      return r;
    };
  }
})();`;

/** When the page's charts are all drawn, in ms since navigation start (or null while not). */
const DRAWN = {
  ours: () => performance.getEntriesByName('fazhi:charts-drawn')[0]?.startTime ?? null,
  peer: () => performance.getEntriesByName('peer:charts-drawn')[0]?.startTime ?? null,
  floor: () => {
    const n = performance.getEntriesByType('navigation')[0];
    return n && n.loadEventEnd > 0 ? n.loadEventEnd : null;
  },
};

async function launch() {
  // The browser tests' flags (tests/browser/lib.mjs).
  return chromium.launch({
    executablePath: process.env.CHROMIUM ?? '/usr/bin/chromium',
    args: [
      '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
      '--disable-background-networking', '--disable-component-update', '--disable-sync',
    ],
  });
}

/** One cold load of `url`; `kind` picks how "charts drawn" is read. With `drawnWait` (ms), "charts
 *  drawn" is waited for that long after the first chapter and is null if it did not come;
 *  without, the load fails if it does not come within `timeout`. */
async function loadOnce(browser, url, kind, { expect, search = false, scroll = false, timeout = 180_000, drawnWait = null }) {
  const context = await browser.newContext({ viewport: PROFILE.viewport });
  const page = await context.newPage();
  const errors = [];
  page.on('pageerror', (e) => errors.push(e.message));
  page.on('console', (m) => { if (m.type() === 'error') errors.push(m.text()); });
  await page.addInitScript(INIT.replace('__EXPECT__', JSON.stringify(expect)));
  const cdp = await context.newCDPSession(page);
  const reqs = new Map();
  cdp.on('Network.requestWillBeSent', (e) => {
    if (!e.request.url.startsWith('data:')) reqs.set(e.requestId, { url: e.request.url, raw: 0, wire: 0, done: false, t0: e.timestamp });
  });
  cdp.on('Network.dataReceived', (e) => { const r = reqs.get(e.requestId); if (r) r.raw += e.dataLength; });
  cdp.on('Network.loadingFinished', (e) => {
    const r = reqs.get(e.requestId);
    if (r) { r.wire = e.encodedDataLength; r.done = true; r.t1 = e.timestamp; }
  });
  cdp.on('Network.responseReceived', (e) => {
    const r = reqs.get(e.requestId);
    if (r) { r.status = e.response.status; r.encoding = e.response.headers['content-encoding'] ?? e.response.headers['Content-Encoding']; }
  });
  await cdp.send('Network.enable');
  await cdp.send('Network.setCacheDisabled', { cacheDisabled: true });
  await cdp.send('Network.emulateNetworkConditions', PROFILE.network);
  await cdp.send('Emulation.setCPUThrottlingRate', { rate: PROFILE.cpu });
  await cdp.send('Performance.enable');
  const t0 = Date.now();
  const left = () => Math.max(1000, timeout - (Date.now() - t0));
  await page.goto(url, { waitUntil: 'load', timeout });
  await page.waitForFunction(() => window.__bench.own !== null && window.__bench.chapterRaf !== null,
    null, { timeout: left(), polling: 100 });
  const drawnSrc = DRAWN[kind].toString();
  const waitDrawn = (ms) => page.waitForFunction((src) => (0, eval)(`(${src})`)() !== null, drawnSrc, { timeout: ms, polling: 100 });
  if (drawnWait === null) {
    await waitDrawn(left());
  } else {
    await waitDrawn(Math.min(drawnWait, left())).catch((e) => {
      if (e.name !== 'TimeoutError') throw e;
    });
  }
  // Where the load ends for "blocking" and "longest": charts drawn, else the end of the wait.
  const until = await page.evaluate((src) => (0, eval)(`(${src})`)() ?? performance.now(), drawnSrc);
  // Long tasks are reported after they end: give the last one time to arrive.
  await page.waitForTimeout(300);
  const m = await page.evaluate(([src, until]) => {
    const B = window.__bench;
    const drawn = (0, eval)(`(${src})`)();
    const during = B.longtasks.filter(([start]) => start < until);
    const blocking = during.reduce((s, [, d]) => s + Math.max(0, d - 50), 0);
    const longest = during.reduce((s, [, d]) => Math.max(s, d), 0);
    const fcp = performance.getEntriesByName('first-contentful-paint')[0]?.startTime ?? null;
    const wasm = B.memories.reduce((s, mem) => s + mem.buffer.byteLength, 0);
    const marks = Object.fromEntries(performance.getEntriesByType('mark').map((e) => [e.name, e.startTime]));
    return { chapter: B.chapter, own: B.own, chapterRaf: B.chapterRaf, lcp: B.lcp, drawn, until, blocking, longest, longtasks: B.longtasks.length, tasks: B.longtasks, marks, fcp, wasm };
  }, [drawnSrc, until]);
  if (scroll) {
    m.scrollChart = await chartAfterScroll(page);
    // Search is timed as before, from the top of the report.
    await page.evaluate(() => new Promise((r) => {
      window.scrollTo({ top: 0, behavior: 'instant' });
      setTimeout(r, 500);
    }));
  }
  if (search) m.search = await searchLatency(page);
  await cdp.send('HeapProfiler.collectGarbage');
  const metrics = Object.fromEntries((await cdp.send('Performance.getMetrics')).metrics.map((x) => [x.name, x.value]));
  m.heap = metrics.JSHeapUsedSize;
  m.nodes = metrics.Nodes;
  const list = [...reqs.values()];
  m.requests = list.length;
  m.bytesRaw = list.reduce((s, r) => s + r.raw, 0);
  m.bytesWire = list.reduce((s, r) => s + r.wire, 0);
  // Request start and end in ms from the first request (CDP timestamps are in seconds).
  const first = Math.min(...list.map((r) => r.t0));
  m.files = list.map((r) => ({
    url: r.url.replace(/^http:\/\/127\.0\.0\.1:\d+/, ''), status: r.status, raw: r.raw, wire: r.wire, encoding: r.encoding,
    start: (r.t0 - first) * 1000, end: r.t1 ? (r.t1 - first) * 1000 : null,
  }));
  m.errors = errors;
  await context.close();
  return m;
}

/** Keystroke-to-results time in the reader's search box, as tests/browser/search.test.mjs
 *  measures it: set the value, fire `input`, and wait one task for the reactive update. */
function searchLatency(page) {
  return page.evaluate(async () => {
    const box = document.getElementById('search-input');
    if (!box) return null;
    const tick = () => new Promise((r) => { const c = new MessageChannel(); c.port1.onmessage = r; c.port2.postMessage(0); });
    // The hits painted in the text (CSS.highlights' `search` entry set or deleted), which the
    // reader may do in a later task than the results: counted by wrapping the registry's calls.
    const reg = globalThis.CSS?.highlights;
    let paints = 0;
    for (const m of reg ? ['set', 'delete'] : []) {
      const f = reg[m].bind(reg);
      reg[m] = (...a) => { paints++; return f(...a); };
    }
    const out = [];
    const painted = [];
    for (let round = 0; round < 3; round++) {
      for (const q of ['行', '行政', '行政复', '行政复议', '行政复议申', '8', '82', '82.', '82.1', '82.14', '82.14%', '']) {
        // The results' count and blocks: a query with the same hits as the last ("82" then
        // "82.") has nothing new to paint, and the reader paints nothing.
        const shown = () => [document.querySelector('.results .count')?.textContent ?? '',
          ...[...document.querySelectorAll('.results [data-block]')].map((o) => o.dataset.block)].join(' ');
        const before = shown();
        const t0 = performance.now();
        const p0 = paints;
        box.value = q;
        box.dispatchEvent(new Event('input', { bubbles: true }));
        await tick();
        out.push(performance.now() - t0);
        const same = shown() === before;
        while (reg && !same && paints === p0 && performance.now() - t0 < 5000) await new Promise((r) => setTimeout(r, 0));
        painted.push(performance.now() - t0);
      }
    }
    const stats = (xs) => {
      xs.sort((a, b) => a - b);
      // p95 by nearest rank: of 36 keystrokes, the second slowest.
      return { median: xs[Math.floor(xs.length / 2)], p95: xs[Math.ceil(xs.length * 0.95) - 1], max: xs.at(-1), n: xs.length };
    };
    return { ...stats(out), painted: reg ? stats(painted) : null };
  });
}

/** From a scroll far down (to the middle of the report) to a chart in the viewport having its
 *  SVG, in ms, as a reader who scrolls sees it: each frame (requestAnimationFrame) looks for a
 *  `figure.chart` that intersects the viewport and has `.chart-svg svg`. Where the reader renders
 *  chapters only near the viewport, the chapter scrolled to may appear some time after the
 *  scroll, so no chart in view counts only once the page has settled (no DOM change for
 *  SETTLE_MS); then it scrolls on to the next chart below (the next one in the DOM, or a screen
 *  further down if none is there yet) and times from that scroll. A chart in view that has no
 *  SVG within WAIT_MS, or no chart after MAX_HOPS scrolls or TOTAL_MS, gives `ms: null` and why. */
function chartAfterScroll(page) {
  return page.evaluate(async ({ SETTLE_MS, WAIT_MS, MAX_HOPS, TOTAL_MS }) => {
    const frame = () => new Promise((r) => requestAnimationFrame(() => r(performance.now())));
    let changed = performance.now();
    const watch = new MutationObserver(() => { changed = performance.now(); });
    watch.observe(document.body, { childList: true, subtree: true });
    // Live, so the charts of chapters rendered later are in it; cheap to walk every frame.
    const charts = document.getElementsByClassName('chart');
    const figures = () => [...charts].filter((f) => f.tagName === 'FIGURE');
    const inView = () => figures().filter((f) => {
      const r = f.getBoundingClientRect();
      return r.height > 0 && r.bottom > 0 && r.top < innerHeight;
    });
    const start = performance.now();
    let top = document.scrollingElement.scrollHeight / 2;
    try {
      for (let hop = 1; hop <= MAX_HOPS; hop++) {
        // From before the call: a layout the scroll forces is part of the wait.
        const t0 = performance.now();
        window.scrollTo({ top, behavior: 'instant' });
        changed = t0;
        let seen = false;
        for (;;) {
          const t = await frame();
          const figs = inView();
          if (figs.some((f) => f.querySelector('.chart-svg svg'))) {
            return { ms: t - t0, hops: hop, y: Math.round(scrollY), of: Math.round(document.scrollingElement.scrollHeight) };
          }
          seen ||= figs.length > 0;
          if (t - t0 > WAIT_MS) {
            if (seen) return { ms: null, why: `a chart in view had no SVG ${WAIT_MS / 1000} s after the scroll`, hops: hop };
            break;
          }
          if (!seen && t - changed > SETTLE_MS) break;
        }
        if (performance.now() - start > TOTAL_MS) break;
        const below = figures().map((f) => f.getBoundingClientRect().top)
          .find((y) => y > innerHeight);
        top = scrollY + (below === undefined ? innerHeight : below - innerHeight / 3);
      }
      return { ms: null, why: `no chart came into view (${MAX_HOPS} scrolls or ${TOTAL_MS / 1000} s at most)` };
    } finally {
      watch.disconnect();
    }
  }, { SETTLE_MS: 500, WAIT_MS: 10_000, MAX_HOPS: 20, TOTAL_MS: 30_000 });
}

async function main() {
  const server = await serveMounts([
    ['/ours/synth/', args.synth],
    ['/ours/', args.ours],
    ['/floor/', args.floor],
    ['/peer/', args.peer],
  ]);
  const base = `http://127.0.0.1:${server.address().port}`;
  const browser = await launch();
  const version = browser.version();
  const seedTitle = '法治政府建设情况的报告';
  const variants = [
    ['ours', `${base}/ours/`, 'ours'],
    ['floor', `${base}/floor/`, 'floor'],
    ['peer', `${base}/peer/`, 'peer'],
  ];
  const runs = Number(args.runs);
  // Other work on the machine slows the runs: keep the load average to judge them by.
  const results = { date: new Date().toISOString(), chromium: version, profile: PROFILE, runs, loadavg: { start: loadavg() }, compare: {}, scale: {} };
  for (const [name] of variants) results.compare[name] = [];
  for (let r = 0; r < runs; r++) {
    // Rotate the order each round so no page always runs first (or last).
    for (let i = 0; i < variants.length; i++) {
      const [name, url, kind] = variants[(i + r) % variants.length];
      const m = await loadOnce(browser, url, kind, { expect: seedTitle });
      results.compare[name].push(m);
      console.log(`run ${r + 1}/${runs} ${name}: chapter ${m.chapter?.toFixed(0)} ms (own ${m.own?.toFixed(0)} ms), charts ${m.drawn?.toFixed(0)} ms, blocking ${m.blocking.toFixed(0)} ms, longest task ${m.longest.toFixed(0)} ms, ${m.requests} requests, ${(m.bytesWire / 1024).toFixed(1)} KB`);
    }
  }
  const scaleRuns = Number(args['scale-runs']);
  results.drawnWait = Number(args['drawn-wait']) * 1000;
  for (const k of args.scales.split(',').map(Number)) {
    results.scale[k] = [];
    for (let r = 0; r < scaleRuns; r++) {
      const m = await loadOnce(browser, `${base}/ours/?report=synth/synth-${k}x.json`, 'ours', {
        expect: '【合成测试数据，非真实报告】', search: true, scroll: true, timeout: 600_000, drawnWait: results.drawnWait,
      });
      results.scale[k].push(m);
      const sc = m.scrollChart.ms === null ? m.scrollChart.why : `${m.scrollChart.ms.toFixed(0)} ms`;
      console.log(`scale ${k}x run ${r + 1}/${scaleRuns}: chapter ${m.chapter?.toFixed(0)} ms (own ${m.own?.toFixed(0)} ms), charts ${m.drawn === null ? `not drawn within ${args['drawn-wait']} s` : `${m.drawn.toFixed(0)} ms`}, longest task ${m.longest.toFixed(0)} ms, chart after scroll ${sc}, search median ${m.search?.median.toFixed(1)} ms p95 ${m.search?.p95.toFixed(1)} ms, heap ${(m.heap / 1048576).toFixed(1)} MB, wasm ${(m.wasm / 1048576).toFixed(1)} MB`);
    }
  }
  results.loadavg.end = loadavg();
  await browser.close();
  server.close();
  await writeFile(args.out, JSON.stringify(results, null, 1));
  console.log(`wrote ${args.out}`);
}

await main();
