// Charts as a reader uses them: the overview at the top shows the key figures and lists every
// chart (the list put in the page when first opened), each chart is drawn once after the paragraph
// that states it, at its box's width, marks lead to their sentences, tooltips, tables and text
// agree, downloads hold the right content, and figures in the text lead to their charts.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFile } from 'node:fs/promises';
import { useBrowser } from './lib.mjs';

const SEED = new URL('../../seeds/shangcheng-2022.txt', import.meta.url).pathname;

const t = useBrowser({ report: true });

const factById = (id) => t.report.facts.find((f) => f.id === id);
const SIZES = { phone: { width: 360, height: 800 }, desktop: { width: 1280, height: 900 } };
/** Opens the overview's list of charts (its links are put in the page only then). */
const openChartList = async (page) => {
  await page.locator('#indicators .chart-list summary').click();
  await page.locator('#indicators .chart-list a').first().waitFor();
};

test('the overview comes first with the key figures and a list of the charts, each drawn once', async () => {
  const { page, problems } = await t.open('#/b/indicators');
  const overview = page.getByRole('region', { name: '主要数据' });
  await overview.waitFor();
  assert.ok(t.report.charts.length >= 12, `the bundled report has ${t.report.charts.length} charts`);
  await page.waitForFunction((n) => document.querySelectorAll('main figure.chart svg').length === n, t.report.charts.length);
  // First in the report, before the first chapter; each chart drawn once, and listed by title.
  assert.ok(await page.evaluate(() => {
    const first = document.querySelector('#main h2:not(#indicators-h)');
    return document.querySelector('#indicators').compareDocumentPosition(first) === Node.DOCUMENT_POSITION_FOLLOWING;
  }), 'the overview is before the first chapter');
  assert.equal(await page.locator('main figure.chart').count(), t.report.charts.length);
  assert.equal(await overview.locator('figure.chart').count(), 0, 'the overview draws no chart a second time');
  assert.equal(await overview.locator('.card').count(), t.report.cards.length);
  // A card writes its figure as the sentence does ("5000余人次", "达98%"), never "5,000+".
  const values = await overview.locator('.card-value').allTextContents();
  assert.deepEqual(values, t.report.cards.map((id) => factById(id).text));
  for (const def of t.report.charts) {
    const fig = page.locator(`#chart-${def.id}`);
    assert.equal(await fig.locator('.chart-title').textContent(), def.title);
    // Every figure of the chart is printed in the SVG and announced by a mark.
    const svgText = await fig.locator('svg').textContent();
    const marks = await fig.locator('.chart-marks a').count();
    const ids = def.total ? [def.total, ...def.facts] : def.facts;
    assert.ok(marks >= def.facts.length, `${def.id}: ${marks} marks for ${def.facts.length} facts`);
    for (const id of ids) {
      const f = factById(id);
      // As the text writes it: no thousands separators.
      const digits = String(f.value);
      assert.ok(svgText.includes(digits), `${def.id} prints ${digits} (${f.text}): ${svgText}`);
    }
  }
  const timing = await page.evaluate(() => performance.getEntriesByName('fazhi:charts')[0]?.duration);
  console.log(`all ${t.report.charts.length} chart figures drawn in ${timing?.toFixed(1)} ms (performance measure fazhi:charts)`);
  assert.ok(timing > 0);
  assert.deepEqual(problems, []);
});

test('figures never mislead: labels name what they count, no unstated number, hedges explained', async () => {
  const { page } = await t.open('#/b/indicators');
  const overview = page.getByRole('region', { name: '主要数据' });
  await page.waitForFunction(() => document.querySelectorAll('main figure.chart svg').length > 0);
  // The rate's card is labelled as the rate, and no label leans on its sentence.
  const cards = await overview.locator('.card').allTextContents();
  assert.ok(cards.includes('82.14%行政机关负责人出庭应诉率'), cards.join(' | '));
  assert.ok(!cards.some((c) => c.includes('其中')), cards.join(' | '));
  // The rest of 12340余条 after 8321条 is not a number the text states: no figure, a tooltip.
  const disclosure = page.locator('#chart-disclosure');
  await disclosure.locator('svg').waitFor();
  const svgText = await disclosure.locator('svg').textContent();
  assert.ok(!svgText.includes('4019') && !svgText.includes('其余'), svgText);
  const rest = disclosure.locator('.chart-marks .derived');
  assert.equal(await rest.count(), 1);
  assert.match(await rest.getAttribute('title'), /减去所列分项.*推算，原文没有这个数/);
  // The hatching of 余/近 has a legend.
  const documents = await page.locator('#chart-documents svg').textContent();
  assert.ok(documents.includes('斜纹：原文为“余”，实数多于此数'), documents);
  assert.ok(documents.includes('斜纹：原文为“近”，实数略少于此数'), documents);
  // Figures in different units get a panel each, never one axis.
  const advisers = await page.locator('#chart-legal-advisers svg').textContent();
  for (const unit of ['单位：场次', '单位：件', '单位：人次', '单位：个']) assert.ok(advisers.includes(unit), unit);
  // The comparison the text states is shown with the rate, in its own words.
  const court = await page.locator('#chart-court-appearance .chart-summary').textContent();
  assert.match(court, /原文称“较去年有大幅提升”/);
});

test('clicking a bar highlights the sentence that states it; tooltip, table and text agree', async () => {
  const { page } = await t.open('#/b/chart-certificates');
  const def = t.report.charts.find((c) => c.id === 'certificates');
  const fig = page.locator('#chart-certificates');
  const mark = fig.locator('.chart-marks a').nth(3);
  await mark.waitFor();
  const f = factById(def.facts[3]);
  await mark.hover();
  const tip = page.getByRole('tooltip');
  await tip.waitFor();
  assert.ok((await tip.textContent()).includes(f.text), 'the tooltip writes the figure as the text does');
  await fig.getByText('数据表').click();
  const row = fig.locator('tbody tr').nth(3);
  assert.equal(await row.locator('td').nth(0).textContent(), f.text);
  assert.ok((await row.locator('td').nth(1).textContent()).includes(f.text));
  await mark.click();
  await page.waitForFunction((id) => location.hash === `#/b/fact-${id}`, f.id);
  const target = page.locator(`[id="fact-${f.id}"]`);
  await page.waitForFunction((id) => document.getElementById(`fact-${id}`).classList.contains('is-target'), f.id);
  assert.equal(await target.textContent(), f.text);
  assert.ok(await target.isVisible());
  const top = await target.evaluate((e) => e.getBoundingClientRect().top);
  assert.ok(top > 0 && top < 300, `the sentence is on screen (${top}px)`);
});

test('a figure in the text leads to its chart, which shows the cross-check', async () => {
  const { page } = await t.open();
  const def = t.report.charts.find((c) => c.id === 'reconsideration');
  await page.locator(`[id="fact-${def.total}"]`).click();
  await page.waitForFunction(() => document.getElementById('chart-reconsideration')?.classList.contains('is-target'));
  const fig = page.locator('#chart-reconsideration');
  assert.match(await fig.locator('.chart-checks').textContent(), /25 \+ 8 = 33（核对成立）/);
  // The in-text chart sits right after the item that states the figures.
  const after = await page.evaluate(() => document.getElementById('chart-reconsideration').closest('.block').id);
  assert.equal(after, factById(def.total).block);
});

test('downloads: chart SVG, PNG and CSV, and all facts as CSV and JSON', async () => {
  const { page } = await t.open('#/b/chart-documents');
  const fig = page.locator('#chart-documents');
  await fig.locator('svg').waitFor();
  const grab = async (button) => {
    const [d] = await Promise.all([page.waitForEvent('download'), button.click()]);
    return { name: d.suggestedFilename(), body: await readFile(await d.path()) };
  };
  const csv = await grab(fig.getByRole('button', { name: '下载 CSV' }));
  assert.equal(csv.name, 'documents.csv');
  const text = csv.body.toString('utf8');
  assert.ok(text.startsWith('\ufeff图表,角色,项目,数值,单位,限定词,原文,段落,所在句,出处,数据来源\r\n'), 'UTF-8 BOM and header');
  const rows = text.trim().split('\r\n').slice(1);
  // The whole first, then its four parts: value, unit, hedge, label, block id, sentence, source.
  assert.equal(rows.length, 5);
  assert.match(rows[0], /^审核各类文件,总数,审核文件,280,件,余,280余件,c1s3i3e1,/);
  assert.match(rows[4], /^审核各类文件,分项,其他文件,200,件,近,近200件,c1s3i3e1,/);
  const source = '商城县人民政府《商城县人民政府关于2022年法治政府建设情况的报告》，信阳市人民政府门户网站 2023年3月7日发布';
  assert.ok(rows.every((r) => r.endsWith(source)), rows[0]);
  assert.ok(rows.every((r) => r.split('全年审核各类文件280余件').length === 2), 'the sentence once per figure');
  const svg = await grab(fig.getByRole('button', { name: '下载 SVG' }));
  assert.equal(svg.name, 'documents.svg');
  const s = svg.body.toString('utf8');
  assert.match(s, /^<svg[^>]* width="\d+" height="\d+"/);
  assert.ok(s.includes('政府规范性文件') && s.includes('280余'));
  assert.match(s, />\s*审核各类文件\s*</, 'a downloaded chart carries its title');
  assert.match(s, />\s*数据来源：商城县人民政府《商城县人民政府关于2022年法治政府建设情况的报告》\s*</, '… its report and issuer');
  assert.match(s, />\s*信阳市人民政府门户网站 2023年3月7日发布\s*</, '… and where and when it was published');
  const png = await grab(fig.getByRole('button', { name: '下载 PNG' }));
  assert.equal(png.name, 'documents.png');
  assert.deepEqual([...png.body.subarray(0, 8)], [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);
  const pngWidth = png.body.readUInt32BE(16);
  const svgWidth = Number(s.match(/width="(\d+)"/)[1]);
  assert.equal(pngWidth, svgWidth * 2, 'the PNG is drawn at twice the size for HiDPI');
  const all = await grab(page.getByRole('button', { name: '下载全部数据（CSV）' }));
  assert.equal(all.body.toString('utf8').trim().split('\r\n').length, t.report.facts.length + 1);
  const json = await grab(page.getByRole('button', { name: '下载全部数据（JSON）' }));
  const facts = JSON.parse(json.body.toString('utf8'));
  assert.equal(facts.length, t.report.facts.length);
  assert.equal(facts[0].text, t.report.facts[0].text);
  assert.ok(facts[0].sentence.includes(facts[0].text));
});

test('a chart downloaded from a report opened as a local file says it is not the official publication', async () => {
  const { page } = await t.open('', { viewport: { width: 1280, height: 900 }, acceptDownloads: true });
  await page.locator('input[type=file]').setInputFiles({ name: '另一份报告.txt', mimeType: 'text/plain', buffer: await readFile(SEED) });
  // The converted report has replaced the bundled one once its footer names the file.
  await page.waitForFunction(() => document.querySelector('.colophon')?.textContent.includes('另一份报告.txt'));
  const fig = page.locator('main figure.chart').first();
  await fig.locator('svg').waitFor();
  const [d] = await Promise.all([page.waitForEvent('download'), fig.getByRole('button', { name: '下载 SVG' }).click()]);
  const s = (await readFile(await d.path())).toString('utf8');
  assert.match(s, />\s*转换自本地文件“另一份报告.txt”，不是官方发布的版本\s*</);
});

test('charts redraw for the width and the theme', async () => {
  const { page } = await t.open('#/b/chart-services', { viewport: { width: 1280, height: 900 } });
  const svg = page.locator('#chart-services svg');
  await svg.waitFor();
  const box = () => svg.getAttribute('viewBox');
  const wide = await box();
  await page.setViewportSize({ width: 420, height: 900 });
  await page.waitForFunction((w) => document.querySelector('#chart-services svg').getAttribute('viewBox') !== w, wide);
  const narrow = Number((await box()).split(' ')[2]);
  assert.ok(narrow < Number(wide.split(' ')[2]), `redrawn narrower: ${wide} -> ${await box()}`);
  const light = await svg.innerHTML();
  await page.setViewportSize({ width: 1280, height: 900 });
  await page.getByRole('button', { name: /^主题/ }).click(); // 浅色
  await page.getByRole('button', { name: /^主题/ }).click(); // 深色
  await page.waitForFunction((l) => document.querySelector('#chart-services svg').innerHTML !== l, light);
  assert.notEqual(await svg.innerHTML(), light);
});

test('a report opened with no sidecar gets the charts and cards the converter proposes', async () => {
  const { page, problems } = await t.open();
  // The bundled text without its editor's choice, opened from a file as a portal editor would.
  const text = await readFile(SEED);
  await page.locator('input[type=file]').setInputFiles({ name: '另一份报告.txt', mimeType: 'text/plain', buffer: text });
  const overview = page.getByRole('region', { name: '主要数据' });
  await page.waitForFunction(() => document.querySelector('#chart-c1s6i2 svg'));
  await openChartList(page);
  const titles = await overview.locator('.chart-list a').allTextContents();
  assert.equal(titles.length, 6, titles.join(' | '));
  assert.ok(titles.includes('认真落实行政机关负责人出庭应诉规定'), titles.join(' | '));
  // The litigation cases and their three parts, as the text states them.
  const svg = await page.locator('#chart-c1s6i2 svg').textContent();
  for (const n of ['60', '27', '26', '7']) assert.ok(svg.includes(n), `${n} in ${svg}`);
  const cards = await overview.locator('.card').allTextContents();
  assert.ok(cards.includes('82.14%行政机关负责人出庭应诉率'), cards.join(' | '));
  assert.ok(cards.includes('280余件审核文件'), cards.join(' | '));
  assert.deepEqual(problems, []);
});

for (const [size, viewport] of Object.entries(SIZES)) {
  test(`${size}: the overview's list of charts is put in the page when first opened, and lists every chart`, async () => {
    const { page, problems } = await t.open('#/b/indicators', { viewport });
    const list = page.locator('#indicators .chart-list');
    await list.waitFor();
    assert.equal(await list.locator('summary').textContent(), `全部图表（${t.report.charts.length}幅）`);
    assert.equal(await list.locator('li').count(), 0, 'no item before it is opened');
    await openChartList(page);
    const links = list.locator('a');
    const listed = await links.evaluateAll((as) => as.map((a) => [a.textContent, a.getAttribute('href')]));
    assert.deepEqual(listed, t.report.charts.map((c) => [c.title, `#/b/chart-${c.id}`]));
    assert.ok(await links.first().isVisible());
    // Closed and opened again: the same list, once.
    await list.locator('summary').click();
    assert.equal(await links.first().isVisible(), false);
    await list.locator('summary').click();
    assert.equal(await links.count(), t.report.charts.length);
    // A title leads to its chart.
    const last = t.report.charts.at(-1);
    await links.last().click();
    await page.waitForFunction((id) => document.getElementById(`chart-${id}`)?.classList.contains('is-target'), last.id);
    assert.deepEqual(problems, []);
  });

  test(`${size}: every chart is drawn at its box's width, and again when the window's width changes`, async () => {
    const { page, problems } = await t.open('', { viewport });
    // Each drawn chart: its box's width, and the width it was drawn at (the SVG's viewBox).
    const widths = () => page.evaluate(() => [...document.querySelectorAll('figure.chart .chart-box')]
      .map((b) => [b.getBoundingClientRect().width, Number(b.querySelector('svg')?.getAttribute('viewBox').split(' ')[2])]));
    // At the default font size a chart is drawn at its box's width, to the pixel.
    const fit = (ws) => ws.every(([box, drawn]) => Math.abs(box - drawn) <= 0.5);
    await page.waitForFunction(() => performance.getEntriesByName('fazhi:charts-drawn').length === 1);
    const before = await widths();
    assert.equal(before.length, t.report.charts.length);
    assert.ok(fit(before), JSON.stringify(before));
    const other = size === 'phone' ? SIZES.desktop : SIZES.phone;
    await page.setViewportSize(other);
    await page.waitForFunction(() => [...document.querySelectorAll('figure.chart .chart-box')]
      .every((b) => Math.abs(b.getBoundingClientRect().width - Number(b.querySelector('svg').getAttribute('viewBox').split(' ')[2])) <= 0.5));
    const after = await widths();
    assert.ok(fit(after), JSON.stringify(after));
    assert.notEqual(after[0][0], before[0][0], 'the boxes changed width');
    assert.deepEqual(problems, []);
  });
}
