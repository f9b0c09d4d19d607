// Size budgets for the built reader, checked on every test run (scripts/test.sh): sizes and
// request counts, never times, so the check cannot be flaky. Loads the built dist/ from the
// static server the browser tests use, opens the bundled report as a first-time visitor would,
// and counts everything the page fetched; each response is weighed raw and gzip -9 (what a
// static host that compresses would send).
//
// usage: node bench/budgets.mjs [--dist DIR] [--budgets FILE.json]
// The budgets (bench/budgets.json) are the measured values plus about 10% headroom: raise one
// only with a reason in the commit that does.
import { chromium } from 'playwright-core';
import { readFile } from 'node:fs/promises';
import { parseArgs } from 'node:util';
import { gzipSync, constants } from 'node:zlib';
import { serve } from '../tests/browser/serve.mjs';
import { DIST, SUBPATH } from '../tests/browser/lib.mjs';

const { values: args } = parseArgs({
  options: {
    dist: { type: 'string', default: DIST },
    budgets: { type: 'string', default: new URL('budgets.json', import.meta.url).pathname },
  },
});

const kb = (n) => `${(n / 1024).toFixed(1)} KB`;
const gz = (buf) => gzipSync(buf, { level: constants.Z_BEST_COMPRESSION }).length;

const budgets = JSON.parse(await readFile(args.budgets, 'utf8'));
const server = await serve(args.dist, 0, SUBPATH);
const browser = await chromium.launch({
  executablePath: process.env.CHROMIUM ?? '/usr/bin/chromium',
  args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
    '--disable-background-networking', '--disable-component-update', '--disable-sync'],
});
const files = [];
const failures = [];
try {
  const context = await browser.newContext();
  const page = await context.newPage();
  const pending = [];
  page.on('response', (r) => {
    if (r.url().startsWith('data:')) return;
    pending.push(r.body().then(
      (body) => files.push({ url: r.url(), status: r.status(), raw: body.length, gzip: gz(body) }),
      () => files.push({ url: r.url(), status: r.status(), raw: 0, gzip: 0 }),
    ));
  });
  await page.goto(`http://127.0.0.1:${server.address().port}${SUBPATH}`);
  // The first visit is over when the report is shown, its charts are drawn and the network is
  // quiet (so late requests such as the icon are counted too).
  await page.locator('main h2').first().waitFor();
  await page.waitForFunction(() => performance.getEntriesByName('fazhi:charts-drawn').length > 0);
  await page.waitForLoadState('networkidle');
  await Promise.all(pending);
  await context.close();
} finally {
  await browser.close();
  server.close();
}

files.sort((a, b) => b.gzip - a.gzip);
console.log('first load of the bundled report:');
for (const f of files) {
  console.log(`  ${String(f.status).padEnd(4)}${kb(f.raw).padStart(10)} raw${kb(f.gzip).padStart(10)} gzip  ${f.url.replace(/^http:\/\/127\.0\.0\.1:\d+/, '')}`);
}
const bad = files.filter((f) => f.status >= 400);
if (bad.length) failures.push(`${bad.length} request(s) failed: ${bad.map((f) => `${f.status} ${f.url}`).join(', ')}`);
const wasm = files.filter((f) => f.url.endsWith('.wasm'));
const measured = {
  wasm_gzip_bytes: wasm.reduce((s, f) => s + f.gzip, 0),
  first_load_gzip_bytes: files.reduce((s, f) => s + f.gzip, 0),
  first_load_requests: files.length,
};
const names = {
  wasm_gzip_bytes: ['wasm gzip', kb],
  first_load_gzip_bytes: ['first-load gzip', kb],
  first_load_requests: ['first-load requests', String],
};
if (wasm.length === 0) failures.push('the page loaded no .wasm file: the wasm budget cannot be checked');
// The worker (converter, QR code) is for readers who open a file, not for the first visit.
const worker = files.filter((f) => /\/worker-[0-9a-f]{16}(_bg)?\.(js|wasm)$/.test(f.url));
if (worker.length) failures.push(`the first load fetched the worker: ${worker.map((f) => f.url).join(', ')}`);
for (const [key, [label, fmt]] of Object.entries(names)) {
  const limit = budgets[key];
  const ok = measured[key] <= limit;
  console.log(`${ok ? 'ok  ' : 'OVER'} ${label}: ${fmt(measured[key])} (budget ${fmt(limit)}, ${(measured[key] / limit * 100).toFixed(0)}%)`);
  if (!ok) failures.push(`${label} ${fmt(measured[key])} exceeds the budget of ${fmt(limit)} (${args.budgets})`);
}
if (failures.length) {
  for (const f of failures) console.error(`budget: ${f}`);
  process.exit(1);
}
