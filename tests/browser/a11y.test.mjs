// Accessibility: axe-core finds no WCAG 2.1 A/AA violation in the states a reader sees, and the
// report can be walked with the keyboard alone.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { createRequire } from 'node:module';
import { settle, useBrowser } from './lib.mjs';

const AXE = createRequire(import.meta.url).resolve('axe-core/axe.min.js');
const t = useBrowser();

async function axe(page) {
  await page.addScriptTag({ path: AXE });
  const r = await page.evaluate(() => window.axe.run(document, {
    runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'best-practice'] },
  }));
  return r.violations.map((v) => `${v.id}: ${v.help} (${v.nodes.slice(0, 3).map((n) => n.target.join(' ')).join(', ')})`);
}

for (const [name, opts, prep] of [
  ['desktop, light', { viewport: { width: 1280, height: 900 } }, null],
  ['desktop, dark', { viewport: { width: 1280, height: 900 }, colorScheme: 'dark' }, null],
  ['phone with the menu open', { viewport: { width: 360, height: 740 } }, (p) => p.getByRole('button', { name: '目录', exact: true }).click()],
  ['search results open', { viewport: { width: 1280, height: 900 } }, (p) => p.getByRole('combobox', { name: '搜索报告' }).fill('行政')],
  ['largest font', { viewport: { width: 1280, height: 900 } }, async (p) => { for (let i = 0; i < 3; i++) await p.getByRole('button', { name: '增大字号' }).click(); }],
  ['high contrast', { viewport: { width: 1280, height: 900 } }, async (p) => { for (let i = 0; i < 3; i++) await p.getByRole('button', { name: /^主题/ }).click(); }],
  ['phone, largest font, search results open', { viewport: { width: 360, height: 740 }, deviceScaleFactor: 2 }, async (p) => {
    await p.getByRole('button', { name: '设置' }).click();
    for (let i = 0; i < 3; i++) await p.getByRole('button', { name: '增大字号' }).click();
    await p.getByRole('button', { name: '设置' }).click();
    await p.getByRole('combobox', { name: '搜索报告' }).fill('行政');
  }],
  ['phone, dark, a tooltip pinned by a tap', { viewport: { width: 360, height: 740 }, colorScheme: 'dark', hasTouch: true, isMobile: true }, async (p) => {
    await p.locator('main a.fact').first().tap();
    await p.locator('#fact-tip.pinned').waitFor();
  }],
]) {
  test(`axe-core: no violations (${name})`, async () => {
    const { page } = await t.open('', opts);
    // Check the page with its charts drawn and their tables open, as a reader can have it.
    await page.waitForFunction(() => performance.getEntriesByName('fazhi:charts').length > 0);
    await page.locator('main details.chart-data summary').first().click();
    if (prep) await prep(page);
    await settle(page);
    assert.deepEqual(await axe(page), []);
  });
}

test('keyboard only: skip link, then the TOC, then into the chapter', async () => {
  const { page } = await t.open();
  await page.keyboard.press('Tab');
  const skip = page.getByRole('link', { name: '跳到正文' });
  assert.equal(await skip.evaluate((e) => e === document.activeElement), true, 'first Tab reaches the skip link');
  assert.ok(await skip.isVisible(), 'the focused skip link is visible');
  // Tab on until a TOC link has focus; every stop must show a focus ring.
  let guard = 0;
  while (!(await page.evaluate(() => document.activeElement?.closest('#toc')))) {
    await page.keyboard.press('Tab');
    const ring = await page.evaluate(() => {
      const s = getComputedStyle(document.activeElement);
      return s.outlineStyle !== 'none' && parseFloat(s.outlineWidth) >= 2;
    });
    assert.ok(ring, `focus on ${await page.evaluate(() => document.activeElement?.outerHTML.slice(0, 80))} is visible`);
    assert.ok(++guard < 30, 'the TOC is reachable within 30 Tabs');
  }
  // The overview comes first, then the chapters.
  assert.equal(await page.evaluate(() => document.activeElement.textContent), '主要数据');
  await page.keyboard.press('Tab');
  assert.equal(await page.evaluate(() => document.activeElement.textContent), '一、工作总体开展情况');
  await page.keyboard.press('Tab');
  await page.keyboard.press('Tab');
  assert.equal(await page.evaluate(() => document.activeElement.textContent), '（二）转变政府职能，提升管理服务效能');
  await page.keyboard.press('Enter');
  await page.waitForFunction(() => location.hash === '#/b/c1s2');
  await page.waitForFunction(() => document.activeElement?.id === 'c1s2');
  // The next Tab continues inside that section, not back at the top.
  await page.keyboard.press('Tab');
  assert.ok(await page.evaluate(() => !!document.activeElement.closest('#c1s2')));
});

// Every state a reader can choose, at both sizes: the smallest and the largest font step in the
// light, dark and high-contrast themes. Nothing is wider than the screen, no text is cut off
// with an ellipsis, and axe-core finds nothing.
for (const [size, viewport] of [['phone', { width: 360, height: 740 }], ['desktop', { width: 1280, height: 800 }]]) {
  for (const font of [0, 3]) {
    test(`every theme at font step ${font} (${size}): no overflow, nothing cut, axe clean`, async () => {
      for (const theme of ['light', 'dark', 'contrast']) {
        const { page, problems } = await t.open('', { viewport, deviceScaleFactor: size === 'phone' ? 2 : 1 }, (c) => c.addInitScript(([f, th]) => {
          try {
            localStorage.setItem('fazhi.font', String(f));
            localStorage.setItem('fazhi.theme', JSON.stringify(th));
          } catch (e) { /* opaque origin */ }
        }, [font, theme]));
        await page.waitForFunction(() => performance.getEntriesByName('fazhi:charts').length > 0);
        assert.equal(await page.locator('html').getAttribute('data-theme'), theme);
        const wide = await page.evaluate(() => document.documentElement.scrollWidth - innerWidth);
        assert.ok(wide <= 0, `${theme}: the page is ${wide}px wider than the screen`);
        const cut = await page.evaluate(() => [...document.querySelectorAll('body *')]
          .filter((e) => e.textContent && getComputedStyle(e).textOverflow === 'ellipsis' && e.scrollWidth > e.clientWidth + 1)
          .map((e) => e.textContent.slice(0, 20)));
        assert.deepEqual(cut, [], `${theme}: text cut off`);
        await settle(page);
        assert.deepEqual(await axe(page), [], `${theme}: axe-core`);
        assert.deepEqual(problems, []);
      }
    });
  }
}
