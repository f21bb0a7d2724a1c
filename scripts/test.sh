#!/usr/bin/env bash
# Every check of `make test`. Each step prints how many tests (or files, or targets) it ran and
# fails the run if that count is zero. A summary table ends the run.
set -uo pipefail
source "$(dirname "$0")/env.sh"
LOGS=target/test-logs
mkdir -p "$LOGS"
SUMMARY=()
T0=$(date +%s)

# step NAME COUNTER -- COMMAND...: runs COMMAND with its output in $LOGS/NAME.log, then COUNTER
# (a function reading the log) gives the count of what ran.
step() {
  local name=$1 counter=$2; shift 3
  local start; start=$(date +%s)
  printf '\n=== %s: %s\n' "$name" "$*"
  "$@" > >(tee "$LOGS/$name.log") 2>&1
  local status=$?
  wait
  local count; count=$($counter "$LOGS/$name.log")
  local secs=$(( $(date +%s) - start ))
  SUMMARY+=("$(printf '%-22s %6s %5ss  %s' "$name" "$count" "$secs" "$([ $status = 0 ] && echo ok || echo FAILED)")")
  if [ $status != 0 ]; then printf '\n%s FAILED (exit %s); log: %s\n' "$name" $status "$LOGS/$name.log"; finish 1; fi
  if [ "${count:-0}" -le 0 ]; then printf '\n%s ran nothing (count 0); log: %s\n' "$name" "$LOGS/$name.log"; finish 1; fi
  printf -- '--- %s: %s ran, %ss\n' "$name" "$count" "$secs"
}

finish() {
  printf '\n%-22s %6s %6s  %s\n' step count time result
  printf '%s\n' "${SUMMARY[@]}"
  printf 'total %ss\n' $(( $(date +%s) - T0 ))
  exit "$1"
}

# counters
cargo_passed() { grep -oE 'test result: ok\. [0-9]+ passed' "$1" | awk '{s+=$4} END {print s+0}'; }
wasm_passed() { grep -oE 'test result: ok\. [0-9]+ passed' "$1" | awk '{s+=$4} END {print s+0}'; }
node_passed() { grep -E '^# pass [0-9]+' "$1" | awk '{s+=$3} END {print s+0}'; }
rs_files() { find src tests benches examples -name '*.rs' | wc -l; }
checked_targets() { grep -cE '^\s*(Checking|Compiling) newslens' "$1"; }
bench_success() { grep -c 'Success' "$1"; }
bench_rows() { grep -cE '^\| .* [0-9.]+ (MB/s|ms|MB) \|' "$1"; }
one() { echo 1; }

# touching the crate root makes clippy re-check newslens itself (dependencies stay cached)
clippy_native() { touch src/lib.rs && cargo clippy --locked --all-targets -- -D warnings; }
clippy_wasm() { touch src/lib.rs && wasm_env cargo clippy --locked --target wasm32-unknown-unknown --lib --tests -- -D warnings; }
fmt_check() { cargo fmt --all --check && echo "formatted: $(rs_files) files"; }
step fmt rs_files -- fmt_check
step clippy-native checked_targets -- clippy_native
step clippy-wasm32 checked_targets -- clippy_wasm
step cargo-test cargo_passed -- cargo test --locked
step bench-smoke bench_success -- cargo test --locked --benches
step weights-fresh one -- cargo run --locked --release --example fit -- --check
step wasm-node wasm_passed -- wasm_env wasm-pack test --node
step wasm-chrome wasm_passed -- env WASM_BINDGEN_USE_BROWSER=1 "${WASM_ENV[@]}" wasm-pack test --headless --chrome --chromedriver /usr/bin/chromedriver
step build-pkg one -- bash scripts/build-pkg.sh
step node-bench-smoke bench_rows -- env BENCH_SMOKE=1 node benches/node-bench.mjs
step node-api node_passed -- node --test --test-reporter=tap tests/node/
step npm-package node_passed -- node --test --test-reporter=tap --test-concurrency=1 tests/npm/
step e2e-browser node_passed -- node --test --test-reporter=tap --test-concurrency=1 tests/e2e/
finish 0
