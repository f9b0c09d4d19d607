// Runs Lighthouse (bench/node_modules, with Debian's Chromium) on the three pages served as the
// benchmark serves them, and keeps for each: the four category scores, the headline metrics, and
// every audit that did not pass, so whoever fixes them knows exactly which.
//
// usage: node bench/lighthouse.mjs --ours DIR --floor DIR --peer DIR [--out FILE.json]
// Lighthouse's default mobile profile: simulated throttling (150 ms RTT, 1.6 Mbit/s, 4x CPU).
import { execFile } from 'node:child_process';
import { readFile, writeFile } from 'node:fs/promises';
import { promisify } from 'node:util';
import { parseArgs } from 'node:util';
import { fileURLToPath } from 'node:url';
import { serveMounts } from './serve.mjs';

const { values: args } = parseArgs({
  options: {
    ours: { type: 'string' }, floor: { type: 'string' }, peer: { type: 'string' },
    out: { type: 'string', default: 'bench/out/lighthouse.json' },
  },
});
const CLI = fileURLToPath(new URL('node_modules/lighthouse/cli/index.js', import.meta.url));
const FLAGS = '--headless=new --no-sandbox --disable-gpu --disable-quic --no-first-run '
  + '--disable-background-networking --disable-component-update --disable-sync';

const server = await serveMounts([['/ours/', args.ours], ['/floor/', args.floor], ['/peer/', args.peer]]);
const base = `http://127.0.0.1:${server.address().port}`;
const out = { version: null, pages: {} };
try {
  for (const name of ['ours', 'floor', 'peer']) {
    const file = args.out.replace(/\.json$/, `-${name}.json`);
    await promisify(execFile)(process.execPath, [
      CLI, `${base}/${name}/`, '--output=json', `--output-path=${file}`, '--quiet',
      `--chrome-flags=${FLAGS}`,
      '--only-categories=performance,accessibility,best-practices,seo',
    ], { env: { ...process.env, CHROME_PATH: process.env.CHROMIUM ?? '/usr/bin/chromium' }, maxBuffer: 1 << 26 });
    const lhr = JSON.parse(await readFile(file, 'utf8'));
    out.version = lhr.lighthouseVersion;
    const audit = (id) => lhr.audits[id]?.displayValue ?? null;
    out.pages[name] = {
      scores: Object.fromEntries(Object.entries(lhr.categories).map(([k, c]) => [k, Math.round(c.score * 100)])),
      metrics: {
        fcp: audit('first-contentful-paint'), lcp: audit('largest-contentful-paint'),
        tbt: audit('total-blocking-time'), cls: audit('cumulative-layout-shift'), si: audit('speed-index'),
      },
      // Audits that count towards a category and did not pass.
      failed: Object.entries(lhr.categories).flatMap(([cat, c]) => c.auditRefs
        .filter((r) => r.weight > 0 || cat === 'performance')
        .map((r) => lhr.audits[r.id])
        .filter((a) => a && a.score !== null && a.score < 0.9 && a.scoreDisplayMode !== 'informative' && a.scoreDisplayMode !== 'manual')
        .map((a) => ({
          category: cat, id: a.id, title: a.title, score: a.score, value: a.displayValue ?? '',
          items: (a.details?.items ?? []).map((i) => i.node?.snippet ?? i.url ?? i.source?.url ?? '')
            .filter((x) => typeof x === 'string' && x).slice(0, 5).map((x) => x.replace(/^http:\/\/127\.0\.0\.1:\d+/, '').slice(0, 160)),
        }))),
      runWarnings: lhr.runWarnings,
    };
    console.log(`lighthouse ${name}: ${JSON.stringify(out.pages[name].scores)}`);
  }
} finally {
  server.close();
}
await writeFile(args.out, JSON.stringify(out, null, 1));
