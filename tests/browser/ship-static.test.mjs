// Any static host: dist/ copied as is to a plain file server, under any sub-path (here a deep
// one with Chinese and a space in it), works with no rewrite rules, asks only for files inside
// its folder, and names every file that may be cached for long after its content.
import { test, after } from 'node:test';
import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { cp, mkdtemp, readdir, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DIST, useBrowser } from './lib.mjs';

const PREFIX = '/政务公开/法治政府 建设/2022/';
let copy;
/** dist/ copied as is to a new folder, as a site editor would upload it. */
async function copyOfDist() {
  copy = await mkdtemp(join(tmpdir(), 'fazhi-static-'));
  await cp(DIST, copy, { recursive: true });
  return copy;
}
const t = useBrowser({ serve: { dir: copyOfDist, prefix: PREFIX } });
after(async () => {
  if (copy) await rm(copy, { recursive: true, force: true });
});

test('a copy under another sub-path works, deep links and reloads included', async () => {
  const asked = [];
  const { page, problems } = await t.open('#/b/c2', {}, (c) => {
    c.on('request', (r) => asked.push(r.url()));
  });
  await page.waitForFunction(() => document.getElementById('c2')?.classList.contains('is-target'));
  await page.reload();
  await page.waitForFunction(() => document.getElementById('c2')?.classList.contains('is-target'));
  const outside = asked.filter((u) => !u.startsWith(t.base));
  assert.deepEqual(outside, [], 'every request stays inside the folder');
  assert.deepEqual(problems, []);
});

test('files that change name with their content; the few stable names; only relative URLs', async () => {
  const files = await readdir(DIST);
  const hashed = /-[0-9a-f]{15,16}(_bg)?\.(js|css|wasm)$/;
  const stable = files.filter((f) => !hashed.test(f));
  for (const f of stable) {
    assert.match(f, /^(index\.html|boot\.js|prefs\.js|embed\.js|favicon\.svg|[\w-]+\.(json|txt|html))$/,
      `${f} has neither a content hash in its name nor a reason to be stable`);
  }
  for (const ext of ['.js', '.css', '.wasm']) {
    assert.ok(files.some((f) => hashed.test(f) && f.endsWith(ext)), `a hashed ${ext}`);
  }
  // The start-up script written by `package` is named after its own SHA-256.
  const start = files.find((f) => /^start-[0-9a-f]{16}\.js$/.test(f));
  assert.ok(start, 'start-<hash>.js exists');
  const sha = createHash('sha256').update(await readFile(join(DIST, start))).digest('hex');
  assert.equal(start, `start-${sha.slice(0, 16)}.js`);
  // index.html may be cached only briefly; everything it names is relative.
  const index = await readFile(join(DIST, 'index.html'), 'utf8');
  const urls = [...index.matchAll(/\b(?:src|href)="([^"]*)"/g)].map((m) => m[1]);
  assert.ok(urls.length > 5);
  for (const u of urls) assert.doesNotMatch(u, /^(\/|[a-z]+:)/i, `${u} must be relative`);
  assert.ok(urls.includes(`./${start}`));
});
