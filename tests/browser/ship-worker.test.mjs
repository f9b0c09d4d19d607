// Opening a file goes through the reader's Web Worker (crates/worker): its own wasm, fetched
// only when someone opens a file, the page responsive while it converts, a progress line while
// it works, all under the headers the README tells a host to send (its CSP, with
// frame-ancestors, and nosniff). (The offline file's worker: ship-offline.test.mjs.)
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFile } from 'node:fs/promises';
import { useBrowser, recordCspViolations, cspViolations } from './lib.mjs';

const seed = await readFile(new URL('../../seeds/shangcheng-2022.txt', import.meta.url), 'utf8');
const readme = await readFile(new URL('../../README.md', import.meta.url), 'utf8');
const DEPLOY_CSP = readme.match(/^Content-Security-Policy: (.+)$/m)[1];
const t = useBrowser({
  serve: { headers: { 'Content-Security-Policy': DEPLOY_CSP, 'X-Content-Type-Options': 'nosniff' } },
});

/** The seed made `times` times longer and still of the same shape: every numbered item's text
 *  after its heading sentence repeated (numbering untouched). */
function longer(text, times) {
  return text.split('\n').map((line) => {
    const m = line.match(/^(\s*\d+\.[^。]*。)(.+)$/);
    return m ? m[1] + m[2].repeat(times) : line;
  }).join('\n');
}

/** Starts timing animation frames, the page's responsiveness: the longest gap between two
 *  frames in each phase the progress line names (the phase at the gap's start). */
const watchFrames = (page) => page.evaluate(() => {
  const phase = () => {
    const t = document.querySelector('.working')?.textContent ?? '';
    return t.includes('正在转换') ? 'converting' : t ? 'other' : 'idle';
  };
  window.__frames = { last: performance.now(), at: phase(), worst: {}, count: {}, on: true };
  const tick = (t) => {
    const f = window.__frames;
    f.worst[f.at] = Math.max(f.worst[f.at] ?? 0, t - f.last);
    f.count[f.at] = (f.count[f.at] ?? 0) + 1;
    f.last = t;
    f.at = phase();
    if (f.on) requestAnimationFrame(tick);
  };
  requestAnimationFrame(tick);
});

test('a large .txt converts in the worker: progress line, frames keep coming, report opens', async () => {
  const asked = [];
  const { page, problems } = await t.open('', {}, async (c) => {
    await recordCspViolations(c);
    c.on('request', (r) => asked.push(new URL(r.url()).pathname.split('/').pop()));
  });
  const workers = [];
  page.on('worker', (w) => workers.push(w.url()));
  assert.deepEqual(asked.filter((f) => f.startsWith('worker-')), [],
    'the worker is not loaded for reading');
  const big = longer(seed.replace('  商城县人民政府\n', '  某某县人民政府\n'), 40);
  assert.ok(big.length > 150_000, `a long file (${big.length} characters)`);
  await watchFrames(page);
  const started = Date.now();
  await page.locator('input[type=file]').setInputFiles({ name: 'long.txt', mimeType: 'text/plain', buffer: Buffer.from(big) });
  await page.locator('.working[role=status]').filter({ hasText: '正在转换 long.txt' }).waitFor();
  // While the worker converts, the main thread keeps painting.
  await page.locator('.working').waitFor({ state: 'detached', timeout: 120_000 });
  const converted = Date.now() - started;
  const frames = await page.evaluate(() => { window.__frames.on = false; return window.__frames; });
  await page.waitForFunction(() => document.querySelector('.issuer')?.textContent === '某某县人民政府');
  const gap = (p) => (frames.worst[p] ?? 0).toFixed(0);
  console.log(`# long.txt (${(big.length / 1024).toFixed(0)} K characters): opened in ${converted} ms; ` +
    `${frames.count.converting} frames while the worker converted (longest gap ${gap('converting')} ms), ` +
    `longest gap while the page read the result ${gap('other')} ms`);
  assert.ok(frames.count.converting > 5, `frames kept coming while converting (${frames.count.converting})`);
  assert.ok(frames.worst.converting < 200, `no frame waited for the converter (${gap('converting')} ms)`);
  assert.equal(workers.length, 1);
  assert.match(workers[0], /\/worker-[0-9a-f]{16}\.js$/);
  assert.ok(asked.some((f) => /^worker-[0-9a-f]{16}_bg\.wasm$/.test(f)), 'its wasm came when needed');
  assert.deepEqual(await cspViolations(page), []);
  assert.deepEqual(problems, []);
});

test('the worker is started once and a bad file fails alone', async () => {
  const { page, problems } = await t.open();
  const workers = [];
  page.on('worker', (w) => workers.push(w.url()));
  const input = page.locator('input[type=file]');
  await input.setInputFiles({ name: 'notes.txt', mimeType: 'text/plain', buffer: Buffer.from('标题\n随便写的一段话，没有章节。\n') });
  const alert = page.locator('.notice[role=alert]');
  await alert.waitFor();
  assert.match(await alert.textContent(), /无法打开 notes\.txt：报告原文第 \d+ 行第 \d+ 列/);
  await input.setInputFiles({ name: 'other.txt', mimeType: 'text/plain', buffer: Buffer.from(seed.replace('  商城县人民政府\n', '  某某县人民政府\n')) });
  await page.waitForFunction(() => document.querySelector('.issuer')?.textContent === '某某县人民政府');
  assert.equal(workers.length, 1, 'one worker for both files');
  assert.deepEqual(problems, []);
});

test('a file over the size limit is refused before it is read', async () => {
  const { page } = await t.open();
  const workers = [];
  page.on('worker', (w) => workers.push(w.url()));
  await page.locator('input[type=file]').setInputFiles({ name: 'huge.txt', mimeType: 'text/plain', buffer: Buffer.alloc(9 * 1024 * 1024, 0x41) });
  const alert = page.locator('.notice[role=alert]');
  await alert.waitFor();
  assert.match(await alert.textContent(), /无法打开 huge\.txt：文件有 9\.0 MB，超过了 \d+\.\d MB 的上限/);
  assert.equal(await page.locator('h1').textContent(), '商城县人民政府关于2022年法治政府建设情况的报告');
  assert.deepEqual(workers, [], 'nothing was sent to the converter');
});

