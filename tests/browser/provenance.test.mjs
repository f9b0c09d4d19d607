// Honest provenance for a report opened from a local file: the footer names the file (name,
// size, SHA-256) and says it is not the official publication; the QR code and the copied
// links do not pretend an address reopens it; a broken JSON is explained in Chinese.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import { useBrowser } from './lib.mjs';

const t = useBrowser();
const SIZES = [['phone', { width: 360, height: 740 }], ['desktop', { width: 1280, height: 800 }]];
const OFFICIAL = '本页由官方公布的报告原文转换而成，文字与数字均未改动。';

const fixture = (path) => readFile(new URL(`../../${path}`, import.meta.url));
/** What the file input is given of one of files(). */
const file = ({ name, mimeType, buffer }) => ({ name, mimeType, buffer });

/** The files opened: a report JSON (retitled, so its arrival shows) and a raw text. */
async function files() {
  const json = JSON.parse(await fixture('public/shangcheng-2022.json'));
  json.meta.title = '本地打开的报告';
  return [
    { name: '本地报告.json', mimeType: 'application/json', buffer: Buffer.from(JSON.stringify(json)), title: json.meta.title, made: /本页显示的是本地文件/ },
    { name: 'county-2023.txt', mimeType: 'text/plain', buffer: await fixture('tests/fixtures/county-2023.txt'), made: /转换而成/ },
  ];
}

/** Opens the tools on a phone, where they sit behind 设置. */
async function tools(page, phone) {
  if (phone && !(await page.getByRole('button', { name: '二维码' }).isVisible())) {
    await page.getByRole('button', { name: '设置' }).click();
  }
}

for (const [size, viewport] of SIZES) {
  test(`a local file is named in the footer, and nothing offers an address for it (${size})`, async () => {
    const { page, context, problems } = await t.open('', { viewport });
    await context.grantPermissions(['clipboard-read', 'clipboard-write'], { origin: new URL(t.base).origin });
    const footer = page.locator('footer.colophon');
    assert.match(await footer.textContent(), new RegExp(OFFICIAL), 'the site\'s report keeps its wording');
    for (const f of await files()) {
      const before = await page.locator('h1').textContent();
      await tools(page, viewport.width < 500);
      await page.locator('input[type=file]').setInputFiles(file(f));
      await page.waitForFunction((b) => document.querySelector('h1')?.textContent !== b, before);
      if (f.title) assert.equal(await page.locator('h1').textContent(), f.title);
      const said = await footer.textContent();
      const sha = createHash('sha256').update(f.buffer).digest('hex');
      assert.ok(said.includes(`“${f.name}”（${f.buffer.length} 字节，SHA-256：${sha}）`), said);
      assert.match(said, f.made);
      assert.match(said, /不是官方发布的版本/);
      assert.doesNotMatch(said, new RegExp(OFFICIAL));
      const wide = await footer.locator('p').first().evaluate((p) => p.scrollWidth - p.clientWidth);
      assert.ok(wide <= 0, `the digest wraps within the width (${wide}px over)`);
      assert.ok(await page.evaluate(() => document.documentElement.scrollWidth <= innerWidth), 'nothing overflows sideways');

      await tools(page, viewport.width < 500);
      await page.getByRole('button', { name: '二维码' }).click();
      const dialog = page.locator('dialog.qr-dialog');
      await dialog.getByText('本报告由本地文件打开，没有可分享的网址').waitFor();
      assert.equal(await dialog.locator('svg').count(), 0, 'no code pointing at the site\'s report');
      assert.equal(await dialog.locator('.qr-url').textContent(), '');
      await dialog.getByRole('button', { name: '关闭' }).click();

      await page.locator('#main a.permalink').first().dispatchEvent('click');
      await page.getByText('链接只在本页有效').waitFor({ state: 'attached' });
    }
    assert.deepEqual(problems, []);
  });
}

test('on the site\'s report the QR code and the copied link stay as they were', async () => {
  const { page } = await t.open('', { viewport: { width: 1280, height: 800 } });
  await page.getByRole('button', { name: '二维码' }).click();
  await page.locator('dialog.qr-dialog svg').waitFor();
  assert.equal(await page.getByText('没有可分享的网址').count(), 0);
  await page.keyboard.press('Escape');
  await page.locator('#main a.permalink').first().dispatchEvent('click');
  await page.waitForFunction(() => /链接|地址栏/.test(document.querySelector('p[role=status].visually-hidden')?.textContent ?? ''));
  assert.equal(await page.getByText('只在本页有效').count(), 0);
});

test('a broken JSON file is explained in Chinese, with its line and column', async () => {
  const { page } = await t.open();
  const alert = page.locator('.notice[role=alert]');
  for (const [body, what] of [
    ['{\n  "format": "fazhi-report/1",\n  "meta": { "title": 12 }\n}', /第 3 行第 \d+ 列）：类型不对：应为字符串，实为整数 12/],
    ['{\n  "format": "fazhi-report/1",\n', /第 3 行第 \d+ 列）：文件在此处提前结束，JSON 不完整/],
    ['{"format": "fazhi-report/1" "meta": {}}', /第 1 行第 \d+ 列）：此处应为逗号 “,” 或 “}”/],
    ['{}', /缺少字段 “format”/],
  ]) {
    await page.locator('input[type=file]').setInputFiles({ name: 'bad.json', mimeType: 'application/json', buffer: Buffer.from(body) });
    await alert.waitFor();
    const said = await alert.textContent();
    assert.match(said, what);
    assert.doesNotMatch(said, /invalid|expected|EOF|missing|at line/, said);
    await alert.getByRole('button', { name: '关闭提示' }).click();
  }
});

test('a saved portal page links its source line to the article it was saved from', async () => {
  const { page } = await t.open();
  assert.equal(await page.locator('header.masthead .source a').getAttribute('href'), 'https://www.xinyang.gov.cn/',
    'the bundled report names no article: its portal');
  const buffer = await fixture('tests/fixtures/portal-page.html');
  await page.locator('input[type=file]').setInputFiles({ name: 'portal-page.html', mimeType: 'text/html', buffer });
  await page.waitForFunction(() => document.querySelector('h1')?.textContent === '某县人民政府关于2023年法治政府建设情况的报告');
  const link = page.locator('header.masthead .source a');
  assert.equal(await link.getAttribute('href'), 'https://www.example.gov.cn/art/2024/1/15/art_1_20240115.html');
  assert.equal(await link.textContent(), '某县人民政府门户网站');
  assert.match(await page.locator('footer.colophon').textContent(), /本页由本地文件 “portal-page\.html”.*转换而成/);
});

test('where the browser has no SubtleCrypto (not a secure context), the footer says so', async () => {
  const { page } = await t.open('', {}, (context) => context.addInitScript(() => {
    Object.defineProperty(Crypto.prototype, 'subtle', { get: () => undefined });
  }));
  const [json, txt] = await files();
  await page.locator('input[type=file]').setInputFiles(file(json));
  await page.waitForFunction((title) => document.querySelector('h1')?.textContent === title, json.title);
  const footer = page.locator('footer.colophon');
  assert.match(await footer.textContent(), /“本地报告\.json”（\d+ 字节，SHA-256 无法计算：浏览器只在安全连接（https）的页面上提供这一功能）/);
  // A converted file: the converter's own digest of it stands in.
  await page.locator('input[type=file]').setInputFiles(file(txt));
  await page.waitForFunction(() => /county-2023/.test(document.querySelector('footer.colophon')?.textContent ?? ''));
  const sha = createHash('sha256').update(txt.buffer).digest('hex');
  assert.ok((await footer.textContent()).includes(`SHA-256：${sha}）转换而成`));
});
