// Reading comfort (适老化) on a phone and a desktop: one compact tool bar at every font step with
// the charts' text growing too, nothing floating over the text, a high-contrast theme, read-aloud
// of the part being read, and a tap on a figure that shows its tooltip before it leads anywhere.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { useBrowser } from './lib.mjs';

const t = useBrowser();

const PHONE = { viewport: { width: 360, height: 740 }, deviceScaleFactor: 2, isMobile: true, hasTouch: true };
const DESKTOP = { viewport: { width: 1280, height: 800 } };
const SIZES = [['phone', PHONE], ['desktop', DESKTOP]];

/** Opens the reader with a stored font step (as a returning reader has it) and its charts drawn. */
async function openAt(options, font) {
  const r = await t.open('', options, (context) => context.addInitScript((f) => {
    try { localStorage.setItem('fazhi.font', String(f)); } catch (e) { /* opaque origin */ }
  }, font));
  await r.page.waitForFunction(() => performance.getEntriesByName('fazhi:charts').length > 0);
  return r;
}

for (const [size, options] of SIZES) {
  test(`one tool bar row at every font step, charts' text grows with it, nothing floats over the text (${size})`, async () => {
    const textHeights = [];
    for (const font of [0, 1, 2, 3]) {
      const { page, problems } = await openAt(options, font);
      assert.equal(await page.locator('html').getAttribute('data-font'), String(font));
      // Every control of the bar on one line, and the bar a small part of the screen.
      const rows = await page.locator('.bar').evaluate((bar) => {
        const tops = [...bar.children].filter((c) => c.offsetParent !== null).map((c) => c.getBoundingClientRect());
        return { tops: tops.map((r) => Math.round(r.top + r.height / 2)), height: bar.getBoundingClientRect().height };
      });
      const spread = Math.max(...rows.tops) - Math.min(...rows.tops);
      assert.ok(spread <= 6, `font ${font}: the bar's controls are on one row (centres ${rows.tops})`);
      const share = rows.height / options.viewport.height;
      assert.ok(share <= 0.12, `font ${font}: the bar takes ${(share * 100).toFixed(1)}% of the screen`);
      // A− and A+ stay in reach without opening anything on a desktop.
      if (size === 'desktop') assert.ok(await page.getByRole('button', { name: '增大字号' }).isVisible());
      const overflow = await page.evaluate(() => document.documentElement.scrollWidth - innerWidth);
      assert.ok(overflow <= 0, `font ${font}: the page is ${overflow}px wider than the screen`);
      // The charts' text in CSS pixels, as drawn in the first chart.
      const chart = page.locator('main figure.chart svg').first();
      await chart.scrollIntoViewIfNeeded();
      textHeights.push(await chart.evaluate((svg) => {
        const box = svg.getBoundingClientRect();
        const vb = svg.viewBox.baseVal;
        const px = parseFloat(getComputedStyle(svg.querySelector('text')).fontSize);
        return px * (box.width / vb.width);
      }));
      // Half-way down, nothing but the bar (and its menus) is fixed or sticky over the text.
      await page.evaluate(() => window.scrollTo(0, document.documentElement.scrollHeight / 2));
      const floating = await page.evaluate(() => [...document.querySelectorAll('body *')].filter((e) => {
        const s = getComputedStyle(e);
        return (s.position === 'fixed' || s.position === 'sticky') && e.offsetParent !== null && s.visibility !== 'hidden'
          && !e.closest('.bar') && !e.closest('.toc');
      }).map((e) => e.className));
      assert.deepEqual(floating, [], `font ${font}: floating over the text`);
      assert.deepEqual(problems, []);
    }
    console.log(`${size}: chart text ${textHeights.map((h) => h.toFixed(1)).join(' / ')} px at font steps 0-3`);
    // On a phone the drawing cannot get narrower than its plot and values need (about 230
    // units), so its text grows by about 1.2 where the page's grows by 1.5.
    assert.ok(textHeights[3] >= textHeights[0] * (size === 'phone' ? 1.15 : 1.4), `chart text grows with the font: ${textHeights}`);
  });

  test(`a high-contrast theme, remembered and applied before the wasm (${size})`, async () => {
    const { page } = await t.open('', options);
    const theme = page.getByRole('button', { name: /^主题/ });
    if (size === 'phone') await page.getByRole('button', { name: '设置' }).click();
    while ((await theme.textContent()) !== '主题：高对比') await theme.click();
    const colours = () => page.evaluate(() => {
      const s = getComputedStyle(document.body);
      return [s.backgroundColor, s.color];
    });
    assert.deepEqual(await colours(), ['rgb(0, 0, 0)', 'rgb(255, 255, 255)']);
    await page.route('**/*.wasm', (r) => r.abort());
    await page.reload();
    assert.equal(await page.locator('html').getAttribute('data-theme'), 'contrast');
    assert.deepEqual(await colours(), ['rgb(0, 0, 0)', 'rgb(255, 255, 255)'], 'before the wasm runs');
  });

  test(`read-aloud speaks the part being read in zh-CN, with pause and stop (${size})`, async () => {
    // Headless Chromium has no voices: a stand-in for speechSynthesis records what the reader
    // asks of it (the utterances are the browser's own SpeechSynthesisUtterance).
    const { page, problems } = await t.open('#/b/c2', options, (context) => context.addInitScript(() => {
      const log = [];
      const queue = [];
      window.__speech = { log, queue };
      Object.defineProperty(window, 'speechSynthesis', {
        value: {
          speak: (u) => { queue.push(u); log.push(['speak', u.text, u.lang]); },
          pause: () => log.push(['pause']),
          resume: () => log.push(['resume']),
          cancel: () => log.push(['cancel']),
          getVoices: () => [],
        },
      });
    }));
    await page.waitForFunction(() => document.querySelector('.toc a[aria-current]')?.textContent === '二、存在的问题');
    if (size === 'phone') await page.getByRole('button', { name: '设置' }).click();
    await page.getByRole('button', { name: '朗读本节' }).click();
    const spoken = await page.evaluate(() => window.__speech.log.filter((l) => l[0] === 'speak'));
    assert.ok(spoken.length >= 2, `one utterance per paragraph: ${spoken.length}`);
    assert.equal(spoken[0][1], '二、存在的问题');
    assert.ok(spoken.every((s) => s[2] === 'zh-CN'));
    await page.getByRole('button', { name: '暂停' }).click();
    await page.getByRole('button', { name: '继续' }).click();
    await page.getByRole('button', { name: '停止朗读' }).click();
    await page.getByRole('button', { name: '朗读本节' }).waitFor();
    const calls = await page.evaluate(() => window.__speech.log.map((l) => l[0]).filter((c) => c !== 'speak'));
    assert.deepEqual(calls, ['cancel', 'pause', 'resume', 'cancel']);
    // Read to the end: the buttons go back.
    await page.getByRole('button', { name: '朗读本节' }).click();
    await page.evaluate(() => window.__speech.queue.at(-1).onend());
    await page.getByRole('button', { name: '朗读本节' }).waitFor();
    assert.deepEqual(problems, []);
  });
}

test('on a touch screen a tap on a figure shows its tooltip first; the link inside leads on', async () => {
  const { page, problems } = await t.open('#/b/c1s6i2', PHONE);
  const fact = page.locator('#c1s6i2 a.fact').first();
  await fact.waitFor();
  await fact.tap();
  const tip = page.locator('#fact-tip');
  await tip.waitFor({ state: 'visible' });
  assert.equal(await page.evaluate(() => location.hash), '#/b/c1s6i2', 'the tap did not navigate');
  const link = tip.getByRole('link', { name: '查看图表或核对' });
  const href = await fact.getAttribute('href');
  assert.equal(await link.getAttribute('href'), href);
  const box = await tip.boundingBox();
  assert.ok(box.x >= 0 && box.x + box.width <= 361, `the tooltip fits the phone: ${JSON.stringify(box)}`);
  await link.tap();
  await page.waitForFunction((h) => location.hash === h, href);
  // A tap elsewhere closes it.
  await page.goto(page.url().replace(/#.*/, '#/b/c1s6i2'));
  await fact.tap();
  await tip.waitFor({ state: 'visible' });
  await page.locator('#c1s6i2-h, #c1s6i2 .num').first().tap();
  await page.waitForFunction(() => !document.querySelector('#fact-tip.shown'));
  assert.deepEqual(problems, []);
});
