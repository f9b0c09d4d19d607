// Shared set-up for the browser tests: Debian's Chromium driven by playwright-core, and the
// built reader served from dist/ under a sub-path, as a static host would.
import { after, afterEach, before } from 'node:test';
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

/** Serves `dir` (dist/ by default) under `prefix` (SUBPATH by default); returns
 *  { server, base } where base is the URL of the prefix. `headers` go out with every file
 *  (see serve.mjs). */
export async function serveDist({ dir = DIST, prefix = SUBPATH, headers = {} } = {}) {
  const server = await serve(dir, 0, prefix, { headers });
  return { server, base: `http://127.0.0.1:${server.address().port}${encodeURI(prefix)}` };
}

/** The one set-up of a browser test file: registers node:test's before/after hooks and returns
 *  `t`, whose fields are filled in before the first test runs:
 *  - `t.browser`: headless Chromium (launch());
 *  - `t.server`, `t.base`: dist/ served under SUBPATH (serveDist()), unless `serve: false`;
 *    `serve: { dir, prefix, headers }` serves another folder (`dir` may be an async function
 *    run in the before hook), under another prefix or with extra headers;
 *  - `t.report`: the bundled report JSON, when `report: true`.
 *  Its helpers open pages in contexts that are closed after each test, failed or not, so
 *  one failure cannot leak routes, storage or pages into the next test:
 *  - `t.newContext(options)`: a fresh context (t can stand in for the browser in openPage);
 *  - `t.page(url, options, setup)`: openPage in a fresh context;
 *  - `t.open(suffix, options, setup)`: openReader at t.base + suffix ('#/b/c2', '?report=…');
 *  - `t.host(html, address)`: serveHost, closed after the test. */
export function useBrowser({ serve: serving = {}, report = false } = {}) {
  const contexts = [];
  const hosts = [];
  const t = {
    browser: undefined,
    server: undefined,
    base: undefined,
    report: undefined,
    async newContext(options = {}) {
      const context = await t.browser.newContext(options);
      contexts.push(context);
      return context;
    },
    page: (url, options, setup) => openPage(t, url, options, setup),
    open: (suffix = '', options, setup) => openReader(t, t.base, suffix, options, setup),
    async host(html, address) {
      const h = await serveHost(html, address);
      hosts.push(h.host);
      return h;
    },
  };
  before(async () => {
    if (serving) {
      const dir = typeof serving.dir === 'function' ? await serving.dir() : serving.dir;
      ({ server: t.server, base: t.base } = await serveDist({ ...serving, dir: dir ?? DIST }));
    }
    if (report) t.report = await bundledReport();
    t.browser = await launch();
  });
  afterEach(async () => {
    await Promise.all(contexts.splice(0).map((c) => c.close()));
    hosts.splice(0).forEach((h) => h.close());
  });
  after(async () => {
    await t.browser?.close();
    t.server?.close();
  });
  return t;
}

/** The report JSON the reader ships with, to compare what is shown with what is stored. */
export async function bundledReport() {
  return JSON.parse(await readFile(`${DIST}shangcheng-2022.json`, 'utf8'));
}

/** Opens a page that records console errors, page errors and failed requests. `setup(context)`
 *  runs before the page exists (e.g. to add init scripts or routes). `browser` is a playwright
 *  Browser or useBrowser()'s `t` (whose contexts close after each test). */
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

/** Opens the reader at `base` + `hash` (e.g. '#/b/c1s2', or a query such as '?report=x.json')
 *  and waits until the report is rendered. */
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
 *  embeds the reader. `address` 127.0.0.2 makes it another site too (the reader is served
 *  from 127.0.0.1), where browsers treat the reader's storage as third-party. Returns
 *  { host, url }. */
export async function serveHost(html, address = '127.0.0.1') {
  const host = createServer((req, res) => {
    res.writeHead(200, { 'Content-Type': 'text/html; charset=utf-8' });
    res.end(html);
  });
  await new Promise((ok) => host.listen(0, address, ok));
  return { host, url: `http://${address}:${host.address().port}/` };
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

/** The official text of the element `locator` finds: its text with each character the page
 *  shows full-width (`<span class="fw" data-o="…">`, fazhi_core::typeset) put back as the
 *  report writes it. */
export const officialText = (locator) => locator.evaluate((e) => {
  const copy = e.cloneNode(true);
  for (const w of copy.querySelectorAll('.fw')) w.replaceWith(w.dataset.o);
  return copy.textContent;
});

/** The search hits painted in the text (the `search` highlight, src/app/search/paint.rs): each
 *  range's text as shown, in document order; none when nothing is painted. Waits until the
 *  painted ranges number `count`, when given. */
export async function painted(page, count) {
  if (count !== undefined) {
    await page.waitForFunction((n) => (CSS.highlights.get('search')?.size ?? 0) === n, count);
  }
  return page.evaluate(() => [...(CSS.highlights.get('search') ?? [])].map((r) => {
    // Static ranges (they have no text of their own): read through a live copy.
    const live = document.createRange();
    live.setStart(r.startContainer, r.startOffset);
    live.setEnd(r.endContainer, r.endOffset);
    return live.toString();
  }));
}
