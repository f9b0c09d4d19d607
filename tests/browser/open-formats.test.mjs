// What offices hand over opens through the file picker: the seed as GB18030 and UTF-16 text, as a
// Word .docx whose chapter numbers Word generates, and as a saved portal page — each built by the
// converter's native tests (crates/core/tests/ingest_formats.rs writes them to
// target/format-samples/, which scripts/test.sh runs first) — and a text without a title line,
// named as offices name their files, takes its title from the file name.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFile } from 'node:fs/promises';
import { useBrowser } from './lib.mjs';

const root = new URL('../../', import.meta.url).pathname;
const samples = `${root}target/format-samples/`;
const t = useBrowser({ report: true });

const CHAPTERS = ['一、工作总体开展情况', '二、存在的问题', '三、下一步工作打算'];

for (const [file, name] of [
  ['seed-gb18030.txt', '商城县报告（GBK）.txt'],
  ['seed-utf16le.txt', '商城县报告（UTF-16）.txt'],
  ['seed.docx', '商城县报告.docx'],
  ['seed.html', '商城县报告.html'],
]) {
  test(`${name} opens with its chapters and figures`, async () => {
    const { page, problems } = await t.open();
    const buffer = await readFile(samples + file);
    await page.locator('input[type=file]').setInputFiles({ name, mimeType: 'application/octet-stream', buffer });
    await page.waitForFunction((n) => document.querySelectorAll('main .fact').length === n, t.report.facts.length, { timeout: 20_000 });
    assert.deepEqual((await page.locator('main section.chapter > h2').allTextContents()).slice(0, 3), CHAPTERS);
    assert.equal(await page.locator('h1').textContent(), '商城县人民政府关于2022年法治政府建设情况的报告');
    assert.deepEqual(problems, []);
  });
}

test('a text without a title line takes its title from the file name', async () => {
  const { page, problems } = await t.open();
  const name = '某区人民政府关于2021年度法治政府建设情况的报告_2022.txt';
  const buffer = await readFile(`${root}tests/fixtures/${name}`);
  await page.locator('input[type=file]').setInputFiles({ name, mimeType: 'text/plain', buffer });
  await page.waitForFunction(() => document.querySelector('h1')?.textContent === '某区人民政府关于2021年度法治政府建设情况的报告', null, { timeout: 20_000 });
  assert.deepEqual((await page.locator('main section.chapter > h2').allTextContents()).slice(0, 3), ['一、主要工作', '二、存在的问题', '三、下一步工作打算']);
  assert.deepEqual(problems, []);
});

// A closing glossary ("有关名词解释") explains terms the body uses: each use links to its entry
// and shows the explanation in the figures' tooltip, at phone and desktop sizes.
for (const [size, viewport] of [['phone', { width: 360, height: 740 }], ['desktop', { width: 1280, height: 800 }]]) {
  test(`the glossary fixture links its terms to their explanations (${size})`, async () => {
    const { page, problems } = await t.open('', { viewport });
    const buffer = await readFile(`${root}tests/fixtures/glossary.txt`);
    await page.locator('input[type=file]').setInputFiles({ name: 'glossary.txt', mimeType: 'text/plain', buffer });
    await page.waitForFunction(() => document.querySelector('h1')?.textContent === '某市司法局关于2022年度法治工作情况的报告', null, { timeout: 20_000 });
    // Chapters away from the screen render in idle time (src/app/chapters.rs): count the links
    // once the report is whole.
    await page.waitForFunction(() => !document.querySelector('main .chapter-rest'));
    const links = await page.locator('main a.term').evaluateAll((els) =>
      els.map((e) => [e.textContent, e.getAttribute('href'), e.closest('#g1') !== null]));
    const of = (term) => links.filter(([text]) => text === term).map(([, href, inGlossary]) => [href, inGlossary]);
    // "放管服" in the lead paragraph, in the heading of (一) and in its text; never in the glossary.
    assert.deepEqual(of('放管服'), Array(3).fill(['#/b/g1t1', false]));
    assert.deepEqual(of('双随机、一公开'), [['#/b/g1t3', false]]);
    // Where two terms overlap the longer one is the link; the shorter is linked elsewhere.
    assert.deepEqual(of('互联网+政务服务'), [['#/b/g1t4', false]]);
    assert.deepEqual(of('政务服务'), [['#/b/g1t5', false]]);
    assert.ok(links.every(([, , inGlossary]) => !inGlossary), 'the glossary does not link to itself');

    // Focus (keyboard, or a tap) shows the explanation; the link leads to the entry.
    const first = page.locator('main a.term').first();
    await first.focus();
    const tip = page.locator('#fact-tip');
    await tip.waitFor({ state: 'visible' });
    assert.match(await tip.textContent(), /^放管服指简政放权、放管结合、优化服务。/);
    const box = await tip.boundingBox();
    assert.ok(box.x >= 0 && box.x + box.width <= viewport.width + 1, `the tooltip fits the width: ${JSON.stringify(box)}`);
    await first.click();
    await page.waitForFunction(() => location.hash === '#/b/g1t1');
    const entry = page.locator('#g1t1');
    await page.waitForFunction(() => document.querySelector('#g1t1')?.classList.contains('is-target'));
    assert.match(await entry.textContent(), /指简政放权、放管结合、优化服务。/);
    assert.ok(await entry.evaluate((e) => { const r = e.getBoundingClientRect(); return r.top >= 0 && r.top < innerHeight; }), 'the entry is scrolled into view');
    assert.deepEqual(problems, []);
  });
}
