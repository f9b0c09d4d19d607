// Shared set-up for the browser tests: Debian's Chromium driven by playwright-core, and the
// built reader served from dist/ under a sub-path, as a static host would.
import { chromium } from 'playwright-core';
import { readFile } from 'node:fs/promises';
import { createServer } from 'node:http';
import { serve } from './serve.mjs';

// FAZHI_DIST points the tests at another build (e.g. one made with `trunk build --dist DIR`).
export const DIST = process.env.FAZHI_DIST
  ? `${process.env.FAZHI_DIST.replace(/\/$/, '')}/`
  : new URL('../../dist/', import.meta.url).pathname;
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

/** Serves dist/ under SUBPATH; returns { server, base } where base ends in SUBPATH.
 *  `options.headers` go out with every file (see serve.mjs). */
export async function serveDist(options = {}) {
  const server = await serve(DIST, 0, SUBPATH, options);
  return { server, base: `http://127.0.0.1:${server.address().port}${SUBPATH}` };
}

/** The report JSON the reader ships with, to compare what is shown with what is stored. */
export async function bundledReport() {
  return JSON.parse(await readFile(`${DIST}shangcheng-2022.json`, 'utf8'));
}

/** Opens a page that records console errors, page errors and failed requests. `setup(context)`
 *  runs before the page exists (e.g. to add init scripts or routes). */
export async function openPage(browser, url, options = {}, setup = undefined) {
  const context = await browser.newContext(options);
  await setup?.(context);
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
export async function openReader(browser, base, hash = '', options = {}, setup = undefined) {
  const r = await openPage(browser, base + hash, options, setup);
  await appReady(r.page);
  return r;
}

/** Waits until the app has rendered the report. Not just any `h1`/`h2`: the page carries a
 *  pre-rendered copy of the report (src/package/prerender.rs) from the first byte, and the
 *  app's `<main id="main">` replaces it. */
export const appReady = (page) => page.locator('#main h2').first().waitFor();

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

/** The policy a cautious portal sends: nothing inline, no eval except compiling wasm. */
export const STRICT_CSP = "default-src 'self'; script-src 'self' 'wasm-unsafe-eval'; "
  + "style-src 'self'; img-src 'self' data: blob:";

/** A `setup` for openPage: records Content-Security-Policy violations in every frame, from
 *  before the first script runs (init scripts are not subject to the page's CSP). */
export async function recordCspViolations(context) {
  await context.addInitScript(() => {
    window.__cspViolations = [];
    document.addEventListener('securitypolicyviolation', (e) => {
      window.__cspViolations.push(
        `${e.violatedDirective}: ${e.blockedURI || 'inline'} ${e.sample || ''} at ${e.sourceFile}:${e.lineNumber}`);
    });
  });
}

/** The violations recordCspViolations saw, in all frames of `page`. */
export async function cspViolations(page) {
  const all = [];
  for (const f of page.frames()) all.push(...(await f.evaluate(() => window.__cspViolations ?? [])));
  return all;
}
