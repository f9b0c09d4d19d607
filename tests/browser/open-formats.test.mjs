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
    assert.deepEqual((await page.locator('main h2').allTextContents()).slice(0, 3), CHAPTERS);
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
  assert.deepEqual((await page.locator('main h2').allTextContents()).slice(0, 3), ['一、主要工作', '二、存在的问题', '三、下一步工作打算']);
  assert.deepEqual(problems, []);
});
