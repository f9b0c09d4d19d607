// Figures in the text, the QR code of the current place, and printing.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { createRequire } from 'node:module';
import { useBrowser } from './lib.mjs';

const JSQR = createRequire(import.meta.url).resolve('jsqr/dist/jsQR.js');
const t = useBrowser({ report: true });

test('every extracted figure is marked in its sentence', async () => {
  const { page } = await t.open();
  // Once every part of the report is in the page (they render after the first screen).
  await page.waitForFunction(() => !document.querySelector('#main .chapter-rest'));
  assert.ok(t.report.facts.length > 0, 'the bundled report has facts');
  assert.equal(await page.locator('main .fact').count(), t.report.facts.length);
  for (const f of t.report.facts) {
    const shown = await page.locator(`[id="fact-${f.id}"]`).textContent();
    assert.equal(shown, f.text, `fact ${f.id}`);
    assert.ok(await page.locator(`[id="${f.block}"] [id="fact-${f.id}"]`).count(), `fact ${f.id} sits in block ${f.block}`);
  }
});

test('hover and keyboard focus show the figure: label, value, unit, qualifier', async () => {
  const { page } = await t.open();
  const f = t.report.facts.find((x) => x.text.includes('280余件'));
  assert.ok(f, 'the fact 280余件 exists');
  const mark = page.locator(`[id="fact-${f.id}"]`);
  await mark.scrollIntoViewIfNeeded();
  await mark.hover();
  const tip = page.getByRole('tooltip');
  await tip.waitFor();
  const text = await tip.textContent();
  assert.ok(text.includes(f.label), `tooltip shows the label ${f.label}: ${text}`);
  assert.match(text, /280余件/);
  assert.match(text, /余：实数多于此数/);
  assert.equal(await mark.getAttribute('aria-describedby'), 'fact-tip');
  await page.mouse.move(0, 0);
  await page.waitForFunction(() => !document.getElementById('fact-tip').classList.contains('shown'));
  const rate = t.report.facts.find((x) => x.text.includes('82.14%'));
  await page.locator(`[id="fact-${rate.id}"]`).focus();
  await tip.waitFor();
  assert.match(await tip.textContent(), /82\.14%/);
});

test('the QR code encodes the current address including the place', async () => {
  const { page } = await t.open('#/b/c1s3');
  await page.getByRole('button', { name: '二维码' }).click();
  const dialog = page.getByRole('dialog', { name: '扫一扫在手机打开当前页' });
  await dialog.waitFor();
  // Drawn by the worker (crates/worker), a moment after the dialog opens.
  await dialog.locator('svg.qr').waitFor();
  await page.addScriptTag({ path: JSQR });
  const decoded = await page.evaluate(async () => {
    const svg = document.querySelector('.qr-dialog svg.qr');
    const xml = new XMLSerializer().serializeToString(svg);
    const img = new Image();
    img.src = 'data:image/svg+xml;charset=utf-8,' + encodeURIComponent(xml);
    await img.decode();
    const c = document.createElement('canvas');
    c.width = c.height = 400;
    const g = c.getContext('2d');
    g.drawImage(img, 0, 0, 400, 400);
    const data = g.getImageData(0, 0, 400, 400);
    return window.jsQR(data.data, 400, 400)?.data;
  });
  assert.equal(decoded, `${t.base}#/b/c1s3`);
  await dialog.getByRole('button', { name: '关闭' }).click();
  assert.equal(await dialog.isVisible(), false);
});

test('printing gives the whole report without the chrome, with its source', async () => {
  const { page } = await t.open();
  await page.emulateMedia({ media: 'print' });
  for (const sel of ['.bar', '#toc', '.chapter-nav']) {
    assert.equal(await page.locator(sel).first().isVisible(), false, `${sel} is hidden in print`);
  }
  const src = page.locator('.colophon .print-only');
  assert.ok(await src.isVisible());
  assert.match(await src.textContent(), /原文：信阳市人民政府门户网站 www\.xinyang\.gov\.cn，2023年3月7日 发布。打印自 http/);
  assert.ok(await page.getByText('2023年2月27日', { exact: true }).isVisible());
  const pdf = await page.pdf({ format: 'A4' });
  const pages = (pdf.toString('latin1').match(/\/Type\s*\/Page[^s]/g) ?? []).length;
  assert.ok(pages >= 3, `the whole report prints on several pages (got ${pages})`);
});
