// A minimal static file server for the built reader: serves a folder under a URL prefix on
// 127.0.0.1 with the MIME types a static host must send (application/wasm above all).
// Used by the browser tests (to prove sub-path hosting) and by scripts/serve.sh.
import { createServer } from 'node:http';
import { readFile, stat } from 'node:fs/promises';
import { extname, join, normalize, resolve } from 'node:path';

export const MIME = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.wasm': 'application/wasm',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.txt': 'text/plain; charset=utf-8',
};

/** Starts serving `dir` at http://127.0.0.1:`port``prefix`; port 0 picks a free one.
 *  `headers` are added to every file response (e.g. a Content-Security-Policy, as a portal's
 *  server might send). */
export function serve(dir, port = 0, prefix = '/', { headers = {} } = {}) {
  const root = resolve(dir);
  const server = createServer(async (req, res) => {
    const url = new URL(req.url, 'http://127.0.0.1');
    let path = decodeURIComponent(url.pathname);
    if (!path.startsWith(prefix)) {
      res.writeHead(404).end('not found');
      return;
    }
    path = path.slice(prefix.length);
    if (path === '' || path.endsWith('/')) path += 'index.html';
    const file = normalize(join(root, path));
    if (!file.startsWith(root)) {
      res.writeHead(403).end('forbidden');
      return;
    }
    try {
      if (!(await stat(file)).isFile()) throw new Error('not a file');
      const body = await readFile(file);
      res.writeHead(200, {
        'Content-Type': MIME[extname(file)] ?? 'application/octet-stream',
        'Cache-Control': 'no-cache',
        ...headers,
      });
      res.end(body);
    } catch {
      res.writeHead(404, { 'Content-Type': 'text/plain; charset=utf-8' }).end('not found');
    }
  });
  return new Promise((ok) => server.listen(port, '127.0.0.1', () => ok(server)));
}

// `node serve.mjs DIR [PORT] [PREFIX]`
if (import.meta.url === `file://${process.argv[1]}`) {
  const [dir = 'dist', port = '8080', prefix = '/'] = process.argv.slice(2);
  const server = await serve(dir, Number(port), prefix);
  const { port: p } = server.address();
  console.log(`serving ${dir} at http://127.0.0.1:${p}${prefix}`);
}
