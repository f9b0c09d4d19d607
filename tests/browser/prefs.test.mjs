// Reading comfort: font size and theme are remembered and applied before the wasm runs.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { useBrowser } from './lib.mjs';

const t = useBrowser();

const rootFont = (page) => page.evaluate(() => getComputedStyle(document.documentElement).fontSize);
const bg = (page) => page.evaluate(() => getComputedStyle(document.body).backgroundColor);

test('font size steps persist across reload and apply before the wasm loads', async () => {
  const { page } = await t.open();
  assert.equal(await rootFont(page), '16px');
  const up = page.getByRole('button', { name: '增大字号' });
  await up.click();
  await up.click();
  assert.equal(await rootFont(page), '20px');
  assert.match(await page.locator('.font-now').textContent(), /较大/);
  await up.click();
  assert.equal(await rootFont(page), '24px');
  assert.ok(await up.isDisabled(), 'no step beyond 特大');
  await page.getByRole('button', { name: '减小字号' }).click();
  // Reload with the wasm blocked: what shows is what boot.js applied before first paint.
  await page.route('**/*.wasm', (r) => r.abort());
  await page.reload();
  assert.equal(await page.locator('html').getAttribute('data-font'), '2');
  assert.equal(await rootFont(page), '20px');
  await page.unroute('**/*.wasm');
  await page.reload();
  await page.locator('main h2').first().waitFor();
  assert.equal(await rootFont(page), '20px');
});

test('theme follows the system, can be overridden, and persists', async () => {
  const { page } = await t.open('', { colorScheme: 'dark' });
  const dark = await bg(page);
  assert.notEqual(dark, 'rgb(251, 250, 247)', 'dark system preference gives a dark page');
  const theme = page.getByRole('button', { name: /^主题/ });
  assert.equal(await theme.textContent(), '主题：跟随系统');
  await theme.click();
  assert.equal(await theme.textContent(), '主题：浅色');
  assert.equal(await bg(page), 'rgb(251, 250, 247)');
  await page.route('**/*.wasm', (r) => r.abort());
  await page.reload();
  assert.equal(await bg(page), 'rgb(251, 250, 247)', 'the light choice holds before the wasm runs');
  await page.unroute('**/*.wasm');
  await page.reload();
  await page.locator('main h2').first().waitFor();
  await page.getByRole('button', { name: '主题：浅色' }).click();
  assert.equal(await bg(page), 'rgb(21, 24, 27)');
  await page.emulateMedia({ colorScheme: 'light' });
  assert.equal(await bg(page), 'rgb(21, 24, 27)', 'a fixed dark choice ignores the system');
});
