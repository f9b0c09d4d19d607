#!/usr/bin/env bash
# Fuzzes fazhi-core for about SECONDS in all (default 600): every property/fuzz target (arbitrary
# bytes into every decoder and `convert`, token soup and mutated seeds into `parse`, arbitrary
# chart specs into `draw`, mutated report JSON into the validator, the exports, the search
# index, chart resolution and drawing and the pre-rendered page) runs for an equal share of the
# time, with fresh random seeds, in a build that is optimised but keeps overflow checks and
# debug assertions. Prints the inputs run per target and in total, and every failure found with
# its shrunk input; exits non-zero if there was one. CI (scripts/test.sh) runs the same targets
# with their bounded default number of inputs.
#
#   bash scripts/fuzz.sh [SECONDS]      nice -n 10 is applied: the machine is shared.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
seconds=${1:-600}
targets=(ingest_props ingest_bytes_props charts_props report_props typeset_props)
test_args=()
for t in "${targets[@]}"; do test_args+=(--test "$t"); done

# A profile of its own (defined here, not in Cargo.toml): opt-level 3 for speed, the dev
# profile's overflow checks and debug assertions so that arithmetic bugs still panic.
export CARGO_PROFILE_FUZZ_INHERITS=dev
export CARGO_PROFILE_FUZZ_OPT_LEVEL=3
export CARGO_PROFILE_FUZZ_DEBUG=false
cargo=(nice -n 10 cargo test --locked --profile fuzz --no-fail-fast -p fazhi-core "${test_args[@]}")

echo "fuzz: building the targets (profile fuzz)"
"${cargo[@]}" --no-run 2>&1 | grep -v '^ *Executable' || true
# One share of the time per target (a test function at the top of a file; the helpers'
# own tests, `svg::…`, are not targets).
n=$("${cargo[@]}" -- --list 2>/dev/null | grep ': test$' | grep -vc '::')
share=$(( seconds / n > 0 ? seconds / n : 1 ))
echo "fuzz: $n targets, $share s each"

log=target/fuzz.log
start=$(date +%s)
status=0
FAZHI_FUZZ_SECONDS=$share "${cargo[@]}" -- --nocapture --test-threads=1 >"$log" 2>&1 || status=$?
elapsed=$(( $(date +%s) - start ))

# With --nocapture a line can start with libtest's "test name ... ": match anywhere.
grep -oE '(fuzz|report_props|ingest_bytes_props): .*' "$log" | grep -v FOUND || true
grep -oE 'fuzz: [^ ]+: [0-9]+ inputs in [0-9.]+s' "$log" | awk -v secs="$elapsed" '
    { total += $3; targets++ }
    END {
        printf "fuzz: total: %d inputs over %d targets in %d s\n", total, targets, secs
    }'
found=$(grep -c 'FOUND' "$log" || true)
failed=$(grep -cE '^test .* FAILED$|\.\.\. FAILED$|^FAILED$' "$log" || true)
echo "fuzz: $found failing inputs found, $failed tests failed"
if [ "$status" -ne 0 ]; then
    echo "fuzz: failures (full log: $log):" >&2
    grep -E -A3 'FOUND|panicked' "$log" >&2 || tail -40 "$log" >&2
fi
exit "$status"
