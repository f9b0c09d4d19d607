// Deep links, back/forward, copy-link, scroll-spy, chapter paging, back-to-top and the phone
// menu, as a reader uses them.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { settle, useBrowser } from './lib.mjs';

const t = useBrowser();

const topOf = (page, sel) => page.locator(sel).evaluate((e) => e.getBoundingClientRect().top);

test('a deep link opens the page at the block, highlighted and focused', async () => {
  const { page, problems } = await t.open('#/b/c1s6i2');
  const target = page.locator('#c1s6i2');
  await page.waitForFunction(() => document.getElementById('c1s6i2')?.classList.contains('is-target'));
  const top = await topOf(page, '#c1s6i2');
  assert.ok(top > 0 && top < 200, `target should be near the top below the bar, is at ${top}px`);
  assert.equal(await page.evaluate(() => document.activeElement?.id), 'c1s6i2');
  assert.match(await target.textContent(), /认真落实行政机关负责人出庭应诉规定/);
  // A point inside a paragraph is addressable too.
  await page.evaluate(() => { location.hash = '#/b/c1s2i1e2'; });
  await page.waitForFunction(() => document.getElementById('c1s2i1e2')?.classList.contains('is-target'));
  assert.equal(await page.locator('.is-target').count(), 1, 'only one block is highlighted');
  assert.deepEqual(problems, []);
});

test('TOC links change the address; back and forward return to each place', async () => {
  const { page } = await t.open();
  const toc = page.getByRole('navigation', { name: '目录' });
  await toc.getByRole('link', { name: '（四）加强执法监督，严格规范公正文明执法' }).click();
  await page.waitForFunction(() => location.hash === '#/b/c1s4');
  await toc.getByRole('link', { name: '二、存在的问题' }).click();
  await page.waitForFunction(() => location.hash === '#/b/c2');
  assert.ok(Math.abs((await topOf(page, '#c2')) - 80) < 120);
  await page.goBack();
  await page.waitForFunction(() => document.getElementById('c1s4').classList.contains('is-target'));
  const back = await topOf(page, '#c1s4');
  assert.ok(back > 0 && back < 200, `back should scroll to c1s4, it is at ${back}px`);
  await page.goForward();
  await page.waitForFunction(() => document.getElementById('c2').classList.contains('is-target'));
});

test('the copy-link button copies the absolute deep link', async () => {
  const { page, context } = await t.open();
  await context.grantPermissions(['clipboard-read', 'clipboard-write'], { origin: new URL(t.base).origin });
  await page.getByRole('link', { name: '复制“(三)完善制度体系,推动科学民主依法决策”的链接' }).click();
  await page.waitForFunction(() => location.hash === '#/b/c1s3');
  await page.getByText('链接已复制').waitFor({ state: 'attached' });
  const copied = await page.evaluate(() => navigator.clipboard.readText());
  assert.equal(copied, `${t.base}#/b/c1s3`);
});

test('scroll-spy marks the section being read in the TOC', async () => {
  const { page } = await t.open();
  await page.locator('#c1s5').evaluate((e) => window.scrollTo(0, e.getBoundingClientRect().top + scrollY - 60));
  const current = page.locator('.toc a[aria-current="location"]');
  await current.waitFor();
  assert.equal(await current.textContent(), '（五）转变执法方式，推行服务型行政执法');
  await page.evaluate(() => window.scrollTo(0, 0));
  await page.waitForFunction(() => !document.querySelector('.toc a[aria-current]'));
});

test('previous/next chapter links and back-to-top', async () => {
  const { page } = await t.open();
  const paging = page.getByRole('navigation', { name: '一、工作总体开展情况翻页' });
  await paging.getByRole('link', { name: '下一章：二、存在的问题' }).click();
  await page.waitForFunction(() => location.hash === '#/b/c2');
  const paging2 = page.getByRole('navigation', { name: '二、存在的问题翻页' });
  assert.equal(await paging2.getByRole('link').count(), 2);
  const back = page.getByRole('link', { name: '回到顶部' });
  await back.click();
  await page.waitForFunction(() => scrollY === 0);
  assert.equal(await page.evaluate(() => document.activeElement?.id), 'top');
});

test('on a 360 px phone the TOC is a menu and nothing overflows sideways', async () => {
  const { page, problems } = await t.open('', { viewport: { width: 360, height: 740 }, isMobile: true, hasTouch: true });
  const toc = page.locator('#toc');
  assert.equal(await toc.isVisible(), false);
  const toggle = page.getByRole('button', { name: '目录', exact: true });
  await toggle.click();
  assert.equal(await toggle.getAttribute('aria-expanded'), 'true');
  assert.ok(await toc.isVisible());
  await toc.getByRole('link', { name: '三、下一步工作打算' }).click();
  await page.waitForFunction(() => location.hash === '#/b/c3');
  assert.equal(await toc.isVisible(), false, 'choosing a chapter closes the menu');
  const overflow = await page.evaluate(() => document.documentElement.scrollWidth - innerWidth);
  assert.ok(overflow <= 0, `page is ${overflow}px wider than the phone`);
  const bar = await page.locator('.bar').boundingBox();
  assert.ok(bar.height < 80, `the sticky bar takes ${bar.height}px`);
  await page.getByRole('button', { name: '设置' }).click();
  assert.ok(await page.getByRole('button', { name: '增大字号' }).isVisible());
  assert.deepEqual(problems, []);
});

test('the phone menu takes the focus, closes with its button and with Escape, and gives the focus back', async () => {
  const { page, problems } = await t.open('', { viewport: { width: 360, height: 740 }, deviceScaleFactor: 2, isMobile: true, hasTouch: true });
  const toc = page.locator('#toc');
  const toggle = page.getByRole('button', { name: '目录', exact: true });
  const focused = () => page.evaluate(() => document.activeElement?.textContent);
  await toggle.tap();
  assert.ok(await toc.isVisible());
  assert.equal(await focused(), '关闭目录', 'the focus moves into the menu');
  await page.getByRole('button', { name: '关闭目录' }).tap();
  assert.equal(await toc.isVisible(), false);
  assert.equal(await toggle.getAttribute('aria-expanded'), 'false');
  assert.equal(await focused(), '目录', 'the focus is back on the menu button');
  await toggle.tap();
  assert.ok(await toc.isVisible());
  await page.keyboard.press('Escape');
  assert.equal(await toc.isVisible(), false);
  assert.equal(await focused(), '目录');
  // The overview comes first in the menu too.
  await toggle.tap();
  assert.equal(await toc.locator('a').first().textContent(), '主要数据');
  assert.deepEqual(problems, []);
});

test('deep links work inside an iframe on another page', async () => {
  const { url } = await t.host(`<!doctype html><title>门户</title><iframe id="f" title="报告" style="width:800px;height:600px" src="${t.base}#/b/c1s6i3"></iframe>`);
  const { page } = await t.page(url);
  const frame = page.frameLocator('#f');
  await frame.locator('#c1s6i3.is-target').waitFor();
  await settle(page);
  const top = await frame.locator('#c1s6i3').evaluate((e) => e.getBoundingClientRect().top);
  assert.ok(top > 0 && top < 200, `target in the frame is at ${top}px`);
  assert.equal(await page.evaluate(() => scrollY), 0, 'the host page itself did not scroll');
});
