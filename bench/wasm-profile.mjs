// Where the reader's wasm bytes go, by crate and by module: `twiggy top` over the release wasm
// before wasm-bindgen (the only build that keeps every function's name), grouped. wasm-bindgen
// drops its describe functions and wasm-opt shrinks the rest, so the figures are larger than
// what ships; the shares are what matter.
//
// usage: cargo install twiggy --locked   # once
//        cargo build --release --target wasm32-unknown-unknown --bin reader
//        node bench/wasm-profile.mjs [target/wasm32-unknown-unknown/release/reader.wasm] [--top 25]
import { execFileSync } from 'node:child_process';
import { parseArgs } from 'node:util';

const { values, positionals } = parseArgs({ allowPositionals: true, options: { top: { type: 'string', default: '25' } } });
const wasm = positionals[0] ?? 'target/wasm32-unknown-unknown/release/reader.wasm';
const csv = execFileSync('twiggy', ['top', '-n', '1000000', '-f', 'csv', wasm], { maxBuffer: 1 << 28 }).toString();

// twiggy quotes names that hold commas; the size is the first field after the name.
const rows = csv.trim().split('\n').slice(1).map((line) => {
  const m = /^("(?:[^"]|"")*"|[^,]*),(\d+),/.exec(line);
  return m ? { name: m[1].replace(/^"|"$/g, '').replace(/""/g, '"'), bytes: Number(m[2]) } : null;
}).filter(Boolean);

const byCrate = new Map();
const byModule = new Map();
let code = 0;
let other = 0;
for (const { name, bytes } of rows) {
  // Custom sections (names, wasm-bindgen's descriptions) and the binding shims do not ship.
  if (/^(custom section|"function names"|data segment|export|import|elem)/.test(name) || name.includes('__wbindgen_describe') || name.includes('describe::WasmDescribe') || name.includes('wasm_bindgen::describe')) {
    other += bytes;
    continue;
  }
  code += bytes;
  const clean = name.replace(/\[[0-9a-f]+\]/g, '');
  // The crate whose code this is: the first path (for `<T as Trait>` impls, the type's).
  const m = /^<?&?(?:mut )?(?:dyn )?([a-z_][a-z0-9_]*)::([A-Za-z_][A-Za-z0-9_]*)(?:::([a-z_][a-z0-9_]*))?/.exec(clean);
  const crate = m ? m[1] : '(other)';
  byCrate.set(crate, (byCrate.get(crate) ?? 0) + bytes);
  if (m) {
    const mod = [m[1], m[2], m[3]].filter(Boolean).join('::');
    byModule.set(mod, (byModule.get(mod) ?? 0) + bytes);
  }
}

const top = Number(values.top);
const table = (title, map) => {
  console.log(`\n${title}\n\n| bytes | share | |\n|---:|---:|---|`);
  for (const [k, v] of [...map].sort((a, b) => b[1] - a[1]).slice(0, top)) {
    console.log(`| ${v.toLocaleString('en')} | ${(v / code * 100).toFixed(1)}% | \`${k}\` |`);
  }
};
console.log(`${wasm}: ${code.toLocaleString('en')} bytes of code and data in functions (${other.toLocaleString('en')} more in names, descriptions and shims that do not ship)`);
table('By crate', byCrate);
table('By module', byModule);
