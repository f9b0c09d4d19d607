// Writes bench/RESULTS.md from what measure.mjs and lighthouse.mjs recorded: every number in it
// comes from those files or from the machine, none is typed in.
//
// usage: node bench/report.mjs --measure FILE --lighthouse FILE --synth DIR --out FILE.md
//                              [--before bench/before.json] [--notes bench/notes.md]
//                              [--elapsed SECONDS]
// The goals of issue 15 open the file: each with its target, the figure before (bench/before.json,
// the run the issue quotes) and after (this run), and whether it holds. Why a goal is missed
// cannot be measured: bench/notes.md, written by hand, goes in verbatim under the goals.
import { readFile, writeFile, stat } from 'node:fs/promises';
import { execFileSync } from 'node:child_process';
import { cpus, totalmem } from 'node:os';
import { parseArgs } from 'node:util';
import { gzipSync, constants } from 'node:zlib';

const { values: args } = parseArgs({
  options: {
    measure: { type: 'string' }, lighthouse: { type: 'string' }, synth: { type: 'string' },
    before: { type: 'string' }, notes: { type: 'string' },
    out: { type: 'string', default: 'bench/RESULTS.md' }, elapsed: { type: 'string' },
  },
});
const M = JSON.parse(await readFile(args.measure, 'utf8'));
const L = args.lighthouse ? JSON.parse(await readFile(args.lighthouse, 'utf8')) : null;
const B = args.before ? JSON.parse(await readFile(args.before, 'utf8')) : null;
const notes = args.notes ? await readFile(args.notes, 'utf8').catch((e) => {
  if (e.code === 'ENOENT') return null;
  throw e;
}) : null;

const sorted = (xs) => xs.filter((x) => x !== null && x !== undefined && !Number.isNaN(x)).sort((a, b) => a - b);
const quantile = (xs, q) => {
  const s = sorted(xs);
  if (!s.length) return null;
  const i = (s.length - 1) * q;
  return s[Math.floor(i)] + (s[Math.ceil(i)] - s[Math.floor(i)]) * (i - Math.floor(i));
};
const stats = (xs) => ({ med: quantile(xs, 0.5), min: quantile(xs, 0), max: quantile(xs, 1), n: sorted(xs).length });
const ms = (x) => (x === null ? 'n/a' : `${Math.round(x).toLocaleString('en-US')} ms`);
const kb = (x) => (x === null ? 'n/a' : `${(x / 1024).toFixed(1)} KB`);
const mb = (x) => (x === null ? 'n/a' : `${(x / 1048576).toFixed(1)} MB`);
const int = (x) => (x === null ? 'n/a' : Math.round(x).toLocaleString('en-US'));
const cell = (s, fmt) => (s.med === null ? 'n/a'
  : s.min === s.max ? fmt(s.med) : `${fmt(s.med)} (${fmt(s.min)}–${fmt(s.max)})`);
const times = (x) => `${x.toFixed(2)}×`;
const ratio = (a, b) => (a === null || b === null || b === 0 ? 'n/a' : times(a / b));
// The runs' median (min–max) of `get`. `none`: what it shows when every run recorded null
// (measured, nothing came); a field no run recorded (an older measure.json) is "not measured".
const runsCell = (runs, get, fmt, none) => {
  const st = stats(runs.map(get));
  if (st.n === runs.length) return cell(st, fmt);
  const recorded = runs.filter((m) => get(m) !== undefined).length;
  if (!recorded) return 'not measured';
  if (!st.n) return none ?? 'n/a';
  return `${cell(st, fmt)}, ${st.n} of ${runs.length} runs (${none ?? 'n/a'} in the others)`;
};

const sh = (cmd, a) => { try { return execFileSync(cmd, a, { encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] }).trim(); } catch { return 'n/a'; } };

const metrics = [
  ['Requests', (m) => m.requests, int],
  ['Bytes transferred, raw (decoded)', (m) => m.bytesRaw, kb],
  ['Bytes transferred, gzip (on the wire, with headers)', (m) => m.bytesWire, kb],
  ['First contentful paint', (m) => m.fcp, ms],
  ['First chapter visible (Element Timing, any rendering)', (m) => m.chapter, ms],
  ['First chapter visible (rAF poll, cross-check)', (m) => m.chapterRaf, ms],
  ['First chapter rendered by the page\'s own code (ours: the app, not the pre-render)', (m) => m.own, ms],
  ['Largest contentful paint (last candidate)', (m) => m.lcp?.time ?? null, ms],
  ['All charts drawn', (m) => m.drawn, ms],
  ['Main-thread blocking until charts drawn', (m) => m.blocking, ms],
  ['Longest long task until charts drawn', (m) => m.longest, ms],
  ['Long tasks (count, whole load)', (m) => m.longtasks, int],
  ['JS heap used after GC', (m) => m.heap, mb],
  ['wasm linear memory', (m) => m.wasm || null, mb],
  ['DOM nodes', (m) => m.nodes, int],
];

const lines = [];
const out = (s = '') => lines.push(s);
const C = M.compare;
const S = M.scale;
const P = M.profile;
const drawnWait = M.drawnWait ? `${M.drawnWait / 1000} s` : 'the wait';

// Issue 15's goals. Each side (`after` from this run, `before` from bench/before.json) gives
// { v, text } or null when that run did not measure it; `text` defaults to `fmt(v)`.
const fig = (v, text) => (v === null || v === undefined ? null : { v, text });
const median = (runs, get) => (runs?.length ? stats(runs.map(get)).med : null);
// `r`: the ratio as the run computed it from unrounded medians (bench/before.json keeps it).
const vsFloor = (ours, floor, r = ours / floor) => (ours == null || floor == null ? null
  : fig(r, `${times(r)} (${ms(ours)} against ${ms(floor)})`));
/** The median scroll-to-chart time over the runs; a run whose chart never showed counts as
 *  infinitely slow, and says why. */
const scrollChart = (runs) => {
  const got = (runs ?? []).filter((m) => m.scrollChart);
  if (!got.length) return null;
  const s = got.map((m) => m.scrollChart.ms ?? Infinity).sort((a, b) => a - b);
  const lo = s[Math.floor((s.length - 1) / 2)];
  const hi = s[Math.ceil((s.length - 1) / 2)];
  if (hi !== Infinity) return fig((lo + hi) / 2);
  return fig(Infinity, `n/a: ${got.find((m) => m.scrollChart.ms === null).scrollChart.why}`);
};
const goals = [
  {
    what: 'First load, bytes gzip on the wire (ours, comparison)', short: 'first load', target: '≤ 150 KB', limit: 150 * 1024, fmt: kb,
    after: () => fig(median(C.ours, (m) => m.bytesWire)), before: (b) => fig(b.compare.bytesWire),
  },
  {
    what: "The app's own first chapter, against the floor", short: 'own first chapter', target: '≤ 2.5× the floor', limit: 2.5, fmt: times,
    after: () => vsFloor(median(C.ours, (m) => m.own), median(C.floor, (m) => m.own)),
    before: (b) => vsFloor(b.compare.own.ours, b.compare.own.floor, b.compare.own.ratio),
  },
  {
    what: 'All charts drawn, against the floor', short: 'all charts drawn', target: '≤ 2× the floor', limit: 2, fmt: times,
    after: () => vsFloor(median(C.ours, (m) => m.drawn), median(C.floor, (m) => m.drawn)),
    before: (b) => vsFloor(b.compare.drawn.ours, b.compare.drawn.floor, b.compare.drawn.ratio),
  },
  {
    what: '1×: longest long task until charts drawn (ours, comparison)', short: '1× longest task', target: '≤ 100 ms', limit: 100, fmt: ms,
    after: () => fig(median(C.ours, (m) => m.longest)), before: (b) => fig(b.compare.longest),
  },
  {
    what: '100×: first chapter rendered by the app', short: '100× first chapter', target: '≤ 3 s', limit: 3000, fmt: ms,
    after: () => fig(median(S[100], (m) => m.own)), before: (b) => fig(b.scale[100].own),
  },
  {
    what: '100×: a chart visible after it scrolls into view', short: '100× chart after scroll', target: '≤ 300 ms', limit: 300, fmt: ms,
    after: () => scrollChart(S[100]), before: (b) => fig(b.scale[100].scrollChart),
  },
  {
    what: '100×: search, keystroke to results (median)', short: '100× search median', target: '≤ 30 ms', limit: 30, fmt: ms,
    after: () => fig(median(S[100], (m) => m.search?.median)), before: (b) => fig(b.scale[100].searchMedian),
  },
  {
    what: '100×: search, keystroke to results (max)', short: '100× search max', target: '≤ 100 ms', limit: 100, fmt: ms,
    after: () => fig(median(S[100], (m) => m.search?.max)), before: (b) => fig(b.scale[100].searchMax),
  },
  {
    what: "100×: longest long task until charts drawn (or the wait's end)", short: '100× longest task', target: '≤ 200 ms', limit: 200, fmt: ms,
    after: () => fig(median(S[100], (m) => m.longest)), before: (b) => fig(b.scale[100].longest),
    context: (b) => `main-thread blocking ${ms(b.scale[100].blocking)} until all charts drawn at ${ms(b.scale[100].drawn)}`,
  },
  {
    what: '100×: wasm linear memory', short: '100× wasm memory', target: '≤ 40 MB', limit: 40 * 1048576, fmt: mb,
    after: () => fig(median(S[100], (m) => m.wasm)), before: (b) => fig(b.scale[100].wasm),
  },
  {
    what: '1×: search, keystroke to results (p95)', short: '1× search p95', target: '< 16 ms', limit: 16, strict: true, fmt: ms,
    after: () => fig(median(S[1], (m) => m.search?.p95)), before: (b) => fig(b.scale[1].searchP95),
    context: (b) => `median ${ms(b.scale[1].searchMedian)}, max ${ms(b.scale[1].searchMax)}`,
  },
];
/** 'holds', 'missed …' or 'not measured', for `a` measured against goal `g`. */
const verdict = (g, a) => {
  if (a === null) return 'not measured';
  if (g.strict ? a.v < g.limit : a.v <= g.limit) return 'holds';
  if (a.v === Infinity) return `missed: ${a.text.replace(/^n\/a: /, '')}`;
  if (g.fmt === times) return `missed by ${times(a.v - g.limit)} the floor`;
  const r = a.v / g.limit;
  return `missed by ${g.fmt(a.v - g.limit)} (${r >= 2 ? `${r.toFixed(1)}× the target` : `${Math.round((r - 1) * 100)}% over`})`;
};
const shown = (g, x) => (x === null ? null : x.text ?? g.fmt(x.v));

out('# Benchmark results');
out();
out('Written by `bench/run.sh` (see bench/README.md for what is measured and how). Do not edit by hand: run it again.');
out();
out('## Goals (issue 15)');
out();
out(`Medians over the runs (section 1 for the comparison, section 2 for the synthetic 1× and 100× reports). Before: ${B ? `the run issue 15 quotes (${B.date}, bench/before.json)` : 'not given (no --before file)'}; after: this run (${M.date}).`);
out();
out('| Goal | Target | Before | After (this run) | |');
out('|---|---|---|---|---|');
const verdicts = goals.map((g) => {
  const a = g.after();
  const b = B ? g.before(B) : null;
  const before = b === null ? `not measured${B && g.context ? ` (${g.context(B)})` : ''}` : shown(g, b);
  const v = verdict(g, a);
  out(`| ${g.what} | ${g.target} | ${before} | ${shown(g, a) ?? 'not measured'} | ${v} |`);
  return [g, v];
});
out();
const which = (f) => verdicts.filter(([, v]) => f(v)).map(([g]) => `${g.short} ${g.target}`);
const held = which((v) => v === 'holds');
const missed = which((v) => v.startsWith('missed'));
const unmeasured = which((v) => v === 'not measured');
out(`**Hold: ${held.length} of ${goals.length}**${held.length ? ` (${held.join(', ')})` : ''}.${missed.length ? ` Missed: ${missed.join(', ')}.` : ''}${unmeasured.length ? ` Not measured in this run: ${unmeasured.join(', ')}.` : ''}`);
if (notes !== null) {
  out();
  out(notes.trim());
}
out();
out('## How this run was made');
out();
out(`- Date: ${M.date}`);
out(`- Machine: ${cpus().length} CPUs (\`nproc\` ${sh('nproc', [])}, ${cpus()[0]?.model ?? 'unknown CPU'}), ${(totalmem() / 2 ** 30).toFixed(0)} GiB RAM, ${sh('uname', ['-sr'])}`);
out(`- Browser: ${sh(process.env.CHROMIUM ?? '/usr/bin/chromium', ['--version']).replace(/\n/g, ' ')} (headless, driven by playwright-core over CDP; engine reported ${M.chromium}); Node ${process.version}`);
out(`- CPU throttling: ${P.cpu}× (\`Emulation.setCPUThrottlingRate\`)`);
out(`- Network (\`Network.emulateNetworkConditions\`, per request): ${P.network.latency} ms latency, ${(P.network.downloadThroughput * 8 / 1e6).toFixed(1)} Mbit/s down, ${(P.network.uploadThroughput * 8 / 1e3).toFixed(0)} kbit/s up; cache disabled, a fresh browser context per run`);
out(`- Viewport: ${P.viewport.width}×${P.viewport.height}, device scale factor 1`);
out(`- Runs: ${M.runs} per page in the comparison (page order rotated each round); ${M.scale[1]?.length ?? 0} per size in the scale test`);
out(`- Server: bench/serve.mjs on 127.0.0.1, every file gzip -9`);
if (M.loadavg) out(`- Load average (1, 5, 15 min) when the measuring began: ${M.loadavg.start.map((x) => x.toFixed(2)).join(', ')}; when it ended: ${M.loadavg.end.map((x) => x.toFixed(2)).join(', ')} (other work on the machine slows the runs)`);
if (args.elapsed) out(`- The whole benchmark (\`bench/run.sh\`: builds, ${M.runs * 3} comparison loads, scale loads, Lighthouse) took ${Math.floor(Number(args.elapsed) / 60)} min ${Number(args.elapsed) % 60} s`);
out();
out('## 1. Our reader against the floor and the ECharts peer');
out();
out('Medians with (min–max) over the runs. *ours*: the release build of the reader (`trunk build --release`, with any post-build hook Trunk.toml names). *floor*: one static HTML page of the same text with the same charts pre-rendered as inline SVG by our converter output and chart code (`src/bin/floor.rs`), no JavaScript. *ECharts*: a hand-written page that fetches the same report JSON and draws the same charts with Apache ECharts (`bench/peer/`). Each page shows the overview first (key figures, the list of charts) and every chart once, after the sentence that states it, as the reader does.');
out();
out('| Metric | ours | floor | ECharts | ours / floor | ours / ECharts |');
out('|---|---|---|---|---|---|');
for (const [label, get, fmt] of metrics) {
  const s = Object.fromEntries(['ours', 'floor', 'peer'].map((k) => [k, stats(C[k].map(get))]));
  out(`| ${label} | ${runsCell(C.ours, get, fmt)} | ${runsCell(C.floor, get, fmt)} | ${runsCell(C.peer, get, fmt)} | ${ratio(s.ours.med, s.floor.med)} | ${ratio(s.ours.med, s.peer.med)} |`);
}
out();
out('What each page fetched in its first run (raw = decoded body, wire = gzip body and headers; start and end in ms after the first request):');
out();
out('| Page | File | Raw | Wire | Start–end |');
out('|---|---|---|---|---|');
for (const k of ['ours', 'floor', 'peer']) {
  for (const f of C[k][0].files) out(`| ${k === 'peer' ? 'ECharts' : k} | \`${f.url}\` | ${kb(f.raw)} | ${kb(f.wire)} | ${Math.round(f.start)}–${f.end === null ? '?' : Math.round(f.end)} |`);
}
out();
out('Long tasks of that first run (start +duration, ms after navigation start), and the marks the pages set:');
out();
for (const k of ['ours', 'floor', 'peer']) {
  const m = C[k][0];
  const tasks = (m.tasks ?? []).map(([t, d]) => `${Math.round(t)} +${Math.round(d)}`).join(', ') || 'none';
  const marks = Object.entries(m.marks ?? {}).map(([n, t]) => `${n} ${Math.round(t)}`).join(', ') || 'none';
  const lcp = m.lcp ? `; largest contentful paint at ${Math.round(m.lcp.time)}: \`${m.lcp.what}\` “${m.lcp.text}…”` : '';
  out(`- ${k === 'peer' ? 'ECharts' : k}: long tasks ${tasks}; marks: ${marks}${lcp}`);
}
const errors = Object.entries(C).flatMap(([k, runs]) => runs.flatMap((m) => m.errors.map((e) => `${k}: ${e}`)));
if (errors.length) {
  out();
  out(`Console errors seen during the runs: ${[...new Set(errors)].map((e) => `\`${e}\``).join('; ')}`);
}
out();
out('## 2. Scale: synthetic reports 1×, 10× and 100× the bundled report');
out();
out('Made by `src/bin/synth.rs` (the seed repeated with chapters and sections renumbered, titled 【合成测试数据，非真实报告】, its charts and cards repeated per copy), converted by `src/bin/ingest.rs`, loaded in our reader with `?report=synth/synth-<k>x.json` under the same CPU and network profile. '
  + (M.drawnWait ? `"All charts drawn" is waited for at most ${drawnWait} after the first chapter (a long report may by design draw only what is near the viewport): "n/a" when it did not come, and blocking and the longest long task then count until that wait ended. ` : '')
  + 'Chart after scrolling: from a scroll to the middle of the report (or on to the next chart below, if none is in view once the page settles) to a chart in the viewport having its SVG. Search: keystroke-to-results as tests/browser/search.test.mjs times it (12 queries from "行" to "82.14%", three times; median, p95 and max), and keystroke to the hits painted in the text (the reader paints them in a task after the results).');
out();
const ks = Object.keys(S).sort((a, b) => a - b);
const size = async (k) => {
  const file = `${args.synth}/synth-${k}x.json`;
  const buf = await readFile(file);
  const r = JSON.parse(buf);
  let blocks = 0;
  const walk = (b) => { blocks += 1; b.children.forEach(walk); };
  r.blocks.forEach(walk);
  return { raw: (await stat(file)).size, gz: gzipSync(buf, { level: constants.Z_BEST_COMPRESSION }).length, blocks, facts: r.facts.length, charts: r.charts.length };
};
const sizes = Object.fromEntries(await Promise.all(ks.map(async (k) => [k, await size(k)])));
out(`| Metric | ${ks.map((k) => `${k}×`).join(' | ')} | growth 1×→10× | growth 1×→100× |`);
out(`|---|${ks.map(() => '---').join('|')}|---|---|`);
// `vals`: size -> median (or null); `cells`: size -> the text shown.
const row = (label, vals, cells) => {
  const g = (b) => (vals[1] == null || vals[b] == null || vals[1] === 0 ? 'n/a' : `${(vals[b] / vals[1]).toFixed(1)}×`);
  out(`| ${label} | ${ks.map((k) => cells[k]).join(' | ')} | ${g(10)} | ${g(100)} |`);
};
const each = (f) => Object.fromEntries(ks.map((k) => [k, f(k)]));
row('Blocks / facts / charts', each((k) => sizes[k].blocks),
  each((k) => `${int(sizes[k].blocks)} / ${int(sizes[k].facts)} / ${int(sizes[k].charts)}`));
row('Report JSON, raw', each((k) => sizes[k].raw), each((k) => kb(sizes[k].raw)));
row('Report JSON, gzip -9', each((k) => sizes[k].gz), each((k) => kb(sizes[k].gz)));
const scaleMetrics = [
  ['First chapter visible (any rendering)', (m) => m.chapter, ms],
  ['First chapter rendered by the app', (m) => m.own, ms],
  ['All charts drawn', (m) => m.drawn, ms, `n/a — not all rendered within ${drawnWait}, by design`],
  ['Main-thread blocking until charts drawn (or the wait\'s end)', (m) => m.blocking, ms],
  ['Longest long task until charts drawn (or the wait\'s end)', (m) => m.longest, ms],
  ['A chart visible after it scrolls into view', (m) => m.scrollChart?.ms, ms, 'n/a — no chart drawn in view'],
  ['Search, keystroke to results (median)', (m) => m.search?.median, ms],
  ['Search, keystroke to results (p95)', (m) => m.search?.p95, ms],
  ['Search, keystroke to results (max)', (m) => m.search?.max, ms],
  ['Search, keystroke to hits painted in the text (median)', (m) => m.search?.painted?.median, ms],
  ['Search, keystroke to hits painted in the text (max)', (m) => m.search?.painted?.max, ms],
  ['JS heap used after GC', (m) => m.heap, mb],
  ['wasm linear memory', (m) => m.wasm, mb],
  ['DOM nodes', (m) => m.nodes, int],
];
for (const [label, get, fmt, none] of scaleMetrics) {
  row(label, each((k) => stats(S[k].map(get)).med), each((k) => runsCell(S[k], get, fmt, none)));
}
out();
out('## 3. Lighthouse');
out();
if (!L) {
  out('Not run.');
} else {
  out(`Lighthouse ${L.version}, default mobile profile (simulated throttling: 150 ms RTT, 1.6 Mbit/s, 4× CPU), Chromium as above, each page served by bench/serve.mjs.`);
  out();
  out('| Page | Performance | Accessibility | Best practices | SEO | FCP | LCP | TBT | CLS | Speed Index |');
  out('|---|---|---|---|---|---|---|---|---|---|');
  for (const [k, p] of Object.entries(L.pages)) {
    const s = p.scores;
    out(`| ${k === 'peer' ? 'ECharts' : k} | ${s.performance} | ${s.accessibility} | ${s['best-practices']} | ${s.seo} | ${p.metrics.fcp} | ${p.metrics.lcp} | ${p.metrics.tbt} | ${p.metrics.cls} | ${p.metrics.si} |`);
  }
  for (const [k, p] of Object.entries(L.pages)) {
    out();
    out(`Audits below 0.9 for **${k === 'peer' ? 'ECharts' : k}** (performance includes diagnostics and insights, which do not count towards the score):`);
    out();
    if (!p.failed.length) out('- none');
    for (const a of p.failed) {
      const items = a.items.length ? `: ${a.items.map((i) => `\`${i.replace(/`/g, "'").replace(/\|/g, '\\|')}\``).join(', ')}` : '';
      out(`- ${a.category} · \`${a.id}\` (${a.title}) score ${a.score}${a.value ? `, ${a.value}` : ''}${items}`);
    }
  }
}
out();
await writeFile(args.out, `${lines.join('\n')}\n`);
console.log(`wrote ${args.out}`);
