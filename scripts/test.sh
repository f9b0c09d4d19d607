#!/usr/bin/env bash
# Runs every test: installs any missing tool, checks format and lints (native and wasm32), runs
# the native tests, builds the release reader with Trunk and drives it in headless Chromium.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
start=$(date +%s)
step() { printf '\n\033[1m== %s\033[0m (%ss)\n' "$*" "$(($(date +%s) - start))"; }

step "setup"
. scripts/setup.sh --browser

step "format"
cargo fmt --check

step "clippy (native)"
cargo clippy --locked --all-targets -- -D warnings

step "clippy (wasm32)"
cargo clippy --locked --all-targets --target wasm32-unknown-unknown -- -D warnings

step "native tests"
cargo test --locked

step "release build (trunk)"
trunk build --release
wasm=$(ls dist/*.wasm)
printf 'wasm: %s bytes raw, %s bytes gzip -9\n' "$(wc -c <"$wasm")" "$(gzip -9c "$wasm" | wc -c)"

step "browser tests (headless Chromium)"
node --test --test-concurrency=1 tests/browser/

step "all tests passed in $(($(date +%s) - start))s"
