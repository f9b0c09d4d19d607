// Firefox check of what ships, driven through WebDriver BiDi (built into Firefox; Playwright
// cannot drive Debian's firefox-esr). Run by scripts/test.sh when firefox-esr is installed:
//   node [--experimental-websocket] tests/firefox/smoke.mjs DIST
// 1. The offline file from file://, with every http(s) request sent to a dead proxy: the app
//    mounts (not just the pre-rendered copy), a deep link, a search hit, the QR dialog, a .txt
//    dropped on it converts in its blob: worker, and its own <meta> CSP sees no violation.
// 2. index.html from a server that sends the README's CSP header and nosniff: no violation,
//    also while a dropped .txt converts in the worker.
// 3. Embedded with public/embed.js in a page on another origin: the iframe takes the height the
//    reader posts (Firefox has no location.ancestorOrigins: the ?embed=<origin> path).
// Screenshots go to tests/browser/artifacts/. Exits non-zero on the first failure.
import { spawn } from 'node:child_process';
import { createServer } from 'node:http';
import { mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { serve } from '../browser/serve.mjs';

const DIST = resolve(process.argv[2] ?? 'dist');
const ARTIFACTS = new URL('../browser/artifacts/', import.meta.url).pathname;
const FIREFOX = process.env.FIREFOX ?? 'firefox-esr';
// The policy the README tells a host to send (its deployment section), with the portal's
// origin in frame-ancestors, as a host fills it in: here the test portal in part 3.
const CSP = (await readFile(new URL('../../README.md', import.meta.url), 'utf8'))
  .match(/^Content-Security-Policy: (.+)$/m)[1]
  .replace('https://www.example.gov.cn', 'http://127.0.0.1:*');

if (typeof WebSocket !== 'function') {
  console.error('firefox smoke: this Node has no WebSocket; run it with --experimental-websocket');
  process.exit(2);
}

/** Starts Firefox headless on a throw-away profile whose only way out is a dead proxy. */
async function startFirefox() {
  const profile = await mkdtemp(join(tmpdir(), 'fazhi-firefox-'));
  const prefs = {
    'network.proxy.type': 1,
    'network.proxy.http': '127.0.0.1', 'network.proxy.http_port': 9,
    'network.proxy.ssl': '127.0.0.1', 'network.proxy.ssl_port': 9,
    'network.proxy.no_proxies_on': '',
    // The test server for part 2 is on 127.0.0.1: let that one through the proxy settings.
    'network.proxy.allow_hijacking_localhost': false,
    'browser.shell.checkDefaultBrowser': false,
    'datareporting.policy.dataSubmissionEnabled': false,
    'app.update.disabledForTesting': true,
  };
  await writeFile(join(profile, 'user.js'),
    Object.entries(prefs).map(([k, v]) => `user_pref(${JSON.stringify(k)}, ${JSON.stringify(v)});`).join('\n'));
  const proc = spawn(FIREFOX, ['--headless', '--no-remote', '--profile', profile,
    '--window-size', '1280,900', '--remote-debugging-port', '0'], { stdio: ['ignore', 'pipe', 'pipe'] });
  const url = await new Promise((ok, fail) => {
    let out = '';
    const timer = setTimeout(() => fail(new Error(`Firefox did not start:\n${out}`)), 60_000);
    const read = (d) => {
      out += d;
      const m = out.match(/WebDriver BiDi listening on (ws:\/\/\S+)/);
      if (m) { clearTimeout(timer); ok(m[1]); }
    };
    proc.stdout.on('data', read);
    proc.stderr.on('data', read);
    proc.on('exit', (c) => fail(new Error(`Firefox exited (${c}):\n${out}`)));
  });
  return { proc, profile, url };
}

/** A minimal BiDi client: commands by id, events to listeners. */
async function connect(url) {
  const ws = new WebSocket(`${url}/session`);
  await new Promise((ok, fail) => { ws.onopen = ok; ws.onerror = () => fail(new Error('BiDi connection failed')); });
  let next = 0;
  const pending = new Map();
  const events = [];
  ws.onmessage = (m) => {
    const msg = JSON.parse(m.data);
    if (msg.id !== undefined && pending.has(msg.id)) {
      const { ok, fail } = pending.get(msg.id);
      pending.delete(msg.id);
      if (msg.type === 'error') fail(new Error(`${msg.error}: ${msg.message}`));
      else ok(msg.result);
    } else if (msg.type === 'event') {
      events.push(msg);
    }
  };
  const send = (method, params = {}) => new Promise((ok, fail) => {
    const id = ++next;
    pending.set(id, { ok, fail });
    ws.send(JSON.stringify({ id, method, params }));
  });
  return { ws, send, events };
}

const sleep = (ms) => new Promise((r) => setTimeout(r, ms));

/** A script that drops the seed, under another issuer, on the page as a .txt file. */
const OTHER = (await readFile(new URL('../../seeds/shangcheng-2022.txt', import.meta.url), 'utf8'))
  .replace('  商城县人民政府\n', '  某某县人民政府\n');
const DROP_TXT = `(() => {
  const dt = new DataTransfer();
  dt.items.add(new File([${JSON.stringify(OTHER)}], 'other.txt', { type: 'text/plain' }));
  window.dispatchEvent(new DragEvent('drop', { dataTransfer: dt, bubbles: true, cancelable: true }));
})()`;
const OPENED = `document.querySelector('.issuer')?.textContent === '某某县人民政府'`;

async function run() {
  const ff = await startFirefox();
  const server = await serve(DIST, 0, '/reports/viewer/', { headers: { 'Content-Security-Policy': CSP, 'X-Content-Type-Options': 'nosniff' } });
  const bidi = await connect(ff.url);
  const { send, events } = bidi;
  const failures = [];
  const check = (ok, what) => {
    console.log(`${ok ? 'ok  ' : 'FAIL'} firefox: ${what}`);
    if (!ok) failures.push(what);
  };
  try {
    const session = await send('session.new', { capabilities: {} });
    console.log(`firefox: ${session.capabilities.browserName} ${session.capabilities.browserVersion}`);
    await send('session.subscribe', { events: ['network.beforeRequestSent', 'log.entryAdded'] });
    // Records CSP violations from before any page script runs.
    await send('script.addPreloadScript', {
      functionDeclaration: `() => {
        window.__csp = [];
        document.addEventListener('securitypolicyviolation',
          (e) => window.__csp.push(e.violatedDirective + ' ' + (e.blockedURI || 'inline')));
      }`,
    });
    const { contexts } = await send('browsingContext.getTree');
    const context = contexts[0].context;
    const js = async (expression) => {
      const r = await send('script.evaluate', { expression, target: { context }, awaitPromise: true });
      if (r.type === 'exception') throw new Error(`${expression}: ${r.exceptionDetails.text}`);
      return r.result.value;
    };
    const until = async (expression, what, ms = 20_000) => {
      const end = Date.now() + ms;
      while (Date.now() < end) {
        if (await js(`!!(${expression})`)) {
          check(true, what);
          return true;
        }
        await sleep(100);
      }
      check(false, `${what} (timed out)`);
      return false;
    };
    const shot = async (name) => {
      const { data } = await send('browsingContext.captureScreenshot', { context });
      await mkdir(ARTIFACTS, { recursive: true });
      await writeFile(join(ARTIFACTS, name), Buffer.from(data, 'base64'));
      console.log(`firefox: screenshot ${join(ARTIFACTS, name)}`);
    };

    // 1. The offline file.
    const file = `file://${join(DIST, 'shangcheng-2022.html')}`;
    const firstEvent = events.length;
    await send('browsingContext.navigate', { context, url: `${file}#/b/c1s6i2`, wait: 'complete' });
    if (await until(`document.querySelector('#main h2')`, 'the offline app mounts')) {
      check(await js(`document.title`) === '商城县人民政府关于2022年法治政府建设情况的报告', 'title');
      await until(`document.getElementById('c1s6i2')?.classList.contains('is-target')`, 'deep link #/b/c1s6i2');
      check(/出庭应诉/.test(await js(`document.getElementById('c1s6i2').textContent`)), 'deep-linked block text');
      await js(`(() => { const i = document.getElementById('search-input'); i.value = '出庭应诉率';
        i.dispatchEvent(new Event('input', { bubbles: true })); })()`);
      await until(`[...document.querySelectorAll('#search-list li')].some((li) => li.textContent.includes('出庭应诉率'))`,
        'a search finds 出庭应诉率');
      await shot('firefox-offline-search.png');
      await js(`document.querySelector('.qr-open').click()`);
      await until(`document.querySelector('dialog.qr-dialog')?.open && document.querySelector('dialog.qr-dialog svg.qr')`,
        'the QR dialog opens');
      await shot('firefox-offline-qr.png');
      await js(`document.querySelector('dialog.qr-dialog').close()`);
      await js(DROP_TXT);
      await until(OPENED, 'a .txt dropped on the offline file converts in its worker');
      const csp = await js(`window.__csp`);
      check(csp.length === 0, `no CSP violations under the offline file's own policy ${csp.join(' | ')}`);
    }
    const urls = events.slice(firstEvent).filter((e) => e.method === 'network.beforeRequestSent')
      .map((e) => e.params.request.url);
    const outside = urls.filter((u) => !/^(file|data|blob):/.test(u));
    check(outside.length === 0, `no network requests from the offline file ${outside.length ? outside.join(' ') : ''}`);
    const errors = events.slice(firstEvent).filter((e) => e.method === 'log.entryAdded' && e.params.level === 'error')
      .map((e) => e.params.text);
    check(errors.length === 0, `no console errors ${errors.join(' | ')}`);

    // 2. The hosted page under the strict CSP header.
    const base = `http://127.0.0.1:${server.address().port}/reports/viewer/`;
    const second = events.length;
    await send('browsingContext.navigate', { context, url: base, wait: 'complete' });
    if (await until(`document.querySelector('#main h2')`, 'the hosted app mounts under the CSP')) {
      await until(`performance.getEntriesByName('fazhi:charts').length > 0`, 'charts drawn');
      // Focus shows the figure's tooltip, positioned through element.style (CSSOM).
      await js(`document.querySelector('#main .fact').focus()`);
      await sleep(300);
      await shot('firefox-hosted-csp.png');
      await js(DROP_TXT);
      await until(OPENED, 'a dropped .txt converts in the worker under the CSP');
      const csp = await js(`window.__csp`);
      check(csp.length === 0, `no CSP violations ${csp.join(' | ')}`);
    }
    const cspLogs = events.slice(second).filter((e) => e.method === 'log.entryAdded'
      && /Content[- ]Security[- ]Policy/i.test(e.params.text)).map((e) => e.params.text);
    check(cspLogs.length === 0, `no CSP messages in the console ${cspLogs.join(' | ')}`);

    // 3. Embedded in a page on another origin.
    const host = createServer((req, res) => {
      res.writeHead(200, { 'Content-Type': 'text/html; charset=utf-8' });
      res.end(`<!doctype html><meta charset="utf-8"><title>门户</title><h1>门户</h1>
        <div data-fazhi-reader="${base}index.html?embed=1&part=c2"></div>
        <script src="${base}embed.js"></script>`);
    });
    await new Promise((ok) => host.listen(0, '127.0.0.1', ok));
    try {
      await send('browsingContext.navigate',
        { context, url: `http://127.0.0.1:${host.address().port}/`, wait: 'complete' });
      console.log(`firefox: location.ancestorOrigins ${await js(`'ancestorOrigins' in location`) ? 'exists' : 'is missing'}`);
      // embed.js starts the iframe at 600px; one chapter is far shorter once it reports in.
      await until(`(() => { const h = document.querySelector('iframe')?.getBoundingClientRect().height;
        return h > 100 && h < 590; })()`, 'the embedded iframe takes the reported height');
      console.log(`firefox: embedded iframe height ${await js(`document.querySelector('iframe').getBoundingClientRect().height`)}px`);
      await shot('firefox-embedded.png');
    } finally {
      host.close();
    }
    await send('session.end').catch(() => {});
  } finally {
    bidi.ws.close();
    server.close();
    ff.proc.kill();
    await new Promise((r) => ff.proc.once('exit', r));
    await rm(ff.profile, { recursive: true, force: true });
  }
  if (failures.length) {
    console.error(`firefox smoke: ${failures.length} failed`);
    process.exit(1);
  }
}

await run();
