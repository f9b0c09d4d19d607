// A hostile report: every string the reader shows carries markup that would run script, load
// an image, refresh the page or link to javascript: if it ever reached innerHTML or an
// attribute unescaped, and the charted values are negative, zero over zero and huge. Loaded
// every way a report enters (the hosted reader's ?report=, with and without a strict CSP;
// the file picker; the offline file), the report must show as plain text, with no injected
// element, no script run and no navigation.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { hostileReport } from './hostile.mjs';
import {
  DIST, STRICT_CSP, cspViolations, recordCspViolations, serveDist, useBrowser,
} from './lib.mjs';

const t = useBrowser({ report: true });
let strict; // dist/ served again, with the strict CSP as a header
let tmp;
before(async () => {
  strict = await serveDist({ headers: { 'Content-Security-Policy': STRICT_CSP } });
  tmp = await mkdtemp(join(tmpdir(), 'fazhi-hostile-'));
});
after(async () => {
  strict?.server.close();
  if (tmp) await rm(tmp, { recursive: true, force: true });
});

/** Records script runs from the first byte, in every frame. */
const recordPwned = (context) => context.addInitScript(() => { window.__pwned = []; });

/** Records every navigation of the page's main frame after the first (after none, when the
 *  page is `loaded` already). */
function watchNavigation(page, loaded = false) {
  const seen = [];
  let first = !loaded;
  page.on('framenavigated', (f) => {
    if (f !== page.mainFrame()) return;
    if (first) first = false;
    else seen.push(f.url());
  });
  return seen;
}

/** Waits for the hostile report to show, uses the page as a reader would (every figure's
 *  tooltip, every chart's table, a search for the markup), then checks that nothing acted:
 *  no script ran, no element was injected, no javascript: URL, no navigation. */
async function exerciseAndCheck(page, url, navigations) {
  try {
    await exercise(page);
  } catch (e) {
    // A page that navigated away fails the waits above: say why.
    assert.deepEqual(navigations, [], 'the page did not navigate');
    throw e;
  }
  for (const f of page.frames()) {
    assert.deepEqual(await f.evaluate(() => window.__pwned ?? []), [], `no script ran (${f.url()})`);
    assert.deepEqual(await f.evaluate(() => [...document.querySelectorAll('[data-pwn]')].map((e) => e.outerHTML)), [], 'no element was injected');
    assert.equal(await f.evaluate(() => document.querySelectorAll('a[href^="javascript:" i], [src^="javascript:" i]').length), 0, 'no javascript: URL');
  }
  assert.deepEqual(navigations, [], 'the page did not navigate');
  assert.equal(page.url(), url);
}

async function exercise(page) {
  await page.locator('h1').filter({ hasText: '<img src=x data-pwn="meta.title"' }).waitFor({ timeout: 15_000 });
  await page.waitForFunction(() => performance.getEntriesByName('fazhi:charts').length > 0, null, { timeout: 15_000 });
  for (const mark of await page.locator('main .fact').all()) await mark.dispatchEvent('mouseover');
  for (const s of await page.locator('details.chart-data summary').all()) await s.click();
  await page.locator('#search-input').fill('<img');
  await page.locator('#search-list li').first().waitFor();
  // The negative figure cannot be drawn: the chart says so, in words.
  assert.match(await page.locator('#chart-neg').textContent(), /图表无法绘制：.*<img src=x data-pwn="neg\.l"/s);
  await page.waitForTimeout(300);
}

test('?report= a hostile report, phone and desktop, no CSP: text stays text', async () => {
  const body = JSON.stringify(hostileReport(t.report));
  for (const viewport of [{ width: 360, height: 740 }, { width: 1280, height: 800 }]) {
    const { page, problems } = await t.page('about:blank', { viewport }, async (c) => {
      await recordPwned(c);
      await c.route('**/hostile.json', (r) => r.fulfill({ contentType: 'application/json', body }));
    });
    const url = `${t.base}?report=hostile.json`;
    const navigations = watchNavigation(page);
    await page.goto(url);
    await exerciseAndCheck(page, url, navigations);
    assert.deepEqual(problems, []);
  }
});

test('?report= a hostile report under the strict CSP: no violation either', async () => {
  const body = JSON.stringify(hostileReport(t.report));
  const { page, problems } = await t.page('about:blank', { viewport: { width: 1280, height: 800 } }, async (c) => {
    await recordPwned(c);
    await recordCspViolations(c);
    await c.route('**/hostile.json', (r) => r.fulfill({ contentType: 'application/json', body }));
  });
  const url = `${strict.base}?report=hostile.json`;
  const navigations = watchNavigation(page);
  await page.goto(url);
  await exerciseAndCheck(page, url, navigations);
  assert.deepEqual(await cspViolations(page), []);
  assert.deepEqual(problems, []);
});

test('a hostile report from the file picker: text stays text', async () => {
  const { page, problems } = await t.open('', { viewport: { width: 1280, height: 800 } }, recordPwned);
  const navigations = watchNavigation(page, true);
  await page.locator('input[type=file]').setInputFiles({
    name: 'hostile.json', mimeType: 'application/json', buffer: Buffer.from(JSON.stringify(hostileReport(t.report))),
  });
  await exerciseAndCheck(page, t.base, navigations);
  assert.deepEqual(problems, []);
});

test('a hostile report in an offline file: text stays text', async () => {
  // The offline file with the hostile report as its data, written the way `package` writes
  // it (every < escaped), opened from file:// with the network off.
  const html = await readFile(`${DIST}shangcheng-2022.html`, 'utf8');
  const data = JSON.stringify(hostileReport(t.report)).replaceAll('<', '\\u003c');
  const island = /(<script type="application\/json" id="report-data">)[\s\S]*?(<\/script>)/;
  assert.match(html, island);
  const file = join(tmp, 'hostile.html');
  await writeFile(file, html.replace(island, (_, open, close) => open + data + close));
  const context = await t.newContext({ viewport: { width: 1280, height: 800 } });
  await recordPwned(context);
  await context.route('**/*', (r) => (/^(file|data|blob):/.test(r.request().url()) ? r.continue() : r.abort()));
  const page = await context.newPage();
  const errors = [];
  page.on('pageerror', (e) => errors.push(e.message));
  const navigations = watchNavigation(page);
  await page.goto(`file://${file}`);
  await exerciseAndCheck(page, `file://${file}`, navigations);
  assert.deepEqual(errors, []);
});
