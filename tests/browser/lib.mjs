// Shared set-up for the browser tests: Debian's Chromium driven by playwright-core, and the
// built reader served from dist/ under a sub-path, as a static host would.
import { chromium } from 'playwright-core';
import { readFile } from 'node:fs/promises';
import { createServer } from 'node:http';
import { serve } from './serve.mjs';

export const DIST = new URL('../../dist/', import.meta.url).pathname;
export const SUBPATH = '/reports/viewer/';

export async function launch() {
  return chromium.launch({
    executablePath: process.env.CHROMIUM ?? '/usr/bin/chromium',
    args: [
      '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
      '--disable-background-networking', '--disable-component-update', '--disable-sync',
    ],
  });
}

/** Serves dist/ under SUBPATH; returns { server, base } where base ends in SUBPATH. */
export async function serveDist() {
  const server = await serve(DIST, 0, SUBPATH);
  return { server, base: `http://127.0.0.1:${server.address().port}${SUBPATH}` };
}

/** The report JSON the reader ships with, to compare what is shown with what is stored. */
export async function bundledReport() {
  return JSON.parse(await readFile(`${DIST}shangcheng-2022.json`, 'utf8'));
}

/** Opens a page that records console errors, page errors and failed requests. */
export async function openPage(browser, url, options = {}) {
  const context = await browser.newContext(options);
  const page = await context.newPage();
  const problems = [];
  page.on('console', (m) => { if (m.type() === 'error') problems.push(`console: ${m.text()}`); });
  page.on('pageerror', (e) => problems.push(`pageerror: ${e.message}`));
  page.on('requestfailed', (r) => problems.push(`requestfailed: ${r.url()} ${r.failure()?.errorText}`));
  page.on('response', (r) => { if (r.status() >= 400) problems.push(`http ${r.status()}: ${r.url()}`); });
  await page.goto(url);
  return { context, page, problems };
}

/** Every block in document order, as the model's pre-order walk. */
export function allBlocks(report) {
  const out = [];
  const walk = (b) => { out.push(b); b.children.forEach(walk); };
  report.blocks.forEach(walk);
  return out;
}

/** Opens the reader at `hash` (e.g. '#/b/c1s2') and waits until the report is rendered. */
export async function openReader(browser, base, hash = '', options = {}) {
  const r = await openPage(browser, base + hash, options);
  await r.page.locator('main h2').first().waitFor();
  return r;
}

/** Lets the reader's microtask-scheduled reactive updates run. */
export const settle = (page) => page.evaluate(() => new Promise((r) => {
  const c = new MessageChannel();
  c.port1.onmessage = () => r();
  c.port2.postMessage(0);
}));

/** Serves one HTML page on its own port: another origin, like a government portal that
 *  embeds the reader. Returns { host, url }. */
export async function serveHost(html) {
  const host = createServer((req, res) => {
    res.writeHead(200, { 'Content-Type': 'text/html; charset=utf-8' });
    res.end(html);
  });
  await new Promise((ok) => host.listen(0, '127.0.0.1', ok));
  return { host, url: `http://127.0.0.1:${host.address().port}/` };
}
