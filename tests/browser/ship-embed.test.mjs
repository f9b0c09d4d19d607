// Shipping to a government portal: the reader under a strict Content-Security-Policy (sent as a
// real HTTP header), and embedded in a page on another origin with public/embed.js, where the
// iframe follows the reader's height and ignores messages that are not the reader's.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { settle, STRICT_CSP, recordCspViolations, cspViolations, useBrowser } from './lib.mjs';

const t = useBrowser({ serve: { headers: { 'Content-Security-Policy': STRICT_CSP } } });

/** A portal page with a header above and a footer below the embedded reader. */
const portal = (src, extra = '') => `<!doctype html><html lang="zh-CN"><meta charset="utf-8">
<title>县政府门户网站</title><body><h1>县政府门户网站</h1><p>政务公开 &gt; 法治政府建设</p>
<div data-fazhi-reader="${src}" data-title="法治政府建设年度报告">
  <a href="${t.base}">阅读报告</a></div>
<p id="portal-footer">门户网站页脚</p>${extra}
<script src="${t.base}embed.js"></script></body></html>`;

// The iframe embed.js made (a test page may hold other iframes too).
const EMBED = 'div iframe';
const frameHeight = (page) => page.locator(EMBED).evaluate((f) => f.getBoundingClientRect().height);
const contentHeight = (page) => page.frameLocator(EMBED).locator('html')
  .evaluate((h) => h.getBoundingClientRect().height);

/** Waits until the iframe is as tall as what it shows, and returns that height. */
async function fitted(page) {
  let last = -1;
  for (let i = 0; i < 100; i++) {
    const [outer, inner] = [await frameHeight(page), await contentHeight(page)];
    if (Math.abs(outer - inner) <= 1 && Math.abs(outer - last) <= 1) return outer;
    last = outer;
    await page.waitForTimeout(50);
  }
  assert.fail(`the iframe (${await frameHeight(page)}px) never fitted its content (${await contentHeight(page)}px)`);
}

test('the reader works under a strict CSP header with no violation', async () => {
  const { page, problems } = await t.open('', { acceptDownloads: true },
    recordCspViolations);
  // Every part that sets styles or inserts markup at run time: charts (and their PNG, drawn
  // through an image and a canvas), the figure tooltip, search highlighting, the QR dialog,
  // the theme.
  await page.waitForFunction(() => performance.getEntriesByName('fazhi:charts').length > 0);
  const [png] = await Promise.all([
    page.waitForEvent('download'),
    page.getByRole('button', { name: '下载 PNG' }).first().click(),
  ]);
  assert.match(png.suggestedFilename(), /\.png$/);
  await page.locator('#main .fact').first().hover();
  await page.locator('#fact-tip.shown').waitFor();
  await page.locator('#search-input').fill('行政复议');
  await page.locator('#search-list li').first().waitFor();
  await page.getByRole('button', { name: '二维码' }).click();
  await page.locator('dialog.qr-dialog svg').waitFor();
  await page.keyboard.press('Escape');
  await page.getByRole('button', { name: /^主题/ }).click();
  await settle(page);
  assert.deepEqual(await cspViolations(page), []);
  assert.deepEqual(problems, []);
});

test('embedded on another origin: chrome hidden, the iframe grows and shrinks with the content', async () => {
  const { url } = await t.host(portal(`${t.base}index.html?embed=1`));
  const { page, problems } = await t.page(url, { viewport: { width: 1000, height: 800 } }, recordCspViolations);
  const frame = page.frameLocator(EMBED);
  await frame.locator('#main h2').first().waitFor();
  assert.equal(await page.locator(EMBED).getAttribute('title'), '法治政府建设年度报告');
  // The site's chrome is gone; the text, the search and the reading settings stay.
  assert.equal(await frame.locator('#toc').isVisible(), false);
  assert.equal(await frame.locator('footer.colophon').isVisible(), false);
  assert.equal(await frame.getByRole('button', { name: '二维码' }).isVisible(), false);
  assert.ok(await frame.locator('#search-input').isVisible());
  const link = frame.getByRole('link', { name: '在新窗口中阅读完整报告' });
  assert.equal(await link.getAttribute('href'), t.base + 'index.html');
  const tall = await fitted(page);
  assert.ok(tall > 3000, `the whole report is tall (${tall}px)`);
  // No scroll bar of its own: the host page scrolls.
  assert.ok(await frame.locator('html').evaluate((h) => h.scrollHeight <= innerHeight + 1));

  await frame.getByRole('button', { name: 'A+ 增大字号' }).click();
  const bigger = await fitted(page);
  assert.ok(bigger > tall + 200, `larger type makes the iframe taller (${tall} -> ${bigger})`);
  await frame.getByRole('button', { name: 'A− 减小字号' }).click();
  assert.ok(Math.abs((await fitted(page)) - tall) <= 2, 'and smaller type shrinks it back');

  await frame.locator('#search-input').fill('行政复议');
  await frame.locator('#search-list li').first().waitFor();
  const searching = await fitted(page);
  assert.ok(searching > tall + 50, `open search results make it taller (${tall} -> ${searching})`);
  await frame.locator('#search-input').press('Escape');
  assert.ok(Math.abs((await fitted(page)) - tall) <= 2, 'closing the search shrinks it back');

  assert.deepEqual(await cspViolations(page), []);
  assert.deepEqual(problems, []);
});

test('&part= shows only that block, and the iframe follows reflows at other widths', async () => {
  const { url } = await t.host(portal(`${t.base}index.html?embed=1&part=c2`));
  const { page, problems } = await t.page(url, { viewport: { width: 1000, height: 800 } }, recordCspViolations);
  const frame = page.frameLocator(EMBED);
  await frame.locator('#c2').waitFor();
  await settle(page);
  assert.ok(await frame.getByRole('heading', { name: /二、存在的问题/ }).isVisible());
  for (const hidden of ['#c1', '#c3', 'header.masthead', '.bar', '#toc']) {
    assert.equal(await frame.locator(hidden).isVisible(), false, `${hidden} is hidden`);
  }
  assert.equal(
    await frame.getByRole('link', { name: '在新窗口中阅读完整报告' }).getAttribute('href'),
    t.base + 'index.html#/b/c2');
  const wide = await fitted(page);
  assert.ok(wide > 150 && wide < 1200, `one chapter is short (${wide}px)`);
  await page.setViewportSize({ width: 420, height: 800 });
  const narrow = await fitted(page);
  assert.ok(narrow > wide + 100, `a narrow column is taller (${wide} -> ${narrow})`);
  await page.setViewportSize({ width: 1000, height: 800 });
  assert.ok(Math.abs((await fitted(page)) - wide) <= 2);
  assert.deepEqual(await cspViolations(page), []);
  assert.deepEqual(problems, []);
});

for (const [size, viewport] of [['phone', { width: 360, height: 740 }], ['desktop', { width: 1280, height: 800 }]]) {
  test(`an unknown &part= gets a short message, not the whole report, and the iframe shrinks to it (${size})`, async () => {
    const { url } = await t.host(portal(`${t.base}index.html?embed=1&part=c9s9`));
    const { page, problems } = await t.page(url, { viewport }, recordCspViolations);
    const frame = page.frameLocator(EMBED);
    const msg = frame.locator('.embed-missing [role=alert]');
    await msg.waitFor();
    assert.equal(await msg.textContent(), '未找到要嵌入的部分：c9s9');
    const height = await fitted(page);
    assert.ok(height < 250, `only the message and the link to the reader (${height}px)`);
    assert.equal(await frame.locator('#c1, #prerender, header.masthead').count(), 0, 'no report behind it');
    assert.ok(await frame.getByRole('link', { name: '在新窗口中阅读完整报告' }).isVisible());
    assert.deepEqual(await cspViolations(page), []);
    assert.deepEqual(problems, []);
  });
}

test('embed.js ignores height messages from other windows and other origins', async () => {
  // A third origin: a page that, loaded into the reader's iframe, claims a tiny height.
  const evil = await t.host(`<!doctype html><title>x</title><script>
    setInterval(() => parent.postMessage({ type: 'fazhi-reader:height', height: 40 }, '*'), 20);
  </script>`);
  // Beside the embed, another reader iframe (same origin, another window) with another height.
  const other = `<iframe id="other" title="另一份" src="${t.base}index.html?embed=1&part=c3"></iframe>
    <script>window.fromOther = 0; addEventListener('message', (e) => {
      if (e.source === document.getElementById('other').contentWindow) window.fromOther++;
    });</script>`;
  const { url } = await t.host(portal(`${t.base}index.html?embed=1&part=c2`, other));
  const { page } = await t.page(url);
  await page.frameLocator(EMBED).locator('#c2').waitFor();
  await page.frameLocator('#other').locator('#c3').waitFor();
  const h = await fitted(page);
  // Make the other reader report a new height now.
  const seen = await page.evaluate(() => window.fromOther);
  await page.locator('#other').evaluate((f) => { f.style.width = '240px'; });
  await page.waitForFunction((n) => window.fromOther > n, seen);
  await page.waitForTimeout(100);
  assert.equal(await frameHeight(page), h, "the other reader's heights are not this iframe's");
  await page.evaluate(() => window.postMessage({ type: 'fazhi-reader:height', height: 40 }, '*'));
  await page.waitForTimeout(200);
  assert.equal(await frameHeight(page), h, 'a message from the host window is ignored');
  // The same iframe, navigated away to another origin, is not the reader any more.
  await page.locator(EMBED).evaluate((f, src) => { f.src = src; }, evil.url);
  while (!page.frames().some((f) => f.url() === evil.url)) await page.waitForTimeout(50);
  await page.waitForTimeout(500);
  assert.equal(await frameHeight(page), h, 'a message from another origin in that iframe is ignored');
});

test('a hand-written ?embed=1 iframe (no embed.js) still reports its height to the host', async () => {
  const { url } = await t.host(`<!doctype html><title>门户</title>
    <iframe title="报告" src="${t.base}index.html?embed=1&part=c3"></iframe>
    <script>window.got = []; addEventListener('message', (e) => window.got.push([e.origin, e.data]));</script>`);
  const { page } = await t.page(url);
  await page.waitForFunction(() => window.got.some(([, d]) => d.type === 'fazhi-reader:height'));
  const got = await page.evaluate(() => window.got);
  for (const [origin, data] of got) {
    assert.equal(origin, new URL(t.base).origin);
    assert.equal(data.type, 'fazhi-reader:height');
    assert.ok(data.height > 0);
  }
});
