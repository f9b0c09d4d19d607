// Chinese typography (fazhi_core::typeset): ASCII punctuation inside Chinese text is shown
// full-width, in the pre-rendered first paint and in the app alike, while the official text is
// what copying and search work on; paragraphs are indented two characters, set without
// stretched gaps, and headings are ranked.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { allBlocks, appReady, officialText, settle, useBrowser } from './lib.mjs';

const t = useBrowser({ report: true });
const SIZES = [{ width: 360, height: 740 }, { width: 1280, height: 800 }];
const HAN = '\\p{Script=Han}';
const BETWEEN_HAN = new RegExp(`(${HAN}{2}),(${HAN}{2})`, 'u');

/** The first block whose own text has an ASCII comma between Han characters, and that
 *  stretch of it as written ("年,我县") and as it must be shown ("年，我县"). */
function commaBlock() {
  const b = allBlocks(t.report).find((x) => BETWEEN_HAN.test(x.text));
  const [written, left, right] = b.text.match(BETWEEN_HAN);
  return { b, written, shown: `${left}，${right}` };
}

/** Selects the contents of the elements `selectors` names, from the first to the last, and
 *  copies with the keyboard; returns what the clipboard holds. */
async function copy(page, context, selectors) {
  await context.grantPermissions(['clipboard-read', 'clipboard-write'], { origin: new URL(t.base).origin });
  await page.evaluate((sels) => {
    const els = sels.map((s) => document.querySelector(s));
    const range = document.createRange();
    range.setStartBefore(els[0].firstChild);
    range.setEndAfter(els.at(-1).lastChild);
    getSelection().removeAllRanges();
    getSelection().addRange(range);
  }, selectors);
  await page.keyboard.press('Control+C');
  return page.evaluate(() => navigator.clipboard.readText());
}

for (const viewport of SIZES) {
  const size = `${viewport.width}×${viewport.height}`;

  test(`${size}: commas and parentheses in Chinese text are shown full-width`, async () => {
    const { page, problems } = await t.open('', { viewport });
    const { b, written, shown } = commaBlock();
    const p = page.locator(`[id="${b.id}"] > p`);
    const text = await p.textContent();
    assert.ok(text.includes(shown), `${b.id} shows ${shown}`);
    assert.ok(!text.includes(written), `${b.id} does not show ${written}`);
    assert.ok((await officialText(p)).includes(b.text), 'the official text is kept in the page');
    // Section numbers, written "(一)" in the report.
    const c1s1 = allBlocks(t.report).find((x) => x.id === 'c1s1');
    assert.equal(c1s1.number, '(一)');
    assert.ok((await page.locator('#c1s1-h').textContent()).startsWith('（一）'));
    assert.ok((await page.locator('#toc a[href$="#/b/c1s1"]').textContent()).startsWith('（一）'));
    // A figure is still marked on exactly its characters.
    const f = t.report.facts[0];
    assert.equal(await officialText(page.locator(`[id="fact-${f.id}"]`)), f.text);
    assert.deepEqual(problems, []);
  });

  test(`${size}: copying gives the official text, paragraphs on their own lines`, async () => {
    const { page, context } = await t.open('', { viewport });
    const { b } = commaBlock();
    const one = await copy(page, context, [`[id="${b.id}"] > p`]);
    assert.equal(one.trim(), b.text);
    // Two numbered paragraphs: number, lead-in and text of each, as the report writes them.
    const [first, second] = ['c1s1i1', 'c1s1i2'].map((id) => allBlocks(t.report).find((x) => x.id === id));
    const two = await copy(page, context, ['#c1s1i1 > p', '#c1s1i2 > p']);
    const lines = two.split('\n').map((l) => l.trim()).filter(Boolean);
    const own = (x) => x.number + x.title + x.text;
    assert.deepEqual(lines, [own(first), own(second)]);
    assert.match(own(first), /,/, 'the copied paragraphs have ASCII commas to give back');
  });

  test(`${size}: paragraphs indented two characters, no stretched gaps, headings ranked`, async () => {
    // The largest text on the narrowest screen leaves the fewest characters per line.
    const { page } = await t.open('', { viewport }, (c) => c.addInitScript(() => localStorage.setItem('fazhi.font', '3')));
    await page.locator('html[data-font="3"]').waitFor({ state: 'attached' });
    const { b } = commaBlock();
    const p = page.locator(`[id="${b.id}"] > p`);
    const style = await p.evaluate((e) => {
      const s = getComputedStyle(e);
      return { indent: parseFloat(s.textIndent), size: parseFloat(s.fontSize), line: parseFloat(s.lineHeight) };
    });
    assert.ok(Math.abs(style.indent - 2 * style.size) < 0.5, `text-indent ${style.indent}px is 2em of ${style.size}px`);
    assert.ok(style.line >= 1.7 * style.size, `line height ${style.line}px for ${style.size}px text`);
    const widest = await widestStretch(page);
    assert.ok(widest.measured > 3000, `measured ${widest.measured} characters`);
    assert.ok(widest.stretch < 0.05, `no line is stretched: a character takes ${(1 + widest.stretch).toFixed(2)}em (…${widest.at})`);
    assert.notEqual(await p.evaluate((e) => getComputedStyle(e).textAlign), 'justify');
    const size = (sel) => page.locator(sel).first().evaluate((e) => parseFloat(getComputedStyle(e).fontSize));
    const [h1, h2, h3, lead] = [await size('h1'), await size('main h2'), await size('main h3'), await size('main .lead')];
    assert.ok(h1 > h2 && h2 > h3 && h3 > lead, `h1 ${h1} > h2 ${h2} > h3 ${h3} > lead-in ${lead}`);
  });
}

/** How much wider than 1em the widest Han character of the report's paragraphs is laid out,
 *  in em of its font, and where. Justification stretches a line by widening the space each
 *  character takes (measured in Chromium at 360 px with the largest text: 0.4em with
 *  `text-align: justify`, 0.2em with `text-justify: inter-character`); a line set from the
 *  start is not stretched. */
function widestStretch(page) {
  return page.evaluate(() => {
    let widest = { stretch: 0, at: '' };
    let measured = 0;
    const range = document.createRange();
    for (const p of document.querySelectorAll('main.report p')) {
      const em = parseFloat(getComputedStyle(p).fontSize);
      const walker = document.createTreeWalker(p, NodeFilter.SHOW_TEXT);
      for (let n = walker.nextNode(); n; n = walker.nextNode()) {
        for (let i = 0; i < n.data.length; i++) {
          if (!/\p{Script=Han}/u.test(n.data[i])) continue;
          range.setStart(n, i);
          range.setEnd(n, i + 1);
          const stretch = range.getBoundingClientRect().width / em - 1;
          measured++;
          if (stretch > widest.stretch) widest = { stretch, at: n.data.slice(Math.max(0, i - 8), i + 1) };
        }
      }
    }
    return { ...widest, measured };
  });
}

test('the first paint, before the app runs, shows the same full-width text and copies the official one', async () => {
  const context = await t.newContext({ viewport: SIZES[0] });
  const page = await context.newPage();
  let release;
  const gate = new Promise((r) => { release = r; });
  await page.route('**/*.wasm', async (route) => { await gate; await route.continue(); });
  await page.goto(t.base);
  const { b, written, shown } = commaBlock();
  const p = page.locator(`#prerender [data-b="${b.id}"] > p`);
  const text = await p.textContent();
  assert.ok(text.includes(shown) && !text.includes(written), `the first paint shows ${shown}`);
  assert.ok((await page.locator('#prerender [data-b="c1s1"] > h3').textContent()).startsWith('（一）'));
  assert.equal(await page.locator('#main').count(), 0, 'the app has not mounted');
  const copied = await copy(page, context, [`#prerender [data-b="${b.id}"] > p`]);
  assert.equal(copied.trim(), b.text);
  release();
  await appReady(page);
  assert.equal(await page.locator(`[id="${b.id}"] > p`).textContent(), text, 'the app shows it alike');
});

test('search finds a phrase written with the ASCII comma or the full-width one', async () => {
  const { page } = await t.open();
  const { b, written, shown } = commaBlock();
  const box = page.getByRole('combobox', { name: '搜索报告' });
  for (const q of [written, shown]) {
    await box.fill(q);
    const first = page.locator('.results [role=option]').first();
    await first.waitFor();
    await settle(page);
    assert.equal(await first.getAttribute('data-block'), b.id, `query ${q}`);
    // The hits are painted in a task after the results show.
    await page.waitForFunction((id) => [...(CSS.highlights.get('search') ?? [])]
      .some((r) => document.getElementById(id).contains(r.startContainer)), b.id);
    assert.equal(await first.locator('mark').textContent(), shown, 'the result shows the display form');
    // One range over the phrase, across any figure or term element inside it.
    const ranges = await page.evaluate((id) => [...CSS.highlights.get('search')]
      .filter((r) => document.getElementById(id).contains(r.startContainer))
      .map((s) => {
        // A static range (as painted), read through a live copy.
        const r = document.createRange();
        r.setStart(s.startContainer, s.startOffset);
        r.setEnd(s.endContainer, s.endOffset);
        const copy = document.createElement('div');
        copy.append(r.cloneContents());
        for (const w of copy.querySelectorAll('.fw')) w.replaceWith(w.dataset.o);
        return { shown: r.toString(), official: copy.textContent };
      }), b.id);
    assert.deepEqual(ranges, [{ shown, official: written }], 'the hit is painted on the same characters');
  }
});
