// One site, several reports (issue 14, item 5): a deployed folder gets next year's report and
// another county's as an editor would add them (the JSON dropped in, `package` run again on
// the folder), `reports.json` lists them, and the reader's "其他报告" shows them grouped by
// issuer, latest year first, each a ?report= link; links to a block work across reports.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { cp, mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { createRequire } from 'node:module';
import { DIST, appReady, settle, useBrowser } from './lib.mjs';

const ROOT = new URL('../../', import.meta.url).pathname;
const run = promisify(execFile);
const cargo = (bin, ...args) => run('cargo', ['run', '--quiet', '--locked', '--offline', '-p', 'fazhi-tools',
  '--bin', bin, '--', ...args], { cwd: ROOT, maxBuffer: 1 << 26 });

/** dist/ copied, with two more reports dropped in and `package` run again on the folder. */
async function site() {
  const dir = await mkdtemp(join(tmpdir(), 'fazhi-site-'));
  await cp(DIST, dir, { recursive: true });
  const { stdout } = await cargo('ingest', `${ROOT}tests/fixtures/county-2023.txt`);
  await writeFile(join(dir, 'county-2023.json'), stdout);
  const older = JSON.parse(stdout);
  older.meta.year = 2022;
  older.meta.title = older.meta.title.replace('2023年度', '2022年度');
  await writeFile(join(dir, 'county-2022.json'), JSON.stringify(older));
  await cargo('package', dir);
  return dir;
}

const t = useBrowser({ serve: { dir: site } });
const AXE = createRequire(import.meta.url).resolve('axe-core/axe.min.js');

test('package lists every report of the folder in reports.json', async () => {
  const listing = await (await fetch(`${t.base}reports.json`)).json();
  assert.equal(listing.format, 'fazhi-reports/1');
  const rows = listing.reports.map((r) => [r.file, r.issuer, r.year]);
  // Issuers in the order of the files' names, each one's latest year first.
  assert.deepEqual(rows, [
    ['county-2023.json', '某县人民政府', 2023],
    ['county-2022.json', '某县人民政府', 2022],
    ['shangcheng-2022.json', '商城县人民政府', 2022],
  ]);
  const sha = (await run('sha256sum', [`${ROOT}seeds/shangcheng-2022.txt`])).stdout.split(' ')[0];
  assert.equal(listing.reports[2].sha256, sha);
  assert.equal(listing.reports[0].sha256, null, 'no official text beside it');
});

test('"其他报告": fetched only when opened, grouped by issuer, latest year first, the current one marked', async () => {
  const { page, problems } = await t.page('about:blank', { viewport: { width: 1280, height: 900 } });
  const asked = [];
  page.on('request', (r) => asked.push(new URL(r.url()).pathname.split('/').pop()));
  await page.goto(t.base);
  await appReady(page);
  await page.waitForLoadState('networkidle');
  assert.ok(!asked.includes('reports.json'), 'a first visit does not fetch the listing');
  const toggle = page.getByRole('button', { name: '其他报告' });
  assert.equal(await toggle.getAttribute('aria-expanded'), 'false');
  await toggle.click();
  assert.equal(await toggle.getAttribute('aria-expanded'), 'true');
  const panel = page.locator('#reports-panel');
  await panel.getByRole('link').first().waitFor();
  assert.deepEqual(await panel.locator('h3').allTextContents(), ['某县人民政府', '商城县人民政府']);
  const links = panel.getByRole('link');
  assert.deepEqual(await links.allTextContents(), [
    '2023年某县人民政府关于2023年度法治政府建设情况的报告',
    '2022年某县人民政府关于2022年度法治政府建设情况的报告',
    '2022年商城县人民政府关于2022年法治政府建设情况的报告',
  ]);
  assert.equal(await links.nth(2).getAttribute('aria-current'), 'page');
  assert.equal(await links.nth(0).getAttribute('aria-current'), null);
  // Escape closes it and gives focus back to its button.
  await links.nth(0).focus();
  await page.keyboard.press('Escape');
  assert.ok(await panel.isHidden());
  assert.equal(await page.evaluate(() => document.activeElement?.id), 'reports-toggle');
  // A link opens the other report, which the switcher then marks.
  await toggle.click();
  await links.nth(0).click();
  await page.waitForURL(/\?report=county-2023\.json$/);
  await appReady(page);
  assert.equal(await page.locator('h1').textContent(), '某县人民政府关于2023年度法治政府建设情况的报告');
  await page.getByRole('button', { name: '其他报告' }).click();
  await page.locator('#reports-panel a[aria-current=page]').waitFor();
  assert.equal(await page.locator('#reports-panel a[aria-current=page]').textContent(),
    '2023年某县人民政府关于2023年度法治政府建设情况的报告');
  assert.deepEqual(problems, []);
});

test('a link to a block of another report (?report=…#/b/…) opens it there', async () => {
  const { page } = await t.open('?report=county-2022.json#/b/c1s3i3', { viewport: { width: 1280, height: 900 } });
  assert.equal(await page.locator('h1').textContent(), '某县人民政府关于2022年度法治政府建设情况的报告');
  await page.waitForFunction(() => document.getElementById('c1s3i3')?.classList.contains('is-target'));
  const top = await page.locator('#c1s3i3').evaluate((e) => e.getBoundingClientRect().top);
  assert.ok(top >= 0 && top < 300, `scrolled to the block (${top}px)`);
  // Following a block's own link keeps the report.
  await page.locator('#toc a[href="#/b/c1s4"]').click();
  await page.waitForFunction(() => location.hash === '#/b/c1s4');
  assert.equal(new URL(page.url()).search, '?report=county-2022.json');
});

test('on a phone the list fits the screen; an embed has no switcher', async () => {
  const { page } = await t.open('', { viewport: { width: 360, height: 740 } });
  await page.getByRole('button', { name: '设置' }).click();
  await page.getByRole('button', { name: '其他报告' }).click();
  const panel = page.locator('#reports-panel');
  await panel.getByRole('link').first().waitFor();
  const box = await panel.boundingBox();
  assert.ok(box.x >= 0 && box.x + box.width <= 360, `the panel fits (${box.x}, ${box.width})`);
  await settle(page);
  await page.addScriptTag({ path: AXE });
  const violations = await page.evaluate(() => window.axe.run(document, {
    runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'best-practice'] },
  }).then((r) => r.violations.map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`)));
  assert.deepEqual(violations, [], 'axe-core with the list open');
  const embed = await t.open('?embed=1');
  assert.equal(await embed.page.getByRole('button', { name: '其他报告' }).count(), 0);
});
