// A quick look at search at scale, without the whole benchmark: for each K, loads
// DIST/?report=synth/synth-Kx.json (SYNTH holds synth-Kx.json, as bench/run.sh writes them to
// bench/out/synth/) at 1280×800 with the CPU 4× slower, waits until the charts are drawn (as
// bench/measure.mjs does before it measures search), then times keystrokes as its
// searchLatency does: set the box's value, fire `input`, wait one task. Each keystroke is also
// timed to the end of the next frame (what the results and the painted hits wait for before
// they are seen). Prints median, p95 and max over RUNS page loads of 3 rounds of 12 keystrokes.
//   [WAIT=seconds] node bench/search-scale.mjs DIST SYNTH RUNS K...
import { launch } from '../tests/browser/lib.mjs';
import { serveMounts } from './serve.mjs';

const [dist, synth, runs, ...ks] = process.argv.slice(2);
const WAIT = Number(process.env.WAIT ?? 600);
const server = await serveMounts([['/synth/', synth], ['/', dist]]);
const base = `http://127.0.0.1:${server.address().port}/`;
const browser = await launch();

/** Keystrokes as bench/measure.mjs's searchLatency types them; per keystroke, the time to its
 *  results (one task) and to the end of the frame after them. */
const keystrokes = (page) => page.evaluate(async () => {
  const box = document.getElementById('search-input');
  const tick = () => new Promise((r) => { const c = new MessageChannel(); c.port1.onmessage = r; c.port2.postMessage(0); });
  const frame = () => new Promise((r) => requestAnimationFrame(() => tick().then(r)));
  const results = [];
  const frames = [];
  for (let round = 0; round < 3; round++) {
    for (const q of ['行', '行政', '行政复', '行政复议', '行政复议申', '8', '82', '82.', '82.1', '82.14', '82.14%', '']) {
      const t0 = performance.now();
      box.value = q;
      box.dispatchEvent(new Event('input', { bubbles: true }));
      await tick();
      results.push(performance.now() - t0);
      await frame();
      frames.push(performance.now() - t0);
    }
  }
  return { results, frames };
});

const stats = (xs) => {
  const s = [...xs].sort((a, b) => a - b);
  const at = (q) => s[Math.min(s.length - 1, Math.floor(s.length * q))];
  return `median ${at(0.5).toFixed(1)} ms, p95 ${at(0.95).toFixed(1)} ms, max ${s.at(-1).toFixed(1)} ms`;
};

for (const k of ks) {
  const all = { results: [], frames: [] };
  for (let r = 0; r < Number(runs); r++) {
    const context = await browser.newContext({ viewport: { width: 1280, height: 800 } });
    const page = await context.newPage();
    const cdp = await context.newCDPSession(page);
    await cdp.send('Emulation.setCPUThrottlingRate', { rate: 4 });
    await page.goto(`${base}?report=synth/synth-${k}x.json`);
    // Until the charts are drawn, or WAIT seconds (a long report's charts on a busy machine can
    // take many minutes; keystrokes then wait behind chart batches, which bench/run.sh avoids).
    await page.waitForFunction(() => performance.getEntriesByName('fazhi:charts').length > 0, null, { timeout: WAIT * 1000, polling: 500 })
      .catch(() => console.log(`${k}x: charts not drawn after ${WAIT} s: measuring anyway`));
    const t = await keystrokes(page);
    all.results.push(...t.results);
    all.frames.push(...t.frames);
    await context.close();
  }
  console.log(`${k}x search, ${all.results.length} keystrokes: to results ${stats(all.results)}; to the next frame ${stats(all.frames)}`);
}
await browser.close();
server.close();
