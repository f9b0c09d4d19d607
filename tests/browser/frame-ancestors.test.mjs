// Who may embed the reader: served with the README's header line, whose `frame-ancestors`
// names the portal (the placeholder replaced by the test portal's origin, as a host fills it
// in), the portal frames the reader and a page on any other origin cannot.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFile } from 'node:fs/promises';
import { useBrowser } from './lib.mjs';

const readme = await readFile(new URL('../../README.md', import.meta.url), 'utf8');
const DEPLOY_CSP = readme.match(/^Content-Security-Policy: (.+)$/m)[1];
// The portal of this test lives on 127.0.0.2 (any port); the reader on 127.0.0.1.
const PORTAL = 'http://127.0.0.2:*';
const t = useBrowser({
  serve: {
    headers: {
      'Content-Security-Policy': DEPLOY_CSP.replace('https://www.example.gov.cn', PORTAL),
      'X-Content-Type-Options': 'nosniff',
    },
  },
});

const framing = (src) => `<!doctype html><html lang="zh-CN"><meta charset="utf-8">
<title>门户网站</title><body><h1>门户网站</h1>
<iframe title="法治政府建设年度报告" src="${src}" width="800" height="600"></iframe></body></html>`;

/** Opens a page served from `address` that frames the reader; returns the page, the iframe's
 *  frame (which follows its navigations) and the console lines that cite frame-ancestors. */
async function embedIn(address) {
  const { url } = await t.host(framing(`${t.base}index.html?embed=1`), address);
  const { page } = await t.page('about:blank');
  const refusals = [];
  page.on('console', (m) => { if (/frame-ancestors/.test(m.text())) refusals.push(m.text()); });
  await page.goto(url);
  const frame = page.frames().find((f) => f !== page.mainFrame());
  return { page, frame, refusals };
}

/** Waits until `frame` has left about:blank for the reader or for an error page. */
async function landed(frame) {
  for (let i = 0; i < 200 && /^(about:blank)?$/.test(frame.url()); i++) await new Promise((r) => setTimeout(r, 25));
  return frame.url();
}

test('the README\'s header lets the listed portal frame the reader', async () => {
  assert.match(DEPLOY_CSP, /frame-ancestors 'self' https:\/\/www\.example\.gov\.cn/);
  const { page, refusals } = await embedIn('127.0.0.2');
  await page.frameLocator('iframe').locator('#main h2').first().waitFor();
  assert.deepEqual(refusals, []);
});

test('a page on an origin frame-ancestors does not list cannot frame the reader', async () => {
  const { page, frame, refusals } = await embedIn('127.0.0.3');
  // Chromium replaces the refused document with its error page and says why in the console.
  assert.match(await landed(frame), /^chrome-error:/, `the iframe shows ${frame.url()}`);
  assert.equal(await page.frameLocator('iframe').locator('#main').count(), 0);
  assert.ok(refusals.some((m) => m.includes("frame-ancestors 'self' http://127.0.0.2:*")), refusals.join('\n'));
});
