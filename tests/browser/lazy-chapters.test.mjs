// A long report costs what is near the screen (issue 15): every chapter's heading is in the page
// at once, a chapter's content renders when it comes near, when something in it is addressed
// (a deep link, a search result) and before printing, and ahead of the reader in idle time up
// to a budget; `fazhi:charts-drawn` waits for every chart of the report. The sections of a
// chapter and the cross-checks render the same way, so the first task renders a screen's worth.
// The overview shows a dozen key figures and the others on request, and puts its list of charts
// in the page only once it is opened. Synthetic reports (`synth`, 20× and 100× the bundled one)
// are made in the set-up; the bundled report ends up whole as before.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { cp, mkdtemp, readFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { DIST, allBlocks, useBrowser } from './lib.mjs';

const ROOT = new URL('../../', import.meta.url).pathname;
const run = promisify(execFile);
const cargo = (bin, ...args) => run('cargo', ['run', '--quiet', '--locked', '--offline', '-p', 'fazhi-tools',
  '--bin', bin, '--', ...args], { cwd: ROOT, maxBuffer: 1 << 26 });
const reports = {};

/** dist/ copied, with the synthetic reports synth-20x.json and synth-100x.json beside it. */
async function site() {
  const dir = await mkdtemp(join(tmpdir(), 'fazhi-lazy-'));
  await cp(DIST, dir, { recursive: true });
  for (const k of [20, 100]) {
    await cargo('synth', '--factor', String(k), '-o', join(dir, `synth-${k}x.txt`));
    await cargo('ingest', join(dir, `synth-${k}x.txt`), '-o', join(dir, `synth-${k}x.json`));
    reports[k] = JSON.parse(await readFile(join(dir, `synth-${k}x.json`), 'utf8'));
  }
  return dir;
}

const t = useBrowser({ serve: { dir: site }, report: true });

const SIZES = { phone: { width: 360, height: 740 }, desktop: { width: 1280, height: 800 } };
const chapterIds = (report) => report.blocks.filter((b) => b.kind === 'chapter').map((b) => b.id);
/** Ids of the chapters whose content is in the page. */
const rendered = (page) => page.evaluate(() => [...document.querySelectorAll('#main section.chapter')]
  .filter((s) => !s.querySelector(':scope > .chapter-rest')).map((s) => s.id));
/** Waits until no chapter has rendered for `ms` (the idle rendering ahead has stopped). */
const quiet = (page, ms = 1500) => page.evaluate((ms) => new Promise((done) => {
  const main = document.getElementById('main');
  let timer = setTimeout(stop, ms);
  const o = new MutationObserver(() => { clearTimeout(timer); timer = setTimeout(stop, ms); });
  function stop() { o.disconnect(); done(); }
  o.observe(main, { childList: true, subtree: true });
}), ms);
const inView = (page, id) => page.evaluate((id) => {
  const r = document.getElementById(id).getBoundingClientRect();
  return r.top >= 0 && r.top < innerHeight;
}, id);

/** At the moment the app's first chapter heading appears (the page's first build): which of
 *  the first chapter's sections have their content, and how many checks are listed. */
const FIRST_BUILD = () => {
  window.__firstBuild = null;
  new MutationObserver((_, o) => {
    const c1 = document.getElementById('c1');
    if (!c1 || !document.getElementById('c1-h')) return;
    o.disconnect();
    const sections = [...c1.querySelectorAll(':scope > section.section')];
    window.__firstBuild = {
      sections: sections.map((s) => [s.id, !s.querySelector(':scope > .chapter-rest')]),
      checks: document.querySelectorAll('#checks li').length,
      checksShell: !!document.querySelector('#checks > h2'),
      tocChapters: [...document.querySelectorAll('#toc > ol > li > a')].map((a) => a.getAttribute('href')),
      tocSections: document.querySelectorAll('#toc > ol > li > ol > li').length,
    };
  }).observe(document, { childList: true, subtree: true });
};

/** `contentVisibilityAuto`: false inside a part the browser skips (content-visibility: auto). */
const laidOut = (page, id) => page.locator(`#${id}`).evaluate((e) => e.checkVisibility({ contentVisibilityAuto: true }));

/** Reads the first chapter of the 100× report, then follows a link to its end: the first
 *  chapter, now far away, is skipped. Its first paragraph and its height when it was read. */
async function skipFirstChapter(page) {
  const c1 = reports[100].blocks.find((b) => b.kind === 'chapter');
  const para = allBlocks({ blocks: [c1] }).find((b) => !['chapter', 'section', 'point'].includes(b.kind)).id;
  await page.locator(`#${para}`).waitFor();
  await quiet(page);
  assert.ok(await laidOut(page, para), 'on screen, the first chapter is laid out');
  const height = await page.locator(`#${c1.id}`).evaluate((e) => e.getBoundingClientRect().height);
  const last = reports[100].blocks.filter((b) => b.kind === 'chapter').at(-1);
  const far = allBlocks({ blocks: [last] }).filter((b) => b.kind !== 'point').at(-1).id;
  await page.evaluate((id) => { location.hash = `#/b/${id}`; }, far);
  await page.waitForFunction((id) => document.activeElement?.id === id, far);
  await quiet(page);
  await page.waitForFunction((id) => !document.getElementById(id).checkVisibility({ contentVisibilityAuto: true }), para);
  return { c1, para, height };
}

for (const [size, viewport] of Object.entries(SIZES)) {
  test(`${size}: the first build renders the first chapter's first section, not its others or the checks`, async () => {
    const { page, problems } = await t.open('?report=synth-100x.json', { viewport },
      (context) => context.addInitScript(FIRST_BUILD));
    await page.waitForFunction(() => window.__firstBuild);
    const first = await page.evaluate(() => window.__firstBuild);
    const c1 = reports[100].blocks.find((b) => b.id === 'c1');
    const ids = c1.children.filter((b) => b.kind === 'section').map((b) => b.id);
    assert.ok(ids.length >= 3, 'the synthetic first chapter has sections');
    assert.deepEqual(first.sections.map(([id]) => id), ids, 'every section\'s shell, with its heading');
    assert.deepEqual(first.sections.map(([, shown]) => shown), ids.map((_, i) => i === 0),
      'only the first section\'s content');
    assert.equal(first.checks, 0, 'no check listed yet');
    assert.ok(first.checksShell, 'the checks\' heading is there');
    // The table of contents: every chapter at once, the sections of the first few only, and
    // every section soon after.
    const chapters = reports[100].blocks.filter((b) => b.kind === 'chapter');
    const sections = chapters.flatMap((c) => c.children.filter((b) => b.kind === 'section'));
    for (const c of chapters) assert.ok(first.tocChapters.includes(`#/b/${c.id}`), `${c.id} in the table of contents`);
    assert.ok(first.tocSections > 0 && first.tocSections <= 120, `${first.tocSections} section entries at first`);
    await page.waitForFunction((n) => document.querySelectorAll('#toc > ol > li > ol > li').length === n, sections.length);
    // The rest follows in later tasks: the sections near the screen, then ahead in idle time.
    await page.waitForFunction((last) => document.querySelector(`#${last} > p, #${last} > .block`), ids.at(-1));
    assert.ok(await page.locator(`#${ids[1]}-h`).isVisible());
    assert.deepEqual(problems, []);
  });

  test(`${size}: the checks of a 100× report render when addressed, whole`, async () => {
    const { page, problems } = await t.open('?report=synth-100x.json', { viewport });
    await quiet(page);
    assert.equal(await page.locator('#checks li').count(), 0, 'not rendered while far away');
    const check = reports[100].checks.at(-1).id;
    await page.evaluate((id) => { location.hash = `#/b/${id}`; }, check);
    await page.waitForFunction((id) => document.activeElement?.id === id, check);
    assert.equal(await page.locator('#checks li').count(), reports[100].checks.length);
    assert.ok(await page.locator(`#${check}`).evaluate((e) => e.classList.contains('is-target')));
    await quiet(page);
    assert.ok(await inView(page, check), 'still in view once the parts near it have rendered');
    assert.deepEqual(problems, []);
  });

  test(`${size}: a 100× report opens with every heading and a bounded part of its content`, async () => {
    const { page, problems } = await t.open('?report=synth-100x.json', { viewport });
    const ids = chapterIds(reports[100]);
    assert.deepEqual(await page.locator('#main section.chapter').evaluateAll((s) => s.map((e) => e.id)), ids);
    const headings = await page.locator('#main section.chapter > h2').evaluateAll((hs) => hs.map((h) => h.id));
    assert.deepEqual(headings, ids.map((id) => `${id}-h`), 'every chapter\'s heading');
    await page.locator('#c1 > .block').first().waitFor();
    await quiet(page);
    const shown = await rendered(page);
    assert.equal(shown[0], 'c1', 'the first chapter is rendered');
    assert.ok(shown.length < ids.length / 4, `rendered ${shown.length} of ${ids.length} chapters`);
    const blocks = await page.locator('#main .block').count();
    const nodes = await page.evaluate(() => document.getElementsByTagName('*').length);
    console.log(`${size}: ${shown.length} of ${ids.length} chapters, ${blocks} blocks, ${nodes} elements`);
    assert.ok(blocks < allBlocks(reports[100]).length / 5, `${blocks} blocks rendered`);
    // An unrendered chapter keeps about its height: the page is far longer than what is rendered.
    assert.ok(await page.evaluate(() => document.documentElement.scrollHeight > 50 * innerHeight));
    // Its charts are not all drawn: the end is not marked.
    assert.equal(await page.evaluate(() => performance.getEntriesByName('fazhi:charts-drawn').length), 0);
    assert.deepEqual(problems, []);
  });

  test(`${size}: a rendered chapter away from the screen is not laid out, keeps its height, and is whole when read again`, async () => {
    const { page, problems } = await t.open('?report=synth-100x.json', { viewport });
    const { c1, para, height } = await skipFirstChapter(page);
    assert.ok(await page.locator(`#${para}`).evaluate((e) => e.checkVisibility()), 'skipped, not hidden');
    const kept = await page.locator(`#${c1.id}`).evaluate((e) => e.getBoundingClientRect().height);
    assert.ok(Math.abs(kept - height) < 1, `the first chapter keeps its height: ${kept} px against ${height} px`);
    // Read again: laid out, with its text and its place in the table of contents.
    await page.evaluate((id) => { location.hash = `#/b/${id}`; }, para);
    await page.waitForFunction((id) => document.activeElement?.id === id, para);
    assert.ok(await laidOut(page, para));
    assert.ok(await inView(page, para));
    assert.match(await page.locator('#toc a[aria-current]').first().getAttribute('href'), new RegExp(`^#/b/${c1.id}(s\\d+)?$`));
    assert.deepEqual(problems, []);
  });

  test(`${size}: a skipped chapter is laid out again at a larger type size, then skipped at its new height`, async () => {
    const { page, problems } = await t.open('?report=synth-100x.json', { viewport });
    const { c1, para } = await skipFirstChapter(page);
    const skipped = await page.locator(`#${c1.id}`).evaluate((e) => e.getBoundingClientRect().height);
    const larger = page.getByRole('button', { name: '增大字号' });
    // On a phone the type size is in the settings menu.
    if (!(await larger.isVisible())) await page.getByRole('button', { name: '设置', exact: true }).click();
    await larger.click();
    // Kept at the height it had, the chapter would overlap or leave a gap as its text grows.
    await page.waitForFunction(([id, h]) => document.getElementById(id).getBoundingClientRect().height > h * 1.05,
      [c1.id, skipped]);
    await page.waitForFunction((id) => !document.getElementById(id).checkVisibility({ contentVisibilityAuto: true }), para);
    assert.deepEqual(problems, []);
  });

  test(`${size}: a deep link into the last chapter of a 100× report shows the paragraph, focused`, async () => {
    const last = reports[100].blocks.filter((b) => b.kind === 'chapter').at(-1);
    const para = allBlocks({ blocks: [last] }).filter((b) => b.kind !== 'point').at(-1).id;
    const { page } = await t.open(`?report=synth-100x.json#/b/${para}`, { viewport });
    await page.waitForFunction((id) => document.activeElement?.id === id, para);
    assert.ok(await page.locator(`#${para}`).evaluate((e) => e.classList.contains('is-target')));
    // The chapters above that render as they come near keep it in place (scroll anchoring).
    await quiet(page);
    assert.ok(await inView(page, para), 'still in view once the chapters near it have rendered');
    assert.ok(!(await rendered(page)).includes(chapterIds(reports[100])[40]), 'far chapters stay unrendered');
  });
}

test('a report named in the address downloads beside the wasm, once', async () => {
  // On a slow network (1.6 Mbit/s) the wasm takes seconds: the report must not wait for it to
  // start downloading, nor download twice.
  const events = [];
  const { page, problems } = await t.page(`${t.base}?report=synth-20x.json`, { viewport: SIZES.phone }, async (context) => {
    context.on('request', (r) => {
      if (new URL(r.url()).pathname.endsWith('/synth-20x.json')) events.push('report requested');
    });
    context.on('requestfinished', (r) => {
      if (new URL(r.url()).pathname.endsWith('_bg.wasm')) events.push('wasm arrived');
    });
    context.on('page', async (p) => {
      const cdp = await context.newCDPSession(p);
      await cdp.send('Network.emulateNetworkConditions',
        { offline: false, latency: 150, downloadThroughput: 1.6e6 / 8, uploadThroughput: 750e3 / 8 });
    });
  });
  await page.locator('#c1 > .block').first().waitFor({ timeout: 60_000 });
  assert.equal(events.filter((e) => e === 'report requested').length, 1, events.join(', '));
  assert.ok(events.indexOf('report requested') < events.indexOf('wasm arrived'), events.join(', '));
  assert.deepEqual(problems, []);
});

test('scrolling down a 20× report renders the chapters it comes near', async () => {
  const { page } = await t.open('?report=synth-20x.json', { viewport: SIZES.desktop });
  await quiet(page);
  const ids = chapterIds(reports[20]);
  const far = ids.at(-1);
  assert.ok(!(await rendered(page)).includes(far), 'the last chapter waits beyond the budget');
  // A reader scrolls (not a link): the chapter renders as it comes near, before it is reached.
  const top = await page.locator(`#${far}`).evaluate((e) => e.getBoundingClientRect().top + scrollY);
  await page.evaluate((y) => scrollTo(0, y), top - 2.5 * SIZES.desktop.height);
  await page.waitForFunction((id) => !document.querySelector(`#${id} > .chapter-rest`), far);
  assert.ok(await page.locator(`#${far}`).evaluate((e) => e.getBoundingClientRect().top > innerHeight),
    'rendered while still below the screen');
  assert.ok(await page.locator(`#${far} .block p`).count() > 0);
});

test('a search result in a chapter not yet rendered jumps to it', async () => {
  const { page } = await t.open('?report=synth-100x.json', { viewport: SIZES.phone });
  await quiet(page);
  const box = page.getByRole('combobox', { name: '搜索报告' });
  await box.fill('对照市委');
  const options = page.getByRole('listbox', { name: '搜索结果' }).getByRole('option');
  await options.first().waitFor();
  const shown = await rendered(page);
  const chapterOf = (id) => id.match(/^c\d+/)[0];
  const blocks = await options.evaluateAll((os) => os.map((o) => o.dataset.block));
  const i = blocks.findIndex((b) => !shown.includes(chapterOf(b)));
  assert.ok(i >= 0, `a result outside the rendered chapters (${shown.join(' ')}): ${blocks.join(' ')}`);
  await options.nth(i).click();
  await page.waitForFunction((id) => document.activeElement?.id === id, blocks[i]);
  await quiet(page);
  assert.ok(await inView(page, blocks[i]));
});

test('printing renders every chapter and draws every chart, and only then marks the end', async () => {
  const { page } = await t.open('?report=synth-20x.json', { viewport: SIZES.desktop });
  await quiet(page);
  const ids = chapterIds(reports[20]);
  assert.ok((await rendered(page)).length < ids.length);
  assert.equal(await page.evaluate(() => performance.getEntriesByName('fazhi:charts-drawn').length), 0,
    'charts of chapters not rendered are not drawn');
  await page.evaluate(() => window.dispatchEvent(new Event('beforeprint')));
  assert.deepEqual(await rendered(page), ids);
  assert.equal(await page.locator('figure.chart .chart-svg svg').count(), reports[20].charts.length);
  await page.waitForFunction(() => performance.getEntriesByName('fazhi:charts-drawn').length === 1);
});

for (const [size, viewport] of Object.entries(SIZES)) {
  test(`${size}: a long report's overview shows 12 key figures, all on request, and lists its charts once asked`, async () => {
    const report = reports[20];
    assert.ok(report.cards.length > 12, `${report.cards.length} cards`);
    const { page, problems } = await t.open('?report=synth-20x.json', { viewport });
    const overview = page.getByRole('region', { name: '主要数据' });
    const cards = overview.locator('.card a');
    const hrefs = () => cards.evaluateAll((as) => as.map((a) => a.getAttribute('href')));
    const expected = report.cards.map((id) => `#/b/fact-${id}`);
    await cards.first().waitFor();
    assert.deepEqual(await hrefs(), expected.slice(0, 12));
    assert.equal(await overview.locator('.chart-list li').count(), 0, 'the closed list of charts is empty');
    const more = overview.getByRole('button', { name: `显示全部 ${report.cards.length} 项` });
    await more.click();
    // The rest come, the button goes, and the reader carries on from the first card shown now.
    await page.waitForFunction(() => document.activeElement === document.querySelectorAll('#indicators .card a')[12]);
    assert.deepEqual(await hrefs(), expected);
    assert.equal(await more.count(), 0);
    const values = await overview.locator('.card-value').allTextContents();
    assert.deepEqual(values, report.cards.map((id) => report.facts.find((f) => f.id === id).text));
    assert.deepEqual(problems, []);
  });

  test(`${size}: the bundled report ends up whole, every chart drawn`, async () => {
    const { page, problems } = await t.open('', { viewport });
    await page.waitForFunction(() => performance.getEntriesByName('fazhi:charts-drawn').length === 1);
    assert.deepEqual(await rendered(page), chapterIds(t.report));
    const missing = await page.evaluate((ids) => ids.filter((id) => !document.getElementById(id)),
      [...allBlocks(t.report).map((b) => b.id), ...t.report.checks.map((c) => c.id)]);
    assert.deepEqual(missing, []);
    assert.equal(await page.locator('figure.chart .chart-svg svg').count(), t.report.charts.length);
    assert.deepEqual(problems, []);
  });
}
