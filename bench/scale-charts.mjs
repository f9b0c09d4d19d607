// A quick look at the scale, without the whole benchmark: for each K, loads
// DIST/?report=synth/synth-Kx.json (copy bench/out/synth/ from bench/run.sh into DIST/synth/) at
// 1280×800 with the CPU 4× slower (no network throttling, unlike bench/run.sh) and prints when
// the app's first heading appeared, when all charts were drawn and the long tasks.
//   node bench/scale-charts.mjs DIST K...
import { launch, serveDist } from '../tests/browser/lib.mjs';
const dir = process.argv[2];
const ks = process.argv.slice(3);
const { server, base } = await serveDist({ dir });
const browser = await launch();
for (const k of ks) {
  const context = await browser.newContext({ viewport: { width: 1280, height: 800 } });
  await context.addInitScript(() => { window.__long = []; new PerformanceObserver((l) => { for (const e of l.getEntries()) window.__long.push(Math.round(e.duration)); }).observe({ type: 'longtask' }); });
  const page = await context.newPage();
  const cdp = await context.newCDPSession(page);
  await cdp.send('Emulation.setCPUThrottlingRate', { rate: 4 });
  const t0 = Date.now();
  await page.goto(`${base}?report=synth/synth-${k}x.json`);
  await page.locator('#main h2').first().waitFor({ timeout: 300000 });
  const first = Date.now() - t0;
  await page.waitForFunction(() => performance.getEntriesByName('fazhi:charts').length > 0, null, { timeout: 300000, polling: 500 });
  const r = await page.evaluate(() => ({ drawn: Math.round(performance.getEntriesByName('fazhi:charts-drawn')[0].startTime), long: window.__long }));
  const max = Math.max(...r.long);
  const over200 = r.long.filter((d) => d > 200).length;
  console.log(`${k}x: app heading at ~${first} ms (wall), all charts drawn at ${r.drawn} ms, long tasks ${r.long.length}, max ${max} ms, over 200 ms: ${over200}`);
  await context.close();
}
await browser.close();
server.close();
