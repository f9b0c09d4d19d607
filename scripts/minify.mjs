// Trunk post-build step, run before `package` (Trunk.toml): minifies with esbuild what Trunk
// leaves unminified, and fixes the SRI hashes Trunk wrote for it into index.html.
//   - the reader's wasm-bindgen glue (reader-<hash>.js, an ES module),
//   - the worker's glue (worker.js, a classic script whose top-level `wasm_bindgen` must keep its
//     name: the worker's start-up, appended by `package`, calls it),
//   - the style sheet (style-<hash>.css),
//   - the editor's desk's glue and style sheet (desk.js, desk.css).
// Trunk's own minifier stays off (Trunk.toml: minify = "never"): its JS minifier breaks
// wasm-bindgen's glue (trunk issue 761) and its HTML minifier would drop the comment `package`
// writes the report into. esbuild is checked on the real glue by every browser test.
//   usage: node scripts/minify.mjs [DIR]   (DIR: $TRUNK_STAGING_DIR, else dist)
import { transform } from 'esbuild';
import { createHash } from 'node:crypto';
import { readdir, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';

const dir = process.argv[2] ?? process.env.TRUNK_STAGING_DIR ?? 'dist';
// [file, esbuild options, the name the start-up code appended to it calls]. The reader's glue
// keeps its identifiers: the offline file's start-up, inlined after it in the same module, calls
// `__wbg_init` by the name wasm-bindgen gives it (renaming would save 0.65 KB gzip more).
const kinds = [
  [/^reader-[0-9a-f]+\.js$/, { loader: 'js', format: 'esm', minifyWhitespace: true, minifySyntax: true },
    /\b__wbg_init\b/],
  [/^worker\.js$/, { loader: 'js', minify: true }, /\bwasm_bindgen\b/],
  // The desk's glue (an ES module the start-up script imports under ?edit) and style sheet.
  [/^desk\.js$/, { loader: 'js', format: 'esm', minify: true }, /\bexport\b/],
  [/^desk\.css$/, { loader: 'css', minify: true }, null],
  [/^style-[0-9a-f]+\.css$/, { loader: 'css', minify: true }, null],
];

const integrity = (body) => `sha384-${createHash('sha384').update(body).digest('base64')}`;
const escape = (s) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

const indexPath = join(dir, 'index.html');
let index = await readFile(indexPath, 'utf8');
for (const name of await readdir(dir)) {
  const [, options, calls] = kinds.find(([pattern]) => pattern.test(name)) ?? [];
  if (!options) continue;
  const path = join(dir, name);
  const before = await readFile(path, 'utf8');
  const { code } = await transform(before, { ...options, legalComments: 'none' });
  if (calls && !calls.test(code)) throw new Error(`${name}: minified, it lost ${calls}`);
  await writeFile(path, code);
  // The link Trunk wrote for it carries an SRI hash of the old content.
  const tag = new RegExp(`(<link\\b[^>]*\\bhref="(?:\\./)?${escape(name)}"[^>]*\\bintegrity=")[^"]*(")`);
  index = index.replace(tag, `$1${integrity(code)}$2`);
  console.log(`minify: ${name} ${before.length} -> ${code.length} bytes`);
}
await writeFile(indexPath, index);
