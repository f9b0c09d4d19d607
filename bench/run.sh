#!/usr/bin/env bash
# One command for the whole benchmark: builds our reader (release), the floor page and the
# ECharts peer, makes the synthetic 1x/10x/100x reports, measures everything in headless
# Chromium, runs Lighthouse and writes bench/RESULTS.md. Everything it builds goes to bench/out/
# (ignored by git); dist/ and public/ are left alone.
#   RUNS=10        cold loads per page in the comparison
#   SCALE_RUNS=3   cold loads per size in the scale test (a 100x load takes minutes)
#   SCALES=1,10,100  the synthetic sizes (e.g. SCALES=1,10 for a quicker look without 100x)
# Honours CARGO_TARGET_DIR, so it can share (or avoid) a build folder.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
start=$(date +%s)
step() { printf '\n\033[1m== %s\033[0m (%ss)\n' "$*" "$(($(date +%s) - start))"; }
OUT=bench/out
RUNS=${RUNS:-10}
SCALE_RUNS=${SCALE_RUNS:-3}
SCALES=${SCALES:-1,10,100}

step "setup"
. scripts/setup.sh --browser
# ECharts and Lighthouse (250 MB) are for the benchmark only: bench/package.json, not the root.
if [ ! -d bench/node_modules/lighthouse ] || [ ! -d bench/node_modules/echarts ] ||
    [ bench/package-lock.json -nt bench/node_modules/.package-lock.json ]; then
    npm ci --prefix bench --no-audit --no-fund
fi
mkdir -p "$OUT"

step "release build of the reader (trunk, with its post-build hooks)"
trunk build --release --dist "$OUT/ours"

step "converter, synthetic-report generator and floor page (native, release)"
cargo build --release --locked -p fazhi-tools --bin ingest --bin synth --bin floor
bin="${CARGO_TARGET_DIR:-target}/release"
# The floor is made from exactly the JSON the reader ships.
mkdir -p "$OUT/floor"
"$bin/floor" "$OUT/ours/shangcheng-2022.json" -o "$OUT/floor/index.html"

step "ECharts peer page"
rm -rf "$OUT/peer" && mkdir -p "$OUT/peer"
cp bench/peer/index.html bench/peer/peer.js bench/node_modules/echarts/dist/echarts.min.js \
    "$OUT/ours/shangcheng-2022.json" "$OUT/peer/"

step "synthetic reports ($SCALES x)"
mkdir -p "$OUT/synth"
for k in ${SCALES//,/ }; do
    "$bin/synth" --factor "$k" -o "$OUT/synth/synth-${k}x.txt"
    "$bin/ingest" "$OUT/synth/synth-${k}x.txt" -o "$OUT/synth/synth-${k}x.json"
done

step "measuring in headless Chromium ($RUNS runs per page, $SCALE_RUNS per size)"
node bench/measure.mjs --ours "$OUT/ours" --floor "$OUT/floor" --peer "$OUT/peer" \
    --synth "$OUT/synth" --runs "$RUNS" --scale-runs "$SCALE_RUNS" --scales "$SCALES" \
    --out "$OUT/measure.json"

step "Lighthouse"
node bench/lighthouse.mjs --ours "$OUT/ours" --floor "$OUT/floor" --peer "$OUT/peer" \
    --out "$OUT/lighthouse.json"

step "writing bench/RESULTS.md"
node bench/report.mjs --measure "$OUT/measure.json" --lighthouse "$OUT/lighthouse.json" \
    --synth "$OUT/synth" --before bench/before.json --notes bench/notes.md --out bench/RESULTS.md --elapsed "$(($(date +%s) - start))"
step "done in $(($(date +%s) - start))s"
