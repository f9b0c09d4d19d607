// Search as a reader uses it: type, read the results, move with the keys, jump, see the hits
// in the text; and the time from a keystroke to its results.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { painted, settle, useBrowser } from './lib.mjs';

const t = useBrowser();

test('finds 行政复议 with snippets, places, and the hits painted in the text', async () => {
  const { page, problems } = await t.open();
  const box = page.getByRole('combobox', { name: '搜索报告' });
  await box.fill('行政复议');
  const results = page.getByRole('listbox', { name: '搜索结果' });
  const options = results.getByRole('option');
  await options.first().waitFor();
  const n = await options.count();
  assert.equal(n, 2, 'the text says 行政复议 twice');
  assert.equal(await page.locator('.results .count').textContent(), `找到 ${n} 处。按 ↑↓ 选择，回车跳转。`);
  assert.equal(await options.first().locator('mark').textContent(), '行政复议');
  // The place names the chapter, then the section and item under it.
  const where = await options.first().locator('.where').textContent();
  assert.match(where, /^一、工作总体开展情况 › （.）.+/, where);
  assert.deepEqual(await painted(page, n), Array(n).fill('行政复议'), 'each hit is painted in the text');
  assert.deepEqual(problems, []);
});

test('numbers match with or without %, 余 and 近', async () => {
  const { page } = await t.open();
  const box = page.getByRole('combobox', { name: '搜索报告' });
  const first = page.locator('.results [role=option] mark').first();
  for (const [q, shown] of [['82.14%', '82.14%'], ['82.14', '82.14%'], ['280件', '280余件'], ['200件', '近200件'], ['12340条', '12340余条']]) {
    await box.fill(q);
    await first.waitFor();
    assert.equal(await first.textContent(), shown, `query ${q}`);
  }
});

test('arrow keys move through the hits and Enter jumps to the selected one', async () => {
  const { page } = await t.open();
  const box = page.getByRole('combobox', { name: '搜索报告' });
  await box.fill('行政执法');
  await page.locator('#hit-3').waitFor();
  assert.equal(await box.getAttribute('aria-activedescendant'), 'hit-0');
  await box.press('ArrowDown');
  await box.press('ArrowDown');
  assert.equal(await box.getAttribute('aria-activedescendant'), 'hit-2');
  assert.equal(await page.locator('#hit-2').getAttribute('aria-selected'), 'true');
  await box.press('ArrowUp');
  assert.equal(await box.getAttribute('aria-activedescendant'), 'hit-1');
  const id = await page.locator('#hit-1').getAttribute('data-block');
  await box.press('Enter');
  await page.waitForFunction((h) => location.hash === h, `#/b/${id}`);
  await page.waitForFunction((i) => document.getElementById(i).classList.contains('is-target'), id);
  // The results close over the paragraph jumped to; the query and its painted hits stay.
  assert.equal(await page.locator('.results').count(), 0);
  assert.equal(await box.inputValue(), '行政执法');
  assert.ok((await painted(page)).length > 3);
  // Back in the box they open again; Escape closes them, and a second Escape clears.
  await box.focus();
  await page.locator('.results').waitFor();
  await box.press('Escape');
  assert.equal(await page.locator('.results').count(), 0);
  assert.equal(await box.inputValue(), '行政执法');
  await box.press('Escape');
  assert.equal(await box.inputValue(), '');
  assert.deepEqual(await painted(page, 0), []);
});

test('typing paints the hits over the text without re-rendering it, and an empty query clears them', async () => {
  const { page, problems } = await t.open();
  // The text that says 行政复议 first, and its text nodes, before any query, once every part
  // of the report is rendered (they render after the first screen, see src/app/chapters.rs).
  await page.waitForFunction(() => !document.querySelector('#main .chapter-rest'));
  await page.evaluate(() => {
    const field = [...document.querySelectorAll('#main [data-field]')].find((e) => e.textContent.includes('行政复议'));
    const walker = document.createTreeWalker(field, NodeFilter.SHOW_TEXT);
    const nodes = [];
    while (walker.nextNode()) nodes.push(walker.currentNode);
    window.before = { field, nodes };
  });
  const box = page.getByRole('combobox', { name: '搜索报告' });
  await box.pressSequentially('行政复议');
  assert.deepEqual(await painted(page, 2), ['行政复议', '行政复议']);
  const kept = await page.evaluate(() => {
    const { field, nodes } = window.before;
    const first = [...CSS.highlights.get('search')][0];
    return {
      connected: field.isConnected && nodes.every((n) => n.isConnected && field.contains(n)),
      // The first painted range is over those very nodes.
      inNode: nodes.includes(first.startContainer) && nodes.includes(first.endContainer),
      marks: document.querySelectorAll('main mark').length,
      // Static: live ranges would each be updated on every change to the page.
      live: !(first instanceof StaticRange),
    };
  });
  assert.deepEqual(kept, { connected: true, inNode: true, marks: 0, live: false }, 'the text is the same nodes, unmarked');
  await box.fill('');
  assert.deepEqual(await painted(page, 0), [], 'an empty query paints nothing');
  assert.equal(await page.evaluate(() => CSS.highlights.has('search')), false);
  assert.deepEqual(problems, []);
});

test('a pinyin input method: no search on the letters while composing, one on commit', async () => {
  const { page } = await t.open();
  const box = page.getByRole('combobox', { name: '搜索报告' });
  await box.evaluate((el) => {
    el.dispatchEvent(new CompositionEvent('compositionstart', { bubbles: true }));
    for (const letters of ['x', 'xing', 'xingzheng']) {
      el.value = letters;
      el.dispatchEvent(new InputEvent('input', { bubbles: true, isComposing: true, data: letters }));
    }
  });
  assert.equal(await page.locator('.results').count(), 0, 'nothing searched for the pinyin letters');
  await box.evaluate((el) => {
    el.value = '行政复议';
    el.dispatchEvent(new CompositionEvent('compositionend', { bubbles: true, data: '行政复议' }));
  });
  await page.locator('.results [role=option]').first().waitFor();
  assert.equal(await page.locator('.results [role=option]').count(), 2);
});

test('an unmatched query says so', async () => {
  const { page } = await t.open();
  await page.getByRole('combobox', { name: '搜索报告' }).fill('量子计算');
  await page.getByText('没有找到匹配的内容').waitFor();
  assert.equal(await page.locator('.results [role=option]').count(), 0);
});

// A one-character query has more hits than the list shows (50): the keystroke's own task puts
// the first dozen in the list, about what the panel shows, and the rest follow after the frame.
for (const [size, viewport] of [['phone', { width: 360, height: 740 }], ['desktop', { width: 1280, height: 800 }]]) {
  test(`a long result list shows its first results with the keystroke, then all 50 (${size})`, async () => {
    const { page, problems } = await t.open('', { viewport });
    const box = page.getByRole('combobox', { name: '搜索报告' });
    await box.focus();
    const first = await page.evaluate(async () => {
      const box = document.getElementById('search-input');
      const tick = () => new Promise((r) => { const c = new MessageChannel(); c.port1.onmessage = r; c.port2.postMessage(0); });
      box.value = '行';
      box.dispatchEvent(new Event('input', { bubbles: true }));
      await tick();
      return document.querySelectorAll('.results [role=option]').length;
    });
    assert.equal(first, 12, 'the first results, in the keystroke\'s task');
    await page.locator('#hit-49').waitFor();
    assert.equal(await page.locator('.results [role=option]').count(), 50);
    assert.match(await page.locator('.results .count').textContent(), /^找到 \d+ 处，显示前 50 处。/);
    assert.equal(await page.locator('#hit-49 mark').textContent(), '行');
    // The arrow keys reach every result shown: up from the first is the last.
    await box.press('ArrowUp');
    assert.equal(await box.getAttribute('aria-activedescendant'), 'hit-49');
    assert.equal(await page.locator('#hit-49').getAttribute('aria-selected'), 'true');
    // Another query replaces all of them, the later ones too.
    await box.fill('法');
    await page.waitForFunction(() => document.querySelector('#hit-49 mark')?.textContent === '法');
    assert.equal(await page.locator('.results [role=option]').count(), 50);
    assert.equal(await page.locator('.results mark', { hasText: '行' }).count(), 0);
    assert.deepEqual(problems, []);
  });

  test(`typing on before a query's results are drawn keeps the next query to its first dozen until its own frame (${size})`, async () => {
    const { page, problems } = await t.open('', { viewport });
    await page.getByRole('combobox', { name: '搜索报告' }).focus();
    const shown = await page.evaluate(async () => {
      const box = document.getElementById('search-input');
      const tick = () => new Promise((r) => { const c = new MessageChannel(); c.port1.onmessage = r; c.port2.postMessage(0); });
      const type = (q) => { box.value = q; box.dispatchEvent(new Event('input', { bubbles: true })); };
      for (let attempt = 0; attempt < 10; attempt++) {
        type('');
        await new Promise((r) => setTimeout(r, 100));
        let drawn = false;
        requestAnimationFrame(() => { drawn = true; });
        type('行');
        await tick();
        // Only when no frame came between: the first query's other 38 then wait for the next
        // frame, and the second keystroke comes in that frame, before them.
        if (drawn) continue;
        return new Promise((done) => requestAnimationFrame(() => {
          type('法');
          setTimeout(() => done(document.querySelectorAll('.results [role=option]').length), 0);
        }));
      }
      return 'every keystroke was drawn at once';
    });
    assert.equal(shown, 12, 'the second query\'s first dozen only, until its own frame');
    await page.waitForFunction(() => document.querySelectorAll('.results [role=option]').length === 50
      && document.querySelector('#hit-49 mark')?.textContent === '法');
    assert.deepEqual(problems, []);
  });
}

test('a keystroke shows its results in under 16 ms', async () => {
  const { page } = await t.open();
  const times = await page.evaluate(async () => {
    const box = document.getElementById('search-input');
    const tick = () => new Promise((r) => { const c = new MessageChannel(); c.port1.onmessage = r; c.port2.postMessage(0); });
    const out = [];
    for (let round = 0; round < 5; round++) {
      for (const q of ['行', '行政', '行政复', '行政复议', '行政复议申', '8', '82', '82.', '82.1', '82.14', '82.14%', '']) {
        const t0 = performance.now();
        box.value = q;
        box.dispatchEvent(new Event('input', { bubbles: true }));
        await tick();
        out.push(performance.now() - t0);
      }
    }
    return out;
  });
  await settle(page);
  times.sort((a, b) => a - b);
  const median = times[Math.floor(times.length / 2)];
  const p95 = times[Math.floor(times.length * 0.95)];
  console.log(`search keystroke-to-results: median ${median.toFixed(2)} ms, p95 ${p95.toFixed(2)} ms, max ${times.at(-1).toFixed(2)} ms over ${times.length} keystrokes`);
  assert.ok(median < 16, `median ${median} ms`);
});

// On a phone (no Escape key) the results must get out of the way of what the reader came for.
for (const [size, options] of [
  ['phone', { viewport: { width: 360, height: 740 }, deviceScaleFactor: 2, hasTouch: true, isMobile: true }],
  ['desktop', { viewport: { width: 1280, height: 800 } }],
]) {
  test(`the results close on choosing a hit, a tap outside, scrolling and their close button, keeping the query (${size})`, async () => {
    const { page, problems } = await t.open('', options);
    const box = page.getByRole('combobox', { name: '搜索报告' });
    const results = page.locator('.results');
    const tap = (locator) => (options.hasTouch ? locator.tap() : locator.click());
    await box.fill('行政复议');
    await results.waitFor();
    // Choosing a hit: the panel closes and the paragraph it jumped to is not covered.
    const option = page.locator('.results [role=option]').nth(1);
    const id = await option.getAttribute('data-block');
    await tap(option);
    await page.waitForFunction((h) => location.hash === h, `#/b/${id}`);
    assert.equal(await results.count(), 0);
    const target = await page.locator(`#${id}`).boundingBox();
    const bar = await page.locator('.bar').boundingBox();
    assert.ok(target.y >= bar.y + bar.height - 1, `the paragraph (${target.y}) is below the bar (${bar.y + bar.height})`);
    assert.equal(await box.inputValue(), '行政复议');
    // The close button.
    await tap(box);
    await results.waitFor();
    await tap(page.getByRole('button', { name: '关闭搜索结果' }));
    assert.equal(await results.count(), 0);
    assert.equal(await box.inputValue(), '行政复议');
    // A tap outside.
    await tap(box);
    await results.waitFor();
    // Below the panel, in the text, without scrolling first (scrolling closes it too).
    const y = options.viewport.height - 30;
    if (options.hasTouch) await page.touchscreen.tap(24, y); else await page.mouse.click(24, y);
    await page.waitForFunction(() => !document.querySelector('.results'));
    // Scrolling on.
    await tap(box);
    await results.waitFor();
    // The page scrolling by itself (as scroll anchoring does while charts are drawn) keeps it.
    await page.evaluate(() => window.scrollBy(0, 600));
    await results.waitFor();
    await page.mouse.move(24, options.viewport.height - 30);
    await page.mouse.wheel(0, 600);
    await page.waitForFunction(() => !document.querySelector('.results'));
    assert.equal(await box.inputValue(), '行政复议');
    assert.deepEqual(problems, []);
  });
}
