// The single offline file (dist/<report>.html): opened from file:// as after a double-click, with
// every network request refused, it shows the report, searches, follows deep links, draws the
// QR code and opens another file in its blob: worker, under its own <meta> CSP. No --allow-file-access-from-files: that would hide the very failure at stake.
import { test, before } from 'node:test';
import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import {
  DIST, bundledReport, appReady, useBrowser, recordCspViolations, cspViolations,
} from './lib.mjs';

const FILE = `${DIST}shangcheng-2022.html`;
const SEED = new URL('../../seeds/shangcheng-2022.txt', import.meta.url).pathname;
let html;
const t = useBrowser({ serve: false });
before(async () => {
  html = await readFile(FILE, 'utf8');
});

/** Opens the offline file with the network off: only file:, data: and blob: URLs load.
 *  `setup(context)` runs first (e.g. to record CSP violations). */
async function openOffline(hash = '', setup = undefined) {
  const context = await t.newContext();
  await setup?.(context);
  const refused = [];
  await context.route('**/*', (r) => {
    const u = r.request().url();
    if (u.startsWith('file:') || u.startsWith('data:') || u.startsWith('blob:')) return r.continue();
    refused.push(u);
    return r.abort('internetdisconnected');
  });
  const page = await context.newPage();
  const problems = [];
  page.on('console', (m) => { if (m.type() === 'error') problems.push(`console: ${m.text()}`); });
  page.on('pageerror', (e) => problems.push(`pageerror: ${e.message}`));
  const workers = [];
  page.on('worker', (w) => workers.push(w.url()));
  await page.goto(`file://${FILE}${hash}`);
  return { context, page, problems, refused, workers };
}

test('opened from file:// with the network off: report, search, deep link, QR code', async () => {
  const { page, problems, refused } = await openOffline('#/b/c1s6i2');
  await appReady(page);
  assert.equal(await page.title(), '商城县人民政府关于2022年法治政府建设情况的报告');
  assert.equal(await page.locator('h1').textContent(), '商城县人民政府关于2022年法治政府建设情况的报告');
  await page.waitForFunction(() => document.getElementById('c1s6i2')?.classList.contains('is-target'));
  assert.match(await page.locator('#c1s6i2').textContent(), /认真落实行政机关负责人出庭应诉规定/);
  const top = await page.locator('#c1s6i2').evaluate((e) => e.getBoundingClientRect().top);
  assert.ok(top > 0 && top < 200, `the deep link scrolled to the block (${top}px)`);

  await page.locator('#search-input').fill('出庭应诉率');
  const hit = page.locator('#search-list li').first();
  await hit.waitFor();
  assert.match(await hit.textContent(), /出庭应诉率/);
  await hit.click();
  await page.waitForFunction(() => CSS.highlights.get('search')?.size > 0);

  await page.getByRole('button', { name: '二维码' }).click();
  const dialog = page.locator('dialog.qr-dialog');
  await dialog.locator('svg.qr').waitFor();
  assert.ok(await dialog.evaluate((d) => d.open));
  assert.match(await dialog.locator('.qr-url').textContent(), /^file:\/\/.*shangcheng-2022\.html#\/b\//);

  assert.deepEqual(refused, [], 'the offline file asked for nothing from the network');
  assert.deepEqual(problems, []);
});

test('everything is inside the one file, and its data is the shipped report', async () => {
  // Nothing refers to another file: no src= or stylesheet/icon href= other than data: URLs.
  const refs = [...html.matchAll(/<(script|link|img|iframe)\b[^>]*\b(?:src|href)="([^"]*)"/g)]
    .map((m) => m[2]).filter((u) => !u.startsWith('data:'));
  assert.deepEqual(refs, []);
  const data = html.match(/<script type="application\/json" id="report-data">([\s\S]*?)<\/script>/)[1];
  assert.ok(!data.includes('<'), 'every < in the JSON is escaped as \\u003c');
  assert.deepEqual(JSON.parse(data), await bundledReport());
  // The official text it was made from.
  const sha = createHash('sha256').update(await readFile(SEED)).digest('hex');
  assert.ok(html.includes(`<meta name="source-sha256" content="${sha}">`));
});

test('without WebAssembly the offline file still shows the whole text and says why', async () => {
  const context = await t.newContext();
  await context.addInitScript(() => { delete window.WebAssembly; });
  const page = await context.newPage();
  const errors = [];
  page.on('pageerror', (e) => errors.push(e.message));
  await page.goto(`file://${FILE}`);
  const msg = page.locator('#boot-nowasm');
  await msg.waitFor();
  assert.match(await msg.textContent(), /不支持 WebAssembly/);
  assert.ok(await page.getByRole('heading', { name: '二、存在的问题' }).isVisible());
  assert.deepEqual(errors, []);
});

test('the offline file opens a .txt from file:// with the network off, under its own CSP', async () => {
  const { page, problems, refused, workers } = await openOffline('', recordCspViolations);
  await appReady(page);
  const csp = await page.locator('meta[http-equiv="Content-Security-Policy"]').getAttribute('content');
  assert.match(csp, /default-src 'none'/);
  const started = Date.now();
  const buffer = Buffer.from((await readFile(SEED, 'utf8')).replace('  商城县人民政府\n', '  某某县人民政府\n'));
  await page.locator('input[type=file]').setInputFiles({ name: '某县人民政府关于2022年法治政府建设情况的报告.txt', mimeType: 'text/plain', buffer });
  await page.waitForFunction(() => document.querySelector('.issuer')?.textContent === '某某县人民政府');
  // file:// is a secure context in Chromium: the browser's SHA-256 is there.
  assert.ok(await page.evaluate(() => window.isSecureContext && !!crypto.subtle));
  const sha = createHash('sha256').update(buffer).digest('hex');
  assert.match(await page.locator('footer.colophon').textContent(), new RegExp(`（${buffer.length} 字节，SHA-256：${sha}）转换而成，不是官方发布的版本`));
  console.log(`# offline: the seed as .txt opened in ${Date.now() - started} ms (worker start included)`);
  assert.equal(workers.length, 1);
  assert.match(workers[0], /^blob:/);
  assert.deepEqual(await page.locator('main section.chapter > h2').allTextContents().then((h) => h.slice(0, 3)),
    ['一、工作总体开展情况', '二、存在的问题', '三、下一步工作打算']);
  assert.deepEqual(await cspViolations(page), []);
  assert.deepEqual(refused, []);
  assert.deepEqual(problems, []);
  // The policy is in force: a script it does not name is refused.
  const ran = await page.evaluate(() => {
    const s = document.createElement('script');
    s.textContent = 'window.__injected = true;';
    document.body.append(s);
    return window.__injected === true;
  });
  assert.equal(ran, false);
  assert.equal((await cspViolations(page)).filter((v) => v.startsWith('script-src')).length, 1);
});
