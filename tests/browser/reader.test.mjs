// The reader as a person meets it: served under a sub-path, it shows the report's title and
// every chapter, section and paragraph, in order, with no error in the console.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { allBlocks, appReady, officialText, useBrowser } from './lib.mjs';

const t = useBrowser({ report: true });

test('shows the title and the three chapter headings under a sub-path, without errors', async () => {
  const { page, problems } = await t.page(t.base);
  await appReady(page);
  const h1 = page.locator('h1');
  assert.equal(await h1.textContent(), '商城县人民政府关于2022年法治政府建设情况的报告');
  assert.equal(await page.title(), '商城县人民政府关于2022年法治政府建设情况的报告');
  const chapters = page.locator('main section.chapter > h2');
  assert.deepEqual(await chapters.allTextContents(), [
    '一、工作总体开展情况',
    '二、存在的问题',
    '三、下一步工作打算',
  ]);
  for (const h of await chapters.all()) assert.ok(await h.isVisible());
  assert.equal(await page.locator('html').getAttribute('lang'), 'zh-CN');
  assert.deepEqual(problems, []);
});

test('renders every block of the JSON in document order with its exact text', async () => {
  const { page, problems } = await t.page(t.base);
  await appReady(page);
  // Chapters far from the screen render in idle time (src/app/chapters.rs): a report this
  // short ends up whole, which every chart drawn marks.
  await page.waitForFunction(() => performance.getEntriesByName('fazhi:charts-drawn').length === 1);
  const blocks = allBlocks(t.report);
  const shownIds = await page.locator('main .block[id], main .point[id]').evaluateAll((els) => els.map((e) => e.id));
  assert.deepEqual(shownIds, blocks.map((b) => b.id));
  for (const b of blocks) {
    const own = (b.number ?? '') + (b.title ?? '') + b.text;
    // Shown in its display form (tests/browser/typography.test.mjs); the official text is kept.
    const shown = await officialText(page.locator(`[id="${b.id}"]`));
    assert.ok(shown.includes(own), `block ${b.id} should show ${own.slice(0, 30)}…`);
  }
  // The lead paragraph and the signing date are there too.
  assert.match(await page.locator('main').textContent(), /现将有关情况报告如下/);
  assert.ok(await page.getByText('2023年2月27日', { exact: true }).isVisible());
  assert.deepEqual(problems, []);
});

test('the table of contents lists chapters and sections and jumps to them', async () => {
  const { page, problems } = await t.page(t.base);
  const toc = page.getByRole('navigation', { name: '目录' });
  await toc.waitFor();
  const chapters = t.report.blocks.filter((b) => b.kind === 'chapter');
  const sections = chapters.flatMap((c) => c.children.filter((s) => s.kind === 'section'));
  // Plus the key-figures overview and the cross-checks appendix.
  assert.equal(await toc.locator('a').count(), chapters.length + sections.length + 2);
  await toc.getByRole('link', { name: '（四）加强执法监督，严格规范公正文明执法' }).click();
  await page.waitForFunction(() => location.hash === '#/b/c1s4');
  const top = await page.locator('#c1s4').evaluate((e) => e.getBoundingClientRect().top);
  const barBottom = await page.locator('.bar').evaluate((e) => e.getBoundingClientRect().bottom);
  assert.ok(top >= barBottom - 1 && top < barBottom + 60, `section should be just below the tool bar (${barBottom}px), is at ${top}px`);
  assert.deepEqual(problems, []);
});
