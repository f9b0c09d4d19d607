// The editor's desk (issue 14, items 3, 4 and 6): its own wasm, loaded only under ?edit; a
// report opened from a .txt with no sidecar gets charts and cards; on the desk an editor turns
// one off, renames one (digits refused with the reason), builds one from two figures marked in
// the text, undoes and redoes, and publishes: the report JSON, the sidecar that makes the
// command-line converter write the same JSON byte for byte, and the offline file made in the
// browser, which opens from file:// with the network off and shows the edited charts.
import { test, before } from 'node:test';
import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { createRequire } from 'node:module';
import { mkdtemp, readFile, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { appReady, settle, useBrowser, recordCspViolations, cspViolations, STRICT_CSP } from './lib.mjs';

const ROOT = new URL('../../', import.meta.url).pathname;
const FIXTURE = `${ROOT}tests/fixtures/county-2023.txt`;
const AXE = createRequire(import.meta.url).resolve('axe-core/axe.min.js');
const t = useBrowser({ serve: { headers: { 'Content-Security-Policy': STRICT_CSP } } });
let out;
before(async () => {
  out = await mkdtemp(join(tmpdir(), 'fazhi-desk-'));
});

/** The names of the files a page fetched (last path segment), recorded from before it opens. */
function fetched(page) {
  const names = [];
  page.on('request', (r) => names.push(new URL(r.url()).pathname.split('/').pop()));
  return names;
}

/** The titles in the reader's list of charts, opened first (its items are put in the page only
 *  then). */
async function chartList(page) {
  await page.locator('#indicators .chart-list summary').click();
  await page.locator('#indicators .chart-list a').first().waitFor();
  return page.locator('#indicators .chart-list a').allTextContents();
}

/** Waits for the desk to show its lists. */
const deskReady = (page) => page.locator('#desk-charts-h').waitFor();

/** A chart's row on the desk, by its title as the row's heading shows it. */
const row = (page, title) => page.locator('li.desk-item').filter({
  has: page.getByRole('heading', { level: 3, name: title }),
});

async function axe(page) {
  await page.addScriptTag({ path: AXE });
  const r = await page.evaluate(() => window.axe.run(document, {
    runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'best-practice'] },
  }));
  return r.violations.map((v) => `${v.id}: ${v.help} (${v.nodes.slice(0, 3).map((n) => n.target.join(' ')).join(', ')})`);
}

/** Clicks `button` and saves the download it starts under `out`; returns [name, text]. */
async function download(page, button) {
  const [dl] = await Promise.all([page.waitForEvent('download'), button.click()]);
  const name = dl.suggestedFilename();
  await dl.saveAs(join(out, name));
  return [name, await readFile(join(out, name), 'utf8')];
}

test('a reader never downloads the desk; ?edit loads the desk instead of the reader', async () => {
  const { page, problems } = await t.page('about:blank');
  const names = fetched(page);
  await page.goto(t.base);
  await appReady(page);
  await page.waitForLoadState('networkidle');
  assert.ok(names.some((n) => /^reader-[0-9a-f]+_bg\.wasm$/.test(n)), names.join(' '));
  assert.deepEqual(names.filter((n) => n.startsWith('desk')), [], 'no desk file on a first visit');
  const edit = page.getByRole('link', { name: '编辑' });
  assert.ok(await edit.isVisible());

  names.length = 0;
  await edit.click();
  await deskReady(page);
  await page.waitForLoadState('networkidle');
  assert.ok(names.some((n) => /^desk-[0-9a-f]+_bg\.wasm$/.test(n)), names.join(' '));
  assert.ok(names.some((n) => /^desk-[0-9a-f]+\.css$/.test(n)), names.join(' '));
  assert.equal(await page.title(), '编辑：商城县人民政府关于2022年法治政府建设情况的报告');
  // The bundled report's sixteen charts shown, the proposal no editor's chart draws hidden.
  assert.match(await page.locator('#desk-charts-h + .note').textContent(), /共 17 张，显示 16 张/);
  await page.getByRole('link', { name: '返回阅读' }).click();
  await appReady(page);
  assert.deepEqual(problems, []);
});

test('an embed and the offline file offer no desk', async () => {
  const { page } = await t.page(`${t.base}?embed=1&edit`);
  await appReady(page);
  assert.equal(await page.locator('#desk-charts-h').count(), 0, '?edit inside an embed starts the reader');
  assert.equal(await page.getByRole('link', { name: '编辑' }).count(), 0);
  const offline = await readFile(`${ROOT}dist/shangcheng-2022.html`, 'utf8');
  assert.ok(!offline.includes('fazhi-desk') && !/desk-[0-9a-f]{15,16}/.test(offline));
});

test('open a .txt with no sidecar, edit its charts on the desk, publish, and find the edits everywhere', async () => {
  const { page, problems } = await t.open('', { viewport: { width: 1280, height: 900 }, acceptDownloads: true },
    recordCspViolations);
  // The converter's proposals: charts and cards appear for a report no one chose charts for.
  await page.locator('input[type=file]').setInputFiles(FIXTURE);
  await page.waitForFunction(() => document.querySelector('h1')?.textContent.includes('2023年度'));
  await page.locator('#main figure.chart').first().waitFor();
  const proposed = await chartList(page);
  assert.deepEqual(proposed, ['推进政务服务标准化', '加强合法性审查', '行政应诉']);
  assert.ok(await page.locator('#indicators .card').count() >= 3);

  // The desk takes the opened report over.
  await page.getByRole('link', { name: '编辑' }).click();
  await deskReady(page);
  assert.match(await page.locator('.desk-head .dates').textContent(), /打开的文件 county-2023\.txt/);
  assert.equal(await page.locator('li.desk-item').filter({ has: page.locator('figure.desk-preview') }).count(), 3);

  // Turn one off (with the keyboard: Space on the focused switch).
  const appeal = row(page, '行政应诉');
  await appeal.getByRole('checkbox', { name: /在报告中显示/ }).focus();
  await page.keyboard.press('Space');
  await page.getByRole('heading', { level: 3, name: '行政应诉（未显示）' }).waitFor();
  assert.match(await page.locator('[role=status][aria-live=polite]').textContent(), /已隐藏图表“行政应诉”/);

  // Rename one: a digit is refused with the reason, the title stays; words are taken.
  // (By its id: the heading changes with the title.)
  const review = page.locator('li[aria-labelledby="chart-c1s2i2-h"]');
  assert.equal(await review.locator('h3').textContent(), '加强合法性审查');
  const title = review.getByRole('textbox', { name: '标题' });
  await title.fill('2023年审查的文件');
  const why = review.locator('.desk-error[role=alert]').first();
  await why.waitFor();
  assert.match(await why.textContent(), /含有数字/);
  assert.equal(await title.getAttribute('aria-invalid'), 'true');
  await title.fill('审查的文件和合同');
  await page.getByRole('heading', { level: 3, name: '审查的文件和合同' }).waitFor();
  assert.equal(await title.getAttribute('aria-invalid'), 'false');
  // A category name with a digit is refused too.
  const category = page.getByRole('textbox', { name: '“9件”的类别' });
  await category.fill('规范性文件9件');
  await page.getByText(/数字只能来自原文/).first().waitFor();
  await category.fill('规范性文件');

  // A new chart from two figures marked in the text.
  await page.getByRole('button', { name: '320卷', exact: true }).click();
  await page.getByRole('button', { name: '210卷', exact: true }).click();
  assert.equal(await page.getByRole('button', { name: '320卷', exact: true }).getAttribute('aria-pressed'), 'true');
  assert.equal(await page.locator('.desk-picked').textContent(), '已选 2 个数字');
  await page.getByRole('button', { name: '新建图表' }).click();
  const made = row(page, '开展执法案卷评查');
  await made.waitFor();
  assert.match(await made.locator('figcaption').textContent(), /评查行政处罚案卷 320卷.*行政许可案卷 210卷/);
  assert.equal(await made.getByRole('combobox', { name: '图形' }).inputValue(), 'bars');

  // Undo takes the new chart back, redo brings it again (buttons and Ctrl+Z / Ctrl+Y).
  await page.getByRole('button', { name: '撤销' }).click();
  await made.waitFor({ state: 'detached' });
  await page.getByRole('button', { name: '重做' }).click();
  await made.waitFor();
  await page.locator('body').click({ position: { x: 5, y: 5 } });
  await page.keyboard.press('Control+z');
  await made.waitFor({ state: 'detached' });
  await page.keyboard.press('Control+y');
  await made.waitFor();

  // Publish: the report JSON, the sidecar and the offline file, all made here.
  const [jsonName, json] = await download(page, page.getByRole('button', { name: '下载报告数据（JSON）' }));
  assert.equal(jsonName, 'county-2023.json');
  const report = JSON.parse(json);
  assert.deepEqual(report.charts.map((c) => c.title), ['推进政务服务标准化', '审查的文件和合同', '开展执法案卷评查']);
  assert.ok(report.charts[1].labels.includes('规范性文件'));
  const [sideName, side] = await download(page, page.getByRole('button', { name: '下载图表设置（.charts.json）' }));
  assert.equal(sideName, 'county-2023.charts.json');
  const [htmlName] = await download(page, page.getByRole('button', { name: '下载离线文件（.html）' }));
  assert.equal(htmlName, 'county-2023.html');
  assert.match(await page.locator('.desk-status').textContent(), /已下载 county-2023\.html/);
  // The site's reports.json with this report added, to drop beside the JSON.
  const [listName, list] = await download(page, page.getByRole('button', { name: '下载报告目录（reports.json）' }));
  assert.equal(listName, 'reports.json');
  assert.deepEqual(JSON.parse(list).reports.map((r) => [r.file, r.year]),
    [['shangcheng-2022.json', 2022], ['county-2023.json', 2023]]);
  assert.deepEqual(await cspViolations(page), []);
  assert.deepEqual(problems, []);

  // The command-line converter, given the same text and the sidecar, writes the same bytes.
  const sidePath = join(out, sideName);
  await writeFile(sidePath, side);
  const { stdout } = await promisify(execFile)('cargo', ['run', '--quiet', '--locked', '--offline',
    '-p', 'fazhi-tools', '--bin', 'ingest', '--', FIXTURE, '--charts', sidePath], { cwd: ROOT, maxBuffer: 1 << 26 });
  assert.ok(stdout === json, 'ingest --charts writes the JSON the desk downloaded, byte for byte');

  // The downloaded JSON opens in the reader with the edited charts.
  const reader = await t.open('', { viewport: { width: 1280, height: 900 } });
  await reader.page.locator('input[type=file]').setInputFiles(join(out, jsonName));
  await reader.page.waitForFunction(() => document.querySelector('h1')?.textContent.includes('2023年度'));
  await reader.page.locator('#main figure.chart').first().waitFor();
  assert.deepEqual(await chartList(reader.page),
    ['推进政务服务标准化', '审查的文件和合同', '开展执法案卷评查']);
});

test('the offline file made on the desk opens from file:// with the network off', async () => {
  const file = join(out, 'county-2023.html');
  const html = await readFile(file, 'utf8');
  const sha = (await promisify(execFile)('sha256sum', [FIXTURE])).stdout.split(' ')[0];
  assert.ok(html.includes(`<meta name="source-sha256" content="${sha}">`), 'it names the text it was made from');
  const context = await t.newContext();
  const refused = [];
  await context.route('**/*', (r) => {
    const u = r.request().url();
    if (/^(file|data|blob):/.test(u)) return r.continue();
    refused.push(u);
    return r.abort('internetdisconnected');
  });
  const page = await context.newPage();
  const problems = [];
  page.on('pageerror', (e) => problems.push(e.message));
  await page.goto(`file://${file}#/b/c1s3i3`);
  await appReady(page);
  await page.locator('#main figure.chart').first().waitFor();
  assert.deepEqual(await chartList(page),
    ['推进政务服务标准化', '审查的文件和合同', '开展执法案卷评查']);
  assert.equal(await page.getByRole('link', { name: '编辑' }).count(), 0, 'no desk offline');
  assert.deepEqual(refused, []);
  assert.deepEqual(problems, []);
});

for (const [name, opts] of [
  ['desktop', { viewport: { width: 1280, height: 900 } }],
  ['phone, dark', { viewport: { width: 360, height: 740 }, colorScheme: 'dark' }],
]) {
  test(`axe-core: no violations on the desk (${name}), with a refused title and picked figures`, async () => {
    // axe-core is injected as an inline script: this test lets it past the CSP.
    const { page } = await t.page(`${t.base}?edit`, { ...opts, bypassCSP: true });
    await deskReady(page);
    await page.locator('figure.desk-preview svg').first().waitFor();
    await page.getByRole('textbox', { name: '标题' }).first().fill('第3项');
    await page.locator('.desk-error[role=alert]').first().waitFor();
    await page.locator('button.pick').first().click();
    await settle(page);
    assert.deepEqual(await axe(page), []);
  });
}

test('keyboard: moving a chart keeps focus on its button; the list order follows', async () => {
  const { page } = await t.page(`${t.base}?edit`, { viewport: { width: 1280, height: 900 } });
  await deskReady(page);
  const titles = () => page.locator('li.desk-item h3').allTextContents();
  const [first, second] = await titles();
  await page.getByRole('button', { name: `下移“${first}”` }).focus();
  await page.keyboard.press('Enter');
  await page.waitForFunction((t) => document.querySelector('li.desk-item h3')?.textContent === t, second);
  assert.equal(await page.evaluate(() => document.activeElement?.getAttribute('aria-label')), `下移“${first}”`);
  assert.deepEqual((await titles()).slice(0, 2), [second, first]);
});

test('phone: the picked count and 新建图表 stay in view, uncovered, while the text scrolls', async () => {
  const { page } = await t.page(`${t.base}?edit`, { viewport: { width: 360, height: 740 } });
  await deskReady(page);
  await page.locator('button.pick').first().scrollIntoViewIfNeeded();
  await page.locator('button.pick').first().click();
  await page.locator('button.pick').nth(40).scrollIntoViewIfNeeded();
  const make = page.getByRole('button', { name: '新建图表' });
  const box = await make.boundingBox();
  assert.ok(box.y >= 0 && box.y + box.height <= 740, `in view (${box.y})`);
  const hit = await page.evaluate(([x, y]) => document.elementFromPoint(x, y)?.textContent, [box.x + box.width / 2, box.y + box.height / 2]);
  assert.equal(hit, '新建图表', 'nothing covers it');
  assert.equal(await page.locator('.desk-picked').textContent(), '已选 1 个数字');
});
