// First paint: the report is in the page itself (pre-rendered by `package`), so it shows before
// the wasm arrives and without JavaScript at all; the app then replaces it, without showing
// anything twice and without losing the reader's place.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { appReady, useBrowser } from './lib.mjs';

const TITLE = '商城县人民政府关于2022年法治政府建设情况的报告';
const CHAPTERS = ['一、工作总体开展情况', '二、存在的问题', '三、下一步工作打算'];
const t = useBrowser();

/** Holds every request for the wasm until `release()` is called. */
async function holdWasm(page) {
  let release;
  const gate = new Promise((r) => { release = r; });
  await page.route('**/*.wasm', async (route) => {
    await gate;
    await route.continue();
  });
  return () => release();
}

test('without JavaScript the title, the chapters and the text are there', async () => {
  const context = await t.newContext({ javaScriptEnabled: false });
  const page = await context.newPage();
  await page.goto(t.base);
  assert.equal(await page.title(), TITLE);
  assert.ok(await page.getByRole('heading', { level: 1, name: TITLE }).isVisible());
  for (const c of CHAPTERS) {
    assert.ok(await page.getByRole('heading', { level: 2, name: c }).isVisible(), c);
  }
  assert.ok(await page.getByText('行政机关负责人出庭应诉率为82.14%').isVisible(), 'a sentence of the text');
  assert.ok(await page.getByText('浏览器未启用 JavaScript').isVisible(), 'it says what is missing');
  // Nothing claims to be loading when nothing will load.
  assert.equal(await page.locator('.boot-status').isVisible(), false);
});

test('while the wasm loads: title, text and a loading line; then the app, shown once', async () => {
  const context = await t.newContext();
  const page = await context.newPage();
  const release = await holdWasm(page);
  await page.goto(t.base);
  assert.ok(await page.getByRole('heading', { level: 1, name: TITLE }).isVisible());
  const loading = page.getByRole('status').filter({ hasText: '正在加载阅读器' });
  assert.ok(await loading.isVisible());
  assert.ok(await page.getByRole('heading', { level: 2, name: CHAPTERS[1] }).isVisible());
  assert.equal(await page.locator('#main').count(), 0, 'the app has not mounted');
  release();
  await appReady(page);
  assert.equal(await page.locator('#prerender').count(), 0);
  assert.equal(await page.locator('h1').count(), 1);
  assert.equal(await page.locator('h2', { hasText: CHAPTERS[1] }).count(), 1);
  assert.equal(await page.getByText('正在加载阅读器').count(), 0);
  assert.equal(await page.getByText('现将有关情况报告如下').count(), 1);
});

test('a reader who scrolled the pre-rendered text keeps their place when the app arrives', async () => {
  const context = await t.newContext({ viewport: { width: 1000, height: 800 } });
  const page = await context.newPage();
  const release = await holdWasm(page);
  await page.goto(t.base);
  const block = page.locator('#prerender [data-b="c1s4"]');
  await block.evaluate((e) => window.scrollTo(0, e.getBoundingClientRect().top + scrollY - 150));
  const before = await block.evaluate((e) => e.getBoundingClientRect().top);
  release();
  await appReady(page);
  await page.waitForFunction(() => {
    const top = document.getElementById('c1s4')?.getBoundingClientRect().top;
    return top !== undefined && top > 0 && top < 400;
  });
  const after = await page.locator('#c1s4').evaluate((e) => e.getBoundingClientRect().top);
  assert.ok(Math.abs(after - before) < 60, `the section stayed put (${before}px -> ${after}px)`);
});

for (const [size, viewport] of [['phone', { width: 360, height: 740 }], ['desktop', { width: 1280, height: 800 }]]) {
  test(`a link followed while the pre-rendered text shows scrolls to its block (${size})`, async () => {
    const context = await t.newContext({ viewport });
    const page = await context.newPage();
    const release = await holdWasm(page);
    const topOf = (id) => page.locator(`#prerender [data-b="${id}"]`).evaluate((e) => e.getBoundingClientRect().top);
    const at = (id) => page.waitForFunction((b) => {
      const top = document.querySelector(`#prerender [data-b="${b}"]`).getBoundingClientRect().top;
      return Math.abs(top) < 2;
    }, id);
    // Opened at a deep link, then the address changed twice (a link clicked, the address bar).
    await page.goto(`${t.base}#/b/c2`);
    await at('c2');
    await page.evaluate(() => { location.hash = '#/b/c1s4'; });
    await at('c1s4');
    await page.evaluate(() => { location.hash = '#c1s6'; });
    await at('c1s6');
    assert.ok(await topOf('c1s4') < -100, 'the page moved on');
    assert.equal(await page.locator('#main').count(), 0, 'all before the app mounted');
    release();
    await appReady(page);
    await page.waitForFunction(() => {
      const top = document.getElementById('c1s6')?.getBoundingClientRect().top;
      return top !== undefined && top >= 0 && top < 200;
    });
  });
}
