#!/usr/bin/env bash
# Runs every test: installs any missing tool, checks format and lints (native and wasm32), runs
# the native tests, builds the release reader with Trunk (whose post-build hook runs `package`:
# strict-CSP start-up, pre-rendered text, offline file) and drives it in headless Chromium, and
# in Firefox when firefox-esr is installed.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
start=$(date +%s)
step() { printf '\n\033[1m== %s\033[0m (%ss)\n' "$*" "$(($(date +%s) - start))"; }

step "setup"
. scripts/setup.sh --browser

step "format"
cargo fmt --all --check

step "clippy (native)"
cargo clippy --locked --workspace --all-targets -- -D warnings

step "clippy (wasm32)"
# The tools are native-only (files, processes): wasm32 lints cover what ships to the browser.
cargo clippy --locked -p fazhi-reader -p fazhi-core -p fazhi-worker --all-targets --target wasm32-unknown-unknown -- -D warnings

step "native tests"
cargo test --locked --workspace

step "release build (trunk, then package as its post-build hook)"
trunk build --release
# The hook must have run: CI tests what ships, not Trunk's raw output.
if ! ls dist/start-*.js dist/shangcheng-2022.html >/dev/null 2>&1; then
    echo "dist/ was not packaged: the post-build hook in Trunk.toml did not run" >&2
    exit 1
fi

step "sizes (bytes: raw, gzip -9)"
raw_total=0
gz_total=0
for f in dist/*; do
    raw=$(wc -c <"$f")
    gz=$(gzip -9c "$f" | wc -c)
    printf '%9s %9s  %s\n' "$raw" "$gz" "${f#dist/}"
    raw_total=$((raw_total + raw))
    gz_total=$((gz_total + gz))
done
printf '%9s %9s  %s\n' "$raw_total" "$gz_total" "total (the offline .html repeats the rest in one file)"

step "browser tests (headless Chromium)"
node --test --test-concurrency=1 tests/browser/

step "Firefox (WebDriver BiDi): offline file, strict CSP, embed"
if command -v firefox-esr >/dev/null; then
    # Node 20 needs a flag for its WebSocket client; later versions have it on by default.
    ws_flag=$(node -e 'process.stdout.write(typeof WebSocket === "function" ? "" : "--experimental-websocket")')
    node $ws_flag --no-warnings tests/firefox/smoke.mjs dist
else
    echo "firefox-esr is not installed: skipped (scripts/setup.sh --browser installs it)"
fi

step "benchmark lock (bench/package-lock.json still installs)"
# `npm ci` refuses a lock that no longer matches what package.json asks for, as happened when a
# dependency of Lighthouse asked for `third-party-web@latest` and the tag moved. --dry-run
# resolves the tree against the registry without downloading Lighthouse (250 MB).
npm ci --prefix bench --dry-run --no-audit --no-fund >/dev/null

step "size budgets (bench/budgets.json)"
node bench/budgets.mjs

step "all tests passed in $(($(date +%s) - start))s"
