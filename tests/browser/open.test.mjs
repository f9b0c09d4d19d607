// Opening another report: ?report= on the same origin only, local .json/.txt files from the
// picker or dropped on the page, and readable errors that leave the reader usable.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFile } from 'node:fs/promises';
import { useBrowser } from './lib.mjs';

const SEED = new URL('../../seeds/shangcheng-2022.txt', import.meta.url).pathname;
const t = useBrowser();

test('?report= names only .json files in the reader\'s folder, checked after decoding', async () => {
  // A report in a folder below the reader's is fine.
  const other = JSON.parse(await readFile(new URL('../../public/shangcheng-2022.json', import.meta.url), 'utf8'));
  other.meta.title = '某区人民政府关于2023年法治政府建设情况的报告';
  const asked = [];
  const { page } = await t.open('?report=2023%2Fother.json', {}, async (context) => {
    context.on('request', (r) => asked.push(new URL(r.url())));
    await context.route('**/reports/viewer/2023/other.json', (r) => r.fulfill({ contentType: 'application/json', body: JSON.stringify(other) }));
  });
  assert.equal(await page.locator('h1').textContent(), other.meta.title);
  const refused = [
    ['../secret.json', /路径段/],
    ['%2e%2e/secret.json', /路径段/],
    ['%252e%252e%252fsecret.json', /百分号编码/],
    ['\\\\example.com\\r.json', /含有 “\\”/],
    ['/other/r.json', /不是相对路径/],
    ['java\tscript:alert(1)', /控制字符/],
    ['shangcheng-2022.txt', /不是 \.json 文件/],
  ];
  for (const [bad, why] of refused) {
    await page.goto(`${t.base}?report=${encodeURIComponent(bad)}`);
    const err = page.getByRole('alert');
    await err.waitFor();
    const said = await err.textContent();
    assert.match(said, /只能是本站上的相对路径，指向阅读器所在文件夹中的 \.json 文件/, bad);
    assert.match(said, why, `${bad}: ${said}`);
  }
  const outside = asked.filter((u) => u.origin !== new URL(t.base).origin || !u.pathname.startsWith('/reports/viewer/'));
  assert.deepEqual(outside.map(String), [], 'nothing was fetched outside the reader\'s folder');
});

test('?report= loads a relative JSON and refuses anything else', async () => {
  const { page } = await t.open('?report=shangcheng-2022.json');
  assert.equal(await page.locator('h1').textContent(), '商城县人民政府关于2022年法治政府建设情况的报告');
  for (const bad of ['https://example.com/r.json', '//example.com/r.json', 'javascript:alert(1)']) {
    await page.goto(`${t.base}?report=${encodeURIComponent(bad)}`);
    const err = page.getByRole('alert');
    await err.waitFor();
    assert.match(await err.textContent(), /只能是本站上的相对路径/);
  }
});

test('a broken JSON shows what and where, and a 404 says so', async () => {
  const { page } = await t.page('about:blank');
  await page.route('**/broken.json', (r) => r.fulfill({ contentType: 'application/json', body: '{\n  "format": "fazhi-report/1",\n  "meta": { "title": 12 }\n}' }));
  await page.goto(`${t.base}?report=broken.json`);
  const err = page.getByRole('alert');
  await err.waitFor();
  assert.match(await err.textContent(), /broken\.json 不是有效的报告 JSON（第 3 行第 \d+ 列）/);
  assert.ok(await page.getByText('打开文件').isVisible(), 'the reader still offers to open a file');
  await page.goto(`${t.base}?report=missing.json`);
  await page.getByRole('alert').waitFor();
  assert.match(await page.getByRole('alert').textContent(), /服务器返回 404/);
});

test('a raw .txt from the file picker is converted in the browser', async () => {
  const { page, problems } = await t.open();
  const text = (await readFile(SEED, 'utf8')).replace('  商城县人民政府\n', '  某某县人民政府\n');
  await page.locator('input[type=file]').setInputFiles({ name: 'other.txt', mimeType: 'text/plain', buffer: Buffer.from(text) });
  await page.waitForFunction(() => document.querySelector('.issuer')?.textContent === '某某县人民政府');
  assert.deepEqual(await page.locator('main section.chapter > h2').allTextContents().then((h) => h.slice(0, 3)), ['一、工作总体开展情况', '二、存在的问题', '三、下一步工作打算']);
  assert.deepEqual(problems, []);
});

test('a file with hundreds of warnings lists the first 20 and counts the rest', async () => {
  const { page } = await t.open();
  // Every chapter after the first repeats "一、": one warning each, 100 in all.
  const text = `某县人民政府关于2022年法治政府建设情况的报告\n${'一、工作\n收到申请3件。\n'.repeat(101)}`;
  await page.locator('input[type=file]').setInputFiles({ name: 'repeats.txt', mimeType: 'text/plain', buffer: Buffer.from(text) });
  const notice = page.locator('.notice');
  await page.waitForFunction(() => /repeats\.txt/.test(document.querySelector('.notice')?.textContent ?? ''));
  const said = await notice.textContent();
  assert.match(said, /已打开 repeats\.txt。请注意：第 \d+ 行第 1 列：编号重复/);
  assert.equal(said.match(/编号重复/g).length, 20, said);
  assert.match(said, /；另有 80 条警告/);
});

test('a bad file shows the line and what was expected; the report stays', async () => {
  const { page } = await t.open();
  await page.locator('input[type=file]').setInputFiles({ name: 'notes.txt', mimeType: 'text/plain', buffer: Buffer.from('标题\n随便写的一段话，没有章节。\n') });
  const alert = page.locator('.notice[role=alert]');
  await alert.waitFor();
  assert.match(await alert.textContent(), /无法打开 notes\.txt：报告原文第 \d+ 行第 \d+ 列：没有找到以“一、”“二、”……编号的章节/);
  assert.equal(await page.locator('h1').textContent(), '商城县人民政府关于2022年法治政府建设情况的报告');
  await page.locator('input[type=file]').setInputFiles({ name: 'bad.json', mimeType: 'application/json', buffer: Buffer.from('{"format": 1}') });
  await page.waitForFunction(() => /bad\.json/.test(document.querySelector('.notice')?.textContent ?? ''));
  assert.match(await alert.textContent(), /第 1 行第 \d+ 列/);
  await alert.getByRole('button', { name: '关闭提示' }).click();
  assert.equal(await page.locator('.notice').count(), 0);
});

test('a JSON file dropped on the page opens', async () => {
  const { page } = await t.open();
  const json = JSON.parse(await readFile(new URL('../../public/shangcheng-2022.json', import.meta.url), 'utf8'));
  json.meta.title = '拖放打开的报告';
  await page.evaluate((body) => {
    const dt = new DataTransfer();
    dt.items.add(new File([body], 'dropped.json', { type: 'application/json' }));
    window.dispatchEvent(new DragEvent('drop', { dataTransfer: dt, bubbles: true, cancelable: true }));
  }, JSON.stringify(json));
  await page.waitForFunction(() => document.querySelector('h1')?.textContent === '拖放打开的报告');
});
