// The benchmark's static server: several folders, each under its own URL prefix on 127.0.0.1,
// every response gzip-compressed (level 9, cached) when the browser accepts it, as a production
// host would send it. The MIME types are the browser tests' (tests/browser/serve.mjs).
import { createServer } from 'node:http';
import { readFile, stat } from 'node:fs/promises';
import { extname, join, normalize, resolve } from 'node:path';
import { gzipSync, constants } from 'node:zlib';
import { MIME } from '../tests/browser/serve.mjs';

/** `mounts`: [[prefix, dir], …], longest prefix first wins. Returns the listening server. */
export function serveMounts(mounts, port = 0) {
  const table = mounts
    .map(([prefix, dir]) => [prefix, resolve(dir)])
    .sort((a, b) => b[0].length - a[0].length);
  const cache = new Map(); // file -> { mtime, raw, gz }
  const server = createServer(async (req, res) => {
    const path = decodeURIComponent(new URL(req.url, 'http://127.0.0.1').pathname);
    const hit = table.find(([prefix]) => path.startsWith(prefix));
    if (!hit) return res.writeHead(404).end('not found');
    let rel = path.slice(hit[0].length);
    if (rel === '' || rel.endsWith('/')) rel += 'index.html';
    const file = normalize(join(hit[1], rel));
    if (!file.startsWith(hit[1])) return res.writeHead(403).end('forbidden');
    try {
      const st = await stat(file);
      if (!st.isFile()) throw new Error('not a file');
      let entry = cache.get(file);
      if (!entry || entry.mtime !== st.mtimeMs) {
        const raw = await readFile(file);
        entry = { mtime: st.mtimeMs, raw, gz: gzipSync(raw, { level: constants.Z_BEST_COMPRESSION }) };
        cache.set(file, entry);
      }
      const gzip = /\bgzip\b/.test(req.headers['accept-encoding'] ?? '');
      const body = gzip ? entry.gz : entry.raw;
      res.writeHead(200, {
        'Content-Type': MIME[extname(file)] ?? 'application/octet-stream',
        'Content-Length': body.length,
        'Cache-Control': 'no-cache',
        Vary: 'Accept-Encoding',
        ...(gzip ? { 'Content-Encoding': 'gzip' } : {}),
      });
      res.end(body);
    } catch {
      res.writeHead(404, { 'Content-Type': 'text/plain; charset=utf-8' }).end('not found');
    }
  });
  return new Promise((ok) => server.listen(port, '127.0.0.1', () => ok(server)));
}
