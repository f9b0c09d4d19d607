// Faults a reader meets through no fault of their own: storage that throws (a cross-site
// iframe in a browser that blocks third-party storage, a privacy mode), a report that is
// valid JSON but not a valid report, a file that cannot be opened, a bug in the reader.
// Each ends in a working page or a message that names the real cause, never a dead page.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { appReady, useBrowser } from './lib.mjs';

const t = useBrowser({ report: true });

/** Makes `localStorage` throw on access, as browsers do where storage is blocked; in every
 *  frame, or only in frames that are not the top window (`framedOnly`). */
const blockStorage = (framedOnly) => (context) => context.addInitScript((framed) => {
  if (framed && window === window.top) return;
  Object.defineProperty(window, 'localStorage', {
    get() { throw new DOMException('The document is sandboxed and lacks the allow-same-origin flag.', 'SecurityError'); },
  });
}, framedOnly);

test('a page whose localStorage getter throws starts normally, and the settings still work', async () => {
  for (const viewport of [{ width: 360, height: 740 }, { width: 1280, height: 800 }]) {
    const { page, problems } = await t.open('', { viewport }, blockStorage(false));
    assert.equal(await page.locator('h1').textContent(), t.report.meta.title);
    if (viewport.width < 500) await page.getByRole('button', { name: '设置' }).click();
    await page.getByRole('button', { name: '增大字号' }).click();
    assert.equal(await page.locator('html').getAttribute('data-font'), '1');
    await page.getByRole('button', { name: /^主题/ }).click();
    assert.equal(await page.locator('html').getAttribute('data-theme'), 'light');
    assert.deepEqual(problems, []);
  }
});

test('a cross-site embed whose storage is blocked starts and posts its height', async () => {
  // The portal on 127.0.0.2, the reader on 127.0.0.1: another site, so its storage is
  // third-party, and here blocked.
  const { url } = await t.host(`<!doctype html><html lang="zh-CN"><meta charset="utf-8"><title>门户</title>
    <h1>县政府门户网站</h1>
    <div data-fazhi-reader="${t.base}index.html?embed=1&part=c2" data-title="报告"></div>
    <script>window.heights = []; addEventListener('message', (e) => {
      if (e.data?.type === 'fazhi-reader:height') window.heights.push(e.data.height);
    });</script>
    <script src="${t.base}embed.js"></script>`, '127.0.0.2');
  const { page, problems } = await t.page(url, { viewport: { width: 1000, height: 800 } }, blockStorage(true));
  const frame = page.frameLocator('div iframe');
  await frame.locator('#c2 h2').waitFor();
  assert.equal(await frame.locator('html').evaluate(() => { try { return !!localStorage; } catch { return 'blocked'; } }), 'blocked');
  await page.waitForFunction(() => window.heights.length > 0);
  const content = await frame.locator('html').evaluate((h) => Math.ceil(h.getBoundingClientRect().height));
  await page.waitForFunction((h) => Math.abs(document.querySelector('div iframe').getBoundingClientRect().height - h) <= 1, content);
  assert.notEqual(content, 600, 'the iframe follows the reader, not its default height');
  assert.deepEqual(problems, []);
});

test('a valid JSON that is not a valid report is refused with the field, in Chinese', async () => {
  const bad = structuredClone(t.report);
  bad.facts[3].end = 100000;
  const body = JSON.stringify(bad);
  const { page } = await t.page('about:blank', {}, (c) => c.route('**/bad.json', (r) => r.fulfill({ contentType: 'application/json', body })));
  await page.goto(`${t.base}?report=bad.json`);
  const alert = page.locator('.load-error [role=alert]');
  await alert.waitFor();
  assert.match(await alert.textContent(), /^bad\.json 不是有效的报告：字段 facts\[3\]\.end：终点 100000 超出所在文字的长度 \d+$/);
  assert.equal(await page.getByRole('button', { name: '重试' }).count(), 0, 'retrying cannot help');
  assert.ok(await page.getByText('请告知网站管理员').isVisible(), 'nor is it the network');
});

test('a failed file open leaves the open report usable', async () => {
  const { page, problems } = await t.open('#/b/c2');
  const bad = structuredClone(t.report);
  bad.meta.title = '不应显示';
  bad.blocks[1].id = bad.blocks[0].id;
  await page.locator('input[type=file]').setInputFiles({
    name: 'dup.json', mimeType: 'application/json', buffer: Buffer.from(JSON.stringify(bad)),
  });
  const notice = page.locator('.notice[role=alert]');
  await notice.waitFor();
  assert.match(await notice.textContent(), /无法打开 dup\.json：dup\.json 不是有效的报告：字段 blocks\[1\]\.id：“\w+” 与 blocks\[0\] 重复/);
  assert.equal(await page.locator('h1').textContent(), t.report.meta.title);
  // Still a reader: search and navigation work.
  await page.locator('#search-input').fill('行政复议');
  await page.locator('#search-list li').first().click();
  await page.waitForFunction(() => CSS.highlights.get('search')?.size > 0);
  assert.deepEqual(problems, []);
});

test('a bug in the reader shows its cause and a reload button, not a dead page', async () => {
  // A browser in which the reader's own call for <body> fails (the stack names the wasm), on
  // the first visit only: Leptos unwraps it at start, a panic.
  const { page, problems } = await t.page('about:blank', {}, (c) => c.addInitScript(() => {
    if (sessionStorage.getItem('broken-once')) return;
    sessionStorage.setItem('broken-once', '1');
    const body = Object.getOwnPropertyDescriptor(Document.prototype, 'body');
    Object.defineProperty(Document.prototype, 'body', {
      get() { return /wasm/.test(new Error().stack) ? null : body.get.call(this); },
    });
  }));
  await page.goto(t.base);
  const crash = page.getByRole('alert').filter({ hasText: '阅读器出错' });
  await crash.waitFor();
  assert.match(await crash.textContent(), /原因：panicked at .+:\d+:\d+:\s*called `Option::unwrap\(\)` on a `None` value/);
  assert.equal(await page.locator('#boot-failed').isVisible(), false, 'no guess that the network failed');
  assert.equal(await page.locator('.boot-status').isVisible(), false, 'no endless loading line');
  assert.ok(problems.some((p) => /panicked at .*Option::unwrap/s.test(p)), `the bug is in the console too: ${problems}`);
  await crash.getByRole('button', { name: '重新加载' }).click();
  await appReady(page);
  assert.equal(await page.locator('h1').textContent(), t.report.meta.title);
});
