#!/usr/bin/env bash
# Builds the reader on the bundled report and serves it: installs any missing tool first.
# Usage: scripts/serve.sh [PORT]   (default 8080)
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
. scripts/setup.sh
PORT=${1:-8080}
# Trunk's post-build hook (Trunk.toml) runs `package`, so dist/ is what ships.
trunk build --release
echo
echo "The reader is at:  http://127.0.0.1:$PORT/   (Ctrl-C stops it)"
echo
exec node tests/browser/serve.mjs dist "$PORT" /
