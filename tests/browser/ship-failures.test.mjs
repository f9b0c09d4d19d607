// Bad conditions: the report cannot be fetched (network error, server error, no answer), the
// reader program cannot be fetched, or the browser has no WebAssembly. Each ends in a message
// that says what happened and offers what still works; retrying really retries.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { appReady, useBrowser } from './lib.mjs';

const JSON_URL = '**/shangcheng-2022.json';
const t = useBrowser();

/** Routes the report JSON: the first `n` requests get `fail(route)`, later ones go through. */
async function failFirst(page, n, fail) {
  let seen = 0;
  await page.route(JSON_URL, (route) => (++seen <= n ? fail(route) : route.continue()));
  return () => seen;
}

for (const [what, fail, message] of [
  ['a network error', (r) => r.abort('internetdisconnected'), /网络错误，无法获取 shangcheng-2022\.json/],
  ['a server error', (r) => r.fulfill({ status: 503, body: 'busy' }), /服务器返回 503/],
]) {
  test(`the report fails with ${what}: a clear message, and 重试 loads it`, async () => {
    const context = await t.newContext();
    const page = await context.newPage();
    const requests = await failFirst(page, 1, fail);
    await page.goto(t.base);
    const alert = page.locator('.load-error [role="alert"]');
    await alert.waitFor();
    assert.match(await alert.textContent(), message);
    assert.equal(await page.locator('#prerender').count(), 0, 'the message is not buried under the text');
    await page.getByRole('button', { name: '重试' }).click();
    await appReady(page);
    assert.equal(requests(), 2, 'retrying fetched the report again (no page reload)');
    assert.equal(await page.locator('.load-error').count(), 0);
  });
}

test('a report that never arrives times out after 15 s with a message', async () => {
  const context = await t.newContext();
  const page = await context.newPage();
  await page.clock.install();
  const requests = await failFirst(page, 1, () => { /* never answer */ });
  await page.goto(t.base);
  // Let the app start and send the request, then pass the time limit on the page's clock.
  while (requests() === 0) await page.waitForTimeout(20);
  await page.clock.runFor(14_000);
  assert.equal(await page.locator('.load-error').count(), 0, 'not before 15 s');
  await page.clock.runFor(1_500);
  const alert = page.locator('.load-error [role="alert"]');
  await alert.waitFor();
  assert.match(await alert.textContent(), /获取 shangcheng-2022\.json 超时（15 秒内没有完成）/);
  await page.getByRole('button', { name: '重试' }).click();
  await appReady(page);
});

test('a refused ?report= offers no pointless retry', async () => {
  const context = await t.newContext();
  const page = await context.newPage();
  await page.goto(`${t.base}?report=${encodeURIComponent('https://example.com/r.json')}`);
  await page.locator('.load-error').waitFor();
  assert.equal(await page.getByRole('button', { name: '重试' }).count(), 0);
});

test('the reader program fails to download: the text stays, with a reload link', async () => {
  const context = await t.newContext();
  const page = await context.newPage();
  await page.route('**/*.wasm', (r) => r.abort('internetdisconnected'));
  await page.goto(t.base);
  const msg = page.locator('#boot-failed');
  await msg.waitFor();
  assert.match(await msg.textContent(), /阅读器程序未能加载/);
  assert.equal(await page.getByText('正在加载阅读器').isVisible(), false, 'no endless loading line');
  assert.ok(await page.getByRole('heading', { level: 2, name: '二、存在的问题' }).isVisible());
  await page.unroute('**/*.wasm');
  await msg.getByRole('link', { name: '重新加载本页' }).click();
  await appReady(page);
});

for (const [size, viewport] of [['phone', { width: 360, height: 740 }], ['desktop', { width: 1280, height: 800 }]]) {
  test(`a reader program that never arrives: after 20 s a message and a reload button, the text stays (${size})`, async () => {
    const context = await t.newContext({ viewport });
    const page = await context.newPage();
    await page.clock.install();
    let asked = 0;
    let stall = true;
    // Not unrouted later: that would let the held request through and start the app.
    await page.route('**/*.wasm', (r) => { asked += 1; if (!stall) r.continue(); });
    await page.goto(t.base);
    while (asked === 0) await page.waitForTimeout(20);
    const msg = page.locator('#boot-stalled');
    const loading = page.getByText('正在加载阅读器');
    await page.clock.runFor(18_500);
    assert.equal(await msg.isVisible(), false, 'not before 20 s');
    assert.ok(await loading.isVisible());
    await page.clock.runFor(2_000);
    await msg.waitFor();
    assert.match(await msg.textContent(), /阅读器程序 20 秒内没有下载完成/);
    assert.equal(await loading.isVisible(), false, 'no endless loading line');
    assert.ok(await page.getByRole('heading', { level: 2, name: '二、存在的问题' }).isVisible());
    const reload = msg.getByRole('button', { name: '重新加载' });
    const box = await reload.boundingBox();
    assert.ok(box && box.x >= 0 && box.x + box.width <= viewport.width, 'the button is on screen');
    stall = false;
    await reload.click();
    await appReady(page);
    assert.equal(await msg.count(), 0);
  });
}

test('without WebAssembly: a readable message, the text, and a link to the plain text', async () => {
  const context = await t.newContext();
  await context.addInitScript(() => { delete window.WebAssembly; });
  const page = await context.newPage();
  const errors = [];
  page.on('pageerror', (e) => errors.push(e.message));
  await page.goto(t.base);
  const msg = page.locator('#boot-nowasm');
  await msg.waitFor();
  assert.match(await msg.textContent(), /您的浏览器不支持 WebAssembly/);
  assert.equal(await page.getByText('正在加载阅读器').isVisible(), false);
  assert.ok(await page.getByRole('heading', { level: 2, name: '三、下一步工作打算' }).isVisible());
  const link = msg.getByRole('link', { name: '查看报告原文（纯文本）' });
  const href = await link.getAttribute('href');
  const res = await page.request.get(new URL(href, t.base).href);
  assert.equal(res.status(), 200);
  assert.match(res.headers()['content-type'], /^text\/plain; charset=utf-8/);
  assert.match(await res.text(), /商城县人民政府关于2022年法治政府建设情况的报告/);
  await link.click();
  await page.waitForURL(/shangcheng-2022\.txt$/);
  assert.deepEqual(errors, []);
});
